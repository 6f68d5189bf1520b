// SqliteDatabase::prepared: each SQL text is parsed once per connection, and a statement handed
// back never holds a read snapshot or a bound value into its next use.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <optional>
#include <string>

#include "store/sqlite_database.hpp"
#include "store/sqlite_schema.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

constexpr const char* kCount = "SELECT count(*) AS n FROM cached WHERE label = ?";

class StatementCache : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteDatabase::open(dir_.path() + "/cache.db", nexusSchemaMigrations());
    ASSERT_TRUE(opened) << opened.error().message;
    db_.emplace(std::move(*opened));
    db_->connection().exec("CREATE TABLE cached (label TEXT)");
    db_->connection().exec("INSERT INTO cached VALUES ('a'), ('a'), ('b')");
  }

  // Statements of the connection that have stepped and not been reset: each holds a read
  // snapshot open (in WAL, the checkpoint cannot pass it).
  int busyStatements() {
    int busy = 0;
    sqlite3* handle = db_->connection().getHandle();
    for (sqlite3_stmt* s = sqlite3_next_stmt(handle, nullptr); s != nullptr; s = sqlite3_next_stmt(handle, s)) {
      busy += sqlite3_stmt_busy(s) != 0 ? 1 : 0;
    }
    return busy;
  }
  int statementsOfTheConnection() {
    int count = 0;
    sqlite3* handle = db_->connection().getHandle();
    for (sqlite3_stmt* s = sqlite3_next_stmt(handle, nullptr); s != nullptr; s = sqlite3_next_stmt(handle, s)) ++count;
    return count;
  }

  test::TempDir dir_;
  std::optional<SqliteDatabase> db_;
};

TEST_F(StatementCache, TheSameTextIsTheSameStatementAgain) {
  const SQLite::Statement* first = nullptr;
  {
    const auto count = db_->prepared(kCount);
    first = &*count;
  }
  const int kept = statementsOfTheConnection();
  for (int i = 0; i < 5; ++i) {
    const auto count = db_->prepared(kCount);
    EXPECT_EQ(&*count, first);
  }
  EXPECT_EQ(statementsOfTheConnection(), kept) << "a repeated text was prepared again";
}

TEST_F(StatementCache, AHandedBackStatementHoldsNoSnapshotAndNoBinding) {
  {
    const auto count = db_->prepared(kCount);
    count->bind(1, "a");
    ASSERT_TRUE(count->executeStep());  // left on its row, as an early return would leave it
    EXPECT_EQ(count->getColumn(0).getInt(), 2);
    EXPECT_EQ(busyStatements(), 1);
  }
  EXPECT_EQ(busyStatements(), 0);
  const auto again = db_->prepared(kCount);
  ASSERT_TRUE(again->executeStep());  // ?1 unbound: NULL, which no label equals
  EXPECT_EQ(again->getColumn(0).getInt(), 0) << "the binding of the last use was carried over";
}

TEST_F(StatementCache, ANestedLeaseOfTheSameTextGetsAStatementOfItsOwn) {
  const auto outer = db_->prepared(kCount);
  outer->bind(1, "a");
  ASSERT_TRUE(outer->executeStep());
  {
    const auto inner = db_->prepared(kCount);
    EXPECT_NE(&*inner, &*outer);
    inner->bind(1, "b");
    ASSERT_TRUE(inner->executeStep());
    EXPECT_EQ(inner->getColumn(0).getInt(), 1);
  }
  EXPECT_EQ(outer->getColumn(0).getInt(), 2) << "the inner lease disturbed the outer one";
}

TEST_F(StatementCache, AStatementThatFailedIsUsableAgain) {
  constexpr const char* kInsert = "INSERT INTO unique_labels VALUES (?)";
  db_->connection().exec("CREATE TABLE unique_labels (label TEXT UNIQUE)");
  {
    const auto insert = db_->prepared(kInsert);
    insert->bind(1, "x");
    insert->exec();
  }
  {
    const auto insert = db_->prepared(kInsert);
    insert->bind(1, "x");
    EXPECT_THROW(insert->exec(), SQLite::Exception);
  }
  const auto insert = db_->prepared(kInsert);
  insert->bind(1, "y");
  EXPECT_EQ(insert->exec(), 1);
}

TEST_F(StatementCache, SqlThatDoesNotPrepareThrowsAndIsNotKept) {
  EXPECT_THROW(db_->prepared("SELECT FROM nowhere"), SQLite::Exception);
  EXPECT_THROW(db_->prepared("SELECT FROM nowhere"), SQLite::Exception);
}

}  // namespace
}  // namespace nexus
