#include "api/event_hub.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/clock.hpp"

namespace nexus::api {
namespace {

using nlohmann::json;

class EventHubTest : public ::testing::Test {
 protected:
  ManualClock clock_{Timestamp{std::chrono::milliseconds{1'760'000'000'123}}};
  EventBus bus_{clock_};
  EventHub hub_{bus_};
};

TEST_F(EventHubTest, AnEventBecomesOneNexusEventNotification) {
  std::vector<std::string> received;
  auto listener = hub_.listen([&](const Notification& n) { received.push_back(*n); });
  bus_.emit("interview:saved", {{"sessionId", "s1"}});
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(json::parse(received[0]), json::parse(R"({"jsonrpc":"2.0","method":"nexus-event",
      "params":{"type":"interview:saved","payload":{"sessionId":"s1"},"timestamp":"2025-10-09T08:53:20.123Z"}})"));
}

TEST_F(EventHubTest, EveryListenerGetsTheSameTextSerialisedOnce) {
  Notification first, second;
  auto a = hub_.listen([&](const Notification& n) { first = n; });
  auto b = hub_.listen([&](const Notification& n) { second = n; });
  bus_.emit("interview:delta", {{"sessionId", "s1"}, {"text", "Hel"}});
  ASSERT_TRUE(first);
  EXPECT_EQ(first.get(), second.get());
}

TEST_F(EventHubTest, FiltersBySessionAndTypeAndLetsSystemWideEventsThrough) {
  std::vector<std::string> types;
  auto listener = hub_.listen([&](const Notification& n) { types.push_back(json::parse(*n)["params"]["type"]); });
  listener->setFilter({{"mine"}, {}, false});
  bus_.emit("interview:saved", {{"sessionId", "theirs"}});
  bus_.emit("interview:saved", {{"sessionId", "mine"}});
  bus_.emit("system:error", {{"message", "disk full"}});  // no session: everyone hears it
  EXPECT_EQ(types, (std::vector<std::string>{"interview:saved", "system:error"}));

  types.clear();
  listener->setFilter({{}, {"interview:completed"}, false});
  bus_.emit("interview:saved", {{"sessionId", "mine"}});
  bus_.emit("interview:completed", {{"sessionId", "theirs"}});
  EXPECT_EQ(types, std::vector<std::string>{"interview:completed"});

  types.clear();
  listener->setFilter({{}, {}, true});
  bus_.emit("system:error", {{"message", "x"}});
  EXPECT_TRUE(types.empty());
}

TEST_F(EventHubTest, EachFollowerHearsItsOwnSessionsOnly) {
  std::vector<int> heard(50, 0);
  std::vector<std::unique_ptr<EventHub::Listener>> listeners;
  for (int i = 0; i < 50; ++i) {
    listeners.push_back(hub_.listen([&heard, i](const Notification&) { ++heard[i]; }));
    listeners.back()->setFilter({{"s" + std::to_string(i), "shared"}, {}, false});
  }
  int everything = 0;
  auto watcher = hub_.listen([&](const Notification&) { ++everything; });
  bus_.emit("interview:delta", {{"sessionId", "s7"}});
  bus_.emit("interview:delta", {{"sessionId", "shared"}});
  bus_.emit("system:error", {{"message", "for everyone"}});
  for (int i = 0; i < 50; ++i) EXPECT_EQ(heard[i], i == 7 ? 3 : 2) << i;
  EXPECT_EQ(everything, 3);

  listeners[7]->setFilter({{"s8"}, {}, false});  // moves from s7 to s8
  bus_.emit("interview:delta", {{"sessionId", "s7"}});
  bus_.emit("interview:delta", {{"sessionId", "s8"}});
  EXPECT_EQ(heard[7], 4);
  EXPECT_EQ(heard[8], 3);
  listeners[8].reset();
  bus_.emit("interview:delta", {{"sessionId", "s8"}});
  EXPECT_EQ(heard[7], 5);
}

TEST_F(EventHubTest, NothingIsSerialisedWhenNobodyWantsIt) {
  int calls = 0;
  auto listener = hub_.listen([&](const Notification&) { ++calls; });
  listener->setFilter({{"other"}, {}, false});
  bus_.emit("interview:saved", {{"sessionId", "s1"}});
  EXPECT_EQ(calls, 0);
}

TEST_F(EventHubTest, AGoneListenerHearsNothingMore) {
  int calls = 0;
  auto listener = hub_.listen([&](const Notification&) { ++calls; });
  EXPECT_EQ(hub_.listenerCount(), 1u);
  listener.reset();
  EXPECT_EQ(hub_.listenerCount(), 0u);
  bus_.emit("interview:saved", {{"sessionId", "s1"}});
  EXPECT_EQ(calls, 0);
}

TEST_F(EventHubTest, ListenersComeAndGoWhileEventsFlow) {
  std::atomic<bool> stop{false};
  std::thread emitter([&] {
    while (!stop) bus_.emit("interview:delta", {{"sessionId", "s1"}, {"text", "x"}});
  });
  for (int i = 0; i < 200; ++i) {
    std::atomic<int> got{0};
    auto listener = hub_.listen([&](const Notification&) { ++got; });
    listener->setFilter({{"s1"}, {}, false});
  }
  stop = true;
  emitter.join();
  EXPECT_EQ(hub_.listenerCount(), 0u);
}

}  // namespace
}  // namespace nexus::api
