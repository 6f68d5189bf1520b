#pragma once
// One SQLite connection opened the way the Nexus stores need it (DESIGN.md §7): versioned
// migrations, WAL, synchronous=FULL, foreign keys and a busy timeout.
//
// Opening checks before it writes anything: a database written by a newer Nexus, a file that
// is not a database (or not a Nexus one), a read-only file or directory are refused with one
// line naming the file and the cause, and the file is left byte for byte as it was. The parent
// directory must exist: creating it is the caller's decision.
//
// Ownership: SqliteDatabase owns its connection and the statements prepared on it; move-only.
// Thread safety: none; a connection and its statements are used by one thread at a time (the
// stores built on it hold a mutex). Several connections,
// in this process or in others, may use one file at once: WAL, the busy timeout and
// transactions keep it consistent. Errors: open() returns Result; the statements run later
// through connection() throw SQLite::Exception, which failure() turns into the same kind of
// one-line Error::storageFailed (the stores run them through guarded(), store/sqlite_guarded.hpp).

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/string_map.hpp"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace nexus {

struct SqliteOptions {
  // How long a statement waits for another connection's lock before failing with "locked".
  std::chrono::milliseconds busyTimeout{5000};
  // Writes of different threads that arrive together share one transaction (store/
  // sqlite_group_commit.hpp); off, every write commits on its own, as a benchmark's baseline.
  bool groupCommit = true;
};

class SqliteDatabase {
 public:
  // migrations[i] is the SQL script of schema version i + 1. The list belongs to the database
  // file, not to one store: every table kept in the file is created by one entry of it.
  // ":memory:" opens a private in-memory database (no file, no WAL).
  static Result<SqliteDatabase> open(const std::string& path, std::span<const std::string_view> migrations,
                                     SqliteOptions options = {});

  SqliteDatabase(SqliteDatabase&&) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&&) noexcept;
  ~SqliteDatabase();

  SQLite::Database& connection() { return *db_; }
  const std::string& path() const { return path_; }
  const SqliteOptions& options() const { return options_; }

  // A statement of this connection, leased for one use. Parsing SQL is a good part of a small
  // write (issue 14: 14 % of the server's time went into preparing the same statements again),
  // so each SQL text is prepared on its first use and kept; the lease hands it back reset, with
  // its bindings cleared, so that it holds no read snapshot and carries no value into its next
  // use. For SQL fixed in the code: every distinct text is kept for the connection's lifetime.
  // Leasing a text that is already leased (a nested use of the same query) prepares a copy
  // for the inner lease. Throws SQLite::Exception if the SQL does not prepare.
  class Statement {
   public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    ~Statement();
    SQLite::Statement& operator*() const { return *statement_; }
    SQLite::Statement* operator->() const { return statement_; }

   private:
    friend class SqliteDatabase;
    Statement(SQLite::Statement& statement, bool* leased, std::unique_ptr<SQLite::Statement> own);
    SQLite::Statement* statement_;
    bool* leased_;                             // the cache's flag; null for a copy of our own
    std::unique_ptr<SQLite::Statement> own_;   // a copy prepared for a nested lease
  };
  Statement prepared(std::string_view sql);

  // "cannot <action>: <cause in plain words>", e.g. "cannot save session X to /x/nexus.db: the
  // disk is full". Understands SQLite::Exception; other exceptions contribute their what().
  Error failure(std::string_view action, const std::exception& error) const;

  // PRAGMA max_page_count: lets a test make the disk "full" at a chosen size.
  void setMaxPageCount(std::int64_t pages);

 private:
  SqliteDatabase(std::string path, std::unique_ptr<SQLite::Database> db, SqliteOptions options);

  struct CachedStatement {
    std::unique_ptr<SQLite::Statement> statement;
    bool leased = false;
  };

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  SqliteOptions options_;
  // After db_, so that every statement is finalised before the connection closes. Nodes are
  // stable: a lease points into its entry while others are added.
  StringMap<CachedStatement> statements_;
};

// The cause of an SQLite (extended) result code in plain words: "file is not a database",
// "the disk is full", "the database file is read-only", ...; `systemErrno` (0 if unknown)
// details I/O and open failures; `busyTimeout` is quoted for "locked".
std::string describeSqliteError(int extendedCode, int systemErrno, std::chrono::milliseconds busyTimeout);

}  // namespace nexus
