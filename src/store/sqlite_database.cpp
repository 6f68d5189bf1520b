#include "store/sqlite_database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "store/sqlite_guarded.hpp"
#include "store/sqlite_rows.hpp"

namespace nexus {
namespace {

namespace fs = std::filesystem;
using sqlite_rows::columnNamed;

// SQLite's name for a private in-memory database (no file, no WAL); handy for tests.
constexpr std::string_view kInMemory = ":memory:";

std::string errnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

Error refusal(const std::string& path, const std::string& cause) {
  return Error::storageFailed("cannot open " + path + ": " + cause);
}

// The checks SQLite would only answer with "unable to open database file", in plain words.
// Creates a missing database file with owner-only permissions: it holds people's conversations.
std::optional<Error> checkPlace(const std::string& path) {
  const fs::path file(path);
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code error;
  if (!fs::exists(dir, error)) return refusal(path, "the directory " + dir.string() + " does not exist");
  if (!fs::is_directory(dir, error)) return refusal(path, dir.string() + " is not a directory");
  if (fs::is_directory(file, error)) return refusal(path, "it is a directory");
  if (fs::exists(file, error)) {
    if (::access(path.c_str(), R_OK) != 0)
      return refusal(path, "the file cannot be read (" + errnoText(errno) + ")");
    if (::access(path.c_str(), W_OK) != 0) return refusal(path, "the database file is read-only");
  }
  // WAL keeps its -wal and -shm files beside the database and creates them on every open.
  if (::access(dir.c_str(), W_OK) != 0) {
    return refusal(path,
                   "its directory " + dir.string() + " is read-only (SQLite keeps its journal files there)");
  }
  if (!fs::exists(file, error)) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
    } else if (errno != EEXIST) {  // EEXIST: another process created it first, which is fine
      return refusal(path, "the file cannot be created (" + errnoText(errno) + ")");
    }
  }
  return std::nullopt;
}

// The busy handler: SQLite calls it while another connection holds the lock, with `tries` the
// calls so far in this wait; it sleeps a step and says whether to try again. SQLite's own
// (sqlite3_busy_timeout) sleeps 1, 2, 5, 10 ... 100 ms, so a writer that finds the lock held for
// a fraction of a millisecond (another connection's commit) loses milliseconds: here the first
// steps are 50 µs, growing to 2 ms only for a lock held long. `timeoutMs` is the busy timeout,
// carried in the pointer argument.
int waitForTheLock(void* timeoutMs, int tries) {
  using namespace std::chrono;
  // A wait runs on one thread from its first call to its last.
  thread_local steady_clock::time_point waitingSince;
  const auto now = steady_clock::now();
  if (tries == 0) waitingSince = now;
  const milliseconds timeout{reinterpret_cast<std::intptr_t>(timeoutMs)};
  if (now - waitingSince >= timeout) return 0;  // give up: SQLITE_BUSY
  const microseconds step = tries < 40 ? microseconds(50) : tries < 100 ? microseconds(500) : microseconds(2000);
  std::this_thread::sleep_for(std::min<steady_clock::duration>(step, timeout - (now - waitingSince)));
  return 1;
}

struct StoredSchema {
  int version = 0;
  bool otherTables = false;  // tables of some other program and no schema_migrations
};

// Read-only: runs before anything is written, so that a refused file stays as it was.
StoredSchema inspect(SQLite::Database& db) {
  SQLite::Statement tracked(
      db, "SELECT count(*) AS tables FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  tracked.executeStep();
  if (columnNamed(tracked, "tables").getInt() == 0) {
    SQLite::Statement others(
        db, "SELECT count(*) AS objects FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    others.executeStep();
    return {0, columnNamed(others, "objects").getInt() > 0};
  }
  SQLite::Statement latest(db, "SELECT coalesce(max(version), 0) AS version FROM schema_migrations");
  latest.executeStep();
  return {columnNamed(latest, "version").getInt(), false};
}

Error newerSchema(const std::string& path, int stored, std::size_t known) {
  return Error::storageFailed(path + " was written by a newer Nexus (schema " + std::to_string(stored) +
                              "; this build knows " + std::to_string(known) + "); upgrade nexus");
}

// Journal mode and synchronous are per connection except WAL, which persists in the file:
// hence only after inspect() has accepted the file.
void setPragmas(SQLite::Database& db, bool inMemory) {
  SQLite::Statement journal(db, "PRAGMA journal_mode = WAL");
  journal.executeStep();
  const std::string mode = columnNamed(journal, "journal_mode").getString();
  if (mode != (inMemory ? "memory" : "wal"))
    throw std::runtime_error("the file system does not support WAL (journal mode " + mode + ")");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  // Reads through a memory map instead of copying every page into the page cache: loading a
  // 10,000-message session (about 10 MB with the raw model output) is a third cheaper. Only
  // address space; pages are the OS's file cache, shared with other connections.
  db.exec("PRAGMA mmap_size = 268435456");
}

// One transaction per migration; the version is read again under the write lock because
// another process may be migrating the same file at the same moment.
std::optional<Error> migrate(SQLite::Database& db, const std::string& path,
                             std::span<const std::string_view> migrations) {
  for (;;) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec("CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    SQLite::Statement latest(db, "SELECT coalesce(max(version), 0) AS version FROM schema_migrations");
    latest.executeStep();
    const int current = columnNamed(latest, "version").getInt();
    latest.reset();
    if (current < 0 || static_cast<std::size_t>(current) > migrations.size()) {
      return newerSchema(path, current, migrations.size());
    }
    if (static_cast<std::size_t>(current) == migrations.size()) {
      transaction.commit();
      return std::nullopt;
    }
    db.exec(std::string(migrations[static_cast<std::size_t>(current)]));
    SQLite::Statement record(db,
                             "INSERT INTO schema_migrations (version, applied_at) "
                             "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    record.bind(1, current + 1);
    record.exec();
    transaction.commit();
  }
}

// Why a write failed when SQLite's code does not tell (its errno is often gone by the time the
// error surfaces, and a short write under a file size limit reads as SQLITE_FULL): no space
// left beside the database, or a file size limit on this process (`ulimit -f`).
std::optional<std::string> writeLimitCause(const std::string& path) {
  const fs::path file(path);
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  struct statvfs disk {};
  constexpr unsigned long long kNearlyFull = 1ULL << 20;
  if (::statvfs(dir.c_str(), &disk) == 0 &&
      static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize < kNearlyFull) {
    return "the disk is full";
  }
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    return "a file reached the size limit of this process (ulimit -f: " + std::to_string(limit.rlim_cur) +
           " bytes)";
  }
  return std::nullopt;
}

std::string causeOf(const std::exception& error, sqlite3* handle, const std::string& path,
                    std::chrono::milliseconds busyTimeout) {
  const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&error);
  if (sqlite == nullptr || sqlite->getErrorCode() < 0) return error.what();
  const int code = sqlite->getExtendedErrorCode();
  const int primary = code & 0xff;
  const int systemErrno = (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && handle != nullptr
                              ? sqlite3_system_errno(handle)
                              : 0;
  const bool unexplainedWrite =
      primary == SQLITE_FULL || (primary == SQLITE_IOERR && (systemErrno == 0 || systemErrno == EFBIG));
  if (unexplainedWrite && path != kInMemory) {
    if (auto cause = writeLimitCause(path)) return *cause;
  }
  std::string cause = describeSqliteError(code, systemErrno, busyTimeout);
  // Which constraint, which value: SQLite's own words are the useful part here.
  if (primary == SQLITE_CONSTRAINT || primary == SQLITE_ERROR || primary == SQLITE_MISUSE) {
    cause += std::string(" (") + error.what() + ")";
  }
  return cause;
}

}  // namespace

std::string describeSqliteError(int extendedCode, int systemErrno, std::chrono::milliseconds busyTimeout) {
  const std::string detail = systemErrno != 0 ? " (" + errnoText(systemErrno) + ")" : std::string();
  switch (extendedCode & 0xff) {
    case SQLITE_NOTADB:
      return "file is not a database";
    case SQLITE_CORRUPT:
      return "the database file is corrupt";
    case SQLITE_READONLY:
      return extendedCode == SQLITE_READONLY_DIRECTORY ? "its directory is read-only"
                                                       : "the database file is read-only";
    case SQLITE_FULL:
      return "the disk is full";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is locked by another process (gave up after " +
             std::to_string(busyTimeout.count()) + " ms)";
    case SQLITE_CANTOPEN:
      return "the file cannot be opened" + detail;
    case SQLITE_IOERR:
      if (systemErrno == ENOSPC || systemErrno == EDQUOT) return "the disk is full";
      if (systemErrno == EROFS) return "the file system is read-only";
      if (systemErrno == EFBIG) return "a file reached the largest size this process may write";
      return "input/output error" + detail;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return "permission denied";
    case SQLITE_NOMEM:
      return "out of memory";
    case SQLITE_TOOBIG:
      return "a value is too large to store";
    case SQLITE_CONSTRAINT:
      return "a stored row conflicts with the one being written";
    default:
      return sqlite3_errstr(extendedCode);
  }
}

SqliteDatabase::SqliteDatabase(std::string path, std::unique_ptr<SQLite::Database> db, SqliteOptions options)
    : path_(std::move(path)), db_(std::move(db)), options_(options) {}
SqliteDatabase::SqliteDatabase(SqliteDatabase&&) noexcept = default;
SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  statements_.clear();  // finalised while their connection is still open
  path_ = std::move(other.path_);
  db_ = std::move(other.db_);
  options_ = other.options_;
  statements_ = std::move(other.statements_);
  return *this;
}
SqliteDatabase::~SqliteDatabase() = default;

SqliteDatabase::Statement::Statement(SQLite::Statement& statement, bool* leased,
                                     std::unique_ptr<SQLite::Statement> own)
    : statement_(&statement), leased_(leased), own_(std::move(own)) {}

SqliteDatabase::Statement::Statement(Statement&& other) noexcept
    : statement_(other.statement_), leased_(other.leased_), own_(std::move(other.own_)) {
  other.statement_ = nullptr;
  other.leased_ = nullptr;
}

SqliteDatabase::Statement::~Statement() {
  if (leased_ == nullptr) return;  // moved from, or a copy of our own (finalised by own_)
  // tryReset: the statement's last step may have failed; its error was thrown back then.
  statement_->tryReset();
  try {
    statement_->clearBindings();  // sqlite3_clear_bindings cannot fail; the wrapper checks anyway
  } catch (...) {
  }
  *leased_ = false;
}

SqliteDatabase::Statement SqliteDatabase::prepared(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto statement = std::make_unique<SQLite::Statement>(*db_, std::string(sql));
    it = statements_.emplace(std::string(sql), CachedStatement{std::move(statement), false}).first;
  }
  CachedStatement& cached = it->second;
  if (cached.leased) {
    auto copy = std::make_unique<SQLite::Statement>(*db_, std::string(sql));
    SQLite::Statement& inner = *copy;
    return Statement(inner, nullptr, std::move(copy));
  }
  cached.leased = true;
  return Statement(*cached.statement, &cached.leased, nullptr);
}

Result<SqliteDatabase> SqliteDatabase::open(const std::string& path,
                                            std::span<const std::string_view> migrations,
                                            SqliteOptions options) {
  if (path.empty()) return Error::invalidArgument("the database path is empty");
  const bool inMemory = path == kInMemory;
  if (!inMemory) {
    if (auto refused = checkPlace(path)) return *refused;
  }
  std::unique_ptr<SQLite::Database> db;
  const auto opening = [&]() -> Result<void> {
    // NOMUTEX: a connection is used by one thread at a time (see the header), so SQLite's own
    // per-call locking is pure cost.
    db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    sqlite3_busy_handler(db->getHandle(), &waitForTheLock,
                         reinterpret_cast<void*>(static_cast<std::intptr_t>(options.busyTimeout.count())));
    const StoredSchema stored = inspect(*db);
    if (stored.version < 0 || static_cast<std::size_t>(stored.version) > migrations.size()) {
      return newerSchema(path, stored.version, migrations.size());
    }
    if (stored.otherTables) {
      return refusal(path, "it is a database of another program (it has no schema_migrations table)");
    }
    // The file may have become read-only between checkPlace() and here, or be on a read-only mount.
    if (sqlite3_db_readonly(db->getHandle(), "main") == 1)
      return refusal(path, "the database file is read-only");
    setPragmas(*db, inMemory);
    if (static_cast<std::size_t>(stored.version) < migrations.size()) {
      if (auto refused = migrate(*db, path, migrations)) return *refused;
    }
    return {};
  };
  // No SqliteDatabase for guarded() yet: the connection, if there is one, explains the failure.
  const auto failed = [&](const std::exception& error) {
    return refusal(path, causeOf(error, db ? db->getHandle() : nullptr, path, options.busyTimeout));
  };
  if (auto opened = sqlite_guarded::catching(opening, failed); !opened) return opened.error();
  return SqliteDatabase(path, std::move(db), options);
}

Error SqliteDatabase::failure(std::string_view action, const std::exception& error) const {
  return Error::storageFailed("cannot " + std::string(action) + ": " +
                              causeOf(error, db_ ? db_->getHandle() : nullptr, path_, options_.busyTimeout));
}

void SqliteDatabase::setMaxPageCount(std::int64_t pages) {
  // PRAGMA takes no bound parameters; the value is a number we format ourselves.
  SQLite::Statement pragma(*db_, "PRAGMA max_page_count = " + std::to_string(pages));
  pragma.executeStep();
}

}  // namespace nexus
