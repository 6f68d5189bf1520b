#include "interview/requirements_document.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/areas.hpp"
#include "domain/readiness.hpp"
#include "domain/ears.hpp"
#include "interview/markdown_document.hpp"
#include "interview/project_review.hpp"
#include "interview/reqif_document.hpp"
#include "interview/requirements_export.hpp"
#include "interview/spilled_rows.hpp"

namespace nexus {
namespace {

using nlohmann::json;

constexpr std::array kValidationStates{ValidationStatus::Validated, ValidationStatus::Pending,
                                       ValidationStatus::Rejected};

// Enough of a source message to recognise it; the message id leads to the whole of it.
constexpr std::size_t kQuoteBytes = 120;

using Columns = std::vector<std::string_view>;
using Cells = std::vector<std::string>;

// The texts of a session's requirements by id, for the findings and conflicts that quote them;
// the session must outlive the function.
std::function<std::optional<std::string_view>(std::string_view)> textsById(
    std::span<const ExtractedRequirement> requirements) {
  auto texts = std::make_shared<std::map<std::string_view, std::string_view, std::less<>>>();
  for (const auto& r : requirements) texts->emplace(r.id, r.text);
  return [texts](std::string_view id) -> std::optional<std::string_view> {
    const auto found = texts->find(id);
    if (found == texts->end()) return std::nullopt;
    return found->second;
  };
}

// ---- values as the documents show them ----

// Locale-independent, so that a document does not depend on the machine's settings.
std::string number(double value, std::optional<int> decimals = std::nullopt) {
  std::array<char, 32> buffer{};
  char* const end = buffer.data() + buffer.size();
  const auto written = decimals ? std::to_chars(buffer.data(), end, value, std::chars_format::fixed, *decimals)
                                : std::to_chars(buffer.data(), end, value);
  return std::string(buffer.data(), written.ptr);
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

// `value` as nlohmann's dump(2) writes it `depth` levels down: every line indented further.
std::string indentedJson(const json& value, std::size_t depth) {
  const std::string margin(2 * depth, ' ');
  std::string out = margin;
  // Pretty printing is the only source of raw line breaks: strings carry theirs escaped.
  for (const char c : value.dump(2, ' ', false, json::error_handler_t::replace)) {
    out += c;
    if (c == '\n') out += margin;
  }
  return out;
}

template <typename Entry>
json jsonList(std::span<const Entry> requirements) {
  json list = json::array();
  for (const auto& r : requirements) list.push_back(r);
  return list;
}

// ---- quality: readiness, open conflicts, open questions ----

json jsonQuality(std::span<const RequirementFinding> findings, std::span<const RequirementConflict> conflicts,
                 const Readiness& readiness) {
  json out{{"findings", json::array()}, {"conflicts", json::array()}, {"readiness", readiness}};
  for (const auto& f : findings) out["findings"].push_back(f);
  for (const auto& c : conflicts) out["conflicts"].push_back(c);
  return out;
}

// ---- CSV columns: the person's words, and in EARS style the phrasing beside them ----

Columns withEars(Columns columns, DocumentStyle style) {
  if (style == DocumentStyle::Ears) columns.insert(columns.begin() + 2, {"ears", "earsPattern"});
  return columns;
}

Cells withEars(Cells cells, std::string_view text, DocumentStyle style) {
  if (style == DocumentStyle::Ears) {
    const domain::EarsPhrasing phrased = domain::phraseInEars(text);
    cells.insert(cells.begin() + 2, {phrased.text, std::string(domain::toString(phrased.pattern))});
  }
  return cells;
}

// ---- a project's requirements database ----

const Columns kProjectCsvColumns{"id",         "text",     "category", "priority",  "confidence", "area",
                                 "validation", "featureId", "sources", "createdAt", "updatedAt"};

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

struct ValidationCounts {
  std::map<ValidationStatus, std::size_t> counts;
  std::size_t total = 0;

  void add(ValidationStatus state) {
    ++counts[state];
    ++total;
  }
  // "4 (1 validated, 3 pending, 0 rejected)"
  std::string summary() const {
    std::string out;
    for (const ValidationStatus state : kValidationStates) {
      const auto found = counts.find(state);
      out += (out.empty() ? "" : ", ") + std::to_string(found == counts.end() ? 0 : found->second) + " " +
             std::string(toString(state));
    }
    return std::to_string(total) + " (" + out + ")";
  }
};

MarkdownHeading projectHeading(std::string_view projectId, const ValidationCounts& validation,
                               Timestamp generatedAt) {
  return {"Requirements: " + markdownText(projectId),
          {{"Project", markdownText(projectId)},
           {"Date", formatIso8601(generatedAt)},
           {"Requirements", validation.summary()}}};
}

// ---- one session's requirements ----

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

MarkdownHeading sessionHeading(const InterviewSession& session, Timestamp generatedAt) {
  return {"Requirements: " + markdownText(session.projectId) + ", interview " + markdownCode(session.id),
          {{"Project", markdownText(session.projectId)},
           {"Session", markdownCode(session.id) + " (" + std::string(toString(session.status)) + ")"},
           {"Started", formatIso8601(session.startedAt)},
           {"Last activity", formatIso8601(session.lastActivityAt)},
           {"Date", formatIso8601(generatedAt)},
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

std::optional<DocumentStyle> parseDocumentStyle(std::string_view text) {
  const std::string lower = text::toLower(text);
  if (lower == "as-stated") return DocumentStyle::AsStated;
  if (lower == "ears") return DocumentStyle::Ears;
  return std::nullopt;
}

std::string_view toString(DocumentStyle style) {
  switch (style) {
    case DocumentStyle::AsStated: return "as-stated";
    case DocumentStyle::Ears: return "ears";
  }
  return "";
}

std::string_view categoryHeading(RequirementCategory category) {
  switch (category) {
    case RequirementCategory::Functional: return "Functional requirements";
    case RequirementCategory::NonFunctional: return "Non-functional requirements";
    case RequirementCategory::Technical: return "Technical decisions";
    case RequirementCategory::Constraint: return "Constraints";
    case RequirementCategory::Assumption: return "Assumptions";
  }
  return "";
}

RequirementWalk walkOf(std::span<const Requirement> requirements) {
  return [requirements](const RequirementsStore::RequirementVisitor& visit) -> Result<void> {
    for (const auto& r : requirements) {
      if (!visit(r)) break;
    }
    return {};
  };
}

RequirementWalk walkOf(const RequirementsStore& store, std::string_view projectId) {
  return [&store, project = std::string(projectId)](const RequirementsStore::RequirementVisitor& visit) {
    return store.forEach(project, {}, visit);
  };
}

namespace {

Result<void> writeProjectCsv(std::ostream& out, const RequirementWalk& walk, DocumentStyle style) {
  const Columns columns = withEars(kProjectCsvColumns, style);
  out << csvRecord(Cells(columns.begin(), columns.end()));
  return walk([&](const Requirement& r) {
    out << csvRecord(withEars(projectCsvCells(r), r.text, style));
    return static_cast<bool>(out);
  });
}

// Keys in nlohmann's order (sorted), as jsonDocument writes them: the requirements, waiting in a
// temporary file while the review runs, go between "readiness" and "schemaVersion".
Result<void> writeProjectJson(std::ostream& out, std::string_view projectId, const RequirementWalk& walk,
                              Timestamp generatedAt, double readyThreshold) {
  ProjectReviewer reviewer(readyThreshold);
  SpilledRows requirements;
  std::size_t count = 0;
  auto walked = walk([&](const Requirement& r) {
    reviewer.add(r);
    requirements.append(0, (count++ == 0 ? "\n" : ",\n") + indentedJson(r, 2));
    return true;
  });
  if (!walked) return walked;
  const ProjectReview review = reviewer.finish();
  json document{{"format", kProjectDocumentFormat},
                {"schemaVersion", kProjectDocumentVersion},
                {"projectId", std::string(projectId)},
                {"generatedAt", timestampToJson(generatedAt)}};
  document.update(jsonQuality(review.findings, review.conflicts, review.readiness));
  const std::string rest = jsonDocument(document);
  // The last key, on a line of its own: user text cannot hold a raw line break.
  const std::size_t last = rest.rfind("\n  \"schemaVersion\": ");
  out.write(rest.data(), static_cast<std::streamsize>(last));
  out << "\n  \"requirements\": [";
  requirements.copyGroup(0, out);
  out << (count == 0 ? "]," : "\n  ],") << std::string_view(rest).substr(last);
  return {};
}

Result<void> writeProjectMarkdown(std::ostream& out, std::string_view projectId, const RequirementWalk& walk,
                                  Timestamp generatedAt, double readyThreshold, const SourceQuotes& quotes,
                                  DocumentStyle style) {
  ProjectReviewer reviewer(readyThreshold);
  ProjectReview review;
  ValidationCounts validation;
  const MarkdownParts parts{
      [&](const Requirement& r) {
        reviewer.add(r);
        validation.add(r.validation);
      },
      [&] { return projectHeading(projectId, validation, generatedAt); },
      [&] {
        review = reviewer.finish();
        return MarkdownQuality{[&](std::string_view id) { return reviewer.textOf(id); }, review.findings,
                               review.conflicts, std::move(review.readiness)};
      }};
  return writeMarkdown(out, walk, quotes, parts, style);
}

}  // namespace

Result<void> writeProjectDocument(std::ostream& out, std::string_view projectId, const RequirementWalk& walk,
                                  DocumentFormat format, Timestamp generatedAt, double readyThreshold,
                                  const SourceQuotes& quotes, DocumentStyle style) {
  try {
    switch (format) {
      case DocumentFormat::Markdown:
        return writeProjectMarkdown(out, projectId, walk, generatedAt, readyThreshold, quotes, style);
      case DocumentFormat::Json: return writeProjectJson(out, projectId, walk, generatedAt, readyThreshold);
      case DocumentFormat::Csv: return writeProjectCsv(out, walk, style);
      case DocumentFormat::Reqif: return writeReqif(out, projectId, walk, quotes, generatedAt, style == DocumentStyle::Ears);
    }
  } catch (const std::runtime_error& e) {
    return Error::storageFailed(std::string("cannot write the document: ") + e.what());
  }
  return {};
}

std::string renderProjectDocument(std::string_view projectId, std::span<const Requirement> requirements,
                                  DocumentFormat format, Timestamp generatedAt, double readyThreshold,
                                  const SourceQuotes& quotes, DocumentStyle style) {
  std::ostringstream out;
  auto written =
      writeProjectDocument(out, projectId, walkOf(requirements), format, generatedAt, readyThreshold, quotes, style);
  if (!written) throw std::runtime_error(written.error().message);
  return std::move(out).str();
}

std::string renderSessionDocument(const InterviewSession& session, DocumentFormat format, Timestamp generatedAt,
                                  double readyThreshold, DocumentStyle style) {
  const std::span<const ExtractedRequirement> requirements = session.extractedRequirements;
  const Readiness readiness =
      domain::assessReadiness(requirements, session.findings, session.conflicts, readyThreshold);
  switch (format) {
    case DocumentFormat::Markdown: {
      const auto [records, quotes] = sessionRecords(session);
      const MarkdownParts parts{{},
                                [&] { return sessionHeading(session, generatedAt); },
                                [&] {
                                  return MarkdownQuality{textsById(requirements), session.findings,
                                                         session.conflicts, readiness};
                                }};
      std::ostringstream out;
      if (auto written = writeMarkdown(out, walkOf(records), quotes, parts, style); !written) {
        throw std::runtime_error(written.error().message);
      }
      return std::move(out).str();
    }
    case DocumentFormat::Json: {
      json document{{"sessionId", session.id},
                    {"projectId", session.projectId},
                    {"generatedAt", timestampToJson(generatedAt)},
                    {"requirements", jsonList(requirements)}};
      document.update(jsonQuality(session.findings, session.conflicts, readiness));
      document["requirementEdits"] = session.requirementEdits;
      return jsonDocument(document);
    }
    case DocumentFormat::Csv: {
      const MessageIndex messages = indexMessages(session);
      return csvDocument(requirements, withEars(kSessionCsvColumns, style), [&](const ExtractedRequirement& r) {
        return withEars(sessionCsvCells(messages, r), r.text, style);
      });
    }
    case DocumentFormat::Reqif: {
      const auto [records, quotes] = sessionRecords(session);
      return renderReqif(session.projectId, records, quotes, generatedAt, style == DocumentStyle::Ears);
    }
  }
  return "";
}

}  // namespace nexus
