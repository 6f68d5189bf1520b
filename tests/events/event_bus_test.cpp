#include "events/event_bus.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "events/event_types.hpp"

namespace nexus {
namespace {

class EventBusTest : public ::testing::Test {
 protected:
  ManualClock clock_{Timestamp{std::chrono::milliseconds{1000}}};
  EventBus bus_{clock_};
};

TEST_F(EventBusTest, DeliversToSubscribersOfThatTypeOnly) {
  std::vector<std::string> seen;
  auto saved = bus_.subscribe(std::string(events::kSaved), [&](const Event& e) { seen.push_back(e.type); });
  bus_.emit(events::kSaved, {{"sessionId", "s1"}});
  bus_.emit(events::kPaused, {{"sessionId", "s1"}});
  EXPECT_EQ(seen, std::vector<std::string>{"interview:saved"});
}

TEST_F(EventBusTest, SubscribeAllSeesEveryTypeWithPayloadAndTime) {
  std::vector<Event> seen;
  auto all = bus_.subscribeAll([&](const Event& e) { seen.push_back(e); });
  bus_.emit(events::kStarted, {{"sessionId", "a"}});
  clock_.advance(std::chrono::milliseconds{5});
  bus_.emit(events::kCompleted, {{"sessionId", "a"}});
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].type, "interview:completed");
  EXPECT_EQ(seen[1].payload.at("sessionId"), "a");
  EXPECT_EQ(seen[1].timestamp - seen[0].timestamp, std::chrono::milliseconds{5});
}

TEST_F(EventBusTest, SubscriptionEndsWhenResetOrDestroyed) {
  int calls = 0;
  {
    auto sub = bus_.subscribeAll([&](const Event&) { ++calls; });
    bus_.emit(events::kSaved, {});
    auto moved = std::move(sub);
    EXPECT_FALSE(sub.active());
    bus_.emit(events::kSaved, {});
  }
  bus_.emit(events::kSaved, {});
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(bus_.subscriberCount(), 0u);
}

TEST_F(EventBusTest, HandlerMayUnsubscribeAnotherDuringEmit) {
  int secondCalls = 0;
  EventBus::Subscription second;
  auto first = bus_.subscribeAll([&](const Event&) { second.reset(); });
  second = bus_.subscribeAll([&](const Event&) { ++secondCalls; });
  bus_.emit(events::kSaved, {});
  EXPECT_EQ(secondCalls, 0);
}

TEST_F(EventBusTest, ThrowingHandlerDoesNotStopOthers) {
  int calls = 0;
  auto bad = bus_.subscribeAll([](const Event&) { throw std::runtime_error("boom"); });
  auto good = bus_.subscribeAll([&](const Event&) { ++calls; });
  bus_.emit(events::kSaved, {});
  EXPECT_EQ(calls, 1);
}

TEST_F(EventBusTest, EmitFromManyThreadsWhileSubscribing) {
  std::atomic<int> calls{0};
  auto sub = bus_.subscribeAll([&](const Event&) { ++calls; });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        bus_.emit(events::kDelta, {{"i", i}});
        auto transient = bus_.subscribe("other", [](const Event&) {});
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 4000);
  EXPECT_EQ(bus_.subscriberCount(), 1u);
}

TEST(EventTypes, NamesMatchTheDesign) {
  EXPECT_EQ(events::kAll.size(), 15u);
  EXPECT_EQ(events::kQuestionAsked, "interview:question-asked");
  EXPECT_EQ(events::kSystemError, "system:error");
}

}  // namespace
}  // namespace nexus
