#include "interview/requirement_extractor.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/enums.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"

// A hand-written scanner instead of std::regex: libstdc++'s regex recurses per character and
// model output is untrusted. Every scan only moves forward, so the whole pass is linear.

namespace nexus {
namespace {

using std::string_view;
constexpr std::size_t npos = string_view::npos;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == ':' || c == '.';
}

struct Tag {
  std::size_t begin = 0;  // at '<'
  std::size_t end = 0;    // one past '>'
  string_view name;
  string_view attrs;
  bool closing = false;
  bool selfClosing = false;
};

// Reads a tag at s[pos] == '<'. Gives up at the next '<', so a flood of stray '<' stays linear.
std::optional<Tag> tagAt(string_view s, std::size_t pos) {
  Tag tag;
  tag.begin = pos;
  std::size_t i = pos + 1;
  tag.closing = i < s.size() && s[i] == '/';
  if (tag.closing) ++i;
  const std::size_t nameStart = i;
  while (i < s.size() && isNameChar(s[i])) ++i;
  if (i == nameStart || i >= s.size() || (s[i] != '>' && s[i] != '/' && !isSpace(s[i]))) return std::nullopt;
  tag.name = s.substr(nameStart, i - nameStart);
  const std::size_t attrStart = i;
  while (i < s.size() && s[i] != '>' && s[i] != '<') ++i;
  if (i >= s.size() || s[i] != '>') return std::nullopt;
  string_view attrs = text::trim(s.substr(attrStart, i - attrStart));
  tag.selfClosing = !attrs.empty() && attrs.back() == '/';
  if (tag.selfClosing) attrs.remove_suffix(1);
  tag.attrs = attrs;
  tag.end = i + 1;
  return tag;
}

std::optional<Tag> nextTag(string_view s, std::size_t from) {
  for (std::size_t i = s.find('<', from); i != npos; i = s.find('<', i + 1)) {
    if (auto tag = tagAt(s, i)) return tag;
  }
  return std::nullopt;
}

std::optional<Tag> findClose(string_view s, std::size_t from, string_view name) {
  for (auto tag = nextTag(s, from); tag; tag = nextTag(s, tag->end)) {
    if (tag->closing && text::iequals(tag->name, name)) return tag;
  }
  return std::nullopt;
}

enum class Kind { Requirement, Requirements, Thinking, Other };

Kind kindOf(string_view name) {
  if (text::iequals(name, "requirement")) return Kind::Requirement;
  if (text::iequals(name, "requirements")) return Kind::Requirements;
  if (text::iequals(name, "thinking")) return Kind::Thinking;
  return Kind::Other;
}

// Appends what an entity body ("lt", "#39", "#x27") stands for; false when it is unknown.
bool appendEntity(std::string& out, string_view name) {
  static constexpr std::array<std::pair<string_view, char>, 5> kNamed{
      {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}}};
  for (const auto& [entity, c] : kNamed) {
    if (name == entity) {
      out.push_back(c);
      return true;
    }
  }
  if (name.size() < 2 || name[0] != '#') return false;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  const string_view digits = name.substr(hex ? 2 : 1);
  unsigned code = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  // ASCII only: models escape quotes and apostrophes this way, and write everything else as UTF-8.
  const bool whole = !digits.empty() && ec == std::errc{} && ptr == digits.data() + digits.size();
  if (!whole || code == 0 || code > 0x7F) return false;
  out.push_back(static_cast<char>(code));
  return true;
}

// The five XML entities plus numeric ones (models write &#39;). One pass, so "&amp;lt;" becomes
// "&lt;", not "<"; anything unknown stays as written.
std::string decodeEntities(string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t semi = s[i] == '&' ? s.substr(i, 12).find(';') : npos;
    if (semi != npos && appendEntity(out, s.substr(i + 1, semi - 1))) i += semi;
    else out.push_back(s[i]);
  }
  return out;
}

enum Field { kText, kCategory, kPriority, kConfidence, kArea, kFieldCount };
constexpr std::array<string_view, kFieldCount> kFieldNames{"text", "category", "priority", "confidence",
                                                           "area"};
using Fields = std::array<std::optional<std::string>, kFieldCount>;

std::optional<Field> fieldOf(string_view name) {
  for (int f = 0; f < kFieldCount; ++f) {
    if (text::iequals(name, kFieldNames[f])) return static_cast<Field>(f);
  }
  return std::nullopt;
}

// name="v", name='v' or name=v. The first non-blank value of a field wins.
Fields readAttributes(string_view attrs) {
  Fields fields;
  std::size_t i = 0;
  while (i < attrs.size()) {
    const std::size_t nameStart = i;
    while (i < attrs.size() && isNameChar(attrs[i])) ++i;
    if (i == nameStart) {
      ++i;  // junk between attributes
      continue;
    }
    const string_view name = attrs.substr(nameStart, i - nameStart);
    while (i < attrs.size() && isSpace(attrs[i])) ++i;
    if (i >= attrs.size() || attrs[i] != '=') continue;
    ++i;
    while (i < attrs.size() && isSpace(attrs[i])) ++i;
    std::size_t valueStart = i;
    std::size_t valueEnd = 0;
    if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
      valueStart = i + 1;
      valueEnd = std::min(attrs.find(attrs[i], valueStart), attrs.size());
      i = valueEnd + 1;
    } else {
      while (i < attrs.size() && !isSpace(attrs[i])) ++i;
      valueEnd = i;
    }
    const auto field = fieldOf(name);
    const string_view value = attrs.substr(valueStart, valueEnd - valueStart);
    if (field && !fields[*field] && !text::trim(value).empty()) fields[*field] = decodeEntities(value);
  }
  return fields;
}

// Child elements fill the fields; everything else in the block is "loose" text, which stands in
// for a missing <text> (attribute form: <requirement priority="must">Users sign in</requirement>).
Fields readChildren(string_view content, std::string& loose) {
  Fields fields;
  std::array<bool, kFieldCount> unclosed{};  // no close after here, so never search again: linear
  std::size_t pos = 0;
  while (auto tag = nextTag(content, pos)) {
    loose.append(content.substr(pos, tag->begin - pos));
    pos = tag->end;
    const auto field = fieldOf(tag->name);
    if (!field || tag->closing || tag->selfClosing || unclosed[*field]) continue;
    const auto close = findClose(content, tag->end, tag->name);
    if (!close) {
      unclosed[*field] = true;
      continue;
    }
    const string_view value = content.substr(tag->end, close->begin - tag->end);
    if (!fields[*field] && !text::trim(value).empty()) fields[*field] = decodeEntities(value);
    pos = close->end;
  }
  loose.append(content.substr(pos));
  return fields;
}

Priority normalisePriority(const std::optional<std::string>& raw) {
  if (!raw) return Priority::Should;
  // Letters only, words single-spaced; apostrophes (also UTF-8 curly ones) join: "Won't-Have" -> "wont have".
  std::string key;
  bool gap = false;
  for (char c : text::toLower(*raw)) {
    if (c >= 'a' && c <= 'z') {
      if (gap && !key.empty()) key.push_back(' ');
      gap = false;
      key.push_back(c);
    } else if (c != '\'' && static_cast<unsigned char>(c) < 0x80) {
      gap = true;
    }
  }
  if (key.size() > 5 && key.ends_with(" have")) key.resize(key.size() - 5);
  if (auto exact = parsePriority(key)) return *exact;
  if (key == "m" || key == "high" || key == "critical") return Priority::Must;
  if (key == "c" || key == "low" || key == "nice to") return Priority::Could;
  if (key == "w" || key == "will not") return Priority::Wont;
  return Priority::Should;  // "s", "medium" and anything unknown: the neutral middle
}

double normaliseConfidence(const std::optional<std::string>& raw) {
  constexpr double kUnknown = 0.5;
  if (!raw) return kUnknown;
  string_view v = text::trim(*raw);
  const bool percent = !v.empty() && v.back() == '%';
  if (percent) v = text::trim(v.substr(0, v.size() - 1));
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (v.empty() || ec != std::errc{} || ptr != v.data() + v.size() || !std::isfinite(value)) return kUnknown;
  if (percent || value > 1.0) value /= 100.0;  // "85" means 85 %; above 100 clamps to 1
  return std::clamp(value, 0.0, 1.0);
}

// "UI/UX" -> "ui_ux", "Data Model" -> "data_model"; runs of separators become one '_'.
std::optional<std::string> normaliseArea(const std::optional<std::string>& raw) {
  if (!raw) return std::nullopt;
  std::string out;
  bool separator = false;
  for (char c : text::toLower(text::trim(*raw))) {
    if (isSpace(c) || c == '-' || c == '/' || c == '_') {
      separator = true;
      continue;
    }
    if (separator && !out.empty()) out.push_back('_');
    separator = false;
    out.push_back(c);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<ExtractedRequirement> readBlock(string_view attrs, string_view content) {
  std::string loose;
  Fields fields = readChildren(content, loose);
  const Fields attributes = readAttributes(attrs);
  for (int f = 0; f < kFieldCount; ++f) {
    if (!fields[f]) fields[f] = attributes[f];
  }
  std::string body = text::collapseWhitespace(fields[kText] ? *fields[kText] : decodeEntities(loose));
  if (body.empty()) return std::nullopt;

  // Missing or unknown spelling -> Functional: the model did state a requirement, and losing it
  // over a label costs more than a mislabel the person can correct; functional is also the most
  // common kind, so it is the likeliest right guess.
  const auto category = fields[kCategory] ? parseCategory(text::trim(*fields[kCategory])) : std::nullopt;
  return ExtractedRequirement{.id = {},  // given only to the requirements that are kept
                              .text = std::move(body),
                              .category = category.value_or(RequirementCategory::Functional),
                              .priority = normalisePriority(fields[kPriority]),
                              .confidence = normaliseConfidence(fields[kConfidence]),
                              .area = normaliseArea(fields[kArea]),
                              .sourceMessageId = {},  // the engine fills it
                              .editedFields = {}};
}

struct BlockEnd {
  std::size_t contentEnd;
  std::size_t resume;  // where the shown text continues
  bool closed;
};

// A block ends at its close; unclosed, at the next <requirement>, </requirements> or the end.
BlockEnd findBlockEnd(string_view s, const Tag& open) {
  if (open.selfClosing) return {open.end, open.end, true};
  for (auto tag = nextTag(s, open.end); tag; tag = nextTag(s, tag->end)) {
    const Kind kind = kindOf(tag->name);
    if (kind == Kind::Requirement && tag->closing) return {tag->begin, tag->end, true};
    if ((kind == Kind::Requirement && !tag->closing) || (kind == Kind::Requirements && tag->closing)) {
      return {tag->begin, tag->begin, false};
    }
  }
  return {s.size(), s.size(), false};
}

// Strips trailing blanks per line (and CR, so CRLF becomes LF), keeps at most one blank line
// between paragraphs, trims the ends.
std::string tidy(string_view s) {
  std::string out;
  out.reserve(s.size());
  bool blankRun = false;
  for (std::size_t start = 0; start <= s.size();) {
    const std::size_t nl = std::min(s.find('\n', start), s.size());
    string_view line = s.substr(start, nl - start);
    while (!line.empty() && (isBlank(line.back()) || line.back() == '\r')) line.remove_suffix(1);
    start = nl + 1;
    if (text::trim(line).empty()) {
      blankRun = true;
      continue;
    }
    if (!out.empty()) out += blankRun ? "\n\n" : "\n";
    out += line;
    blankRun = false;
  }
  return std::string(text::trim(out));
}

}  // namespace

RequirementExtractor::RequirementExtractor(double confidenceThreshold) : threshold_(kDefaultThreshold) {
  setThreshold(confidenceThreshold);
}

void RequirementExtractor::setThreshold(double confidenceThreshold) {
  if (!(confidenceThreshold >= 0.0 && confidenceThreshold <= 1.0)) {  // also refuses NaN
    throw std::invalid_argument("confidence threshold must be between 0 and 1, got " +
                                std::to_string(confidenceThreshold));
  }
  threshold_ = confidenceThreshold;
}

ExtractionResult RequirementExtractor::extract(std::string_view rawOutput) const {
  ExtractionResult result;
  std::string shown;
  shown.reserve(rawOutput.size());
  std::size_t copyFrom = 0;  // start of the raw text not yet copied to `shown`
  std::size_t scan = 0;
  while (auto tag = nextTag(rawOutput, scan)) {
    const Kind kind = kindOf(tag->name);
    if (kind == Kind::Other) {
      scan = tag->end;
      continue;
    }
    shown.append(rawOutput.substr(copyFrom, tag->begin - copyFrom));
    std::size_t resume = tag->end;  // stray closes and <requirements> wrappers drop only the tag
    if (kind == Kind::Thinking && !tag->closing && !tag->selfClosing) {
      // Unclosed: the rest is the model's scratchpad. Requirements drafted inside are not taken.
      const auto close = findClose(rawOutput, tag->end, "thinking");
      resume = close ? close->end : rawOutput.size();
    } else if (kind == Kind::Requirement && !tag->closing) {
      const BlockEnd end = findBlockEnd(rawOutput, *tag);
      resume = end.resume;
      auto req = end.closed ? readBlock(tag->attrs, rawOutput.substr(tag->end, end.contentEnd - tag->end))
                            : std::nullopt;
      if (!req) {
        ++result.malformedCount;
      } else {
        ++result.rawCount;
        if (req->confidence < threshold_) {
          ++result.filteredCount;
        } else {
          req->id = newId();
          result.requirements.push_back(std::move(*req));
        }
      }
    }
    // "Done. <requirement>…</requirement> Next?" should not leave a double space behind.
    if (!shown.empty() && isBlank(shown.back())) {
      while (resume < rawOutput.size() && isBlank(rawOutput[resume])) ++resume;
    }
    copyFrom = scan = resume;
  }
  shown.append(rawOutput.substr(copyFrom));
  result.displayText = tidy(shown);
  return result;
}

}  // namespace nexus
