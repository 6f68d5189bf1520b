#include "core/scheduler.hpp"

#include <vector>

namespace nexus {

ThreadScheduler::ThreadScheduler() : thread_([this](std::stop_token stop) { loop(stop); }) {}

ThreadScheduler::~ThreadScheduler() {
  thread_.request_stop();
  wake_.notify_all();
}

Scheduler::TaskId ThreadScheduler::every(std::chrono::milliseconds period, std::function<void()> task) {
  std::lock_guard lock(mutex_);
  const TaskId id = nextId_++;
  tasks_.emplace(id, Task{period, std::chrono::steady_clock::now() + period, std::move(task)});
  ++generation_;
  wake_.notify_all();
  return id;
}

void ThreadScheduler::cancel(TaskId id) {
  std::unique_lock lock(mutex_);
  tasks_.erase(id);
  ++generation_;
  wake_.notify_all();
  // Wait out a run in progress so the caller may free what the task uses.
  wake_.wait(lock, [&] { return running_ != id; });
}

void ThreadScheduler::loop(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    auto next = tasks_.end();
    for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
      if (next == tasks_.end() || it->second.due < next->second.due) next = it;
    }
    if (next == tasks_.end()) {
      wake_.wait(lock, stop, [&] { return !tasks_.empty(); });
      continue;
    }
    if (next->second.due > std::chrono::steady_clock::now()) {
      // A copy: cancel() may erase the task while this waits without the lock.
      const auto due = next->second.due;
      const std::uint64_t seen = generation_;
      wake_.wait_until(lock, stop, due, [&] { return generation_ != seen; });
      continue;
    }
    const TaskId id = next->first;
    next->second.due += next->second.period;
    auto run = next->second.run;
    running_ = id;
    lock.unlock();
    run();
    lock.lock();
    running_ = 0;
    wake_.notify_all();
  }
}

Scheduler::TaskId ManualScheduler::every(std::chrono::milliseconds period, std::function<void()> task) {
  std::lock_guard lock(mutex_);
  const TaskId id = nextId_++;
  tasks_.emplace(id, Task{period, now_ + period, std::move(task)});
  return id;
}

void ManualScheduler::cancel(TaskId id) {
  std::lock_guard lock(mutex_);
  tasks_.erase(id);
}

void ManualScheduler::advance(std::chrono::milliseconds by) {
  std::unique_lock lock(mutex_);
  const auto until = now_ + by;
  while (true) {
    auto next = tasks_.end();
    for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
      if (it->second.due <= until && (next == tasks_.end() || it->second.due < next->second.due)) next = it;
    }
    if (next == tasks_.end()) break;
    now_ = next->second.due;
    next->second.due += next->second.period;
    auto run = next->second.run;
    lock.unlock();
    run();
    lock.lock();
  }
  now_ = until;
}

std::size_t ManualScheduler::taskCount() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

}  // namespace nexus
