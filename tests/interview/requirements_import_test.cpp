// Importing documents (interview/requirements_import.hpp): a JSON project document imports back
// so that exporting again gives the same bytes, importing twice adds nothing, and a document
// that is wrong anywhere imports nothing and says why in one line.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "interview/requirements_document.hpp"
#include "interview/requirements_import.hpp"
#include "store/memory_requirements_store.hpp"
#include "support/printers.hpp"

namespace nexus {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
const Timestamp kNow{milliseconds{1768535865123}};

class RequirementsImportTest : public ::testing::Test {
 protected:
  // A project as interviews and a person's edits leave it.
  void SetUp() override {
    for (const auto& [text, priority] : std::vector<std::pair<std::string, Priority>>{
             {"Users must sign in with Google", Priority::Must},
             {"Pages should load in under 2 seconds", Priority::Should},
             {"Maybe later, export to Excel", Priority::Could}}) {
      NewRequirement r{.projectId = "demo", .text = text, .priority = priority, .confidence = 0.8,
                       .source = {"interview:s1", "m" + std::to_string(++messages_), "r" + std::to_string(messages_), {}}};
      ids_.push_back(original_.add(r)->requirement.id);
      clock_.advance(milliseconds{1500});
    }
    ASSERT_TRUE(original_.update(ids_[1], {.priority = Priority::Must, .area = "performance"}));
    ASSERT_TRUE(original_.validate(ids_[0]));
    ASSERT_TRUE(original_.linkToFeature(ids_[0], "F-1"));
  }
  std::string exported(const RequirementsStore& store, std::string_view project) const {
    return renderProjectDocument(project, *store.list(project), DocumentFormat::Json, kNow);
  }

  ManualClock clock_{kNow};
  MemoryRequirementsStore original_{clock_};
  std::vector<std::string> ids_;
  int messages_ = 0;
};

TEST_F(RequirementsImportTest, AJsonExportImportsBackToTheSameBytes) {
  const std::string document = exported(original_, "demo");
  ManualClock later{kNow + milliseconds{3600000}};
  MemoryRequirementsStore empty{later};
  auto counts = importDocument(empty, "demo", ImportFormat::Json, document);
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(*counts, (ImportCounts{.added = 3}));
  EXPECT_EQ(exported(empty, "demo"), document);

  // Into another project of the same database: the ids are taken, so new ones; nothing else differs.
  auto copy = importDocument(original_, "copy", ImportFormat::Json, document);
  ASSERT_TRUE(copy) << copy.error().message;
  EXPECT_EQ(copy->added, 3u);
  const auto copied = *original_.list("copy");
  const auto demo = *original_.list("demo");
  for (std::size_t i = 0; i < demo.size(); ++i) {
    EXPECT_NE(copied[i].id, demo[i].id);
    EXPECT_EQ(copied[i].text, demo[i].text);
    EXPECT_EQ(copied[i].sources, demo[i].sources);
    EXPECT_EQ(copied[i].history.size(), demo[i].history.size());
  }
}

TEST_F(RequirementsImportTest, ImportingTwiceAddsNothing) {
  const std::string document = exported(original_, "demo");
  EXPECT_EQ(*importDocument(original_, "demo", ImportFormat::Json, document), (ImportCounts{.alreadyThere = 3}));
  EXPECT_EQ(original_.list("demo")->size(), 3u);
}

TEST_F(RequirementsImportTest, AWrongDocumentImportsNothingAndSaysWhy) {
  json valid = json::parse(exported(original_, "demo"));
  const auto with = [&](auto edit) {
    json document = valid;
    edit(document);
    return document.dump();
  };
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "the file is empty"},
      {"{\"requirements\": [", "not JSON (parse error at line 1, column 19: syntax error while parsing value - "
                               "unexpected end of input; expected '[', '{', or a literal)"},
      {"[1, 2]", "JSON but not a Nexus requirements document (expected an object with \"format\": "
                 "\"nexus-requirements\" and a \"requirements\" array)"},
      {with([](json& d) { d["format"] = "something-else"; }),
       "JSON but not a Nexus requirements document (expected an object with \"format\": \"nexus-requirements\" and "
       "a \"requirements\" array)"},
      {with([](json& d) { d["schemaVersion"] = 2; }),
       "the document was written by a newer Nexus (schema version 2; this build reads up to 1): upgrade nexus"},
      {with([](json& d) { d["requirements"][2].erase("text"); }),
       "requirement 3 of the document: key 'text' not found"},
      {with([](json& d) { d["requirements"][1]["priority"] = "urgent"; }),
       "requirement 2 of the document: unknown priority \"urgent\""},
      {with([](json& d) { d["requirements"][0]["text"] = "   "; }),
       "requirement 1 of the document: the requirement text is empty"},
  };
  for (const auto& [document, message] : cases) {
    auto counts = importDocument(original_, "fresh", ImportFormat::Json, document);
    ASSERT_FALSE(counts) << message;
    EXPECT_EQ(counts.error().code, ErrorCode::InvalidArgument) << message;
    EXPECT_EQ(counts.error().message, message);
  }
  EXPECT_TRUE(original_.list("fresh")->empty());
}

TEST_F(RequirementsImportTest, ADocumentOverTheLimitIsRefusedUnread) {
  const std::string document = exported(original_, "demo");
  auto counts = importDocument(original_, "fresh", ImportFormat::Json, document, 100);
  ASSERT_FALSE(counts);
  EXPECT_EQ(counts.error().code, ErrorCode::PayloadTooLarge);
  EXPECT_EQ(counts.error().message,
            "the document is " + std::to_string(document.size()) + " bytes, over the import limit of 100 bytes");
  EXPECT_EQ(readImportDocument(ImportFormat::Reqif, std::string(65, '<'), 64).error().message,
            "the document is 65 bytes, over the import limit of 64 bytes");
}

TEST(ImportFormats, AreNamedOrGuessed) {
  EXPECT_EQ(parseImportFormat("ReqIF"), ImportFormat::Reqif);
  EXPECT_EQ(parseImportFormat("JSON"), ImportFormat::Json);
  EXPECT_EQ(parseImportFormat("csv"), std::nullopt);
  EXPECT_EQ(guessImportFormat("doors-export.REQIF", "{"), ImportFormat::Reqif);
  EXPECT_EQ(guessImportFormat("project.json", "<"), ImportFormat::Json);
  EXPECT_EQ(guessImportFormat("-", "\xEF\xBB\xBF  <?xml"), ImportFormat::Reqif);
  EXPECT_EQ(guessImportFormat("download", "\n {\"format\""), ImportFormat::Json);
  EXPECT_EQ(guessImportFormat("notes.txt", "hello"), std::nullopt);
}

}  // namespace
}  // namespace nexus
