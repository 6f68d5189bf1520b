// A project's document written in one walk over the store (writeProjectDocument with
// walkOf(store, project), requirements_document.hpp) is the document rendered from the listed
// requirements, byte for byte, in every format and style, for a project that exercises what the
// writers keep aside (Markdown's area tables and traceability, JSON's requirements array,
// ReqIF's objects and hierarchy) and what they escape; a walk that fails is the document's
// error, a walk stops when told, and a large streamed ReqIF is schema-valid with a hierarchy
// that holds each requirement once.

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/enums.hpp"
#include "core/time.hpp"
#include "interview/reqif_schema.hpp"
#include "interview/requirements_document.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "support/printers.hpp"
#include "support/result_assertions.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kGeneratedAt = *parseIso8601("2026-01-16T03:57:45.123Z");
const Timestamp kStart = *parseIso8601("2026-01-10T09:00:00.000Z");
const Timestamp kNow = *parseIso8601("2026-01-16T03:00:00.000Z");

constexpr std::array kFormats{DocumentFormat::Markdown, DocumentFormat::Json, DocumentFormat::Csv,
                              DocumentFormat::Reqif};
constexpr std::array kStyles{DocumentStyle::AsStated, DocumentStyle::Ears};
constexpr std::array kCategories{RequirementCategory::Functional, RequirementCategory::NonFunctional,
                                 RequirementCategory::Technical, RequirementCategory::Constraint,
                                 RequirementCategory::Assumption};
constexpr std::array kPriorities{Priority::Must, Priority::Should, Priority::Could, Priority::Wont};
constexpr std::array kValidation{ValidationStatus::Pending, ValidationStatus::Validated, ValidationStatus::Rejected};

// Standard areas (in their order in Markdown), areas of the project's own (after them, by name;
// added to ReqIF's enumeration; with characters to escape) and none.
const std::vector<std::optional<std::string>> kAreas{
    "authentication", "data_model", "api", "ui_ux", "performance", "security", "billing",
    "Ops & <infra> | *nightly*", "ärger", std::nullopt};

// What each format escapes (Markdown's inline syntax and table pipes, XML markup, CSV
// separators, quotes, line breaks and formula starts, control characters), the EARS shapes,
// vague words (findings) and opposite statements (conflicts).
const std::vector<std::string> kTexts{
    "Users must sign in with Google | SSO *fast* [link](http://x) #tag <b>bold</b> & `code`",
    "When an order is placed, the system shall send a receipt to \"buyer@example.com\", within 5 s",
    "=HYPERLINK(\"http://evil\", \"x\") must not be evaluated",
    "If the payment fails, then the shop shall retry 3 times;\r\nthen give up",
    "While offline, the app shall queue <edits> & sync later ]]> --> <!-- x -->",
    "The system should be user-friendly and fast",
    "Reports must be exported every night",
    "Reports must never be exported",
    "- leading dash, @mention, +plus,\ttab, ünïcödé ✓ 日本語",
    "Control \x01 character, $math$, ~strike~, _under_ and \\backslash",
    "Where the loyalty module is installed, customers can collect points",
};

// s0 to s3 hold messages m0 to m4; s4 was deleted; s5 cannot be read.
constexpr std::size_t kSessions = 6;

std::string sessionId(std::size_t k) { return "s" + std::to_string(k % kSessions); }

// Requirement `i` of a generated project: every category, area kind, priority and validation
// state; one to four sources (interviews, a manual one without a message, a ReqIF file's);
// some edited, some linked to a feature, some with ids to escape; created out of order and many
// in one millisecond, so the store's order (createdAt, then as imported) decides.
Requirement generated(std::size_t i) {
  const std::string n = std::to_string(i);
  Requirement r;
  r.id = i % 50 == 7 ? "odd id|`" + n + "` <&>" : "req-" + n;
  r.text = kTexts[i % kTexts.size()] + " (#" + n + ")";
  r.category = kCategories[(i * 3 + i / 7) % kCategories.size()];
  r.priority = kPriorities[i % kPriorities.size()];
  r.confidence = static_cast<double>((i * 37) % 101) / 100.0;
  r.area = kAreas[(i * 7) % kAreas.size()];
  r.validation = kValidation[(i / 2) % kValidation.size()];
  if (i % 6 == 0) r.featureId = "F-" + std::to_string(i % 4);
  r.createdAt = kStart + seconds{static_cast<long>((i * 37) % 97)};
  r.updatedAt = r.createdAt + minutes{static_cast<long>(i % 5)};
  r.sources.push_back({"interview:" + sessionId(i / 20), "m" + std::to_string(i % 7), "o-" + n, r.createdAt});
  if (i % 4 == 0) r.sources.push_back({"manual", std::nullopt, std::nullopt, r.createdAt + minutes{1}});
  if (i % 5 == 0) {
    r.sources.push_back({"interview:" + sessionId(i / 20 + 1), "m" + std::to_string((i + 3) % 7), "p-" + n,
                         r.createdAt + minutes{2}});
  }
  if (i % 9 == 0) r.sources.push_back({"reqif:spec-1", "obj-" + n, "q-" + n, r.createdAt + minutes{3}});
  if (i % 11 == 0) {
    r.editedFields = {"text", "priority"};
    r.history = {{r.id, "text", "the first words", r.text, r.createdAt + minutes{1}},
                 {r.id, "priority", "could", std::string(toString(r.priority)), r.createdAt + minutes{2}}};
  }
  return r;
}

std::vector<Requirement> generatedProject(std::size_t count) {
  std::vector<Requirement> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(generated(i));
  return out;
}

// The interviews the quotes are read from, as a session store gives them.
Result<std::optional<InterviewSession>> loadSession(std::string_view id) {
  if (id == "s4") return std::optional<InterviewSession>{};
  if (id == "s5") return Error::storageFailed("cannot read session s5: database disk image is malformed");
  InterviewSession session;
  session.id = std::string(id);
  for (int j = 0; j < 5; ++j) {
    InterviewMessage message;
    message.id = "m" + std::to_string(j);
    message.content = "In " + session.id + ", " + message.id + ": users *must* sign in | fast <b>&amp;</b>, \"quoted\"\n" +
                      (j == 4 ? std::string(300, 'y') : "and more");
    session.messages.push_back(std::move(message));
  }
  return std::optional<InterviewSession>{std::move(session)};
}

// Read from the interviews, two kept at a time (so a walk lets some go and reads them again),
// and some given.
std::unique_ptr<SourceQuotes> projectQuotes() {
  auto quotes = std::make_unique<SourceQuotes>(loadSession, 2);
  quotes->add("interview:s1", "m2", "Given words for s1, m2 | *bold* & <tag>");
  quotes->add("reqif:spec-1", "obj-0", "From the specification, object 0");
  return quotes;
}

std::unique_ptr<SqliteRequirementsStore> openStore(const std::string& dir, const Clock& clock) {
  auto store = SqliteRequirementsStore::open(dir + "/nexus.db", clock);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

void importAll(RequirementsStore& store, std::string_view project, const std::vector<Requirement>& requirements) {
  auto imported = store.importRequirements(project, requirements);
  ASSERT_OK(imported);
  ASSERT_EQ(imported->size(), requirements.size());
  for (const auto& result : *imported) ASSERT_EQ(result.outcome, AddOutcome::Added) << result.requirement.id;
}

std::string streamed(std::string_view project, const RequirementWalk& walk, DocumentFormat format,
                     DocumentStyle style, const SourceQuotes& quotes) {
  std::ostringstream out;
  EXPECT_OK(writeProjectDocument(out, project, walk, format, kGeneratedAt, kDefaultReadyThreshold, quotes, style));
  return std::move(out).str();
}

// Equal bytes, or where they part: documents are too long to print whole.
::testing::AssertionResult sameBytes(const std::string& expected, const std::string& actual) {
  if (expected == actual) return ::testing::AssertionSuccess();
  const auto at = static_cast<std::size_t>(
      std::mismatch(expected.begin(), expected.begin() + static_cast<long>(std::min(expected.size(), actual.size())),
                    actual.begin())
          .first -
      expected.begin());
  const std::size_t from = at < 80 ? 0 : at - 80;
  return ::testing::AssertionFailure() << "sizes " << expected.size() << " and " << actual.size()
                                       << ", first difference at byte " << at << ":\nexpected …"
                                       << expected.substr(from, 160) << "…\nactual …" << actual.substr(from, 160)
                                       << "…";
}

std::string traceOf(DocumentFormat format, DocumentStyle style) {
  return std::string(toString(format)) + ", " + std::string(toString(style));
}

// A walk that counts what the walk it wraps hands over.
RequirementWalk counting(RequirementWalk inner, std::size_t& visits) {
  return [inner = std::move(inner), &visits](const RequirementsStore::RequirementVisitor& visit) {
    return inner([&](const Requirement& r) {
      ++visits;
      return visit(r);
    });
  };
}

class DocumentStreaming : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = openStore(dir_.path(), clock_);
    importAll(*store_, "shop", generatedProject(kRequirements));
    if (HasFatalFailure()) return;
    // The person's edits after the import, through the store: history, a cleared area, a
    // rejection, a feature link, and one removed.
    clock_.advance(minutes{5});
    const auto listed = *store_->list("shop");
    ASSERT_OK(store_->update(listed[5].id, {.text = "Edited: the app *shall* <never> lose data, \"ever\"", .area = ""}));
    ASSERT_OK(store_->update(listed[40].id, {.category = RequirementCategory::Assumption, .priority = Priority::Wont}));
    ASSERT_OK(store_->validate(listed[8].id, ValidationStatus::Rejected));
    ASSERT_OK(store_->linkToFeature(listed[3].id, "F-9 | <new>"));
    ASSERT_OK(store_->remove(listed[12].id));
    // Another project's requirements, in the same time span, are not this project's.
    auto others = generatedProject(5);
    for (auto& r : others) r.id = "other-" + r.id;
    for (auto& r : others) r.sources.front().originId = "other-" + *r.sources.front().originId;
    for (auto& r : others) r.sources.resize(1);
    importAll(*store_, "other", others);
  }

  static constexpr std::size_t kRequirements = 300;
  test::TempDir dir_;
  ManualClock clock_{kNow};
  std::unique_ptr<SqliteRequirementsStore> store_;
};

TEST_F(DocumentStreaming, FromTheStoreGivesTheBytesOfTheRenderedListInEveryFormatAndStyle) {
  const auto listed = *store_->list("shop");
  ASSERT_EQ(listed.size(), kRequirements - 1);
  const auto quotes = projectQuotes();
  for (const auto format : kFormats) {
    for (const auto style : kStyles) {
      SCOPED_TRACE(traceOf(format, style));
      const std::string rendered = renderProjectDocument("shop", listed, format, kGeneratedAt,
                                                         kDefaultReadyThreshold, *quotes, style);
      EXPECT_TRUE(sameBytes(rendered, streamed("shop", walkOf(*store_, "shop"), format, style, *quotes)));
    }
  }
  // What was compared holds what the test is about: words read from the interviews (after
  // one was let go), words given, and the project's own areas.
  const std::string markdown = renderProjectDocument("shop", listed, DocumentFormat::Markdown, kGeneratedAt,
                                                     kDefaultReadyThreshold, *quotes, DocumentStyle::AsStated);
  for (const std::string expected : {"In s0, m1: users \\*must\\* sign in \\| fast", "In s3, m4:",
                                     "Given words for s1, m2 \\| \\*bold\\*", "From the specification, object 0",
                                     "### Ops \\& \\<infra\\> \\| \\*nightly\\* (", "### No area ("}) {
    EXPECT_NE(markdown.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(markdown.find("In s4,"), std::string::npos);  // deleted
  EXPECT_EQ(markdown.find("In s5,"), std::string::npos);  // unreadable
}

TEST_F(DocumentStreaming, AnEmptyProjectStreamsAsItRenders) {
  const auto quotes = projectQuotes();
  for (const auto format : kFormats) {
    for (const auto style : kStyles) {
      SCOPED_TRACE(traceOf(format, style));
      const std::string rendered =
          renderProjectDocument("nobody", {}, format, kGeneratedAt, kDefaultReadyThreshold, *quotes, style);
      EXPECT_TRUE(sameBytes(rendered, streamed("nobody", walkOf(*store_, "nobody"), format, style, *quotes)));
      EXPECT_TRUE(sameBytes(rendered, streamed("nobody", walkOf(std::span<const Requirement>{}), format, style,
                                               *quotes)));
    }
  }
}

TEST_F(DocumentStreaming, AWalkThatFailsIsTheDocumentsErrorInEveryFormat) {
  const auto requirements = generatedProject(5);
  // As a store's walk ends when the disk goes away mid-way: two requirements seen, then the error.
  const RequirementWalk failing = [&](const RequirementsStore::RequirementVisitor& visit) -> Result<void> {
    visit(requirements[0]);
    visit(requirements[1]);
    return Error::storageFailed("disk gone");
  };
  const auto quotes = projectQuotes();
  for (const auto format : kFormats) {
    for (const auto style : kStyles) {
      SCOPED_TRACE(traceOf(format, style));
      std::ostringstream out;
      const auto written =
          writeProjectDocument(out, "shop", failing, format, kGeneratedAt, kDefaultReadyThreshold, *quotes, style);
      ASSERT_FALSE(written);
      EXPECT_EQ(written.error().code, ErrorCode::StorageFailed);
      EXPECT_EQ(written.error().message, "disk gone");
    }
  }
}

// Ends its stream once `limit` bytes were written, as a full disk or a closed pipe does.
class LimitedBuffer : public std::streambuf {
 public:
  explicit LimitedBuffer(std::size_t limit) : limit_(limit) {}

 protected:
  std::streamsize xsputn(const char*, std::streamsize count) override {
    const auto taken = std::min(static_cast<std::size_t>(count), limit_ - written_);
    written_ += taken;
    return static_cast<std::streamsize>(taken);
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof()) || written_ == limit_) return traits_type::eof();
    ++written_;
    return c;
  }

 private:
  std::size_t limit_;
  std::size_t written_ = 0;
};

TEST_F(DocumentStreaming, AWalkEndsWhereItsVisitorSaysSo) {
  const auto listed = *store_->list("shop");
  for (const auto& [name, walk] : std::vector<std::pair<std::string, RequirementWalk>>{
           {"store", walkOf(*store_, "shop")}, {"list", walkOf(std::span<const Requirement>(listed))}}) {
    SCOPED_TRACE(name);
    std::vector<std::string> seen;
    EXPECT_OK(walk([&](const Requirement& r) {
      seen.push_back(r.id);
      return seen.size() < 3;
    }));
    EXPECT_EQ(seen, (std::vector<std::string>{listed[0].id, listed[1].id, listed[2].id}));

    // CSV's visitor says so when the output fails: the rest of the project is not read for
    // nothing. The header fits, the first record does not.
    const std::string header = streamed("shop", walkOf(std::span<const Requirement>{}), DocumentFormat::Csv,
                                        DocumentStyle::AsStated, SourceQuotes{});
    LimitedBuffer buffer(header.size() + 10);
    std::ostream out(&buffer);
    std::size_t visits = 0;
    EXPECT_OK(writeProjectDocument(out, "shop", counting(walk, visits), DocumentFormat::Csv, kGeneratedAt,
                                   kDefaultReadyThreshold, SourceQuotes{}, DocumentStyle::AsStated));
    EXPECT_TRUE(out.bad());  // the caller's to see
    EXPECT_EQ(visits, 1u);
  }
}

// The largest category's requirements and their hierarchy entries wait longest (spilled_rows.hpp):
// thousands of them cross many blocks of the temporary file.
TEST(DocumentStreamingReqif, ThousandsOfRequirementsAreValidAndTheHierarchyHoldsEachObjectOnce) {
  test::TempDir dir;
  ManualClock clock{kNow};
  const auto store = openStore(dir.path(), clock);
  importAll(*store, "big", generatedProject(2000));
  const auto quotes = projectQuotes();
  const std::string document =
      streamed("big", walkOf(*store, "big"), DocumentFormat::Reqif, DocumentStyle::AsStated, *quotes);

  const auto checked = test::validateReqif(document);
  EXPECT_EQ(checked.exitCode, 0) << checked.err.substr(0, 2000);

  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(document.c_str())) << "not XML";
  const pugi::xml_node content = xml.child("REQ-IF").child("CORE-CONTENT").child("REQ-IF-CONTENT");
  // Each requirement object's category, by identifier, as its enumeration value names it.
  constexpr std::string_view kCategoryValue = "nexus-datatype-category-";
  std::map<std::string, std::string> categoryOf;
  std::set<std::string> foreignIds;
  std::string heading;  // the category whose heading object came last
  for (const pugi::xml_node object : content.child("SPEC-OBJECTS").children("SPEC-OBJECT")) {
    const std::string id = object.attribute("IDENTIFIER").value();
    const std::string type = object.child("TYPE").child_value("SPEC-OBJECT-TYPE-REF");
    if (type == "nexus-type-heading") {
      heading = id.substr(std::string_view("nexus-heading-").size());
      continue;
    }
    ASSERT_EQ(type, "nexus-type-requirement") << id;
    std::string category;
    for (const pugi::xml_node value : object.child("VALUES").children("ATTRIBUTE-VALUE-ENUMERATION")) {
      if (std::string_view(value.child("DEFINITION").child_value("ATTRIBUTE-DEFINITION-ENUMERATION-REF")) ==
          "nexus-attribute-category") {
        category = std::string(value.child("VALUES").child_value("ENUM-VALUE-REF")).substr(kCategoryValue.size());
      }
    }
    EXPECT_EQ(category, heading) << id << " is not after its category's heading";
    EXPECT_TRUE(categoryOf.emplace(id, category).second) << id << " written twice";
    for (const pugi::xml_node value : object.child("VALUES").children("ATTRIBUTE-VALUE-STRING")) {
      if (std::string_view(value.child("DEFINITION").child_value("ATTRIBUTE-DEFINITION-STRING-REF")) ==
          "nexus-attribute-foreign-id") {
        foreignIds.insert(value.attribute("THE-VALUE").value());
      }
    }
  }
  std::set<std::string> expectedIds;
  const auto listed = *store->list("big");
  for (const auto& r : listed) expectedIds.insert(r.id);
  EXPECT_EQ(categoryOf.size(), 2000u);
  EXPECT_EQ(foreignIds, expectedIds);

  // Every requirement object once in the hierarchy, under its category's chapter, and nothing else.
  std::map<std::string, int> entries;
  std::size_t chapters = 0;
  const pugi::xml_node specification = content.child("SPECIFICATIONS").child("SPECIFICATION");
  for (const pugi::xml_node chapter : specification.child("CHILDREN").children("SPEC-HIERARCHY")) {
    ++chapters;
    const std::string category =
        std::string(chapter.attribute("IDENTIFIER").value()).substr(std::string_view("nexus-chapter-").size());
    for (const pugi::xml_node entry : chapter.child("CHILDREN").children("SPEC-HIERARCHY")) {
      const std::string object = entry.child("OBJECT").child_value("SPEC-OBJECT-REF");
      ++entries[object];
      const auto found = categoryOf.find(object);
      ASSERT_NE(found, categoryOf.end()) << object << " is in the hierarchy but not an object";
      EXPECT_EQ(found->second, category) << object;
    }
  }
  EXPECT_EQ(chapters, kCategories.size());
  EXPECT_EQ(entries.size(), categoryOf.size());
  for (const auto& [object, times] : entries) EXPECT_EQ(times, 1) << object;
}

}  // namespace
}  // namespace nexus
