// The real API (Dispatcher, InterviewEngine, session manager, memory stores) behind a real
// server: what several browser tabs talking about one session would see.

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "api/dispatcher.hpp"
#include "api/http/server_fixture.hpp"
#include "core/scheduler.hpp"
#include "interview/interview_engine.hpp"
#include "interview/session_manager.hpp"
#include "llm/llm_client.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"

namespace nexus::test {
namespace {

using nlohmann::json;

// Replies "You said: <the message>", streamed in two pieces: each reply names its message.
class EchoLlm final : public LlmClient {
 public:
  Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta, std::stop_token) override {
    const std::string text = "You said: " + request.messages.back().content;
    onDelta(std::string_view(text).substr(0, 4));
    onDelta(std::string_view(text).substr(4));
    return LlmResponse{text, "echo", "end_turn", {}};
  }
  BackendInfo info() const override { return {"echo", "echo-1", ""}; }
};

class RealApi : public ::testing::Test {
 protected:
  void SetUp() override {
    api::http::ServerOptions options;
    options.port = 0;
    options.token = std::string(kTestToken);
    options.workerThreads = 8;
    server_ = std::make_unique<api::http::HttpServer>(dispatcher_, hub_, options);
    server_->start();
  }
  void TearDown() override { server_->stop(); }

  WebSocketClient connect() const {
    return WebSocketClient(server_->port(), {.headers = {{"Authorization", "Bearer " + std::string(kTestToken)}}});
  }

  ManualClock clock_{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events_{clock_};
  MemorySessionStore store_;
  MemoryRequirementsStore requirements_{clock_};
  EchoLlm llm_;
  ManualScheduler scheduler_;
  InterviewService interviews_{llm_, store_, requirements_, events_, clock_, scheduler_};
  api::EventHub hub_{events_};
  api::Dispatcher dispatcher_{api::ApiServices{interviews_, requirements_, clock_, "test", ":memory:"}};
  std::unique_ptr<api::http::HttpServer> server_;  // last: stopped before the rest goes
};

TEST_F(RealApi, TwoClientsSeeTheSameSessionsEvents) {
  WebSocketClient first = connect();
  WebSocketClient second = connect();
  ASSERT_TRUE(first.open() && second.open());

  const json session = first.call("interview:start", {"shop"});
  const std::string sessionId = session["result"]["id"];
  ASSERT_FALSE(sessionId.empty()) << session.dump();
  EXPECT_EQ(second.nextEvent("interview:started")["payload"]["sessionId"], sessionId);

  const json turn = first.call("interview:sendMessage", {sessionId, "Users must sign in with Google"}, 2);
  EXPECT_EQ(turn["result"]["response"], "You said: Users must sign in with Google") << turn.dump();
  for (WebSocketClient* client : {&first, &second}) {
    const json asked = client->nextEvent("interview:question-asked");
    EXPECT_EQ(asked["payload"]["sessionId"], sessionId) << asked.dump();
    EXPECT_EQ(client->nextEvent("interview:delta")["payload"]["sessionId"], sessionId);
  }
}

TEST_F(RealApi, EventsCanBeNarrowedToOneSession) {
  WebSocketClient watcher = connect();
  WebSocketClient worker = connect();
  ASSERT_TRUE(watcher.open() && worker.open());
  const std::string watched = worker.call("interview:start", {"a"})["result"]["id"];
  const std::string other = worker.call("interview:start", {"b"}, 2)["result"]["id"];
  ASSERT_EQ(watcher.call("events:subscribe", {{"sessionIds", {watched}}}, 3)["result"], true);
  worker.call("interview:sendMessage", {other, "first"}, 4);
  worker.call("interview:sendMessage", {watched, "second"}, 5);
  // Everything before the subscription, then only the watched session.
  for (json event = watcher.nextEvent("interview:question-asked");;
       event = watcher.nextEvent("interview:question-asked")) {
    ASSERT_FALSE(event.is_null());
    if (event["payload"]["sessionId"] == watched) break;
    EXPECT_NE(event["payload"]["message"]["content"], "first") << event.dump();
  }
}

TEST_F(RealApi, PostRpcCannotSubscribe) {
  const HttpReply reply =
      httpPost(server_->port(), "/rpc", R"({"jsonrpc":"2.0","id":1,"method":"events:subscribe"})",
               {{"Authorization", "Bearer " + std::string(kTestToken)}, {"Content-Type", "application/json"}});
  ASSERT_EQ(reply.status, 200u);
  EXPECT_NE(json::parse(reply.body)["error"]["message"].get<std::string>().find("carries no events"), std::string::npos)
      << reply.body;
}

TEST_F(RealApi, ConcurrentMessagesToOneSessionAreTakenOneTurnAtATime) {
  WebSocketClient starter = connect();
  ASSERT_TRUE(starter.open());
  const std::string sessionId = starter.call("interview:start", {"shop"})["result"]["id"];

  constexpr int kClients = 4;
  constexpr int kMessagesEach = 5;
  std::vector<std::thread> clients;
  std::atomic<int> answered{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      WebSocketClient client = connect();
      ASSERT_TRUE(client.open());
      for (int m = 0; m < kMessagesEach; ++m) {
        const std::string message = "client " + std::to_string(c) + " message " + std::to_string(m);
        const json turn = client.call("interview:sendMessage", {sessionId, message}, m + 1);
        EXPECT_EQ(turn["result"]["response"], "You said: " + message) << turn.dump();
        if (turn.contains("result")) ++answered;
      }
    });
  }
  for (auto& client : clients) client.join();
  ASSERT_EQ(answered, kClients * kMessagesEach);

  const json session = starter.call("interview:getSession", {sessionId}, 2)["result"];
  const json& messages = session["messages"];
  ASSERT_EQ(messages.size(), 1u + 2u * kClients * kMessagesEach) << session.dump();  // the greeting, then the turns
  EXPECT_EQ(messages[0]["role"], "assistant");
  std::set<std::string> said;
  for (std::size_t i = 1; i < messages.size(); i += 2) {
    const json& user = messages[i];
    const json& reply = messages[i + 1];
    ASSERT_EQ(user["role"], "user") << i;
    ASSERT_EQ(reply["role"], "assistant") << i;
    EXPECT_EQ(reply["content"], "You said: " + user["content"].get<std::string>()) << "turn at " << i;
    said.insert(user["content"].get<std::string>());
  }
  EXPECT_EQ(said.size(), static_cast<std::size_t>(kClients * kMessagesEach));  // nothing lost, nothing twice
}

}  // namespace
}  // namespace nexus::test
