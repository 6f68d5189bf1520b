// The store's private SQLite helpers: columns read by name, and guarded() turning what a body
// throws into the one-line storage error.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <string_view>

#include "store/sqlite_guarded.hpp"
#include "store/sqlite_rows.hpp"

namespace nexus {
namespace {

using ::testing::HasSubstr;
using namespace sqlite_rows;

constexpr std::array<std::string_view, 1> kMigrations{"CREATE TABLE t (a TEXT NOT NULL UNIQUE, b INTEGER);"};

SqliteDatabase memoryDatabase() {
  auto db = SqliteDatabase::open(":memory:", kMigrations);
  if (!db) throw std::runtime_error(db.error().message);
  return std::move(*db);
}

TEST(NamedColumnTest, ReadsTheColumnOfThatNameWhereverTheSelectPutsIt) {
  SqliteDatabase db = memoryDatabase();
  db.connection().exec("INSERT INTO t (a, b) VALUES ('x', 1), ('y', 2)");
  SQLite::Statement query(db.connection(), "SELECT b, 'const' AS c, a FROM t ORDER BY a");
  const NamedColumn a(query, "a"), b(query, "b"), c(query, "c");
  ASSERT_TRUE(query.executeStep());
  EXPECT_EQ(a().getString(), "x");
  EXPECT_EQ(b().getInt(), 1);
  EXPECT_EQ(textOf(c), "const");
  ASSERT_TRUE(query.executeStep());
  EXPECT_EQ(a().getString(), "y");
  EXPECT_EQ(columnNamed(query, "b").getInt(), 2);
}

TEST(NamedColumnTest, ANameTheResultLacksOrHasTwiceIsRefused) {
  SqliteDatabase db = memoryDatabase();
  SQLite::Statement query(db.connection(), "SELECT a, b AS a, b FROM t");
  EXPECT_THROW(NamedColumn(query, "nowhere"), std::logic_error);
  EXPECT_THROW(NamedColumn(query, "a"), std::logic_error);
  EXPECT_NO_THROW(NamedColumn(query, "b"));
}

TEST(NamedColumnTest, AJunkValueNamesItsColumn) {
  SqliteDatabase db = memoryDatabase();
  SQLite::Statement query(db.connection(), "SELECT 'junk' AS started_at");
  ASSERT_TRUE(query.executeStep());
  const auto never = [](std::string_view) -> std::optional<int> { return std::nullopt; };
  try {
    decode(never, NamedColumn(query, "started_at"));
    FAIL() << "decoded junk";
  } catch (const MalformedRow& error) {
    EXPECT_STREQ(error.what(), "the stored started_at \"junk\" is not valid");
  }
}

TEST(GuardedTest, WhatTheBodyThrowsBecomesOneLineNamingTheWorkAndTheCause) {
  SqliteDatabase db = memoryDatabase();
  db.connection().exec("INSERT INTO t (a) VALUES ('x')");
  bool undone = false;
  const Result<int> failed = guarded(
      db, "write x to the test database",
      [&]() -> Result<int> {
        SQLite::Transaction transaction(db.connection());
        db.connection().exec("INSERT INTO t (a) VALUES ('y')");
        db.connection().exec("INSERT INTO t (a) VALUES ('x')");  // UNIQUE
        transaction.commit();
        return 1;
      },
      [&] { undone = true; });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::StorageFailed);
  EXPECT_THAT(failed.error().message,
              HasSubstr("cannot write x to the test database: a stored row conflicts with the one being written ("));
  EXPECT_TRUE(undone);
  // The transaction was rolled back: 'y' is not there.
  SQLite::Statement count(db.connection(), "SELECT count(*) AS n FROM t");
  ASSERT_TRUE(count.executeStep());
  EXPECT_EQ(columnNamed(count, "n").getInt(), 1);

  const Result<int> decoded = guarded(db, "read", []() -> Result<int> { throw MalformedRow("the stored x is bad"); });
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().message, "cannot read: the stored x is bad");
}

TEST(GuardedTest, ResultsTheBodyReturnsPassUntouchedAndNothingIsUndone) {
  SqliteDatabase db = memoryDatabase();
  bool undone = false;
  const auto undo = [&] { undone = true; };
  const Result<int> value = guarded(db, "count", []() -> Result<int> { return 7; }, undo);
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, 7);
  const Result<void> refused =
      guarded(db, "count", []() -> Result<void> { return Error::busy("someone else has it"); }, undo);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::Busy);
  EXPECT_EQ(refused.error().message, "someone else has it");
  EXPECT_FALSE(undone);
}

}  // namespace
}  // namespace nexus
