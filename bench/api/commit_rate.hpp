#pragma once
// The raw commit rate of a disk: single-row INSERT transactions, each committed on its own, into
// a fresh SQLite file opened as the server opens its database (WAL, synchronous=FULL), so that
// every commit waits for the disk (an fdatasync of the WAL). The ceiling for any store that
// commits each turn on its own, measured in the directory the server's database is in.
//
// Two phases, because they differ by an order of magnitude on ext4: while a fresh WAL grows,
// each fdatasync also commits the file's new size to the file system's journal (on a 2-vCPU VM
// whose cores are busy, that waits for the jbd2 thread, a scheduler tick or two); once the WAL
// has been checkpointed and restarted (after about 1,000 pages) its frames are overwritten in
// place and an fdatasync is a flush of the data alone. `growing` is the first phase (until the
// WAL file stops growing, at most `growLimit`), `steady` a timed loop after it.

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <string>

#include "api/latency.hpp"

namespace nexus::bench {

struct CommitLoop {
  std::size_t commits = 0;
  double seconds = 0;
  Latencies latencies;  // one sample per commit (BEGIN, INSERT, COMMIT)
  double perSecond() const { return seconds > 0 ? static_cast<double>(commits) / seconds : 0; }
};

struct CommitRate {
  CommitLoop growing;     // a fresh WAL, until it stops growing
  CommitLoop steady;      // then, for the duration asked
  bool wrapped = false;   // the WAL stopped growing within the limit
  double perSecond() const { return steady.perSecond(); }
};

namespace detail {

inline void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = std::string(sql) + ": " + (error != nullptr ? error : "?");
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

}  // namespace detail

// Commits single-row transactions into `path` (created; left for the caller's TempDir to remove):
// until its WAL stops growing, then for about `duration`.
inline CommitRate measureCommitRate(const std::string& path, std::chrono::duration<double> duration,
                                    std::chrono::duration<double> growLimit = std::chrono::seconds(20)) {
  using Clock = std::chrono::steady_clock;
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + ": " + message);
  }
  CommitRate rate;
  sqlite3_stmt* insert = nullptr;
  try {
    detail::exec(db, "PRAGMA journal_mode = WAL");
    detail::exec(db, "PRAGMA synchronous = FULL");
    detail::exec(db, "CREATE TABLE IF NOT EXISTS commits (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, text TEXT NOT NULL)");
    if (sqlite3_prepare_v2(db, "INSERT INTO commits (at, text) VALUES (?1, ?2)", -1, &insert, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db));
    }
    static const std::string text(200, 'x');  // about a chat message
    std::size_t serial = 0;
    const auto commitOne = [&](CommitLoop& loop) {
      const auto before = Clock::now();
      detail::exec(db, "BEGIN");
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(serial++));
      sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(db));
      sqlite3_reset(insert);
      detail::exec(db, "COMMIT");
      const auto after = Clock::now();
      loop.latencies.add(after - before);
      ++loop.commits;
      return after;
    };
    const auto walSize = [wal = path + "-wal"] {
      std::error_code ec;
      const auto size = std::filesystem::file_size(wal, ec);
      return ec ? 0 : size;
    };
    {  // growing: until the WAL's size has not changed for 50 commits in a row
      const auto start = Clock::now();
      const auto limit = start + std::chrono::duration_cast<Clock::duration>(growLimit);
      auto now = start;
      std::size_t unchanged = 0;
      for (auto size = walSize(); now < limit && unchanged < 50;) {
        now = commitOne(rate.growing);
        const auto next = walSize();
        unchanged = next == size ? unchanged + 1 : 0;
        size = next;
      }
      rate.wrapped = unchanged >= 50;
      rate.growing.seconds = std::chrono::duration<double>(now - start).count();
    }
    const auto start = Clock::now();
    const auto stop = start + std::chrono::duration_cast<Clock::duration>(duration);
    auto now = start;
    while (now < stop) now = commitOne(rate.steady);
    rate.steady.seconds = std::chrono::duration<double>(now - start).count();
  } catch (...) {
    sqlite3_finalize(insert);
    sqlite3_close(db);
    throw;
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return rate;
}

}  // namespace nexus::bench
