#pragma once
// Periodic work (autosave) behind an interface, so tests drive time by hand instead of sleeping.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace nexus {

// Thread-safe. A task never runs concurrently with itself; cancel() returns only once the task
// is not running (so it must not be called from inside the task it cancels).
class Scheduler {
 public:
  using TaskId = std::uint64_t;
  virtual ~Scheduler() = default;
  // Runs `task` every `period`, the first time one period from now.
  virtual TaskId every(std::chrono::milliseconds period, std::function<void()> task) = 0;
  virtual void cancel(TaskId id) = 0;
};

// One background thread that runs due tasks in deadline order.
class ThreadScheduler final : public Scheduler {
 public:
  ThreadScheduler();
  ~ThreadScheduler() override;  // cancels everything and joins the thread
  TaskId every(std::chrono::milliseconds period, std::function<void()> task) override;
  void cancel(TaskId id) override;

 private:
  struct Task {
    std::chrono::milliseconds period;
    std::chrono::steady_clock::time_point due;
    std::function<void()> run;
  };
  void loop(std::stop_token stop);

  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::map<TaskId, Task> tasks_;
  TaskId nextId_ = 1;
  TaskId running_ = 0;
  std::uint64_t generation_ = 0;  // bumped by every change to tasks_, so the loop re-plans
  std::jthread thread_;  // last: started after the members it uses
};

// Time moves only through advance(), which runs the due tasks on the calling thread.
class ManualScheduler final : public Scheduler {
 public:
  TaskId every(std::chrono::milliseconds period, std::function<void()> task) override;
  void cancel(TaskId id) override;
  void advance(std::chrono::milliseconds by);
  std::size_t taskCount() const;

 private:
  struct Task {
    std::chrono::milliseconds period;
    std::chrono::milliseconds due;
    std::function<void()> run;
  };
  mutable std::mutex mutex_;
  std::map<TaskId, Task> tasks_;
  std::chrono::milliseconds now_{0};
  TaskId nextId_ = 1;
};

}  // namespace nexus
