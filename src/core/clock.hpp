#pragma once
// The clock behind timestamps and autosave, injected so tests never sleep.

#include <atomic>

#include "core/types.hpp"

namespace nexus {

// Thread-safe: now() may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp{std::chrono::milliseconds{now_.load()}}; }
  void advance(std::chrono::milliseconds by) { now_ += by.count(); }
  void set(Timestamp to) { now_ = to.time_since_epoch().count(); }

 private:
  std::atomic<std::chrono::milliseconds::rep> now_;
};

}  // namespace nexus
