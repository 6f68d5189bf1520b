#include "interview/markdown_document.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "core/enums.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/areas.hpp"
#include "domain/ears.hpp"
#include "interview/spilled_rows.hpp"

namespace nexus {
namespace {

constexpr std::array kPriorities{Priority::Must, Priority::Should, Priority::Could, Priority::Wont};
constexpr std::array kCategories{RequirementCategory::Functional, RequirementCategory::NonFunctional,
                                 RequirementCategory::Technical, RequirementCategory::Constraint,
                                 RequirementCategory::Assumption};

// Enough of a source message to recognise it; the message id leads to the whole of it.
constexpr std::size_t kQuoteBytes = 120;
constexpr std::string_view kNone = "—";
constexpr std::string_view kInterviewPrefix = "interview:";

using Cells = std::vector<std::string>;
using Columns = std::vector<std::string_view>;

std::string_view priorityHeading(Priority priority) {
  switch (priority) {
    case Priority::Must: return "Must have";
    case Priority::Should: return "Should have";
    case Priority::Could: return "Could have";
    case Priority::Wont: return "Won't have";
  }
  return "";
}

// Locale-independent, so that a document does not depend on the machine's settings.
std::string fixed(double value, int decimals) {
  std::array<char, 32> buffer{};
  const auto written =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
  return std::string(buffer.data(), written.ptr);
}

std::string quoted(std::string_view words) {
  return "“" + markdownText(text::truncateUtf8(text::collapseWhitespace(words), kQuoteBytes)) + "”";
}

// Cells are Markdown already: user text went through markdownText or markdownCode.
std::string row(const Cells& cells) {
  std::string out = "|";
  for (const auto& cell : cells) out += " " + cell + " |";
  return out + "\n";
}

// A table's first two lines.
std::string tableHead(const Columns& columns) {
  std::string out = row(Cells(columns.begin(), columns.end())) + "|";
  for (std::size_t i = 0; i < columns.size(); ++i) out += "---|";
  return out + "\n";
}

std::string table(const Columns& columns, const std::vector<Cells>& rows) {
  std::string out = tableHead(columns);
  for (const auto& r : rows) out += row(r);
  return out;
}

template <typename Enum, std::size_t N, typename Label>
std::string countTable(std::string_view what, const std::array<Enum, N>& values,
                       const std::map<Enum, std::size_t>& counts, Label label) {
  std::vector<Cells> rows;
  for (const Enum value : values) {
    const auto found = counts.find(value);
    rows.push_back({std::string(label(value)), std::to_string(found == counts.end() ? 0 : found->second)});
  }
  return table({what, "Requirements"}, rows);
}

std::string section(std::string_view level, std::string_view title, std::size_t count) {
  return "\n" + std::string(level) + " " + std::string(title) + " (" + std::to_string(count) + ")\n\n";
}

// "Data model", "UI/UX": an area's label as a heading.
std::string areaTitle(const std::optional<std::string>& area) {
  if (!area) return "No area";
  std::string label = domain::areaLabel(*area);
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return markdownText(label);
}

constexpr SpilledRows::Group kTraceability = 0;

class Writer {
 public:
  Writer(std::ostream& out, const SourceQuotes& quotes, const MarkdownParts& parts, DocumentStyle style)
      : out_(out), quotes_(quotes), parts_(parts), style_(style) {}

  Result<void> write(const RequirementWalk& walk) {
    auto walked = walk([&](const Requirement& r) {
      if (parts_.see) parts_.see(r);
      take(r);
      return true;
    });
    if (!walked) return walked;
    MarkdownHeading heading = parts_.heading();
    quality_ = parts_.quality();
    heading.facts.emplace_back("Readiness", readinessFact());
    if (style_ == DocumentStyle::Ears) {
      heading.facts.emplace_back("Phrasing",
                                 "EARS (Easy Approach to Requirements Syntax), each beside the words it was stated in");
    }
    out_ << "# " << heading.title << "\n\n";
    for (const auto& [label, value] : heading.facts) out_ << "- **" << label << ":** " << value << "\n";
    out_ << overview();
    if (requirements_ == 0) {
      out_ << "\nNo requirements recorded.\n";
    } else {
      for (const RequirementCategory category : kCategories) categorySection(category);
    }
    out_ << readiness() << openQuestions();
    traceability();
    return {};
  }

 private:
  using AreaKey = std::pair<RequirementCategory, std::optional<std::string>>;

  // Counts it, and puts its rows where they will go.
  void take(const Requirement& r) {
    ++requirements_;
    ++byPriority_[r.priority];
    ++byCategory_[r.category];
    const AreaKey key{r.category, r.area};
    auto group = groups_.find(key);
    if (group == groups_.end()) group = groups_.emplace(key, static_cast<SpilledRows::Group>(groups_.size() + 1)).first;
    rows_.append(group->second, row(cells(r)));
    traceRows(r);
  }

  std::string readinessFact() const {
    const Readiness& r = quality_.readiness;
    return "**" + fixed(r.score, 2) + "** of 1, " + (r.ready ? "ready to hand over" : "not ready yet") +
           " (ready at " + fixed(r.threshold, 2) + " with no open conflict)";
  }

  std::string overview() const {
    return "\n## Overview\n\n" + countTable("Priority", kPriorities, byPriority_, priorityHeading) + "\n" +
           countTable("Category", kCategories, byCategory_,
                      [](RequirementCategory c) { return categoryHeading(c); });
  }

  std::optional<std::string> firstQuote(const Requirement& r) const {
    for (const auto& source : r.sources) {
      if (const auto said = quotes_.find(source)) return quoted(*said);
    }
    return std::nullopt;
  }

  Cells cells(const Requirement& r) const {
    Cells out{markdownCode(r.id)};
    if (style_ == DocumentStyle::Ears) {
      const domain::EarsPhrasing phrased = domain::phraseInEars(r.text);
      const bool kept = phrased.pattern == domain::EarsPattern::AsStated;
      out.push_back(kept ? markdownText(r.text) + " *(kept as stated: no EARS pattern fits)*"
                         : markdownText(phrased.text));
      out.push_back(kept ? std::string(kNone) : std::string(domain::toString(phrased.pattern)));
    } else {
      out.push_back(markdownText(r.text));
    }
    out.push_back(std::string(toString(r.priority)));
    out.push_back(fixed(r.confidence, 2));
    out.push_back(std::string(toString(r.validation)));
    // EARS puts the requirement as stated beside the phrasing; the message it came from is in
    // the traceability table. As stated, the message is quoted here.
    if (style_ == DocumentStyle::Ears) {
      out.push_back("“" + markdownText(r.text) + "”");
    } else {
      out.push_back(firstQuote(r).value_or(std::string(kNone)));
    }
    return out;
  }

  Columns columns() const {
    if (style_ == DocumentStyle::Ears) {
      return {"Id", "Requirement (EARS)", "Pattern", "Priority", "Confidence", "Validation", "As stated"};
    }
    return {"Id", "Requirement", "Priority", "Confidence", "Validation", "Said"};
  }

  // The standard areas in their order, then the category's others by name, then those in none.
  std::vector<std::optional<std::string>> areaOrder(RequirementCategory category) const {
    std::vector<std::optional<std::string>> order(domain::kStandardAreas.begin(), domain::kStandardAreas.end());
    bool unplaced = false;
    for (auto it = groups_.lower_bound({category, std::nullopt}); it != groups_.end() && it->first.first == category;
         ++it) {
      const auto& area = it->first.second;
      if (!area) {
        unplaced = true;
      } else if (!domain::isStandardArea(*area)) {
        order.push_back(area);  // the map keeps them sorted by name
      }
    }
    if (unplaced) order.emplace_back(std::nullopt);
    return order;
  }

  void categorySection(RequirementCategory category) {
    const auto count = byCategory_.find(category);
    if (count == byCategory_.end()) return;
    out_ << section("##", categoryHeading(category), count->second);
    bool first = true;
    for (const auto& area : areaOrder(category)) {
      const auto group = groups_.find({category, area});
      if (group == groups_.end()) continue;
      out_ << (first ? "" : "\n") << section("###", areaTitle(area), rows_.rows(group->second)).substr(1)
           << tableHead(columns());
      rows_.copyGroup(group->second, out_);
      first = false;
    }
  }

  std::string readiness() const {
    std::vector<Cells> areas;
    for (const auto& area : quality_.readiness.areas) {
      areas.push_back({markdownText(domain::areaLabel(area.area)), std::string(toString(area.status)),
                       std::to_string(area.requirementIds.size())});
    }
    return "\n## Readiness\n\nScore " + readinessFact() + ".\n\n" + table({"Area", "Status", "Requirements"}, areas);
  }

  std::string said(const std::string& id) const {
    const auto text = quality_.textOf(id);
    return text ? "“" + markdownText(*text) + "”" : std::string(kNone);
  }
  bool known(const std::string& id) const { return quality_.textOf(id).has_value(); }

  std::string openQuestions() const {
    std::string unexplored;
    std::size_t areas = 0;
    for (const auto& area : quality_.readiness.areas) {
      if (area.status == AreaStatus::Clear) continue;
      ++areas;
      unexplored += "- **" + areaTitle(area.area) + "**: " +
                    (area.status == AreaStatus::Missing ? "nothing said about it yet."
                                                        : "only requirements that need more detail.") +
                    "\n";
    }
    std::vector<Cells> conflicts;
    for (const auto& c : quality_.conflicts) {
      const auto side = [&](std::size_t i) -> std::optional<std::string> {
        const std::string& id = c.requirementIds[i];
        if (known(id)) return said(id);
        if (c.isProjectSide(id)) return "“" + markdownText(c.projectRequirement->text) + "” (another interview)";
        return std::nullopt;
      };
      const auto first = side(0);
      const auto second = side(1);
      if (c.status != ReviewStatus::Open || !first || !second) continue;
      conflicts.push_back({std::string(toString(c.kind)), *first, *second, markdownText(c.explanation)});
    }
    std::string findings;
    std::size_t asked = 0;
    for (const auto& f : quality_.findings) {
      if (f.status != ReviewStatus::Open || !known(f.requirementId)) continue;
      findings += std::to_string(++asked) + ". " + said(f.requirementId) + " — " + markdownText(f.message) +
                  (f.suggestion ? " " + markdownText(*f.suggestion) : "") + "\n";
    }
    std::string out = "\n## Open questions\n";
    if (areas == 0 && conflicts.empty() && asked == 0) return out + "\nNone: every area is covered and nothing is open.\n";
    if (areas > 0) out += section("###", "Unexplored areas", areas) + unexplored;
    if (!conflicts.empty()) {
      out += section("###", "Conflicts", conflicts.size()) +
             table({"Kind", "Stated first", "Stated later", "Why they conflict"}, conflicts);
    }
    if (asked > 0) out += section("###", "Findings", asked) + findings;
    return out;
  }

  // Requirement → session → message, one row per place it was said.
  void traceRows(const Requirement& r) {
    const std::string feature = r.featureId ? markdownText(*r.featureId) : std::string(kNone);
    for (const auto& s : r.sources) {
      const std::string_view source = s.source;
      const bool interview = source.starts_with(kInterviewPrefix);
      const auto said = quotes_.find(s);
      rows_.append(kTraceability,
                   row({markdownCode(r.id),
                        interview ? markdownCode(source.substr(kInterviewPrefix.size())) : std::string(kNone),
                        interview ? std::string(kNone) : markdownCode(source),
                        s.messageId ? markdownCode(*s.messageId) : std::string(kNone), formatIso8601(s.addedAt),
                        feature, said ? quoted(*said) : std::string(kNone)}));
    }
    if (r.sources.empty()) {
      rows_.append(kTraceability, row({markdownCode(r.id), std::string(kNone), std::string(kNone),
                                       std::string(kNone), formatIso8601(r.createdAt), feature, std::string(kNone)}));
    }
  }

  void traceability() {
    if (rows_.rows(kTraceability) == 0) {
      out_ << "\n## Traceability\n\nNothing to trace.\n";
      return;
    }
    out_ << "\n## Traceability\n\n"
         << tableHead({"Requirement", "Session", "Other source", "Message", "Recorded", "Feature", "Said"});
    rows_.copyGroup(kTraceability, out_);
  }

  std::ostream& out_;
  const SourceQuotes& quotes_;
  const MarkdownParts& parts_;
  DocumentStyle style_;
  std::size_t requirements_ = 0;
  std::map<Priority, std::size_t> byPriority_;
  std::map<RequirementCategory, std::size_t> byCategory_;
  std::map<AreaKey, SpilledRows::Group> groups_;  // sorted: category, then no area, then areas by name
  SpilledRows rows_;
  MarkdownQuality quality_;
};

}  // namespace

// Every character is escaped that could open emphasis, a link, HTML, an entity, a code span,
// math, a new table cell, or close a heading (trailing #). User text never starts a line in
// these documents, so line-start markers (-, +, 1.) are inert.
std::string markdownText(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\`*_[]<>#|~&$";
  std::string out;
  for (const char c : text::collapseWhitespace(text)) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Code spans interpret nothing but backticks, and a table cell ends at a pipe even inside one:
// an id with either, or with a line break, is written as escaped text instead.
std::string markdownCode(std::string_view id) {
  if (id.empty() || id.find_first_of("`|\r\n") != std::string_view::npos) return markdownText(id);
  return "`" + std::string(id) + "`";
}

Result<void> writeMarkdown(std::ostream& out, const RequirementWalk& walk, const SourceQuotes& quotes,
                           const MarkdownParts& parts, DocumentStyle style) {
  return Writer(out, quotes, parts, style).write(walk);
}

}  // namespace nexus
