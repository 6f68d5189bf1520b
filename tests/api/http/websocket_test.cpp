// `nexus serve` over WebSocket at /rpc: the handshake's checks, calls and events, the limits,
// and what one client can and cannot do to another.

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "api/http/server_fixture.hpp"

namespace nexus::test {
namespace {

using nlohmann::json;

class WebSocketRpc : public ServerTest {
 protected:
  // An event of `bytes` payload text for session `sessionId`.
  void emit(const std::string& sessionId, std::size_t bytes = 16) {
    bus_.emit("interview:delta", {{"sessionId", sessionId}, {"text", std::string(bytes, 'x')}});
  }
};

TEST_F(WebSocketRpc, CallsWithTheBearerToken) {
  startServer();
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open()) << client.handshakeStatus();
  EXPECT_EQ(client.call("echo", {"hello"})["result"], json({"hello"}));
  EXPECT_EQ(client.call("echo", {"again"}, 2)["result"], json({"again"}));
}

TEST_F(WebSocketRpc, CallsWithTheCookie) {
  startServer();
  WebSocketClient client(
      port(), {.headers = {{"Cookie", "nexus_token_" + std::to_string(port()) + "=" + std::string(kTestToken)}}});
  ASSERT_TRUE(client.open());
  EXPECT_EQ(client.call("echo", {1})["result"], json({1}));
}

TEST_F(WebSocketRpc, CallsWithTheTokenSubprotocolWhichIsEchoed) {
  startServer();
  const std::string protocol = "nexus.token." + std::string(kTestToken);
  WebSocketClient client(port(), {.headers = {{"Sec-WebSocket-Protocol", protocol}}});
  ASSERT_TRUE(client.open());
  EXPECT_EQ(client.handshakeHeader("Sec-WebSocket-Protocol"), protocol);
  EXPECT_EQ(client.call("echo", {1})["result"], json({1}));
}

TEST_F(WebSocketRpc, WithoutTheTokenTheHandshakeIsRefused) {
  startServer();
  WebSocketClient anonymous(port());
  EXPECT_FALSE(anonymous.open());
  EXPECT_EQ(anonymous.handshakeStatus(), 401u);
  WebSocketClient wrong(port(), {.headers = {{"Sec-WebSocket-Protocol", "nexus.token.wrong"}}});
  EXPECT_FALSE(wrong.open());
  EXPECT_EQ(wrong.handshakeStatus(), 401u);
}

TEST_F(WebSocketRpc, AForeignOriginIsRefused) {
  startServer();
  WebSocketOptions options = authorized();
  options.headers["Origin"] = "http://evil.example";
  WebSocketClient client(port(), options);
  EXPECT_FALSE(client.open());
  EXPECT_EQ(client.handshakeStatus(), 403u);

  options.headers["Origin"] = "http://localhost:" + std::to_string(port());
  EXPECT_TRUE(WebSocketClient(port(), options).open());
}

TEST_F(WebSocketRpc, AForeignHostIsRefused) {
  startServer();
  WebSocketOptions options = authorized();
  options.host = "evil.example:" + std::to_string(port());
  WebSocketClient client(port(), options);
  EXPECT_FALSE(client.open());
  EXPECT_EQ(client.handshakeStatus(), 403u);
}

TEST_F(WebSocketRpc, AMessageOverTheLimitClosesWith1009) {
  auto small = options();
  small.maxFrameBytes = 1024;
  startServer(small);
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  EXPECT_EQ(client.call("echo", {std::string(900, 'a')})["result"], json({std::string(900, 'a')}));
  ASSERT_TRUE(client.send(request("echo", {std::string(2000, 'a')})));
  EXPECT_EQ(client.readUntilClosed(), 1009);
}

TEST_F(WebSocketRpc, ABinaryMessageClosesWith1003) {
  startServer();
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  ASSERT_TRUE(client.send(request("echo"), /*binary=*/true));
  EXPECT_EQ(client.readUntilClosed(), 1003);
}

TEST_F(WebSocketRpc, EventsOfACallArriveBeforeItsAnswer) {
  handler_.on("emit", [&](const json& params, api::CallContext& context) {
    EXPECT_NE(context.events, nullptr);  // a WebSocket carries events
    emit(params.at(0).get<std::string>());
    return json(true);
  });
  startServer();
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  EXPECT_EQ(client.call("emit", {"s1"})["result"], true);
  // call() kept what came before the answer: the event.
  const json event = client.nextNotification();
  EXPECT_EQ(event["type"], "interview:delta");
  EXPECT_EQ(event["payload"]["sessionId"], "s1");
  EXPECT_TRUE(event["timestamp"].is_string());
}

TEST_F(WebSocketRpc, EveryClientReceivesEveryEvent) {
  startServer();
  WebSocketClient first(port(), authorized());
  WebSocketClient second(port(), authorized());
  ASSERT_TRUE(first.open() && second.open());
  emit("s1");
  emit("s2");
  for (WebSocketClient* client : {&first, &second}) {
    EXPECT_EQ(client->nextNotification()["payload"]["sessionId"], "s1");
    EXPECT_EQ(client->nextNotification()["payload"]["sessionId"], "s2");
  }
}

TEST_F(WebSocketRpc, ASlowCallDoesNotHoldUpAnotherClient) {
  Gate gate;
  handler_.on("slow", [&](const json&, api::CallContext&) {
    gate.pass();
    return json("slow done");
  });
  startServer();
  WebSocketClient waiting(port(), authorized());
  WebSocketClient other(port(), authorized());
  ASSERT_TRUE(waiting.open() && other.open());
  ASSERT_TRUE(waiting.send(request("slow", nullptr, 1)));
  ASSERT_TRUE(gate.waitForArrivals(1));                                 // the slow call now occupies a worker
  EXPECT_EQ(other.call("echo", {"quick"})["result"], json({"quick"}));  // answered while it waits
  gate.open();
  EXPECT_EQ(waiting.responseTo(1)["result"], "slow done");
}

TEST_F(WebSocketRpc, ASlowCallDoesNotHoldUpTheSameClientsNextCall) {
  Gate gate;
  handler_.on("slow", [&](const json&, api::CallContext&) {
    gate.pass();
    return json("slow done");
  });
  startServer();
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  ASSERT_TRUE(client.send(request("slow", nullptr, 1)));
  ASSERT_TRUE(gate.waitForArrivals(1));
  EXPECT_EQ(client.call("echo", {"quick"}, 2)["result"], json({"quick"}));
  gate.open();
  EXPECT_EQ(client.responseTo(1)["result"], "slow done");
}

TEST_F(WebSocketRpc, TooManyCallsInFlightPauseReadingFromThatClient) {
  Gate gate;
  std::atomic<int> inside{0};
  std::atomic<int> mostInside{0};
  handler_.on("slow", [&](const json&, api::CallContext&) {
    const int now = ++inside;
    for (int most = mostInside; now > most && !mostInside.compare_exchange_weak(most, now);) {
    }
    gate.pass();
    --inside;
    return json(true);
  });
  auto two = options();
  two.maxCallsInFlightPerClient = 2;
  startServer(two);
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  for (int id = 1; id <= 4; ++id) ASSERT_TRUE(client.send(request("slow", nullptr, id)));
  ASSERT_TRUE(gate.waitForArrivals(2));
  // A server without the limit would let the other two in now; this one reads no further.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  gate.open();
  for (int id = 1; id <= 4; ++id) EXPECT_EQ(client.responseTo(id)["result"], true) << id;
  EXPECT_LE(mostInside.load(), 2);
}

TEST_F(WebSocketRpc, AClientThatDoesNotReadIsDroppedWithoutHoldingUpOthers) {
  auto tight = options();
  tight.maxQueuedBytesPerClient = 64 * 1024;
  tight.closeTimeout = std::chrono::milliseconds(200);
  startServer(tight);
  WebSocketOptions smallWindow = authorized();
  smallWindow.receiveBufferBytes = 4096;
  WebSocketClient sleeper(port(), smallWindow);  // never reads
  WebSocketClient reader(port(), authorized());
  ASSERT_TRUE(sleeper.open() && reader.open());
  ASSERT_TRUE(waitForConnections(2));

  // One event at a time, each read by `reader` before the next: only the sleeper falls behind.
  constexpr int kMostEvents = 4000;  // 64 MB: far past any socket buffer
  int sent = 0;
  for (; sent < kMostEvents && server_->connectionCount() > 1; ++sent) {
    emit("s1", 16 * 1024);
    ASSERT_EQ(reader.nextNotification()["type"], "interview:delta") << "event " << sent;
  }
  EXPECT_EQ(server_->connectionCount(), 1u) << "the sleeper was still connected after " << sent << " events";
  EXPECT_EQ(reader.call("echo", {"still here"})["result"], json({"still here"}));
  sleeper.readUntilClosed();  // what the socket held, then the end
  EXPECT_FALSE(sleeper.open());
}

TEST_F(WebSocketRpc, StopAnswersCallsInFlightThenCloses) {
  Gate gate;
  handler_.on("slow", [&](const json&, api::CallContext&) {
    gate.pass();
    return json("finished");
  });
  startServer();
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  ASSERT_TRUE(client.send(request("slow", nullptr, 1)));
  ASSERT_TRUE(gate.waitForArrivals(1));
  auto stopped = std::async(std::launch::async, [&] { server_->stop(); });
  gate.open();
  EXPECT_EQ(client.responseTo(1)["result"], "finished");
  EXPECT_EQ(client.readUntilClosed(), 1001);
  stopped.get();
  EXPECT_EQ(server_->connectionCount(), 0u);
}

TEST_F(WebSocketRpc, StopClosesIdleWebSocketsWith1001) {
  startServer();
  WebSocketClient client(port(), authorized());
  ASSERT_TRUE(client.open());
  ASSERT_EQ(client.call("echo", {1})["result"], json({1}));
  auto stopped = std::async(std::launch::async, [&] { server_->stop(); });
  EXPECT_EQ(client.readUntilClosed(), 1001);
  stopped.get();
}

}  // namespace
}  // namespace nexus::test
