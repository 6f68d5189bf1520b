#include "store/sqlite_group_commit.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

namespace nexus {
namespace {

// What reaches a caller when its body threw something that is not a std::exception.
const std::runtime_error kUnexpected("an unexpected error (not a std::exception) was thrown");

// SQLite::Transaction with statements prepared once: BEGIN and COMMIT run on every write, and
// sqlite3_exec would parse them each time. Rolls back when left uncommitted.
class WriteTransaction {
 public:
  explicit WriteTransaction(SqliteDatabase& db) : db_(db) { db_.prepared("BEGIN IMMEDIATE")->exec(); }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (committed_) return;
    try {
      db_.prepared("ROLLBACK")->exec();
    } catch (...) {  // SQLite may already have rolled back (a full disk, an I/O error)
    }
  }
  void commit() {
    db_.prepared("COMMIT")->exec();
    committed_ = true;
  }

 private:
  SqliteDatabase& db_;
  bool committed_ = false;
};

}  // namespace

std::size_t SqliteGroupCommit::batchedWrites() const {
  std::lock_guard lock(queueMutex_);
  return batchedWrites_;
}

std::size_t SqliteGroupCommit::queuedWrites() const {
  std::lock_guard lock(queueMutex_);
  return queue_.size();
}

void SqliteGroupCommit::submit(Write& write) {
  if (!db_.options().groupCommit) {
    std::lock_guard connection(connection_);
    runAlone(write);
    return;
  }
  std::unique_lock lock(queueMutex_);
  queue_.push_back(&write);
  while (!write.done) {
    if (leading_) {
      written_.wait(lock);
      continue;
    }
    // This caller leads: its own write is in the queue it takes.
    leading_ = true;
    std::vector<Write*> batch;
    batch.swap(queue_);
    lock.unlock();
    Together together = Together::MustRunAlone;
    {
      std::lock_guard connection(connection_);
      if (batch.size() > 1) together = runTogether(batch);
      if (together == Together::MustRunAlone) {
        for (Write* each : batch) runAlone(*each);
      }
    }
    lock.lock();
    if (together == Together::Committed) batchedWrites_ += batch.size();
    for (Write* each : batch) each->done = true;
    leading_ = false;
    written_.notify_all();  // the writers of this batch, and the next leader
  }
}

SqliteGroupCommit::Together SqliteGroupCommit::runTogether(const std::vector<Write*>& batch) {
  std::optional<WriteTransaction> transaction;
  try {
    transaction.emplace(db_);
  } catch (const std::exception& error) {
    // No write of the batch started: alone, each would wait for the same lock and fail the same way.
    for (Write* each : batch) each->failure = db_.failure(each->doing, error);
    return Together::NotBegun;
  }
  try {
    for (Write* each : batch) {
      db_.prepared("SAVEPOINT nexus_write")->exec();
      if (!each->run()) db_.prepared("ROLLBACK TO nexus_write")->exec();
      db_.prepared("RELEASE nexus_write")->exec();
    }
    transaction->commit();
    return Together::Committed;
  } catch (...) {
    transaction.reset();  // rolls the batch back (if SQLite has not already)
    for (Write* each : batch) each->undo();
    return Together::MustRunAlone;
  }
}

void SqliteGroupCommit::runAlone(Write& write) {
  try {
    WriteTransaction transaction(db_);
    // A body that returns an error has its work rolled back with the transaction.
    if (write.run()) transaction.commit();
  } catch (const std::exception& error) {
    write.undo();
    write.failure = db_.failure(write.doing, error);
  } catch (...) {
    write.undo();
    write.failure = db_.failure(write.doing, kUnexpected);
  }
}

}  // namespace nexus
