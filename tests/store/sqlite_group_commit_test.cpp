// Group commit: writes that arrive while a batch is being written share the next transaction,
// each writer returns only after the commit holding its write, and each gets the outcome it
// would have had alone, whatever another write of its batch does.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite_database.hpp"
#include "store/sqlite_group_commit.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_schema.hpp"
#include "support/gate.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using ::testing::HasSubstr;

class GroupCommit : public ::testing::Test {
 protected:
  void open(SqliteOptions options = {}) {
    auto opened = SqliteDatabase::open(dir_.path() + "/group.db", nexusSchemaMigrations(), options);
    ASSERT_TRUE(opened) << opened.error().message;
    db_.emplace(std::move(*opened));
    db_->connection().exec("CREATE TABLE notes (label TEXT UNIQUE)");
    sqlite3_commit_hook(db_->connection().getHandle(), &GroupCommit::countCommit, &commits_);
    writes_.emplace(*db_, connection_);
  }
  void SetUp() override { open(); }

  static int countCommit(void* counter) {
    static_cast<std::atomic<int>*>(counter)->fetch_add(1);
    return 0;  // let it commit
  }

  Result<void> insert(const std::string& label) {
    const auto statement = db_->prepared("INSERT INTO notes (label) VALUES (?)");
    statement->bind(1, label);
    statement->exec();
    return {};
  }
  std::vector<std::string> labels() {
    std::lock_guard lock(connection_);
    std::vector<std::string> out;
    SQLite::Statement query(db_->connection(), "SELECT label FROM notes ORDER BY label");
    while (query.executeStep()) out.push_back(query.getColumn(0).getString());
    return out;
  }

  // `first` (by default the note "first") is written alone and held at a gate inside its body,
  // so that every write of `others` queues behind it; the gate opens once all of them wait. The
  // others then share one batch, each with `undo`. Returns the first's result, then each other's.
  std::vector<Result<void>> writeBehindAHeldWrite(std::vector<std::function<Result<void>()>> others,
                                                  std::function<Result<void>()> first = {},
                                                  std::function<void()> undo = [] {}) {
    if (!first) first = [this] { return insert("first"); };
    test::Gate gate;
    gate.close();
    std::optional<Result<void>> firstResult;
    std::thread held([&] {
      firstResult.emplace(writes_->write("write the first note", [&]() -> Result<void> {
        gate.pass();
        return first();
      }));
    });
    gate.waitUntilACallWaits();
    std::vector<std::optional<Result<void>>> results(others.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < others.size(); ++i) {
      threads.emplace_back(
          [&, i] { results[i].emplace(writes_->write("write note " + std::to_string(i), others[i], undo)); });
    }
    while (writes_->queuedWrites() < others.size()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    gate.open();
    held.join();
    for (auto& thread : threads) thread.join();
    std::vector<Result<void>> out{std::move(*firstResult)};
    for (auto& result : results) out.push_back(std::move(*result));
    return out;
  }

  test::TempDir dir_;
  std::optional<SqliteDatabase> db_;
  std::mutex connection_;
  std::optional<SqliteGroupCommit> writes_;
  std::atomic<int> commits_{0};
};

TEST_F(GroupCommit, WritesThatArriveTogetherShareOneCommit) {
  std::vector<std::function<Result<void>()>> others;
  for (int i = 0; i < 8; ++i) others.push_back([this, i] { return insert("note " + std::to_string(i)); });
  const auto results = writeBehindAHeldWrite(others);
  for (const auto& result : results) EXPECT_TRUE(result) << result.error().message;
  EXPECT_EQ(labels().size(), 9u);
  EXPECT_EQ(commits_.load(), 2) << "the first write alone, then the eight that waited for it together";
  EXPECT_EQ(writes_->batchedWrites(), 8u);
}

TEST_F(GroupCommit, NoWriterReturnsBeforeTheCommitHoldingItsWrite) {
  std::vector<int> commitsWhenWritten(6, -1);
  std::vector<int> commitsWhenReturned(6, -1);
  std::vector<std::function<Result<void>()>> others;
  for (int i = 0; i < 6; ++i) {
    others.push_back([this, i, &commitsWhenWritten] {
      commitsWhenWritten[i] = commits_.load();
      return insert("note " + std::to_string(i));
    });
  }
  // Each other's return is observed right after its thread joins: by then its commit happened.
  const auto results = writeBehindAHeldWrite(others);
  ASSERT_TRUE(results[0]);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(results[i + 1]);
    commitsWhenReturned[i] = commits_.load();
    EXPECT_GT(commitsWhenReturned[i], commitsWhenWritten[i]);
  }
  // And the hook shows the write durable in the file, not just in the transaction.
  SQLite::Database other(dir_.path() + "/group.db", SQLite::OPEN_READONLY);
  SQLite::Statement count(other, "SELECT count(*) FROM notes");
  ASSERT_TRUE(count.executeStep());
  EXPECT_EQ(count.getColumn(0).getInt(), 7);
}

TEST_F(GroupCommit, AWriteThatReturnsAnErrorIsUndoneAloneAndTheOthersStand) {
  std::vector<std::function<Result<void>()>> others = {
      [this] { return insert("kept 1"); },
      [this]() -> Result<void> {
        if (auto written = insert("taken back"); !written) return written;
        return Error::storageFailed("cannot write note 1: refused after writing");
      },
      [this] { return insert("kept 2"); },
  };
  const auto results = writeBehindAHeldWrite(others);
  EXPECT_TRUE(results[0]);
  EXPECT_TRUE(results[1]);
  ASSERT_FALSE(results[2]);
  EXPECT_EQ(results[2].error().message, "cannot write note 1: refused after writing");
  EXPECT_TRUE(results[3]);
  EXPECT_THAT(labels(), ::testing::ElementsAre("first", "kept 1", "kept 2"));
  EXPECT_EQ(commits_.load(), 2) << "a returned error does not cost the batch its transaction";
}

TEST_F(GroupCommit, AWriteThatThrowsFailsAloneAndTheOthersAreWrittenAsIfAlone) {
  std::atomic<int> undone{0};
  std::vector<std::function<Result<void>()>> others = {
      [this] { return insert("kept 1"); },
      [this] { return insert("first"); },  // UNIQUE: throws
      [this] { return insert("kept 2"); },
  };
  const auto results = writeBehindAHeldWrite(others, {}, [&] { ++undone; });

  EXPECT_TRUE(results[0]);
  EXPECT_TRUE(results[1]);
  ASSERT_FALSE(results[2]);
  EXPECT_THAT(results[2].error().message, HasSubstr("cannot write note 1: "));
  EXPECT_THAT(results[2].error().message, HasSubstr("UNIQUE"));
  EXPECT_TRUE(results[3]);
  EXPECT_THAT(labels(), ::testing::ElementsAre("first", "kept 1", "kept 2"));
  // The batch's undos (its cache may have seen the rolled-back writes), then the failing
  // write's own when it fails again alone.
  EXPECT_EQ(undone.load(), 4);
  EXPECT_EQ(writes_->batchedWrites(), 0u);
}

TEST_F(GroupCommit, AFullDiskFailsEveryWriteOfTheBatchAndLeavesTheFileAsItWas) {
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(writes_->write("fill", [&] { return insert("filler " + std::to_string(i)); }));
  const auto before = labels();
  db_->setMaxPageCount(1);  // no page beyond the current size
  const std::string big(64 * 1024, 'x');
  std::vector<std::function<Result<void>()>> others;
  for (int i = 0; i < 4; ++i) others.push_back([this, i, &big] { return insert(big + std::to_string(i)); });
  const auto results = writeBehindAHeldWrite(others, [&] { return insert(big); });
  ASSERT_FALSE(results[0]);
  for (std::size_t i = 0; i < 4; ++i) {
    ASSERT_FALSE(results[i + 1]);
    EXPECT_EQ(results[i + 1].error().message, "cannot write note " + std::to_string(i) + ": the disk is full");
  }
  EXPECT_EQ(labels(), before);
}

TEST_F(GroupCommit, OffEveryWriteCommitsOnItsOwn) {
  SqliteOptions off;
  off.groupCommit = false;
  writes_.reset();
  db_.reset();
  std::filesystem::remove(dir_.path() + "/group.db");
  open(off);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { EXPECT_TRUE(writes_->write("write", [&] { return insert(std::to_string(i)); })); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(commits_.load(), 8);
  EXPECT_EQ(writes_->batchedWrites(), 0u);
  EXPECT_EQ(labels().size(), 8u);
}

TEST_F(GroupCommit, ManyThreadsWritingAtOnceLoseNothing) {
  constexpr int kThreads = 16, kEach = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string label = std::to_string(t) + "/" + std::to_string(i);
        ASSERT_TRUE(writes_->write("write " + label, [&] { return insert(label); }));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(labels().size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_LE(commits_.load(), kThreads * kEach);
}

}  // namespace
}  // namespace nexus
