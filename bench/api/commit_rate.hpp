#pragma once
// The raw commit rate of a disk: single-row INSERT transactions, each committed on its own, into
// a fresh SQLite file opened as the server opens its database (WAL, synchronous=FULL), so that
// every commit waits for the disk (an fdatasync of the WAL). The ceiling for any store that
// commits each turn on its own, measured in the directory the server's database is in.

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "api/latency.hpp"

namespace nexus::bench {

struct CommitRate {
  std::size_t commits = 0;
  double seconds = 0;
  Latencies latencies;  // one sample per commit (BEGIN, INSERT, COMMIT)
  double perSecond() const { return seconds > 0 ? static_cast<double>(commits) / seconds : 0; }
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

// Commits single-row transactions into `path` (created; left for the caller's TempDir to remove)
// for about `duration`.
inline CommitRate measureCommitRate(const std::string& path, std::chrono::duration<double> duration) {
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
    const auto start = Clock::now();
    const auto stop = start + std::chrono::duration_cast<Clock::duration>(duration);
    auto now = start;
    while (now < stop) {
      const auto before = now;
      detail::exec(db, "BEGIN");
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(rate.commits));
      sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(db));
      sqlite3_reset(insert);
      detail::exec(db, "COMMIT");
      now = Clock::now();
      rate.latencies.add(now - before);
      ++rate.commits;
    }
    rate.seconds = std::chrono::duration<double>(now - start).count();
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
