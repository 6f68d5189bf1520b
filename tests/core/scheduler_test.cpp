#include "core/scheduler.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>

namespace nexus {
namespace {

using namespace std::chrono_literals;

TEST(ManualScheduler, RunsTasksOnlyWhenTimeReachesThem) {
  ManualScheduler scheduler;
  int runs = 0;
  scheduler.every(30s, [&] { ++runs; });
  scheduler.advance(29'999ms);
  EXPECT_EQ(runs, 0);
  scheduler.advance(1ms);
  EXPECT_EQ(runs, 1);
  scheduler.advance(90s);
  EXPECT_EQ(runs, 4);
}

TEST(ManualScheduler, RunsInDeadlineOrderAndStopsWhenCancelled) {
  ManualScheduler scheduler;
  std::vector<char> order;
  const auto a = scheduler.every(20ms, [&] { order.push_back('a'); });
  scheduler.every(15ms, [&] { order.push_back('b'); });
  scheduler.advance(40ms);
  EXPECT_EQ(order, (std::vector<char>{'b', 'a', 'b', 'a'}));
  scheduler.cancel(a);
  scheduler.advance(20ms);
  EXPECT_EQ(order.back(), 'b');
  EXPECT_EQ(scheduler.taskCount(), 1u);
}

TEST(ThreadScheduler, RunsRepeatedlyUntilCancelled) {
  std::mutex mutex;
  std::condition_variable changed;
  int runs = 0;
  ThreadScheduler scheduler;  // declared last: stopped before what its tasks use goes away
  const auto id = scheduler.every(5ms, [&] {
    std::lock_guard lock(mutex);
    ++runs;
    changed.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, 10s, [&] { return runs >= 3; }));
  }
  scheduler.cancel(id);  // returns only when the task is not running
  int afterCancel = 0;
  {
    std::lock_guard lock(mutex);
    afterCancel = runs;
  }
  scheduler.every(1ms, [] {});  // the loop keeps going for other tasks
  std::this_thread::sleep_for(30ms);
  std::lock_guard lock(mutex);
  EXPECT_EQ(runs, afterCancel);
}

TEST(ThreadScheduler, AShorterTaskAddedLaterIsNotHeldUpByALongOne) {
  std::atomic<bool> ran{false};
  std::mutex mutex;
  std::condition_variable changed;
  ThreadScheduler scheduler;  // declared last: stopped before what its tasks use goes away
  scheduler.every(1h, [] {});
  scheduler.every(1ms, [&] {
    std::lock_guard lock(mutex);
    ran = true;
    changed.notify_all();
  });
  std::unique_lock lock(mutex);
  EXPECT_TRUE(changed.wait_for(lock, 10s, [&] { return ran.load(); }));
}

}  // namespace
}  // namespace nexus
