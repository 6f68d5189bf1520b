// RequirementsStore::importRequirements on every backend: a document's requirements recorded in
// one transaction, as the document has them, merged only with what the project had before, and
// importing the same document twice adds nothing.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "support/printers.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
const Timestamp kNow{milliseconds{1768535865123}};      // 2026-01-16T03:57:45.123Z
const Timestamp kWritten{milliseconds{1760000000000}};  // 2025-10-09, when the document's tool wrote it

struct Backend {
  std::string name;
  std::function<std::unique_ptr<RequirementsStore>(const std::string& dir, const Clock& clock)> open;
  bool persistent = false;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

std::unique_ptr<SqliteRequirementsStore> openSqlite(const std::string& dir, const Clock& clock) {
  auto store = SqliteRequirementsStore::open(dir + "/nexus.db", clock);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

// A requirement as a document of another tool carries it: no id, no times.
Requirement fromDocument(std::string text, std::string objectId, std::string file = "reqif:doc-1") {
  Requirement r;
  r.text = std::move(text);
  r.category = RequirementCategory::Functional;
  r.priority = Priority::Should;
  r.confidence = 1.0;
  r.sources.push_back({std::move(file), std::nullopt, std::move(objectId), {}});
  return r;
}

// A requirement as one of our own JSON documents carries it: everything.
Requirement fromOurDocument() {
  Requirement r;
  r.id = "req-7";
  r.projectId = "elsewhere";
  r.text = "Exports run every night at 02:00";
  r.category = RequirementCategory::NonFunctional;
  r.priority = Priority::Must;
  r.confidence = 0.9;
  r.area = "performance";
  r.validation = ValidationStatus::Validated;
  r.featureId = "exports";
  r.sources = {{"interview:s1", "m3", "r1", kWritten}, {"manual", std::nullopt, std::nullopt, kWritten + minutes{5}}};
  r.createdAt = kWritten;
  r.updatedAt = kWritten + minutes{9};
  r.editedFields = {"priority"};
  r.history = {{"req-7", "priority", "should", "must", kWritten + minutes{9}}};
  return r;
}

class RequirementsImport : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store_ = GetParam().open(dir_.path(), clock_); }
  void reopen() {
    if (!GetParam().persistent) return;
    store_.reset();
    store_ = GetParam().open(dir_.path(), clock_);
  }
  std::vector<AddResult> imported(std::string_view project, const std::vector<Requirement>& document) {
    auto results = store_->importRequirements(project, document);
    if (!results) {
      ADD_FAILURE() << results.error().message;
      return {};
    }
    return *results;
  }
  std::vector<Requirement> listed(std::string_view project) {
    auto listed = store_->list(project);
    if (!listed) {
      ADD_FAILURE() << listed.error().message;
      return {};
    }
    return *listed;
  }
  static std::vector<AddOutcome> outcomes(const std::vector<AddResult>& results) {
    std::vector<AddOutcome> out;
    for (const auto& r : results) out.push_back(r.outcome);
    return out;
  }

  nexus::test::TempDir dir_;
  ManualClock clock_{kNow};
  std::unique_ptr<RequirementsStore> store_;
};

TEST_P(RequirementsImport, KeepsEverythingOurOwnDocumentSays) {
  const auto results = imported("p", {fromOurDocument()});
  ASSERT_EQ(outcomes(results), std::vector{AddOutcome::Added});
  Requirement expected = fromOurDocument();
  expected.projectId = "p";
  EXPECT_EQ(results[0].requirement, expected);
  reopen();
  EXPECT_EQ(listed("p"), std::vector{expected});
}

TEST_P(RequirementsImport, FillsWhatAnotherToolLeavesOut) {
  const auto results = imported("p", {fromDocument("The pump stops below 2 bar", "SO-1")});
  ASSERT_EQ(results.size(), 1u);
  const Requirement& r = results[0].requirement;
  EXPECT_FALSE(r.id.empty());
  EXPECT_EQ(r.projectId, "p");
  EXPECT_EQ(r.createdAt, kNow);
  EXPECT_EQ(r.updatedAt, kNow);
  EXPECT_EQ(r.sources.at(0).addedAt, kNow);
  EXPECT_EQ(r.validation, ValidationStatus::Pending);
}

TEST_P(RequirementsImport, TheSameDocumentTwiceAddsNothing) {
  const std::vector document{fromDocument("The pump stops below 2 bar", "SO-1"),
                             fromDocument("Alarms reach the operator's phone within 30 seconds", "SO-2")};
  const auto first = imported("p", document);
  clock_.advance(minutes{1});
  reopen();
  const auto second = imported("p", document);
  EXPECT_EQ(outcomes(second), (std::vector{AddOutcome::AlreadyRecorded, AddOutcome::AlreadyRecorded}));
  EXPECT_EQ(second[0].requirement, first[0].requirement);
  EXPECT_EQ(listed("p").size(), 2u);

  // Our own document without origin ids (a source "manual") is recognised by its sources too.
  Requirement manual = fromOurDocument();
  manual.sources = {{"manual", std::nullopt, std::nullopt, kWritten}};
  manual.id.clear();
  imported("q", {manual});
  EXPECT_EQ(outcomes(imported("q", {manual})), std::vector{AddOutcome::AlreadyRecorded});
  EXPECT_EQ(listed("q").size(), 1u);
}

TEST_P(RequirementsImport, MergesWithWhatTheProjectHadButNotWithinTheDocument) {
  NewRequirement said{.projectId = "p", .text = "Alarms reach the operator's phone within 30 seconds",
                      .priority = Priority::Could, .confidence = 0.6,
                      .source = {"interview:s1", "m1", "r1", {}}};
  const Requirement before = store_->add(said)->requirement;
  const auto results = imported("p", {fromDocument("alarms reach the operator's phone within 30 seconds!", "SO-2"),
                                      fromDocument("Placeholder text", "SO-3"),
                                      fromDocument("Placeholder text", "SO-4")});
  EXPECT_EQ(outcomes(results), (std::vector{AddOutcome::Merged, AddOutcome::Added, AddOutcome::Added}));
  const Requirement& merged = results[0].requirement;
  EXPECT_EQ(merged.id, before.id);
  EXPECT_EQ(merged.text, before.text);
  ASSERT_EQ(merged.sources.size(), 2u);
  EXPECT_EQ(merged.sources[1].source, "reqif:doc-1");
  EXPECT_EQ(merged.sources[1].originId, "SO-2");
  EXPECT_EQ(merged.priority, Priority::Should);  // the stronger one
  EXPECT_EQ(merged.confidence, 1.0);
  reopen();
  EXPECT_EQ(listed("p").size(), 3u);
}

TEST_P(RequirementsImport, OneDocumentImportsIntoTwoProjects) {
  const auto intoP = imported("p", {fromOurDocument()});
  const auto intoQ = imported("q", {fromOurDocument()});
  ASSERT_EQ(outcomes(intoQ), std::vector{AddOutcome::Added});
  EXPECT_EQ(intoP[0].requirement.id, "req-7");
  EXPECT_NE(intoQ[0].requirement.id, "req-7");  // taken by p's copy
  EXPECT_EQ(intoQ[0].requirement.history.at(0).requirementId, intoQ[0].requirement.id);
  reopen();
  EXPECT_EQ(listed("p").size(), 1u);
  EXPECT_EQ(listed("q").size(), 1u);
}

TEST_P(RequirementsImport, BadInputImportsNothingAndSaysWhere) {
  Requirement noSource = fromDocument("Fine", "SO-9");
  noSource.sources.clear();
  Requirement twice = fromDocument("Fine", "SO-9");
  twice.sources.push_back(twice.sources.front());
  Requirement badConfidence = fromDocument("Fine", "SO-9");
  badConfidence.confidence = 1.5;
  const std::vector<std::pair<Requirement, std::string>> bad{
      {fromDocument("  ", "SO-9"), "requirement 2 of the document: the requirement text is empty"},
      {noSource, "requirement 2 of the document: it has no source"},
      {twice, "requirement 2 of the document: the source reqif:doc-1 is listed twice"},
      {badConfidence, "requirement 2 of the document: confidence must be between 0 and 1 (got 1.5)"},
      {fromDocument("Text \xff", "SO-9"), "requirement 2 of the document: the requirement text is not valid UTF-8"},
  };
  for (const auto& [requirement, message] : bad) {
    auto result = store_->importRequirements("p", std::vector{fromDocument("Valid first", "SO-1"), requirement});
    ASSERT_FALSE(result) << message;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(result.error().message, message);
  }
  EXPECT_FALSE(store_->importRequirements("", std::vector{fromDocument("Valid", "SO-1")}));
  reopen();
  EXPECT_TRUE(listed("p").empty());
}

TEST(RequirementsImportSqlite, AFullDiskImportsNothing) {
  nexus::test::TempDir dir;
  ManualClock clock{kNow};
  auto store = openSqlite(dir.path(), clock);
  ASSERT_TRUE(store->add({.projectId = "p", .text = "Kept before the import", .source = {"manual", {}, {}, {}}}));
  store->setMaxPageCountForTesting(12);
  std::vector<Requirement> document;
  for (int i = 0; i < 400; ++i) {
    document.push_back(fromDocument("Requirement " + std::to_string(i) + " " + std::string(400, 'x'),
                                    "SO-" + std::to_string(i)));
  }
  auto result = store->importRequirements("p", document);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::StorageFailed);
  store.reset();
  store = openSqlite(dir.path(), clock);
  auto listed = store->list("p");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().text, "Kept before the import");
}

INSTANTIATE_TEST_SUITE_P(Backends, RequirementsImport,
                         ::testing::Values(Backend{"Memory",
                                                   [](const std::string&, const Clock& clock) {
                                                     return std::make_unique<MemoryRequirementsStore>(clock);
                                                   }},
                                           Backend{"Sqlite", openSqlite, true}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace nexus
