// What only the SQLite store has: migrations, refusing files it must not touch, faults (full
// disk, locks, read-only files), several connections on one file, and its pragmas.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "store/sqlite_schema.hpp"
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
namespace fs = std::filesystem;

using Raw = test::RawSqlite;

std::string bytesOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::unique_ptr<SqliteSessionStore> openStore(const std::string& path, SqliteOptions options = {}) {
  auto store = SqliteSessionStore::open(path, options);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

std::string openError(const std::string& path) {
  auto store = SqliteSessionStore::open(path);
  return store ? "(opened)" : store.error().message;
}

InterviewSession session(const std::string& id, std::size_t messages, std::size_t contentBytes = 20) {
  InterviewSession s;
  s.id = id;
  s.projectId = "p";
  s.startedAt = s.lastActivityAt = Timestamp{milliseconds{1768535865123}};
  for (std::size_t i = 0; i < messages; ++i) {
    s.messages.push_back({id + "-m" + std::to_string(i), i % 2 ? MessageRole::User : MessageRole::Assistant,
                          std::string(contentBytes, 'a' + static_cast<char>(i % 26)), s.startedAt,
                          std::nullopt, std::nullopt});
  }
  return s;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::string file(const char* name = "nexus.db") const { return dir_.path() + "/" + name; }
  nexus::test::TempDir dir_;
};

TEST_F(SqliteStoreTest, MigratesAnEmptyDatabaseOnceToTheLatestVersion) {
  openStore(file());
  Raw raw(file());
  EXPECT_EQ(nexusSchemaMigrations().size(), 5u);
  EXPECT_EQ(raw.text("SELECT group_concat(version) FROM schema_migrations"), "1,2,3,4,5");
  const std::string appliedAt = raw.text("SELECT max(applied_at) FROM schema_migrations");
  EXPECT_EQ(appliedAt.size(), 24u) << appliedAt;  // 2026-01-16T03:57:45.123Z
  EXPECT_EQ(raw.text("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' "
                     "AND name NOT LIKE 'sqlite%' ORDER BY name)"),
            "messages,projects,requirement_edits,requirement_history,requirement_sources,requirements,"
            "schema_migrations,session_claims,session_requirements,sessions");
  ASSERT_OK(openStore(file())->save(session("a", 2)));
  openStore(file());
  EXPECT_EQ(raw.text("SELECT count(*) || ' ' || max(applied_at) FROM schema_migrations"), "5 " + appliedAt);
  EXPECT_EQ(raw.text("SELECT count(*) FROM messages"), "2");
}

// A file written by the release before the requirements database (schema 2) opens, gains the
// new tables and keeps its sessions.
TEST_F(SqliteStoreTest, UpgradesASchema2DatabaseKeepingItsSessions) {
  const InterviewSession stored = session("old", 4);
  {
    auto v2 = SqliteDatabase::open(file(), nexusSchemaMigrations().first(2));
    ASSERT_OK(v2);
    SQLite::Database& db = v2->connection();
    db.exec("INSERT INTO projects VALUES ('p', '2026-01-16T03:57:45.123Z')");
    db.exec("INSERT INTO sessions VALUES ('old', 'p', 'active', 'genesis', NULL, '[]', "
            "'2026-01-16T03:57:45.123Z', '2026-01-16T03:57:45.123Z', NULL)");
    SQLite::Statement insert(db,
                             "INSERT INTO messages (session_id, seq, id, role, content, timestamp) "
                             "VALUES ('old', ?, ?, ?, ?, '2026-01-16T03:57:45.123Z')");
    for (std::size_t seq = 0; seq < stored.messages.size(); ++seq) {
      insert.bind(1, static_cast<std::int64_t>(seq));
      insert.bind(2, stored.messages[seq].id);
      insert.bind(3, std::string(toString(stored.messages[seq].role)));
      insert.bind(4, stored.messages[seq].content);
      insert.exec();
      insert.reset();
    }
  }
  auto store = openStore(file());
  EXPECT_EQ(Raw(file()).text("SELECT group_concat(version) FROM schema_migrations"), "1,2,3,4,5");
  auto loaded = store->load("old");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ(**loaded, stored);
}

// The raw model output and what the reply cost live in the message row, not in the JSON shape.
TEST_F(SqliteStoreTest, ModelOutputIsStoredInTheAuditColumnsOfItsMessage) {
  InterviewSession s = session("audit", 3);
  s.messages[2].modelOutput = ModelOutput{"Hi <requirement>x</requirement>", "claude-test", "end_turn",
                                          TokenUsage{1200, 80, 1000, 150}};
  ASSERT_OK(openStore(file())->save(s));
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT raw_output || '|' || model || '|' || stop_reason || '|' || input_tokens || '|' || "
                     "output_tokens || '|' || cache_read_tokens || '|' || cache_creation_tokens "
                     "FROM messages WHERE id = 'audit-m2'"),
            "Hi <requirement>x</requirement>|claude-test|end_turn|1200|80|1000|150");
  EXPECT_EQ(raw.text("SELECT count(*) FROM messages WHERE session_id = 'audit' AND raw_output IS NULL "
                     "AND model IS NULL AND input_tokens IS NULL"),
            "2");
  auto loaded = openStore(file())->load("audit");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ(**loaded, s);
}

TEST_F(SqliteStoreTest, AppliesOnlyMissingMigrationsEachInOneTransaction) {
  constexpr std::array<std::string_view, 3> kScripts{
      "CREATE TABLE one (x)",  // fails if run twice
      "CREATE TABLE two (x)", "CREATE TABLE three (x); INSERT INTO nowhere VALUES (1)"};
  ASSERT_OK(SqliteDatabase::open(file(), std::span(kScripts).first(1)));
  ASSERT_OK(SqliteDatabase::open(file(), std::span(kScripts).first(2)));
  auto failed = SqliteDatabase::open(file(), kScripts);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.error().message, HasSubstr("cannot open " + file() + ": "));
  EXPECT_THAT(failed.error().message, HasSubstr("no such table: nowhere"));
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(version) FROM schema_migrations"), "1,2");
  EXPECT_EQ(raw.text("SELECT count(*) FROM sqlite_master WHERE name = 'three'"), "0");  // rolled back
}

TEST_F(SqliteStoreTest, RefusesANewerDatabaseAndLeavesItUntouched) {
  ASSERT_OK(openStore(file())->save(session("a", 3)));
  {
    Raw raw(file());
    raw.exec("INSERT INTO schema_migrations VALUES (999, '2030-01-01T00:00:00.000Z')");
  }
  const std::string before = bytesOf(file());
  EXPECT_EQ(openError(file()),
            file() + " was written by a newer Nexus (schema 999; this build knows 5); upgrade nexus");
  EXPECT_EQ(bytesOf(file()), before);
}

// Checked before WAL is set: WAL mode would be written into the file's header.
TEST_F(SqliteStoreTest, RefusesANewerRollbackJournalDatabaseWithoutSwitchingItToWal) {
  {
    Raw raw(file());
    raw.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT);"
        "INSERT INTO schema_migrations VALUES (7, 'later')");
  }
  const std::string before = bytesOf(file());
  EXPECT_EQ(openError(file()),
            file() + " was written by a newer Nexus (schema 7; this build knows 5); upgrade nexus");
  EXPECT_EQ(bytesOf(file()), before);
  EXPECT_EQ(Raw(file()).text("PRAGMA journal_mode"), "delete");
}

TEST_F(SqliteStoreTest, RefusesFilesThatAreNotNexusDatabasesAndLeavesThemUntouched) {
  writeFile(file(), "hello");
  EXPECT_EQ(openError(file()), "cannot open " + file() + ": file is not a database");
  EXPECT_EQ(bytesOf(file()), "hello");

  const std::string text(8192, 'x');
  writeFile(file("big.txt"), text);
  EXPECT_EQ(openError(file("big.txt")), "cannot open " + file("big.txt") + ": file is not a database");
  EXPECT_EQ(bytesOf(file("big.txt")), text);

  Raw(file("other.db")).exec("CREATE TABLE contacts (name TEXT)");
  const std::string before = bytesOf(file("other.db"));
  EXPECT_EQ(openError(file("other.db")),
            "cannot open " + file("other.db") +
                ": it is a database of another program (it has no schema_migrations table)");
  EXPECT_EQ(bytesOf(file("other.db")), before);
}

TEST_F(SqliteStoreTest, RefusesACorruptDatabase) {
  ASSERT_OK(openStore(file())->save(session("a", 3)));
  std::string bytes = bytesOf(file());
  ASSERT_GT(bytes.size(), 200u);
  std::fill(bytes.begin() + 100, bytes.begin() + 200,
            '\xff');  // page 1's b-tree header, after the file header
  writeFile(file(), bytes);
  EXPECT_EQ(openError(file()), "cannot open " + file() + ": the database file is corrupt");
}

TEST_F(SqliteStoreTest, AMissingDirectoryIsAClearErrorAndIsNotCreated) {
  const std::string path = dir_.path() + "/missing/nexus.db";
  EXPECT_EQ(openError(path),
            "cannot open " + path + ": the directory " + dir_.path() + "/missing does not exist");
  EXPECT_FALSE(fs::exists(dir_.path() + "/missing"));
  EXPECT_EQ(openError(dir_.path()), "cannot open " + dir_.path() + ": it is a directory");
}

// What an unprivileged user gets from open(path); "SKIP: why" if it cannot be tried.
std::string openErrorAsUnprivileged(const std::string& path) {
  return test::runUnprivileged([&] { return openError(path); });
}

TEST_F(SqliteStoreTest, RefusesAReadOnlyFileOrDirectory) {
  ASSERT_OK(openStore(file())->save(session("a", 3)));
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0755), 0);  // `nobody` may enter, not write
  ASSERT_EQ(::chmod(file().c_str(), 0444), 0);
  const std::string before = bytesOf(file());
  const std::string error = openErrorAsUnprivileged(file());
  if (error.starts_with("SKIP: ")) GTEST_SKIP() << error.substr(6);
  EXPECT_EQ(error, "cannot open " + file() + ": the database file is read-only");
  EXPECT_EQ(bytesOf(file()), before);

  ASSERT_EQ(::chmod(file().c_str(), 0666), 0);
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0555), 0);
  EXPECT_EQ(openErrorAsUnprivileged(file()), "cannot open " + file() + ": its directory " + dir_.path() +
                                                 " is read-only (SQLite keeps its journal files there)");
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0700), 0);
  EXPECT_EQ(bytesOf(file()), before);
}

TEST_F(SqliteStoreTest, AFullDiskFailsTheSaveAndKeepsEverythingStoredBefore) {
  const InterviewSession small = session("small", 4);
  InterviewSession growing = session("growing", 3);
  {
    auto store = openStore(file());
    ASSERT_OK(store->save(small));
    ASSERT_OK(store->save(growing));
    store->setMaxPageCountForTesting(1);  // no new page beyond the current size
    InterviewSession big = session("big", 200, 4000);
    const auto failed = store->save(big);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().message, "cannot save session big to " + file() + ": the disk is full");
    const auto more = session("growing", 300, 2000).messages;  // a turn on top of what is stored
    growing.messages.insert(growing.messages.end(), more.begin() + 3, more.end());
    EXPECT_THAT(store->save(growing).error().message, HasSubstr("the disk is full"));
    EXPECT_EQ(Raw(file()).text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(**store->load("growing"), session("growing", 3));  // the same connection is still usable
  }
  auto reopened = openStore(file());
  EXPECT_EQ(**reopened->load("small"), small);
  EXPECT_EQ(**reopened->load("growing"), session("growing", 3));
  EXPECT_FALSE(reopened->load("big")->has_value());
  ASSERT_OK(reopened->save(growing));  // the turn that failed goes out with the next save
  EXPECT_EQ(**reopened->load("growing"), growing);
  EXPECT_EQ(Raw(file()).text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteStoreTest, AWriteWaitsForALockHeldBriefly) {
  auto store = openStore(file());
  Raw other(file());
  other.exec("BEGIN IMMEDIATE");
  std::thread holder([&] {
    std::this_thread::sleep_for(milliseconds{60});
    other.exec("COMMIT");
  });
  EXPECT_OK(store->save(session("a", 2)));  // waited in the busy handler, then wrote
  holder.join();
  EXPECT_EQ((**store->load("a")).messages.size(), 2u);
}

TEST_F(SqliteStoreTest, ALockHeldTooLongIsAClearErrorAndPassesAway) {
  auto store = openStore(file(), {milliseconds{100}});
  Raw other(file());
  other.exec("BEGIN IMMEDIATE");
  const auto failed = store->save(session("a", 2));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "cannot save session a to " + file() +
                                        ": the database is locked by another process (gave up after 100 ms)");
  other.exec("COMMIT");
  ASSERT_OK(store->save(session("a", 2)));
  EXPECT_EQ(other.text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteStoreTest, RefusesASaveThatDisagreesWithWhatIsStored) {
  auto first = openStore(file());
  auto second = openStore(file());  // as another process would
  InterviewSession s = session("a", 2);
  ASSERT_OK(first->save(s));
  InterviewSession mine = s, theirs = s;
  mine.messages.push_back({"mine", MessageRole::User, "one", s.startedAt, std::nullopt, std::nullopt});
  theirs.messages.push_back({"theirs", MessageRole::User, "two", s.startedAt, std::nullopt, std::nullopt});
  ASSERT_OK(first->save(mine));
  const auto refused = second->save(theirs);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "cannot save session a to " + file() +
                ": message 2 is stored as mine but is theirs in the session being saved "
                "(was it changed by another process?)");
  EXPECT_THAT(second->save(s).error().message,
              HasSubstr("already holds 3 messages of this session but the one "
                        "being saved has 2"));
  EXPECT_EQ(**second->load("a"), mine);
}

TEST_F(SqliteStoreTest, TwoConnectionsOnOneFileLoseNothing) {
  auto left = openStore(file());
  auto right = openStore(file());
  constexpr int kSessions = 5, kTurns = 8;
  const auto work = [&](SqliteSessionStore& store, const std::string& prefix) {
    for (int i = 0; i < kSessions; ++i) {
      InterviewSession s = session(prefix + std::to_string(i), 1);
      for (int turn = 0; turn < kTurns; ++turn) {
        s.messages.push_back(
            {s.id + "-t" + std::to_string(turn), MessageRole::User, "turn", s.startedAt, {}, {}});
        const auto saved = store.save(s);
        EXPECT_OK(saved);
      }
    }
  };
  std::thread a(work, std::ref(*left), "left");
  std::thread b(work, std::ref(*right), "right");
  a.join();
  b.join();
  for (auto* store : {left.get(), right.get()}) {
    const auto all = *store->list("");
    ASSERT_EQ(all.size(), 2u * kSessions);
    for (const auto& summary : all) EXPECT_EQ(summary.messageCount, 1u + kTurns) << summary.id;
  }
  EXPECT_EQ(Raw(file()).text("PRAGMA integrity_check"), "ok");
}

// Group commit: saves of many threads share transactions; each session is stored whole, and a
// save refused in a batch (a stale copy) does not take the others of its batch with it.
TEST_F(SqliteStoreTest, ManySessionsSavedAtOnceAreEachStoredWhole) {
  auto store = openStore(file());
  constexpr int kThreads = 16, kTurns = 25;
  std::vector<InterviewSession> finals(kThreads);
  std::atomic<int> refusedAsTheyShouldBe{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      InterviewSession s = session("s" + std::to_string(t), 1);
      InterviewSession stale = s;
      for (int turn = 0; turn < kTurns; ++turn) {
        s.messages.push_back({s.id + "-t" + std::to_string(turn), MessageRole::User, "turn " + std::to_string(turn),
                              s.startedAt, {}, {}});
        EXPECT_OK(store->save(s));
        if (turn % 5 == 4) {
          stale.messages.push_back({"stale", MessageRole::User, "stale", s.startedAt, {}, {}});
          if (!store->save(stale).ok()) ++refusedAsTheyShouldBe;
          stale = s;
        }
      }
      finals[t] = s;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refusedAsTheyShouldBe.load(), kThreads * kTurns / 5);
  for (const auto& expected : finals) EXPECT_EQ(**store->load(expected.id), expected) << expected.id;
  EXPECT_EQ(Raw(file()).text("PRAGMA integrity_check"), "ok");
}

TEST_F(SqliteStoreTest, PragmasAreInEffect) {
  auto db = SqliteDatabase::open(file(), nexusSchemaMigrations());
  ASSERT_OK(db);
  SQLite::Database& connection = db->connection();
  EXPECT_EQ(connection.execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(connection.execAndGet("PRAGMA synchronous").getInt(), 2);
  EXPECT_EQ(connection.execAndGet("PRAGMA foreign_keys").getInt(), 1);
  // The busy timeout is our own handler's (PRAGMA busy_timeout reads 0 with it): see
  // ALockHeldTooLongIsAClearErrorAndPassesAway and AWriteWaitsForALockHeldBriefly.
  EXPECT_EQ((fs::status(file()).permissions() & fs::perms::all),
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(SqliteStoreTest, RemovingCascadesAndSavingTheSameStateWritesNothing) {
  auto store = openStore(file());
  InterviewSession s = session("a", 3);
  s.extractedRequirements.push_back(
      {"r", "t", RequirementCategory::Functional, Priority::Must, 0.9, {}, "a-m1", std::nullopt});
  s.requirementEdits.push_back({"r", "text", "t0", "t", s.startedAt});
  ASSERT_OK(store->save(s));
  const auto walSize = fs::file_size(file() + "-wal");
  ASSERT_OK(store->save(s));
  EXPECT_EQ(fs::file_size(file() + "-wal"), walSize);
  ASSERT_TRUE(*store->remove("a"));
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM session_requirements) + "
                     "(SELECT count(*) FROM requirement_edits)"),
            "0");
}

// A reviewed session: two requirements, the first edited, the second removed; findings and
// conflicts. Saving it again, or after a reopen, writes nothing; the next save of an edit writes
// the edit row and rewrites the one requirement row, nothing else.
InterviewSession reviewedSession() {
  InterviewSession s = session("a", 4);
  s.extractedRequirements = {
      {"r1", "Pages load fast", RequirementCategory::NonFunctional, Priority::Should, 0.8, "performance", "a-m1", std::nullopt},
      {"r2", "Users log in", RequirementCategory::Functional, Priority::Must, 0.9, std::nullopt, "a-m1", std::nullopt},
      {"r3", "Admins export", RequirementCategory::Functional, Priority::Could, 0.7, std::nullopt, "a-m3", std::nullopt}};
  s.messages[1].requirementsExtracted = std::vector<std::string>{"r1", "r2"};
  s.messages[3].requirementsExtracted = std::vector<std::string>{"r3"};
  s.findings = {{"f1", "r1", FindingKind::VagueTerm, "fast", "\"fast\" is not measurable", "within 2 s",
                 ReviewStatus::Open, "a-m2"}};
  s.conflicts = {{"c1", {"r1", "r2"}, ConflictKind::Numeric, "2 s or 5 s", ReviewStatus::Resolved,
                  ConflictResolution::KeepBoth, "a-m2", std::nullopt}};
  return s;
}

TEST_F(SqliteStoreTest, EditsAreStoredAsRowsAndSavingTheSameStateTwiceWritesNothing) {
  auto store = openStore(file());
  InterviewSession s = reviewedSession();
  ASSERT_OK(store->save(s));
  // The person edits r1 and removes r2.
  const Timestamp at = s.startedAt + milliseconds{900};
  s.requirementEdits.push_back({"r1", "text", "Pages load fast", "Pages load within 2 s", at});
  s.extractedRequirements[0].text = "Pages load within 2 s";
  s.extractedRequirements[0].editedFields = std::vector<std::string>{"text"};
  s.requirementEdits.push_back({"r2", "removed", "Users log in", std::nullopt, at + milliseconds{1}});
  s.extractedRequirements.erase(s.extractedRequirements.begin() + 1);
  s.messages[1].requirementsExtracted = std::vector<std::string>{"r1"};
  s.findings[0].status = ReviewStatus::Resolved;
  ASSERT_OK(store->save(s));

  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(seq || ':' || id || ':' || text || ':' || coalesce(edited_fields, '-') || "
                     "':' || coalesce(removed_at, '-'), ' ') FROM (SELECT * FROM session_requirements ORDER BY seq)"),
            "0:r1:Pages load within 2 s:[\"text\"]:- 1:r2:Users log in:-:2026-01-16T03:57:46.024Z "
            "2:r3:Admins export:-:-");
  EXPECT_EQ(raw.text("SELECT group_concat(seq || ':' || requirement_id || ':' || field || ':' || "
                     "coalesce(old_value, '-') || ':' || coalesce(new_value, '-') || ':' || edited_at, ' ') "
                     "FROM (SELECT * FROM requirement_edits ORDER BY seq)"),
            "0:r1:text:Pages load fast:Pages load within 2 s:2026-01-16T03:57:46.023Z "
            "1:r2:removed:Users log in:-:2026-01-16T03:57:46.024Z");
  EXPECT_EQ(raw.text("SELECT findings FROM sessions"), nlohmann::json(s.findings).dump());
  EXPECT_EQ(raw.text("SELECT conflicts FROM sessions"), nlohmann::json(s.conflicts).dump());
  EXPECT_EQ(**store->load("a"), s);

  const auto walSize = fs::file_size(file() + "-wal");
  ASSERT_OK(store->save(s));
  ASSERT_OK(openStore(file())->save(s));
  EXPECT_EQ(fs::file_size(file() + "-wal"), walSize);

  // Triggers list every row a save writes: the next edit's save writes its edit row and
  // rewrites the row of the one requirement it edits.
  raw.exec("CREATE TABLE written (what TEXT)");
  for (const char* table : {"sessions", "messages", "session_requirements", "requirement_edits"}) {
    for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
      const std::string row = std::string(event) == "DELETE" ? "OLD" : "NEW";
      const std::string key = row + (std::string(table) == "requirement_edits" ? ".requirement_id" : ".id");
      raw.exec("CREATE TRIGGER watch_" + std::string(table) + "_" + event + " AFTER " + event + " ON " + table +
               " BEGIN INSERT INTO written VALUES ('" + event + " " + table + " ' || " + key + "); END");
    }
  }
  s.requirementEdits.push_back({"r3", "priority", "could", "must", at + milliseconds{5}});
  s.extractedRequirements[1].priority = Priority::Must;
  s.extractedRequirements[1].editedFields = std::vector<std::string>{"priority"};
  ASSERT_OK(store->save(s));
  ASSERT_OK(store->save(s));
  EXPECT_EQ(raw.text("SELECT group_concat(what, ', ') FROM written"),
            "INSERT requirement_edits r3, UPDATE session_requirements r3");
  EXPECT_EQ(raw.text("SELECT count(*) FROM requirement_edits"), "3");
  EXPECT_EQ(raw.text("SELECT priority || ' ' || edited_fields FROM session_requirements WHERE id = 'r3'"),
            "must [\"priority\"]");
  EXPECT_EQ(raw.text("SELECT count(*) FROM session_requirements WHERE removed_at IS NOT NULL"), "1");
  EXPECT_EQ(**openStore(file())->load("a"), s);
}

// The last requirement stored may be removed, and a later turn's requirement must still be
// stored after it (its seq follows the removed row's).
TEST_F(SqliteStoreTest, ARemovedLastRequirementStaysRemovedAndTheNextOneIsStored) {
  auto store = openStore(file());
  InterviewSession s = reviewedSession();
  ASSERT_OK(store->save(s));
  s.requirementEdits.push_back({"r3", "removed", "Admins export", std::nullopt, s.startedAt + milliseconds{900}});
  s.extractedRequirements.pop_back();
  s.messages[3].requirementsExtracted.reset();
  ASSERT_OK(store->save(s));
  EXPECT_EQ(**openStore(file())->load("a"), s);
  s.messages.push_back({"a-m4", MessageRole::User, "Reports are PDF", s.startedAt, std::nullopt, std::nullopt});
  s.extractedRequirements.push_back(
      {"r4", "Reports are PDF", RequirementCategory::Constraint, Priority::Should, 0.6, "reporting", "a-m4", std::nullopt});
  s.messages.back().requirementsExtracted = std::vector<std::string>{"r4"};
  ASSERT_OK(store->save(s));
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(seq || ':' || id || ':' || coalesce(removed_at, '-'), ' ') "
                     "FROM (SELECT * FROM session_requirements ORDER BY seq)"),
            "0:r1:- 1:r2:- 2:r3:2026-01-16T03:57:46.023Z 3:r4:-");
  EXPECT_EQ(**openStore(file())->load("a"), s);
  EXPECT_EQ((*store->list("p"))[0].requirementCount, 3u);
}

// Memory lacking a stored requirement without an edit that removes it is another process's
// write (or a bug), not a removal: refused, nothing written.
TEST_F(SqliteStoreTest, RefusesASaveThatLacksAStoredRequirementWithoutRemovingIt) {
  auto first = openStore(file());
  auto second = openStore(file());
  InterviewSession s = reviewedSession();
  ASSERT_OK(first->save(s));
  InterviewSession mine = s, theirs = s;
  mine.extractedRequirements.push_back(
      {"mine", "m", RequirementCategory::Functional, Priority::Must, 0.9, std::nullopt, "a-m3", std::nullopt});
  theirs.extractedRequirements.push_back(
      {"theirs", "t", RequirementCategory::Functional, Priority::Must, 0.9, std::nullopt, "a-m3", std::nullopt});
  ASSERT_OK(first->save(mine));
  const auto refused = second->save(theirs);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "cannot save session a to " + file() +
                ": requirement mine is stored but is not in the session being saved, and no edit of it "
                "removes it (was it changed by another process?)");
  InterviewSession dropped = mine;
  dropped.extractedRequirements.erase(dropped.extractedRequirements.begin() + 1);  // r2, silently
  dropped.status = SessionStatus::Paused;
  // Only the last one is checked (cheaply): r2 silently missing is not seen, so it stays stored.
  ASSERT_OK(first->save(dropped));
  EXPECT_EQ((**first->load("a")).extractedRequirements.size(), 4u);
  // Removing one requirement does not make another stored one disappear.
  InterviewSession edited = mine;
  edited.requirementEdits.push_back({"r1", "removed", "Pages load fast", std::nullopt, s.startedAt});
  edited.extractedRequirements.erase(edited.extractedRequirements.begin());
  edited.extractedRequirements.pop_back();  // "mine", without an edit
  EXPECT_THAT(second->save(edited).error().message, HasSubstr("requirement mine is stored but is not in"));
  EXPECT_EQ(Raw(file()).text("SELECT count(*) FROM requirement_edits"), "0");
}

// A file of the release before edits and quality analysis (schema 3) opens, gains the new
// columns and tables, and its sessions load with no findings, conflicts or edits.
TEST_F(SqliteStoreTest, UpgradesASchema3DatabaseWithEmptyFindingsAndEdits) {
  InterviewSession stored = session("old", 2);
  stored.extractedRequirements.push_back(
      {"r", "Users log in", RequirementCategory::Functional, Priority::Must, 0.9, "authentication", "old-m1", std::nullopt});
  stored.messages[1].requirementsExtracted = std::vector<std::string>{"r"};
  {
    auto v3 = SqliteDatabase::open(file(), nexusSchemaMigrations().first(3));
    ASSERT_OK(v3);
    SQLite::Database& db = v3->connection();
    db.exec("INSERT INTO projects (id, created_at) VALUES ('p', '2026-01-16T03:57:45.123Z')");
    db.exec("INSERT INTO sessions VALUES ('old', 'p', 'active', 'genesis', NULL, '[]', "
            "'2026-01-16T03:57:45.123Z', '2026-01-16T03:57:45.123Z', NULL)");
    for (std::size_t seq = 0; seq < stored.messages.size(); ++seq) {
      SQLite::Statement insert(db,
                               "INSERT INTO messages (session_id, seq, id, role, content, timestamp) "
                               "VALUES ('old', ?, ?, ?, ?, '2026-01-16T03:57:45.123Z')");
      insert.bind(1, static_cast<std::int64_t>(seq));
      insert.bind(2, stored.messages[seq].id);
      insert.bind(3, std::string(toString(stored.messages[seq].role)));
      insert.bind(4, stored.messages[seq].content);
      insert.exec();
    }
    db.exec("INSERT INTO session_requirements VALUES ('old', 0, 'r', 'Users log in', 'functional', 'must', 0.9, "
            "'authentication', 'old-m1')");
    db.exec("INSERT INTO requirements VALUES ('q', 'p', 'Admins export', 'functional', 'should', 0.5, NULL, "
            "'pending', NULL, '2026-01-16T03:57:45.123Z', '2026-01-16T03:57:45.123Z')");
  }
  auto store = openStore(file());
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT group_concat(version) FROM schema_migrations"), "1,2,3,4,5");
  EXPECT_EQ(raw.text("SELECT findings || conflicts FROM sessions"), "[][]");
  EXPECT_EQ(raw.text("SELECT coalesce(edited_fields, '-') || coalesce(removed_at, '-') FROM session_requirements"),
            "--");
  EXPECT_EQ(raw.text("SELECT coalesce(edited_fields, '-') FROM requirements"), "-");
  const InterviewSession loaded = **store->load("old");
  EXPECT_EQ(loaded, stored);
  EXPECT_TRUE(loaded.findings.empty());
  EXPECT_TRUE(loaded.conflicts.empty());
  EXPECT_TRUE(loaded.requirementEdits.empty());
  EXPECT_EQ(loaded.extractedRequirements[0].editedFields, std::nullopt);
  // And it goes on from there: an edit of the old requirement is stored as any other.
  InterviewSession next = loaded;
  next.requirementEdits.push_back({"r", "priority", "must", "could", stored.startedAt});
  next.extractedRequirements[0].priority = Priority::Could;
  next.extractedRequirements[0].editedFields = std::vector<std::string>{"priority"};
  ASSERT_OK(store->save(next));
  EXPECT_EQ(**openStore(file())->load("old"), next);
}

TEST_F(SqliteStoreTest, InMemoryDatabaseNeedsNoFile) {
  auto store = SqliteSessionStore::open(":memory:");
  ASSERT_OK(store);
  ASSERT_OK((*store)->save(session("a", 2)));
  EXPECT_EQ(**(*store)->load("a"), session("a", 2));
  EXPECT_FALSE(fs::exists(":memory:"));
}

// requirementsExtracted is rebuilt from the requirements' sources, not stored (see the header).
TEST_F(SqliteStoreTest, RequirementsExtractedIsDerivedFromTheRequirementsSources) {
  auto store = openStore(file());
  InterviewSession s = session("a", 4);
  s.messages[0].requirementsExtracted = std::vector<std::string>{"nothing-points-here"};
  s.extractedRequirements.push_back(
      {"r1", "t", RequirementCategory::Technical, Priority::Could, 0.8, {}, "a-m3", std::nullopt});
  s.extractedRequirements.push_back(
      {"r2", "t", RequirementCategory::Assumption, Priority::Wont, 0.7, {}, "a-m1", std::nullopt});
  s.extractedRequirements.push_back(
      {"r3", "t", RequirementCategory::Constraint, Priority::Must, 0.9, {}, "a-m3", std::nullopt});
  ASSERT_OK(store->save(s));
  const InterviewSession loaded = **store->load("a");
  EXPECT_EQ(loaded.messages[0].requirementsExtracted, std::nullopt);
  EXPECT_EQ(loaded.messages[1].requirementsExtracted, (std::vector<std::string>{"r2"}));
  EXPECT_EQ(loaded.messages[3].requirementsExtracted, (std::vector<std::string>{"r1", "r3"}));
}

std::string hostNameForTest() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

// A pid that surely runs no process: a child that has exited and been reaped.
pid_t deadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST_F(SqliteStoreTest, AClaimHeldByAnotherRunningProcessIsRefused) {
  auto store = openStore(file());
  ASSERT_OK(store->save(session("a", 2)));
  Raw raw(file());
  // pid 1 always runs.
  raw.exec(("INSERT INTO session_claims VALUES ('a', '" + hostNameForTest() + "', 1, '2026-01-01T00:00:00.000Z')").c_str());
  auto refused = store->claim("a");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::Busy);
  EXPECT_EQ(refused.error().message,
            "Session \"a\" is open in another nexus process (pid 1, since 2026-01-01T00:00:00.000Z); "
            "finish or pause it there first");
  ASSERT_OK(store->release("a"));  // not ours: nothing happens
  EXPECT_EQ(raw.text("SELECT pid FROM session_claims WHERE session_id = 'a'"), "1");
}

TEST_F(SqliteStoreTest, AClaimOfAProcessThatDiedIsTakenOverAndReleased) {
  auto store = openStore(file());
  ASSERT_OK(store->save(session("a", 2)));
  Raw raw(file());
  const std::string dead = std::to_string(deadPid());
  raw.exec(("INSERT INTO session_claims VALUES ('a', '" + hostNameForTest() + "', " + dead +
            ", '2026-01-01T00:00:00.000Z')").c_str());
  ASSERT_OK(store->claim("a"));
  EXPECT_EQ(raw.text("SELECT pid FROM session_claims WHERE session_id = 'a'"), std::to_string(::getpid()));
  ASSERT_OK(store->claim("a"));  // claiming again is harmless
  ASSERT_OK(store->release("a"));
  EXPECT_EQ(raw.text("SELECT count(*) FROM session_claims"), "0");
}

TEST_F(SqliteStoreTest, AClaimFromAnotherHostCountsAsHeld) {
  auto store = openStore(file());
  ASSERT_OK(store->save(session("a", 2)));
  Raw raw(file());
  raw.exec("INSERT INTO session_claims VALUES ('a', 'elsewhere.example', 4242, '2026-01-01T00:00:00.000Z')");
  auto refused = store->claim("a");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("pid 4242 on elsewhere.example"), std::string::npos)
      << refused.error().message;
}

TEST_F(SqliteStoreTest, DeletingASessionDropsItsClaim) {
  auto store = openStore(file());
  ASSERT_OK(store->save(session("a", 2)));
  ASSERT_OK(store->claim("a"));
  ASSERT_TRUE(*store->remove("a"));
  Raw raw(file());
  EXPECT_EQ(raw.text("SELECT count(*) FROM session_claims"), "0");
}

}  // namespace
}  // namespace nexus
