// What only the SQLite requirements store has: the rows it writes, faults (full disk, locks,
// read-only files, rows it cannot read), several connections on one file (its near-duplicate
// index must follow their writes), and sharing the file with the session store.

#include "store/sqlite_requirements_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/sqlite_session_store.hpp"
#include "support/raw_sqlite.hpp"
#include "support/temp_dir.hpp"
#include "support/unprivileged.hpp"
#include "support/printers.hpp"
#include "support/result_assertions.hpp"

namespace nexus {

namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
const Timestamp kStart{milliseconds{1768535865123}};  // 2026-01-16T03:57:45.123Z

using Raw = test::RawSqlite;

NewRequirement stated(std::string project, std::string text,
                      RequirementSource source = {"manual", {}, {}, {}}) {
  NewRequirement r;
  r.projectId = std::move(project);
  r.text = std::move(text);
  r.confidence = 0.8;
  r.source = std::move(source);
  return r;
}

class SqliteRequirementsStoreTest : public ::testing::Test {
 protected:
  std::string file() const { return dir_.path() + "/nexus.db"; }
  std::unique_ptr<SqliteRequirementsStore> open(SqliteOptions options = {}) {
    auto store = SqliteRequirementsStore::open(file(), clock_, options);
    if (!store) throw std::runtime_error(store.error().message);
    return std::move(*store);
  }
  static AddResult add(RequirementsStore& store, const NewRequirement& requirement) {
    auto added = store.add(requirement);
    if (!added) throw std::runtime_error(added.error().message);
    return *added;
  }

  nexus::test::TempDir dir_;
  ManualClock clock_{kStart};
};

TEST_F(SqliteRequirementsStoreTest, KeepsEverythingAcrossReopenInTheRowsOfMigration3) {
  std::vector<Requirement> stored;
  {
    auto store = open();
    NewRequirement first = stated("shop", "Users must sign in with Google", {"interview:s1", "m1", "r1", {}});
    first.area = "authentication";
    const std::string id = add(*store, first).requirement.id;
    clock_.advance(milliseconds{5});
    add(*store, stated("shop", "users sign in with google", {"interview:s2", std::nullopt, "r4", {}}));
    clock_.advance(milliseconds{5});
    add(*store, stated("shop", "Pages load within two seconds"));
    ASSERT_OK(store->validate(id, ValidationStatus::Rejected));
    ASSERT_OK(store->linkToFeature(id, "login"));
    stored = *store->list("shop");
    ASSERT_EQ(stored.size(), 2u);
  }
  EXPECT_EQ(*open()->list("shop"), stored);
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(id || ' ' || created_at) FROM projects"),
            "shop 2026-01-16T03:57:45.123Z");
  EXPECT_EQ(
      raw.text("SELECT validation || ' ' || feature_id || ' ' || area || ' ' || updated_at FROM requirements "
               "WHERE id = '" +
               stored[0].id + "'"),
      "rejected login authentication 2026-01-16T03:57:45.133Z");
  EXPECT_EQ(raw.text("SELECT group_concat(seq || ':' || source || ':' || coalesce(message_id, '-') || ':' || "
                     "origin_id, ' ') FROM (SELECT * FROM requirement_sources WHERE requirement_id = '" +
                     stored[0].id + "' ORDER BY seq)"),
            "0:interview:s1:m1:r1 1:interview:s2:-:r4");
}

// The person's edits: edited_fields in the row, one requirement_history row per change, read
// back by get() and by list() (one query for the project's history, whatever its size).
TEST_F(SqliteRequirementsStoreTest, KeepsEditsInTheRowsOfMigration4) {
  std::vector<Requirement> stored;
  std::string id;
  {
    auto store = open();
    id = add(*store, stated("shop", "Users must sign in with Google")).requirement.id;
    add(*store, stated("shop", "Pages load within two seconds"));
    clock_.advance(milliseconds{5});
    ASSERT_OK(store->update(id, {.text = "Users sign in with SSO", .priority = Priority::Must}));
    clock_.advance(milliseconds{5});
    ASSERT_OK(store->update(id, {.priority = Priority::Could, .area = "authentication"}));
    stored = *store->list("shop");
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].history.size(), 4u);
    EXPECT_TRUE(stored[1].history.empty());
  }
  auto store = open();
  EXPECT_EQ(*store->list("shop"), stored);
  EXPECT_EQ(**store->get(id), stored[0]);
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(coalesce(edited_fields, '-'), ' ') FROM requirements"),
            "[\"text\",\"priority\",\"area\"] -");
  EXPECT_EQ(raw.text("SELECT group_concat(seq || ':' || field || ':' || coalesce(old_value, '-') || ':' || "
                     "coalesce(new_value, '-') || ':' || edited_at, ' ') FROM (SELECT * FROM requirement_history "
                     "WHERE requirement_id = '" + id + "' ORDER BY seq)"),
            "0:text:Users must sign in with Google:Users sign in with SSO:2026-01-16T03:57:45.128Z "
            "1:priority:should:must:2026-01-16T03:57:45.128Z 2:priority:must:could:2026-01-16T03:57:45.133Z "
            "3:area:-:authentication:2026-01-16T03:57:45.133Z");
  ASSERT_TRUE(*store->remove(id));
  EXPECT_EQ(raw.text("SELECT count(*) FROM requirement_history"), "0");  // ON DELETE CASCADE
}

TEST_F(SqliteRequirementsStoreTest, AFullDiskFailsTheAddAndKeepsEverythingStoredBefore) {
  auto store = open();
  std::vector<Requirement> stored;
  for (int i = 0; i < 3; ++i) {
    clock_.advance(milliseconds{1});
    stored.push_back(add(*store, stated("p", "small requirement number " + std::to_string(i))).requirement);
  }
  const std::int64_t pages = std::stoll(Raw(file()).text("PRAGMA page_count"));
  store->setMaxPageCountForTesting(pages + 2);
  // Distinct words, so that no big text is a near-duplicate of another.
  const auto big = [](int n) {
    std::string text;
    for (int word = 0; word < 600; ++word) text += "w" + std::to_string(n) + "x" + std::to_string(word) + " ";
    return text;
  };
  std::optional<Error> failure;
  int n = 0;
  for (; n < 100 && !failure; ++n) {
    clock_.advance(milliseconds{1});
    auto added = store->add(stated("p", big(n)));
    if (added) {
      stored.push_back(added->requirement);
    } else {
      failure = added.error();
    }
  }
  ASSERT_TRUE(failure.has_value()) << "the capped file never filled";
  EXPECT_EQ(failure->code, ErrorCode::StorageFailed);
  EXPECT_EQ(failure->message, "cannot add a requirement to project p in " + file() + ": the disk is full");
  const auto stillFull = store->add(stated("p", big(1000)));
  ASSERT_FALSE(stillFull.ok());
  EXPECT_EQ(stillFull.error().message, failure->message);
  EXPECT_EQ(Raw(file()).text("PRAGMA integrity_check"), "ok");
  EXPECT_TRUE(*store->list("p") == stored);  // the same connection is still usable (no print: texts are big)

  store->setMaxPageCountForTesting(1'000'000);
  clock_.advance(milliseconds{1});
  const AddResult later = add(*store, stated("p", big(n - 1)));
  EXPECT_EQ(later.outcome, AddOutcome::Added);
  stored.push_back(later.requirement);
  store.reset();
  EXPECT_EQ(stored.size(), static_cast<std::size_t>(3 + n));
  EXPECT_TRUE(*open()->list("p") == stored);
  EXPECT_EQ(Raw(file()).text("PRAGMA integrity_check"), "ok");
}

// What an unprivileged user gets from open(); "SKIP: why" if it cannot be tried.
std::string openErrorAsUnprivileged(const std::string& path, const Clock& clock) {
  const auto openError = [&] {
    auto store = SqliteRequirementsStore::open(path, clock);
    return store ? std::string("(opened)") : store.error().message;
  };
  return test::runUnprivileged(openError);
}

TEST_F(SqliteRequirementsStoreTest, RefusesAReadOnlyFileAtOpen) {
  add(*open(), stated("p", "Users sign in with Google"));
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0755), 0);  // `nobody` may enter, not write
  ASSERT_EQ(::chmod(file().c_str(), 0444), 0);
  const std::string error = openErrorAsUnprivileged(file(), clock_);
  ASSERT_EQ(::chmod(file().c_str(), 0600), 0);
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0700), 0);
  if (error.starts_with("SKIP: ")) GTEST_SKIP() << error.substr(6);
  EXPECT_EQ(error, "cannot open " + file() + ": the database file is read-only");
  EXPECT_EQ(open()->list("p")->size(), 1u);
}

TEST_F(SqliteRequirementsStoreTest, ALockHeldTooLongIsAClearErrorAndPassesAway) {
  auto store = open({milliseconds{100}});
  Raw other(file());
  other.exec("BEGIN IMMEDIATE");
  const auto failed = store->add(stated("p", "Users sign in with Google"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "cannot add a requirement to project p in " + file() +
                                        ": the database is locked by another process (gave up after 100 ms)");
  other.exec("COMMIT");
  EXPECT_EQ(add(*store, stated("p", "Users sign in with Google")).outcome, AddOutcome::Added);
}

TEST_F(SqliteRequirementsStoreTest, ARowThisBuildCannotReadIsAOneLineError) {
  auto store = open();
  const std::string id = add(*store, stated("p", "Users sign in with Google")).requirement.id;
  Raw(file()).exec("UPDATE requirements SET category = 'banana' WHERE id = '" + id + "'");
  const auto failed = store->get(id);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::StorageFailed);
  EXPECT_EQ(failed.error().message, "cannot read requirement " + id + " from " + file() +
                                        ": the stored category \"banana\" is not valid");
  EXPECT_THAT(store->list("p").error().message, HasSubstr("list the requirements of project p in " + file()));
}

// What forEach() hands over, in order.
Result<std::vector<Requirement>> walked(const RequirementsStore& store, std::string_view project) {
  std::vector<Requirement> seen;
  auto walk = store.forEach(project, {}, [&](const Requirement& r) {
    seen.push_back(r);
    return true;
  });
  if (!walk) return walk.error();
  return seen;
}

// The first index at which two lists differ, or their common size: a failure says where without
// printing thousands of requirements.
std::size_t firstDifference(const std::vector<Requirement>& a, const std::vector<Requirement>& b) {
  return static_cast<std::size_t>(std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin());
}

// An export's walk: thousands of requirements, ten to a millisecond (ties keep the order they
// were recorded in, not that of their random ids), some with several sources, some edited.
TEST_F(SqliteRequirementsStoreTest, ForEachOfThousandsOfRequirementsIsTheList) {
  constexpr std::size_t kRequirements = 3000;
  std::vector<Requirement> document;
  for (std::size_t i = 0; i < kRequirements; ++i) {
    Requirement r;
    r.text = "requirement " + std::to_string(i) + " of the export";
    r.priority = static_cast<Priority>(i % 4);
    r.confidence = static_cast<double>(i % 11) / 10.0;
    if (i % 5 != 0) r.area = "area" + std::to_string(i % 3);
    r.createdAt = kStart + milliseconds{i / 10};
    r.sources.push_back({"reqif:doc", std::nullopt, "object-" + std::to_string(i), r.createdAt});
    if (i % 7 == 0) r.sources.push_back({"interview:s" + std::to_string(i), "m1", "r1", r.createdAt});
    if (i % 100 == 0) {
      r.editedFields = {"priority"};
      r.history = {{"", "priority", "could", std::string(toString(r.priority)), r.createdAt}};
    }
    document.push_back(std::move(r));
  }
  auto store = open();
  add(*store, stated("other", "requirement 0 of the export"));
  auto imported = store->importRequirements("p", document);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  clock_.advance(milliseconds{5000});
  const std::string edited = (*imported)[1234].requirement.id;
  ASSERT_OK(store->update(edited, {.text = "requirement 1234 of the export, edited"}));
  ASSERT_OK(store->update(edited, {.area = ""}));

  const auto listed = store->list("p");
  ASSERT_OK(listed);
  const auto all = walked(*store, "p");
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), kRequirements);
  EXPECT_EQ(firstDifference(*all, *listed), kRequirements) << "forEach and list differ there";
  EXPECT_TRUE(*all == *listed);
  std::size_t inOrder = 0, severalSources = 0, withHistory = 0;
  for (std::size_t i = 0; i < kRequirements; ++i) {
    inOrder += (*all)[i].id == (*imported)[i].requirement.id ? 1 : 0;
    severalSources += (*all)[i].sources.size() > 1 ? 1 : 0;
    withHistory += (*all)[i].history.empty() ? 0 : 1;
  }
  EXPECT_EQ(inOrder, kRequirements);
  EXPECT_EQ(severalSources, (kRequirements + 6) / 7);
  EXPECT_EQ(withHistory, kRequirements / 100 + 1);
  EXPECT_EQ((*all)[1234].history.size(), 2u);
  EXPECT_EQ((*all)[1234], **store->get(edited));
}

// A row the walk cannot read, the requirement's or one of its history: the one-line error of
// list() after the requirements before it were handed over, and the connection goes on.
TEST_F(SqliteRequirementsStoreTest, ARowTheWalkCannotReadFailsItWithTheErrorOfList) {
  auto store = open();
  std::vector<std::string> ids;
  for (const char* text : {"Users sign in with Google", "Pages load within two seconds", "Exports run nightly"}) {
    ids.push_back(add(*store, stated("p", text)).requirement.id);
    clock_.advance(milliseconds{1});
  }
  ASSERT_OK(store->update(ids[2], {.priority = Priority::Must}));
  const auto walkFailure = [&](std::size_t expectedVisits) {
    std::size_t visits = 0;
    const auto walk = store->forEach("p", {}, [&](const Requirement&) { return ++visits, true; });
    EXPECT_EQ(visits, expectedVisits);
    if (walk) {
      ADD_FAILURE() << "the walk read every row";
      return std::string();
    }
    EXPECT_EQ(walk.error().code, ErrorCode::StorageFailed);
    EXPECT_EQ(walk.error().message, store->list("p").error().message);
    EXPECT_EQ(walk.error().message.find('\n'), std::string::npos);
    return walk.error().message;
  };
  Raw raw(file());
  raw.exec("UPDATE requirements SET category = 'banana' WHERE id = '" + ids[1] + "'");
  EXPECT_EQ(walkFailure(1), "cannot list the requirements of project p in " + file() +
                                ": the stored category \"banana\" is not valid");
  raw.exec("UPDATE requirements SET category = 'functional' WHERE id = '" + ids[1] + "'");
  raw.exec("UPDATE requirement_history SET edited_at = 'yesterday' WHERE requirement_id = '" + ids[2] + "'");
  EXPECT_EQ(walkFailure(2), "cannot list the requirements of project p in " + file() +
                                ": the stored edited_at \"yesterday\" is not valid");
  raw.exec("UPDATE requirement_history SET edited_at = '2026-01-16T03:57:45.125Z'");
  const auto all = walked(*store, "p");
  ASSERT_OK(all);
  EXPECT_EQ(*all, *store->list("p"));
  EXPECT_EQ(all->size(), 3u);
  EXPECT_EQ(add(*store, stated("p", "Invoices carry a VAT number")).outcome, AddOutcome::Added);
}

// The walk reads one state of the file: what another connection writes while it runs (WAL lets
// it) is not seen half-way.
TEST_F(SqliteRequirementsStoreTest, TheWalkSeesOneStateWhileAnotherConnectionWrites) {
  auto mine = open();
  auto theirs = open();
  for (const char* text : {"Users sign in with Google", "Pages load within two seconds", "Exports run nightly"}) {
    add(*mine, stated("p", text));
    clock_.advance(milliseconds{1});
  }
  const std::vector<Requirement> before = *mine->list("p");
  std::vector<Requirement> seen;
  const auto walk = mine->forEach("p", {}, [&](const Requirement& r) {
    if (seen.empty()) {
      EXPECT_TRUE(*theirs->remove(before[2].id));
      EXPECT_OK(theirs->update(before[1].id, {.text = "Pages load within one second"}));
      add(*theirs, stated("p", "Invoices carry a VAT number"));
    }
    seen.push_back(r);
    return true;
  });
  ASSERT_OK(walk);
  EXPECT_EQ(seen, before);
  const auto after = *mine->list("p");
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[1].text, "Pages load within one second");
  EXPECT_EQ(after[2].text, "Invoices carry a VAT number");
}

// The index of one connection follows what others write: removed texts are not merged into,
// changed texts are compared as they are now.
TEST_F(SqliteRequirementsStoreTest, TheNearDuplicateScanSeesOtherConnectionsWrites) {
  auto mine = open();
  auto theirs = open();
  const std::string reports = add(*mine, stated("p", "Admins export monthly sales reports")).requirement.id;
  ASSERT_TRUE(*theirs->remove(reports));
  const AddResult again = add(*mine, stated("p", "Admins export monthly sales reports quickly"));
  EXPECT_EQ(again.outcome, AddOutcome::Added);

  ASSERT_OK(theirs->update(again.requirement.id, {.text = "Pages load within two seconds"}));
  EXPECT_EQ(add(*mine, stated("p", "Admins export monthly sales reports")).outcome, AddOutcome::Added);
  const AddResult merged = add(*mine, stated("p", "pages load within two seconds"));
  EXPECT_EQ(merged.outcome, AddOutcome::Merged);
  EXPECT_EQ(merged.requirement.id, again.requirement.id);

  Raw(file()).exec("UPDATE requirements SET text = 'Invoices carry a VAT number' WHERE id = '" +
                   again.requirement.id + "'");
  EXPECT_EQ(add(*mine, stated("p", "Invoices carry VAT number")).requirement.id, again.requirement.id);
}

TEST_F(SqliteRequirementsStoreTest, TwoStoresInTwoThreadsMergeWithoutLosingASource) {
  auto left = open();
  auto right = open();
  const std::string base = add(*left, stated("p", "Admins export monthly sales reports")).requirement.id;
  constexpr int kStatements = 25;
  const auto why = [](const Result<AddResult>& result) {
    return result.ok() ? "" : ": " + result.error().message;
  };
  const auto work = [&](SqliteRequirementsStore& store, const std::string& side) {
    for (int i = 0; i < kStatements; ++i) {
      // One extra word: 5/6 similar to the base, and each other's texts too close to stay apart.
      const std::string word = side + "word" + std::to_string(i);
      const RequirementSource source{"interview:" + side, "m" + std::to_string(i), "r" + std::to_string(i), {}};
      const auto merged = store.add(stated("p", "Admins export monthly sales reports " + word, source));
      EXPECT_TRUE(merged.ok() && merged->outcome == AddOutcome::Merged) << side << i << why(merged);
      const auto again = store.add(stated("p", "anything", source));
      EXPECT_TRUE(again.ok() && again->outcome == AddOutcome::AlreadyRecorded) << side << i << why(again);
      const auto separate = store.add(stated("p", side + " item " + word));
      EXPECT_TRUE(separate.ok() && separate->outcome == AddOutcome::Added) << side << i << why(separate);
    }
  };
  std::thread a(work, std::ref(*left), "left");
  std::thread b(work, std::ref(*right), "right");
  a.join();
  b.join();

  const Requirement merged = **right->get(base);
  ASSERT_EQ(merged.sources.size(), 1u + 2 * kStatements);
  std::set<std::pair<std::string, std::string>> origins;
  for (const auto& source : merged.sources) origins.emplace(source.source, source.originId.value_or("-"));
  EXPECT_EQ(origins.size(), merged.sources.size());
  EXPECT_EQ(left->list("p")->size(), 1u + 2 * kStatements);
  Raw raw(file());
  EXPECT_EQ(
      raw.text("SELECT max(seq) + 1 = count(*) FROM requirement_sources WHERE requirement_id = '" + base + "'"),
      "1");
  EXPECT_EQ(raw.text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteRequirementsStoreTest, WorksBesideTheSessionStoreOnOneFile) {
  auto sessions = SqliteSessionStore::open(file());
  ASSERT_OK(sessions);
  auto requirements = open();

  InterviewSession session;
  session.id = "s1";
  session.projectId = "shop";
  session.startedAt = session.lastActivityAt = kStart;
  session.messages.push_back({"m1", MessageRole::User, "Users must sign in with Google", kStart, {}, {}});
  session.extractedRequirements.push_back({"r1", "Users must sign in with Google",
                                           RequirementCategory::Functional, Priority::Must, 0.9,
                                           "authentication", "m1", std::nullopt});
  ASSERT_OK((*sessions)->save(session));

  // What exporting a session does: each requirement with its session as the source.
  const auto exportSession = [&] {
    std::vector<AddOutcome> outcomes;
    for (const auto& r : session.extractedRequirements) {
      NewRequirement requirement{session.projectId,
                                 r.text,
                                 r.category,
                                 r.priority,
                                 r.confidence,
                                 r.area,
                                 RequirementSource{"interview:" + session.id, r.sourceMessageId, r.id, {}}};
      outcomes.push_back(add(*requirements, requirement).outcome);
    }
    return outcomes;
  };
  EXPECT_EQ(exportSession(), std::vector<AddOutcome>{AddOutcome::Added});

  // A session save between two exports: the requirements store reads what changed, no more.
  session.messages.push_back(
      {"m2", MessageRole::User, "People sign in with their Google account", kStart, {}, {}});
  session.extractedRequirements.push_back({"r2", "users sign in with google", RequirementCategory::Functional,
                                           Priority::Should, 0.8, std::nullopt, "m2", std::nullopt});
  ASSERT_OK((*sessions)->save(session));
  EXPECT_EQ(exportSession(), (std::vector<AddOutcome>{AddOutcome::AlreadyRecorded, AddOutcome::Merged}));

  // A project first known from the requirements store, then from a session.
  add(*requirements, stated("new", "Exports run nightly"));
  InterviewSession later;
  later.id = "s2";
  later.projectId = "new";
  later.startedAt = later.lastActivityAt = kStart;
  ASSERT_OK((*sessions)->save(later));
  ASSERT_TRUE(*(*sessions)->remove("s1"));  // requirements outlive their session

  const auto shop = *requirements->list("shop");
  ASSERT_EQ(shop.size(), 1u);
  EXPECT_EQ(shop[0].sources.size(), 2u);
  EXPECT_EQ(shop[0].priority, Priority::Must);
  EXPECT_EQ((**(*sessions)->load("s2")).projectId, "new");
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(id) FROM (SELECT id FROM projects ORDER BY id)"), "new,shop");
  EXPECT_EQ(raw.text("PRAGMA foreign_key_check"), "(no row)");
}

TEST_F(SqliteRequirementsStoreTest, InMemoryDatabaseNeedsNoFile) {
  auto store = SqliteRequirementsStore::open(":memory:", clock_);
  ASSERT_OK(store);
  const AddResult added = add(**store, stated("p", "Users sign in with Google"));
  EXPECT_EQ(**(*store)->get(added.requirement.id), added.requirement);
  EXPECT_EQ(add(**store, stated("p", "users sign in with Google")).outcome, AddOutcome::Merged);
}

}  // namespace
}  // namespace nexus
