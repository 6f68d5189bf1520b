#pragma once
// Where a test holds a call in the middle: a model reply or a store write passes the gate at
// once while it is open, and waits while it is closed until it opens again (or the call is
// cancelled). Thread-safe.

#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace nexus::test {

class Gate {
 public:
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  void open() {
    {
      std::lock_guard lock(mutex_);
      closed_ = false;
    }
    changed_.notify_all();
  }
  // Blocks until a call waits at the closed gate.
  void waitUntilACallWaits() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_ > 0; });
  }
  // Returns once the gate is open: true, or false when `cancel` was requested first.
  bool pass(std::stop_token cancel = {}) {
    // Before the lock: the callback takes it (so no wake-up is lost), and it may run at once.
    std::stop_callback wake(cancel, [this] {
      std::lock_guard woken(mutex_);
      changed_.notify_all();
    });
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !closed_ || cancel.stop_requested(); });
    --waiting_;
    return !cancel.stop_requested();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool closed_ = false;
  int waiting_ = 0;
};

}  // namespace nexus::test
