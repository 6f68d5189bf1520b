#include "interview/requirements_document.hpp"

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/areas.hpp"
#include "domain/readiness.hpp"
#include "interview/project_review.hpp"
#include "interview/reqif_document.hpp"
#include "interview/requirements_export.hpp"

namespace nexus {
namespace {

using nlohmann::json;

constexpr std::array kPriorities{Priority::Must, Priority::Should, Priority::Could, Priority::Wont};
constexpr std::array kCategories{RequirementCategory::Functional, RequirementCategory::NonFunctional,
                                 RequirementCategory::Technical, RequirementCategory::Constraint,
                                 RequirementCategory::Assumption};
constexpr std::array kValidationStates{ValidationStatus::Validated, ValidationStatus::Pending,
                                       ValidationStatus::Rejected};

// Enough of a source message to recognise it; the message id leads to the whole of it.
constexpr std::size_t kQuoteBytes = 120;
constexpr std::string_view kNone = "—";

using Columns = std::vector<std::string_view>;
using Cells = std::vector<std::string>;

// ---- values as the documents show them ----

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
std::string number(double value, std::optional<int> decimals = std::nullopt) {
  std::array<char, 32> buffer{};
  char* const end = buffer.data() + buffer.size();
  const auto written = decimals ? std::to_chars(buffer.data(), end, value, std::chars_format::fixed, *decimals)
                                : std::to_chars(buffer.data(), end, value);
  return std::string(buffer.data(), written.ptr);
}

std::string areaText(const std::optional<std::string>& area) {
  return area ? domain::areaLabel(*area) : std::string(kNone);
}

// "interview:<sessionId> (message <messageId>)", one per place the requirement was stated;
// `name` writes the source and message id (as code in Markdown, as they are in CSV).
template <typename Name>
std::string sourcesText(const std::vector<RequirementSource>& sources, Name name) {
  std::string out;
  for (const auto& s : sources) {
    out += (out.empty() ? "" : "; ") + name(s.source) + (s.messageId ? " (message " + name(*s.messageId) + ")" : "");
  }
  return out;
}

std::string asIs(std::string_view text) { return std::string(text); }

std::string quote(std::string_view content) {
  return text::truncateUtf8(text::collapseWhitespace(content), kQuoteBytes);
}

// ---- Markdown ----

// User text as Markdown inline content, shown literally: on one line (a line break would end
// a table row or list item) and with every character escaped that could open emphasis, a
// link, HTML, an entity, a code span, math, a new table cell, or close a heading (trailing #).
// User text never starts a line in these documents, so line-start markers (-, +, 1.) are inert.
std::string markdownText(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\`*_[]<>#|~&$";
  std::string out;
  for (const char c : text::collapseWhitespace(text)) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// An id as inline code, so that it reads and copies exactly as it is (no backslashes). Code
// spans interpret nothing but backticks, and a table cell ends at a pipe even inside one: an
// id with either, or with a line break, is written as escaped text instead.
std::string markdownCode(std::string_view id) {
  if (id.empty() || id.find_first_of("`|\r\n") != std::string_view::npos) return markdownText(id);
  return "`" + std::string(id) + "`";
}

// Cells are Markdown already: user text went through markdownText or markdownCode.
std::string markdownRow(const Cells& cells) {
  std::string out = "|";
  for (const auto& cell : cells) out += " " + cell + " |";
  return out + "\n";
}

std::string markdownTable(const Columns& columns, const std::vector<Cells>& rows) {
  std::string out = markdownRow(Cells(columns.begin(), columns.end())) + "|";
  for (std::size_t i = 0; i < columns.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) out += markdownRow(row);
  return out;
}

// What a document says above its requirements: "# title", then "- **label:** value" lines;
// title and values are Markdown already.
struct Heading {
  std::string title;
  std::vector<std::pair<std::string_view, std::string>> facts;
};

template <typename Enum, std::size_t N, typename Label>
std::string countTable(std::string_view what, const std::array<Enum, N>& values,
                       const std::map<Enum, std::size_t>& counts, Label label) {
  std::vector<Cells> rows;
  for (const Enum value : values) {
    const auto found = counts.find(value);
    rows.push_back({std::string(label(value)), std::to_string(found == counts.end() ? 0 : found->second)});
  }
  return markdownTable({what, "Requirements"}, rows);
}

// The whole document: heading, counts by priority and category, then one table per MoSCoW
// priority that has requirements, in the order given. `Entry` is Requirement or
// ExtractedRequirement.
template <typename Entry, typename CellsOf>
std::string markdownDocument(const Heading& heading, std::span<const Entry> requirements,
                             const Columns& columns, CellsOf cellsOf) {
  std::string out = "# " + heading.title + "\n\n";
  for (const auto& [label, value] : heading.facts) {
    out += "- **" + std::string(label) + ":** " + value + "\n";
  }

  std::map<Priority, std::vector<Cells>> groups;
  std::map<Priority, std::size_t> byPriority;
  std::map<RequirementCategory, std::size_t> byCategory;
  for (const auto& r : requirements) {
    groups[r.priority].push_back(cellsOf(r));
    ++byPriority[r.priority];
    ++byCategory[r.category];
  }
  out += "\n## Overview\n\n" + countTable("Priority", kPriorities, byPriority, priorityHeading) + "\n" +
         countTable("Category", kCategories, byCategory, [](RequirementCategory c) { return toString(c); });
  if (requirements.empty()) return out + "\nNo requirements recorded.\n";
  for (const Priority priority : kPriorities) {
    const auto group = groups.find(priority);
    if (group == groups.end()) continue;
    out += "\n## " + std::string(priorityHeading(priority)) + " (" + std::to_string(group->second.size()) + ")\n\n" +
           markdownTable(columns, group->second);
  }
  return out;
}

// ---- CSV (RFC 4180) ----

// Spreadsheets (Excel, LibreOffice, Google Sheets) evaluate a cell that starts with = + - or @
// as a formula, and some strip a leading tab or CR before looking: a requirement text such as
// `=HYPERLINK("http://evil", "x")` would turn live when the team opens the file ("CSV
// injection"). A leading apostrophe makes them keep the cell as text.
std::string csvField(std::string_view value) {
  std::string field = !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos
                          ? "'" + std::string(value)
                          : std::string(value);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';  // a quote inside a quoted field is written twice
    quoted += c;
  }
  return quoted + "\"";
}

std::string csvRecord(const Cells& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i == 0 ? "" : ",") + csvField(cells[i]);
  return out + "\r\n";
}

template <typename Entry, typename CellsOf>
std::string csvDocument(std::span<const Entry> requirements, const Columns& columns, CellsOf cellsOf) {
  std::string out = csvRecord(Cells(columns.begin(), columns.end()));
  for (const auto& r : requirements) out += csvRecord(cellsOf(r));
  return out;
}

// ---- JSON ----

// Invalid UTF-8 (which the stores refuse anyway) becomes U+FFFD rather than failing the export.
std::string jsonDocument(const json& document) {
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

template <typename Entry>
json jsonList(std::span<const Entry> requirements) {
  json list = json::array();
  for (const auto& r : requirements) list.push_back(r);
  return list;
}

// ---- quality: readiness, open conflicts, open questions ----

std::string markdownQuality(std::span<const ExtractedRequirement> requirements,
                            std::span<const RequirementFinding> findings,
                            std::span<const RequirementConflict> conflicts, const Readiness& readiness) {
  std::map<std::string_view, std::string_view> textOf;
  for (const auto& r : requirements) textOf.emplace(r.id, r.text);
  const auto said = [&](const std::string& id) {
    const auto found = textOf.find(id);
    return found == textOf.end() ? std::string(kNone) : "“" + markdownText(found->second) + "”";
  };
  std::string out = "\n## Readiness\n\nScore **" + number(readiness.score, 2) + "** of 1 (ready at " +
                    number(readiness.threshold, 2) + " with no open conflict): " +
                    (readiness.ready ? "ready to hand over." : "not ready yet.") + "\n\n";
  std::vector<Cells> areas;
  for (const auto& area : readiness.areas) {
    areas.push_back({markdownText(domain::areaLabel(area.area)), std::string(toString(area.status)),
                     std::to_string(area.requirementIds.size())});
  }
  out += markdownTable({"Area", "Status", "Requirements"}, areas);

  std::vector<Cells> open;
  for (const auto& c : conflicts) {
    const auto side = [&](std::size_t i) -> std::optional<std::string> {
      const std::string& id = c.requirementIds[i];
      if (textOf.contains(id)) return said(id);
      if (c.isProjectSide(id)) return "“" + markdownText(c.projectRequirement->text) + "” (another interview)";
      return std::nullopt;
    };
    const auto first = side(0);
    const auto second = side(1);
    if (c.status != ReviewStatus::Open || !first || !second) continue;
    open.push_back({std::string(toString(c.kind)), *first, *second, markdownText(c.explanation)});
  }
  if (!open.empty()) {
    out += "\n## Open conflicts (" + std::to_string(open.size()) + ")\n\n" +
           markdownTable({"Kind", "Stated first", "Stated later", "Why they conflict"}, open);
  }
  std::string questions;
  std::size_t asked = 0;
  for (const auto& f : findings) {
    if (f.status != ReviewStatus::Open || !textOf.contains(f.requirementId)) continue;
    questions += std::to_string(++asked) + ". " + said(f.requirementId) + " — " + markdownText(f.message) +
                 (f.suggestion ? " " + markdownText(*f.suggestion) : "") + "\n";
  }
  if (asked > 0) out += "\n## Open questions (" + std::to_string(asked) + ")\n\n" + questions;
  return out;
}

json jsonQuality(std::span<const RequirementFinding> findings, std::span<const RequirementConflict> conflicts,
                 const Readiness& readiness) {
  json out{{"findings", json::array()}, {"conflicts", json::array()}, {"readiness", readiness}};
  for (const auto& f : findings) out["findings"].push_back(f);
  for (const auto& c : conflicts) out["conflicts"].push_back(c);
  return out;
}

// ---- a project's requirements database ----

const Columns kProjectMarkdownColumns{"Id",         "Requirement", "Category", "Area",
                                      "Confidence", "Validation",  "Feature",  "Sources"};
const Columns kProjectCsvColumns{"id",         "text",     "category", "priority",  "confidence", "area",
                                 "validation", "featureId", "sources", "createdAt", "updatedAt"};

Cells projectMarkdownCells(const Requirement& r) {
  return {markdownCode(r.id),
          markdownText(r.text),
          std::string(toString(r.category)),
          markdownText(areaText(r.area)),
          number(r.confidence, 2),
          std::string(toString(r.validation)),
          r.featureId ? markdownText(*r.featureId) : std::string(kNone),
          sourcesText(r.sources, markdownCode)};
}

Cells projectCsvCells(const Requirement& r) {
  return {r.id,
          r.text,
          std::string(toString(r.category)),
          std::string(toString(r.priority)),
          number(r.confidence),
          r.area.value_or(""),
          std::string(toString(r.validation)),
          r.featureId.value_or(""),
          sourcesText(r.sources, asIs),
          formatIso8601(r.createdAt),
          formatIso8601(r.updatedAt)};
}

// "4 (1 validated, 3 pending, 0 rejected)"
std::string validationSummary(std::span<const Requirement> requirements) {
  std::map<ValidationStatus, std::size_t> counts;
  for (const auto& r : requirements) ++counts[r.validation];
  std::string out;
  for (const ValidationStatus state : kValidationStates) {
    out += (out.empty() ? "" : ", ") + std::to_string(counts[state]) + " " + std::string(toString(state));
  }
  return std::to_string(requirements.size()) + " (" + out + ")";
}

Heading projectHeading(std::string_view projectId, std::span<const Requirement> requirements,
                       Timestamp generatedAt) {
  return {"Requirements: project " + markdownText(projectId),
          {{"Project", markdownText(projectId)},
           {"Generated", formatIso8601(generatedAt)},
           {"Requirements", validationSummary(requirements)}}};
}

// ---- one session's requirements ----

const Columns kSessionMarkdownColumns{"Id", "Requirement", "Category", "Area", "Confidence", "Stated in"};
const Columns kSessionCsvColumns{"id", "text", "category", "priority", "confidence", "area", "sourceMessageId",
                                 "sourceQuote"};

// The session's messages by id, to quote the one each requirement was stated in.
using MessageIndex = std::map<std::string_view, std::string_view>;

MessageIndex indexMessages(const InterviewSession& session) {
  MessageIndex index;
  for (const auto& m : session.messages) index.emplace(m.id, m.content);
  return index;
}

std::optional<std::string> sourceQuote(const MessageIndex& messages, const ExtractedRequirement& r) {
  const auto found = messages.find(r.sourceMessageId);
  if (found == messages.end()) return std::nullopt;
  return quote(found->second);
}

Cells sessionMarkdownCells(const MessageIndex& messages, const ExtractedRequirement& r) {
  const auto said = sourceQuote(messages, r);
  return {markdownCode(r.id),
          markdownText(r.text),
          std::string(toString(r.category)),
          markdownText(areaText(r.area)),
          number(r.confidence, 2),
          "message " + markdownCode(r.sourceMessageId) +
              (said ? ": “" + markdownText(*said) + "”" : " (not in this session)")};
}

Cells sessionCsvCells(const MessageIndex& messages, const ExtractedRequirement& r) {
  return {r.id,
          r.text,
          std::string(toString(r.category)),
          std::string(toString(r.priority)),
          number(r.confidence),
          r.area.value_or(""),
          r.sourceMessageId,
          sourceQuote(messages, r).value_or("")};
}

// The session's requirements as the requirements database would record them, with the words of
// the messages they were stated in.
std::pair<std::vector<Requirement>, SourceQuotes> sessionRecords(const InterviewSession& session) {
  std::map<std::string_view, const InterviewMessage*> byId;
  for (const auto& m : session.messages) byId.emplace(m.id, &m);
  std::vector<Requirement> records;
  SourceQuotes quotes;
  for (const auto& r : session.extractedRequirements) {
    const auto said = byId.find(r.sourceMessageId);
    const Timestamp when = said == byId.end() ? session.startedAt : said->second->timestamp;
    Requirement record;
    record.id = r.id;
    record.projectId = session.projectId;
    record.text = r.text;
    record.category = r.category;
    record.priority = r.priority;
    record.confidence = r.confidence;
    record.area = r.area;
    record.sources.push_back({interviewSource(session.id), r.sourceMessageId, r.id, when});
    record.createdAt = record.updatedAt = when;
    records.push_back(std::move(record));
    if (said != byId.end()) quotes.add(interviewSource(session.id), r.sourceMessageId, said->second->content);
  }
  return {std::move(records), std::move(quotes)};
}

Heading sessionHeading(const InterviewSession& session, Timestamp generatedAt) {
  return {"Requirements: session " + markdownCode(session.id),
          {{"Project", markdownText(session.projectId)},
           {"Session", markdownCode(session.id) + " (" + std::string(toString(session.status)) + ")"},
           {"Started", formatIso8601(session.startedAt)},
           {"Last activity", formatIso8601(session.lastActivityAt)},
           {"Generated", formatIso8601(generatedAt)},
           {"Requirements", std::to_string(session.extractedRequirements.size())}}};
}

}  // namespace

std::optional<DocumentFormat> parseDocumentFormat(std::string_view text) {
  const std::string lower = text::toLower(text);
  if (lower == "markdown" || lower == "md") return DocumentFormat::Markdown;
  if (lower == "json") return DocumentFormat::Json;
  if (lower == "csv") return DocumentFormat::Csv;
  if (lower == "reqif") return DocumentFormat::Reqif;
  return std::nullopt;
}

std::string_view toString(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::Markdown: return "markdown";
    case DocumentFormat::Json: return "json";
    case DocumentFormat::Csv: return "csv";
    case DocumentFormat::Reqif: return "reqif";
  }
  return "";
}

std::string renderProjectDocument(std::string_view projectId, std::span<const Requirement> requirements,
                                  DocumentFormat format, Timestamp generatedAt, double readyThreshold,
                                  const SourceQuotes& quotes) {
  switch (format) {
    case DocumentFormat::Markdown: {
      const ProjectReview review = reviewRequirements(requirements, readyThreshold);
      std::vector<ExtractedRequirement> views;
      for (const auto& r : requirements) views.push_back(analysisView(r));
      return markdownDocument(projectHeading(projectId, requirements, generatedAt), requirements,
                              kProjectMarkdownColumns, projectMarkdownCells) +
             markdownQuality(views, review.findings, review.conflicts, review.readiness);
    }
    case DocumentFormat::Json: {
      const ProjectReview review = reviewRequirements(requirements, readyThreshold);
      json document{{"format", kProjectDocumentFormat},
                    {"schemaVersion", kProjectDocumentVersion},
                    {"projectId", std::string(projectId)},
                    {"generatedAt", timestampToJson(generatedAt)},
                    {"requirements", jsonList(requirements)}};
      document.update(jsonQuality(review.findings, review.conflicts, review.readiness));
      return jsonDocument(document);
    }
    case DocumentFormat::Csv:
      return csvDocument(requirements, kProjectCsvColumns, projectCsvCells);
    case DocumentFormat::Reqif:
      return renderReqif(projectId, requirements, quotes, generatedAt);
  }
  return "";
}

std::string renderSessionDocument(const InterviewSession& session, DocumentFormat format, Timestamp generatedAt,
                                  double readyThreshold) {
  const std::span<const ExtractedRequirement> requirements = session.extractedRequirements;
  const MessageIndex messages = indexMessages(session);
  const Readiness readiness =
      domain::assessReadiness(requirements, session.findings, session.conflicts, readyThreshold);
  switch (format) {
    case DocumentFormat::Markdown:
      return markdownDocument(sessionHeading(session, generatedAt), requirements, kSessionMarkdownColumns,
                              [&](const ExtractedRequirement& r) { return sessionMarkdownCells(messages, r); }) +
             markdownQuality(requirements, session.findings, session.conflicts, readiness);
    case DocumentFormat::Json: {
      json document{{"sessionId", session.id},
                    {"projectId", session.projectId},
                    {"generatedAt", timestampToJson(generatedAt)},
                    {"requirements", jsonList(requirements)}};
      document.update(jsonQuality(session.findings, session.conflicts, readiness));
      document["requirementEdits"] = session.requirementEdits;
      return jsonDocument(document);
    }
    case DocumentFormat::Csv:
      return csvDocument(requirements, kSessionCsvColumns,
                         [&](const ExtractedRequirement& r) { return sessionCsvCells(messages, r); });
    case DocumentFormat::Reqif: {
      const auto [records, quotes] = sessionRecords(session);
      return renderReqif(session.projectId, records, quotes, generatedAt);
    }
  }
  return "";
}

}  // namespace nexus
