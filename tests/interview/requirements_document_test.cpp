#include "interview/requirements_document.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "core/time.hpp"
#include "support/file_contents.hpp"

namespace nexus {
namespace {

using nlohmann::json;

const Timestamp kGeneratedAt = *parseIso8601("2026-01-16T03:57:45.123Z");
const Timestamp kCreatedAt = *parseIso8601("2026-01-15T10:00:00.000Z");

Requirement requirement(std::string id, std::string text, Priority priority,
                        RequirementCategory category = RequirementCategory::Functional) {
  return {.id = std::move(id),
          .projectId = "shop",
          .text = std::move(text),
          .category = category,
          .priority = priority,
          .confidence = 0.9,
          .area = std::nullopt,
          .validation = ValidationStatus::Pending,
          .featureId = std::nullopt,
          .sources = {{.source = "interview:s1", .messageId = "m1", .originId = "x1", .addedAt = kCreatedAt}},
          .createdAt = kCreatedAt,
          .updatedAt = kCreatedAt};
}

std::vector<Requirement> shopRequirements() {
  auto signIn = requirement("r1", "Users must sign in with Google.", Priority::Must);
  signIn.area = "authentication";
  signIn.validation = ValidationStatus::Validated;
  signIn.featureId = "F-12";
  signIn.sources.push_back({.source = "interview:s2", .messageId = "m7", .originId = "x9", .addedAt = kCreatedAt});
  auto export_ = requirement("r2", "Admins could export reports.", Priority::Could, RequirementCategory::Technical);
  export_.confidence = 0.75;
  export_.area = "data_model";
  return {signIn, export_};
}

InterviewMessage message(std::string id, MessageRole role, std::string content) {
  InterviewMessage m;
  m.id = std::move(id);
  m.role = role;
  m.content = std::move(content);
  return m;
}

ExtractedRequirement extracted(std::string id, std::string text, Priority priority, std::string sourceMessageId) {
  ExtractedRequirement r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.priority = priority;
  r.confidence = 0.9;
  r.sourceMessageId = std::move(sourceMessageId);
  return r;
}

// A completed session: a greeting, two user messages, and requirements from them and from one
// message the session no longer holds.
InterviewSession shopSession() {
  InterviewSession session;
  session.id = "s1";
  session.projectId = "shop";
  session.status = SessionStatus::Completed;
  session.startedAt = session.lastActivityAt = kCreatedAt;
  session.messages = {message("m0", MessageRole::Assistant, "Hi! Tell me about it."),
                      message("m1", MessageRole::User, "Users must sign in\nwith Google"),
                      message("m3", MessageRole::User, std::string(300, 'x'))};
  session.extractedRequirements = {extracted("e1", "Users must sign in with Google.", Priority::Must, "m1"),
                                   extracted("e2", "Lots of x.", Priority::Should, "m3"),
                                   extracted("e3", "From a message since lost.", Priority::Wont, "gone")};
  session.extractedRequirements[0].area = "authentication";
  return session;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    out.push_back(text.substr(start, end - start));
  }
  return out;
}

// The line of a Markdown document that contains `needle`.
std::string lineWith(const std::string& document, const std::string& needle) {
  for (const auto& line : lines(document)) {
    if (line.find(needle) != std::string::npos) return line;
  }
  return "(no line with " + needle + ")";
}

// Table cell separators: pipes not escaped with a backslash.
std::size_t cellSeparators(const std::string& row) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < row.size(); ++i) count += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  return count;
}

// Records of an RFC 4180 document, read back the way a spreadsheet reads them.
std::vector<std::vector<std::string>> parseCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted && c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
      records.back().back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      records.back().emplace_back();
    } else if (!quoted && c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      records.emplace_back(1);
      ++i;
    } else {
      records.back().back() += c;
    }
  }
  records.pop_back();  // the empty one after the last CRLF
  return records;
}

TEST(DocumentFormat, ParsesItsNamesInAnyCase) {
  EXPECT_EQ(parseDocumentFormat("markdown"), DocumentFormat::Markdown);
  EXPECT_EQ(parseDocumentFormat("MD"), DocumentFormat::Markdown);
  EXPECT_EQ(parseDocumentFormat("Json"), DocumentFormat::Json);
  EXPECT_EQ(parseDocumentFormat("CSV"), DocumentFormat::Csv);
  EXPECT_EQ(parseDocumentFormat("pdf"), std::nullopt);
  EXPECT_EQ(parseDocumentFormat(""), std::nullopt);
  for (const auto format : {DocumentFormat::Markdown, DocumentFormat::Json, DocumentFormat::Csv}) {
    EXPECT_EQ(parseDocumentFormat(toString(format)), format);
  }
}

// The documents of a fixed project, byte for byte: tests/data/golden/project-<style>.<ext>.
// After an intended change of layout, NEXUS_UPDATE_GOLDEN=1 rewrites them; review the diff.
std::string goldenPath(const std::string& name) { return std::string(NEXUS_TEST_DATA_DIR) + "/golden/" + name; }

void expectGolden(const std::string& name, const std::string& actual) {
  const std::string path = goldenPath(name);
  if (const char* update = std::getenv("NEXUS_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "no golden file " << path << " (NEXUS_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ(actual, test::contentsOf(path)) << name;
}

// A small project that has a requirement for each EARS pattern, one that stays as stated, one
// from outside the interviews, a conflict and a vague term.
std::vector<Requirement> goldenRequirements() {
  auto r = shopRequirements();
  auto event = requirement("r3", "When an order ships, the customer must get the tracking link by email.", Priority::Must);
  event.area = "integrations";
  event.sources[0].messageId = "m2";
  auto state = requirement("r4", "While the shop is closed, orders should still be accepted.", Priority::Should);
  state.sources[0].messageId = "m3";
  auto unwanted = requirement("r5", "If the payment fails, the basket must be kept.", Priority::Must);
  unwanted.area = "data_model";
  unwanted.sources[0].messageId = "m4";
  auto feature = requirement("r6", "Where the loyalty module is installed, customers can collect points.",
                             Priority::Could);
  feature.sources[0].messageId = "m5";
  auto fact = requirement("r7", "Everyone in the warehouse has an Android phone.", Priority::Must,
                          RequirementCategory::Constraint);
  fact.area = "deployment";
  fact.sources = {{.source = "reqif:doors-export", .messageId = std::nullopt, .originId = "REQ-7",
                   .addedAt = kCreatedAt}};
  auto vague = requirement("r8", "Search should be fast.", Priority::Should, RequirementCategory::NonFunctional);
  vague.area = "performance";
  vague.sources[0].messageId = "m6";
  r.insert(r.end(), {event, state, unwanted, feature, fact, vague});
  return r;
}

SourceQuotes goldenQuotes() {
  SourceQuotes quotes;
  quotes.add("interview:s1", "m1", "Oh, and users must sign in with Google, like everywhere else.");
  quotes.add("interview:s1", "m2", "When an order ships, the customer must get the tracking link by email.");
  quotes.add("interview:s1", "m4", "If the payment fails, the basket must be kept. People hate typing it again.");
  quotes.add("interview:s2", "m7", "Google sign-in, please.");
  return quotes;
}

TEST(ProjectDocument, GoldenFilesForEachFormatAndStyle) {
  const auto requirements = goldenRequirements();
  const auto quotes = goldenQuotes();
  const auto render = [&](DocumentFormat format, DocumentStyle style) {
    return renderProjectDocument("shop", requirements, format, kGeneratedAt, kDefaultReadyThreshold, quotes, style);
  };
  expectGolden("project-as-stated.md", render(DocumentFormat::Markdown, DocumentStyle::AsStated));
  expectGolden("project-ears.md", render(DocumentFormat::Markdown, DocumentStyle::Ears));
  expectGolden("project-as-stated.csv", render(DocumentFormat::Csv, DocumentStyle::AsStated));
  expectGolden("project-ears.csv", render(DocumentFormat::Csv, DocumentStyle::Ears));
  expectGolden("project-as-stated.reqif", render(DocumentFormat::Reqif, DocumentStyle::AsStated));
  expectGolden("project-ears.reqif", render(DocumentFormat::Reqif, DocumentStyle::Ears));
  expectGolden("project.json", render(DocumentFormat::Json, DocumentStyle::AsStated));
  // JSON keeps the requirements as stated whatever the style.
  EXPECT_EQ(render(DocumentFormat::Json, DocumentStyle::Ears), render(DocumentFormat::Json, DocumentStyle::AsStated));
}

TEST(ProjectDocument, MarkdownHasTheFactsATeamNeedsAtTheTop) {
  const std::string document = renderProjectDocument("shop", goldenRequirements(), DocumentFormat::Markdown,
                                                     kGeneratedAt, kDefaultReadyThreshold, goldenQuotes());
  EXPECT_EQ(lines(document)[0], "# Requirements: shop");
  EXPECT_NE(document.find("- **Project:** shop\n- **Date:** 2026-01-16T03:57:45.123Z\n"
                          "- **Requirements:** 8 (1 validated, 7 pending, 0 rejected)\n- **Readiness:** **"),
            std::string::npos)
      << document;
}

TEST(ProjectDocument, MarkdownGroupsByCategoryThenArea) {
  const std::string document = renderProjectDocument("shop", goldenRequirements(), DocumentFormat::Markdown,
                                                     kGeneratedAt, kDefaultReadyThreshold, goldenQuotes());
  std::vector<std::size_t> positions;
  for (const char* heading : {"## Functional requirements (5)", "### Authentication (1)", "### Data model (1)",
                              "### Integrations (1)", "### No area (2)", "## Non-functional requirements (1)", "### Performance (1)",
                              "## Technical decisions (1)", "## Constraints (1)",
                              "### Deployment (1)", "## Readiness", "## Open questions", "## Traceability"}) {
    positions.push_back(document.find(heading));
    EXPECT_NE(positions.back(), std::string::npos) << heading << "\n" << document;
  }
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end())) << document;
  // Each requirement with its priority, confidence, validation state and the person's words.
  EXPECT_EQ(lineWith(document, "| `r1` | Users"),
            "| `r1` | Users must sign in with Google. | must | 0.90 | validated | "
            "“Oh, and users must sign in with Google, like everywhere else.” |");
  EXPECT_EQ(lineWith(document, "| `r4` | While"),
            "| `r4` | While the shop is closed, orders should still be accepted. | should | 0.90 | pending | — |");
}

TEST(ProjectDocument, MarkdownTracesEachRequirementToItsSessionAndMessage) {
  const std::string document = renderProjectDocument("shop", goldenRequirements(), DocumentFormat::Markdown,
                                                     kGeneratedAt, kDefaultReadyThreshold, goldenQuotes());
  const std::string trace = document.substr(document.find("## Traceability"));
  EXPECT_NE(trace.find("| `r1` | `s1` | — | `m1` | 2026-01-15T10:00:00.000Z | F-12 | “Oh, and users"),
            std::string::npos)
      << trace;
  EXPECT_NE(trace.find("| `r1` | `s2` | — | `m7` | 2026-01-15T10:00:00.000Z | F-12 | “Google sign-in, please.” |"),
            std::string::npos)
      << trace;
  EXPECT_NE(trace.find("| `r7` | — | `reqif:doors-export` | — | 2026-01-15T10:00:00.000Z | — | — |"),
            std::string::npos)
      << trace;
}

TEST(ProjectDocument, MarkdownInEarsKeepsTheStatedWordsBesideThePhrasing) {
  const std::string document =
      renderProjectDocument("shop", goldenRequirements(), DocumentFormat::Markdown, kGeneratedAt,
                            kDefaultReadyThreshold, goldenQuotes(), DocumentStyle::Ears);
  EXPECT_NE(document.find("- **Phrasing:** EARS"), std::string::npos);
  EXPECT_EQ(lineWith(document, "| `r5` |"),
            "| `r5` | If the payment fails, then the system shall ensure that the basket is kept. | "
            "unwanted-behaviour | must | 0.90 | pending | “If the payment fails, the basket must be kept.” |");
  EXPECT_EQ(lineWith(document, "| `r7` |"),
            "| `r7` | Everyone in the warehouse has an Android phone. *(kept as stated: no EARS pattern fits)* | — | "
            "must | 0.90 | pending | “Everyone in the warehouse has an Android phone.” |");
}

TEST(ProjectDocument, CsvAndReqifInEarsCarryThePatternAndTheStatedWords) {
  const auto requirements = goldenRequirements();
  const auto records = parseCsv(renderProjectDocument("shop", requirements, DocumentFormat::Csv, kGeneratedAt,
                                                      kDefaultReadyThreshold, {}, DocumentStyle::Ears));
  ASSERT_EQ(records.size(), requirements.size() + 1);
  EXPECT_EQ(records[0][1], "text");
  EXPECT_EQ(records[0][2], "ears");
  EXPECT_EQ(records[0][3], "earsPattern");
  EXPECT_EQ(records[3][1], "When an order ships, the customer must get the tracking link by email.");
  EXPECT_EQ(records[3][2],
            "When an order ships, the system shall ensure that the customer gets the tracking link by email.");
  EXPECT_EQ(records[3][3], "event-driven");
  const std::string reqif = renderProjectDocument("shop", requirements, DocumentFormat::Reqif, kGeneratedAt,
                                                  kDefaultReadyThreshold, {}, DocumentStyle::Ears);
  EXPECT_NE(reqif.find("Where the loyalty module is installed, the system shall allow customers to collect points."),
            std::string::npos);
  EXPECT_NE(reqif.find("LONG-NAME=\"Nexus.StatedText\""), std::string::npos);
  EXPECT_NE(reqif.find("THE-VALUE=\"optional-feature\""), std::string::npos);
}

TEST(ProjectDocument, OpenConflictsAndFindingsAreInTheDocument) {
  auto requirements = shopRequirements();
  requirements.push_back(requirement("r3", "We must use PostgreSQL.", Priority::Must));
  requirements.push_back(requirement("r4", "The database will be MySQL.", Priority::Must));
  requirements.push_back(requirement("r5", "The app should be fast.", Priority::Should));
  const std::string markdown = renderProjectDocument("shop", requirements, DocumentFormat::Markdown, kGeneratedAt);
  EXPECT_NE(markdown.find("### Conflicts (1)"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| exclusive-choice | “We must use PostgreSQL.” | “The database will be MySQL.” |"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("### Findings (1)\n\n1. “The app should be fast.” — "), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("### Unexplored areas (7)\n\n- **Authorization**: nothing said about it yet.\n"),
            std::string::npos)
      << markdown;
  const json document = json::parse(renderProjectDocument("shop", requirements, DocumentFormat::Json, kGeneratedAt));
  ASSERT_EQ(document.at("conflicts").size(), 1u);
  EXPECT_EQ(document.at("conflicts")[0].at("id"), "conflict-1");
  EXPECT_EQ(document.at("conflicts")[0].at("requirementIds"), json::array({"r3", "r4"}));
  EXPECT_EQ(document.at("findings")[0].at("requirementId"), "r5");
  EXPECT_EQ(document.at("readiness").at("openConflicts"), 1);
  // Pure: the same input gives the same bytes.
  EXPECT_EQ(renderProjectDocument("shop", requirements, DocumentFormat::Json, kGeneratedAt),
            renderProjectDocument("shop", requirements, DocumentFormat::Json, kGeneratedAt));
}

TEST(ProjectDocument, MarkdownKeepsTheGivenOrderWithinAnArea) {
  const std::vector<Requirement> given{requirement("a", "Won't one.", Priority::Wont),
                                       requirement("b", "Could one.", Priority::Could),
                                       requirement("c", "Must one.", Priority::Must)};
  const std::string document = renderProjectDocument("shop", given, DocumentFormat::Markdown, kGeneratedAt);
  EXPECT_LT(document.find("Won't one."), document.find("Could one.")) << document;
  EXPECT_LT(document.find("Could one."), document.find("Must one.")) << document;
  EXPECT_NE(document.find("| Must have | 1 |\n| Should have | 0 |\n| Could have | 1 |\n| Won't have | 1 |"),
            std::string::npos)
      << document;
}

TEST(ProjectDocument, MarkdownEscapesUserTextSoItCannotBreakTheLayout) {
  auto hostile = requirement(
      "r1", "# Title | *bold* _it_ [link](http://x) <b>html</b> `code` \\ &amp; $x$ ~~s~~\n- item", Priority::Must);
  hostile.featureId = "F|1";
  hostile.sources[0].messageId = "m`1|";  // no id of ours looks like this; it cannot be code
  const std::string document =
      renderProjectDocument("shop #1", std::vector{hostile}, DocumentFormat::Markdown, kGeneratedAt);

  EXPECT_EQ(lines(document)[0], "# Requirements: shop \\#1");
  const std::string row = lineWith(document, "| `r1` |");
  EXPECT_NE(row.find("| \\# Title \\| \\*bold\\* \\_it\\_ \\[link\\](http://x) \\<b\\>html\\</b\\> \\`code\\` \\\\ "
                     "\\&amp; \\$x\\$ \\~\\~s\\~\\~ - item |"),
            std::string::npos)
      << row;
  // Still one row of six cells: the line break and the pipes stayed inside the cell.
  EXPECT_EQ(cellSeparators(row), 7u) << row;
  EXPECT_EQ(lineWith(document, "- item"), row);
  const std::string trace = lineWith(document, "| `r1` | `s1` |");
  EXPECT_NE(trace.find("| m\\`1\\| |"), std::string::npos) << trace;
  EXPECT_NE(trace.find("| F\\|1 |"), std::string::npos) << trace;
  EXPECT_EQ(cellSeparators(trace), 8u) << trace;
}

TEST(ProjectDocument, JsonHasTheRequirementsInTheirDesignShape) {
  const auto requirements = shopRequirements();
  const json document = json::parse(renderProjectDocument("shop", requirements, DocumentFormat::Json, kGeneratedAt));
  EXPECT_EQ(document.size(), 8u) << document.dump(2);  // with findings, conflicts and readiness
  EXPECT_EQ(document.at("format"), "nexus-requirements");
  EXPECT_EQ(document.at("schemaVersion"), 1);
  EXPECT_EQ(document.at("projectId"), "shop");
  EXPECT_EQ(document.at("generatedAt"), "2026-01-16T03:57:45.123Z");
  EXPECT_EQ(document.at("requirements"), json(requirements));
  EXPECT_EQ(document.at("requirements")[0].at("sources")[1].at("messageId"), "m7");
}

TEST(ProjectDocument, CsvIsRfc4180WithAHeaderAndOneRecordPerRequirement) {
  auto tricky = requirement("r3", "Export \"all\" reports, daily\r\nor weekly", Priority::Should);
  auto requirements = shopRequirements();
  requirements.push_back(tricky);
  const std::string csv = renderProjectDocument("shop", requirements, DocumentFormat::Csv, kGeneratedAt);

  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "id,text,category,priority,confidence,area,validation,featureId,sources,createdAt,updatedAt");
  EXPECT_NE(csv.find(",\"Export \"\"all\"\" reports, daily\r\nor weekly\","), std::string::npos) << csv;
  const auto records = parseCsv(csv);
  ASSERT_EQ(records.size(), 4u) << csv;
  for (const auto& record : records) EXPECT_EQ(record.size(), 11u);
  EXPECT_EQ(records[1], (std::vector<std::string>{"r1", "Users must sign in with Google.", "functional", "must", "0.9",
                                                  "authentication", "validated", "F-12",
                                                  "interview:s1 (message m1); interview:s2 (message m7)",
                                                  "2026-01-15T10:00:00.000Z", "2026-01-15T10:00:00.000Z"}));
  EXPECT_EQ(records[2][5], "data_model");
  EXPECT_EQ(records[2][7], "");
  EXPECT_EQ(records[3][1], tricky.text);
}

TEST(ProjectDocument, CsvNeutralisesCellsASpreadsheetWouldRunAsFormulas) {
  std::vector<Requirement> requirements;
  for (const char* text : {"=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "a=b"}) {
    requirements.push_back(requirement("r", text, Priority::Must));
  }
  requirements[1].featureId = "=F1";
  const auto records = parseCsv(renderProjectDocument("shop", requirements, DocumentFormat::Csv, kGeneratedAt));
  ASSERT_EQ(records.size(), 8u);
  EXPECT_EQ(records[1][1], "'=HYPERLINK(\"http://evil\")");
  EXPECT_EQ(records[2][1], "'+1+1");
  EXPECT_EQ(records[2][7], "'=F1");
  EXPECT_EQ(records[3][1], "'-2+3");
  EXPECT_EQ(records[4][1], "'@SUM(A1)");
  EXPECT_EQ(records[5][1], "'\tcmd");
  EXPECT_EQ(records[6][1], "'\r=1");
  EXPECT_EQ(records[7][1], "a=b");
}

TEST(ProjectDocument, AnEmptyProjectGivesAnEmptyButCompleteDocument) {
  const std::string markdown = renderProjectDocument("shop", {}, DocumentFormat::Markdown, kGeneratedAt);
  EXPECT_NE(markdown.find("- **Requirements:** 0 (0 validated, 0 pending, 0 rejected)\n"), std::string::npos);
  EXPECT_NE(markdown.find("| Must have | 0 |"), std::string::npos);
  EXPECT_NE(markdown.find("| Assumptions | 0 |\n\nNo requirements recorded.\n\n## Readiness"), std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("## Traceability\n\nNothing to trace.\n"), std::string::npos) << markdown;

  EXPECT_EQ(json::parse(renderProjectDocument("shop", {}, DocumentFormat::Json, kGeneratedAt)).at("requirements"),
            json::array());
  EXPECT_EQ(parseCsv(renderProjectDocument("shop", {}, DocumentFormat::Csv, kGeneratedAt)).size(), 1u);
}

TEST(ProjectDocument, TheSameInputGivesTheSameBytes) {
  for (const auto format : {DocumentFormat::Markdown, DocumentFormat::Json, DocumentFormat::Csv}) {
    const auto first = shopRequirements();
    const auto second = shopRequirements();
    EXPECT_EQ(renderProjectDocument("shop", first, format, kGeneratedAt),
              renderProjectDocument("shop", second, format, kGeneratedAt))
        << toString(format);
    EXPECT_EQ(renderSessionDocument(shopSession(), format, kGeneratedAt),
              renderSessionDocument(shopSession(), format, kGeneratedAt))
        << toString(format);
  }
}

TEST(SessionDocument, MarkdownQuotesTheMessageEachRequirementWasStatedIn) {
  const std::string document = renderSessionDocument(shopSession(), DocumentFormat::Markdown, kGeneratedAt);
  EXPECT_EQ(lines(document)[0], "# Requirements: shop, interview `s1`");
  EXPECT_NE(document.find("- **Project:** shop\n- **Session:** `s1` (completed)\n"), std::string::npos) << document;
  EXPECT_EQ(lineWith(document, "| `e1` | Users"),
            "| `e1` | Users must sign in with Google. | must | 0.90 | pending | “Users must sign in with Google” |");
  // A long message is quoted in part; the message id leads to the whole of it.
  EXPECT_NE(lineWith(document, "| `e2` | Lots").find("| “" + std::string(120, 'x') + "…” |"), std::string::npos);
  EXPECT_NE(lineWith(document, "| `e3` | From").find("| — |"), std::string::npos);
  EXPECT_NE(document.find("| `e3` | `s1` | — | `gone` |"), std::string::npos) << document;
}

TEST(SessionDocument, JsonHasTheExtractedRequirementsInTheirDesignShape) {
  const InterviewSession session = shopSession();
  const json document = json::parse(renderSessionDocument(session, DocumentFormat::Json, kGeneratedAt));
  EXPECT_EQ(document.at("sessionId"), "s1");
  EXPECT_EQ(document.at("projectId"), "shop");
  EXPECT_EQ(document.at("generatedAt"), "2026-01-16T03:57:45.123Z");
  EXPECT_EQ(document.at("requirements"), json(session.extractedRequirements));
}

TEST(SessionDocument, CsvTracesEachRequirementToItsMessage) {
  const auto records = parseCsv(renderSessionDocument(shopSession(), DocumentFormat::Csv, kGeneratedAt));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"id", "text", "category", "priority", "confidence", "area",
                                                  "sourceMessageId", "sourceQuote"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"e1", "Users must sign in with Google.", "functional", "must", "0.9",
                                                  "authentication", "m1", "Users must sign in with Google"}));
  EXPECT_EQ(records[3][6], "gone");
  EXPECT_EQ(records[3][7], "");
}

TEST(SessionDocument, ASessionWithoutRequirementsSaysSo) {
  InterviewSession session = shopSession();
  session.extractedRequirements.clear();
  const std::string markdown = renderSessionDocument(session, DocumentFormat::Markdown, kGeneratedAt);
  EXPECT_NE(markdown.find("- **Requirements:** 0\n"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("No requirements recorded.\n\n## Readiness"), std::string::npos) << markdown;
  EXPECT_EQ(parseCsv(renderSessionDocument(session, DocumentFormat::Csv, kGeneratedAt)).size(), 1u);
}

}  // namespace
}  // namespace nexus
