#pragma once
// Group commit for the SQLite stores (issue 14): writes that threads ask for at about the same
// time share one durable transaction, so that with many sessions talking at once a store commits
// (and waits for the disk) once per batch instead of once per write. Internal to store/.
//
// A write is a body that runs inside a write transaction it does not open or commit itself. The
// caller that finds no batch under way becomes the leader: it takes every write queued so far,
// holds the store's connection mutex, and runs them in queue order in one IMMEDIATE
// transaction, each between a SAVEPOINT and its RELEASE; meanwhile new writes queue up for the
// next batch. Every caller returns only after the COMMIT holding its write is done, which with
// synchronous=FULL means on disk: nothing is acknowledged before it is durable.
//
// Each caller gets the outcome it would have had alone:
//   - a body that returns an error is rolled back to its savepoint; the others stay;
//   - a body that throws (a full disk, an I/O error, a row it cannot read), or a COMMIT that
//     fails, rolls the whole batch back; each undo of the batch runs (an in-memory cache may
//     have seen writes that are gone), and then every write of it runs again alone, in a
//     transaction of its own, as if there had been no batch.
// A batch of one, and every write when batching is off (SqliteOptions::groupCommit), runs alone.
// Bodies therefore may run more than once (only the last run counts) and on another thread
// than their caller's; they must not take the connection mutex.
//
// Thread safety: write() may be called from any thread, and is the only way the store writes
// (reads lock the connection mutex themselves). Bodies run under the connection mutex.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.hpp"
#include "store/sqlite_database.hpp"
#include "store/sqlite_guarded.hpp"

namespace nexus {

class SqliteGroupCommit {
 public:
  // `connection` is the store's mutex of `db`; both must outlive this.
  SqliteGroupCommit(SqliteDatabase& db, std::mutex& connection) : db_(db), connection_(connection) {}
  SqliteGroupCommit(const SqliteGroupCommit&) = delete;
  SqliteGroupCommit& operator=(const SqliteGroupCommit&) = delete;

  // Runs `body` (-> Result<T>) in a shared write transaction and returns its result once that
  // is committed; an exception it throws, or a failed commit, comes back as
  // db.failure(doing, error) after `undo` ran, as guarded() does.
  template <typename Body, typename Undo = sqlite_guarded::NothingToUndo>
  std::invoke_result_t<Body&> write(std::string_view doing, Body&& body, Undo&& undo = {}) {
    using Outcome = std::invoke_result_t<Body&>;
    static_assert(sqlite_guarded::kIsResult<Outcome>, "the body returns a Result: write -> Result<T>");
    std::optional<Outcome> outcome;
    Write write{doing,
                [&] {
                  outcome.reset();
                  outcome.emplace(body());
                  return outcome->ok();
                },
                [&] { undo(); },
                std::nullopt,
                false};
    submit(write);
    if (write.failure) return *write.failure;
    return std::move(*outcome);
  }

  // Writes that shared a transaction with another so far, and writes waiting for the next
  // batch now: for tests and benchmarks.
  std::size_t batchedWrites() const;
  std::size_t queuedWrites() const;

 private:
  struct Write {
    std::string_view doing;
    std::function<bool()> run;   // true when the body's result is a success
    std::function<void()> undo;
    std::optional<Error> failure;  // an exception or failed commit, as db.failure() words it
    bool done = false;
  };

  // Queues `write` and returns when its transaction has committed or failed.
  void submit(Write& write);
  enum class Together { Committed, NotBegun, MustRunAlone };
  // Under connection_: the batch in one transaction. NotBegun: the transaction could not start,
  // and each write has that failure; MustRunAlone: rolled back, to be run again write by write.
  Together runTogether(const std::vector<Write*>& batch);
  void runAlone(Write& write);

  SqliteDatabase& db_;
  std::mutex& connection_;

  mutable std::mutex queueMutex_;
  std::condition_variable written_;
  std::vector<Write*> queue_;
  bool leading_ = false;  // a caller is writing a batch
  std::size_t batchedWrites_ = 0;
};

}  // namespace nexus
