#include "llm/http/curl_http_client.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "support/loopback_http_server.hpp"

namespace nexus::http {
namespace {

using namespace std::chrono_literals;
using test::BodyFraming;
using test::LoopbackHttpServer;
using test::RecordedRequest;
using test::ResponseWriter;

constexpr const char* kSecretKey = "sk-ant-SECRET-0123456789";
constexpr const char* kSecretQuery = "token=QUERYSECRET42";

// A request with short timeouts, a key-bearing header and a secret in the query.
HttpRequest requestTo(const LoopbackHttpServer& server, std::string body = "{\"hello\":1}") {
  HttpRequest request;
  request.url = server.baseUrl() + "/v1/messages?" + kSecretQuery;
  request.headers = {{"x-api-key", kSecretKey}, {"content-type", "application/json"}};
  request.body = std::move(body);
  request.connectTimeout = 1000ms;
  request.idleTimeout = 1000ms;
  return request;
}

// Everything one post() delivered, in order.
struct Received {
  std::vector<std::string> sequence;  // "head" or "body"
  HttpResponseHead head;
  std::string body;
  std::vector<std::string> pieces;
};

HttpOutcome postCollecting(HttpClient& client, const HttpRequest& request, Received& received,
                           std::stop_token cancel = {}) {
  return client.post(
      request,
      [&](const HttpResponseHead& head) {
        received.sequence.push_back("head");
        received.head = head;
        return true;
      },
      [&](std::string_view piece) {
        received.sequence.push_back("body");
        received.body.append(piece);
        received.pieces.emplace_back(piece);
        return true;
      },
      cancel);
}

void expectNoSecrets(const HttpOutcome& outcome) {
  ASSERT_TRUE(outcome.error.has_value());
  EXPECT_EQ(outcome.error->message.find(kSecretKey), std::string::npos) << outcome.error->message;
  EXPECT_EQ(outcome.error->message.find("QUERYSECRET"), std::string::npos) << outcome.error->message;
  EXPECT_EQ(outcome.error->message.find("/v1/messages"), std::string::npos) << outcome.error->message;
  EXPECT_EQ(outcome.error->message.find('\n'), std::string::npos) << outcome.error->message;
}

// Waits (up to a limit) until `flag` is set; a stand-in for "the client saw the first piece".
bool awaitAcknowledgement(ResponseWriter& writer, const std::atomic<bool>& flag) {
  for (int i = 0; i < 400 && !flag; ++i) writer.pause(5ms);
  return flag;
}

TEST(CurlHttpClient, SendsHeadersAndBodyAsGiven) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.respond(200, {{"content-type", "application/json"}}, "{\"ok\":true}");
  });
  CurlHttpClient client("9.9.9");
  const std::string largeBody = "{\"text\":\"" + std::string(200'000, 'a') + "\"}";
  Received received;
  const auto outcome = postCollecting(client, requestTo(server, largeBody), received);
  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(received.body, "{\"ok\":true}");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, std::string("/v1/messages?") + kSecretQuery);
  EXPECT_EQ(requests[0].headers.find("X-Api-Key"), kSecretKey);
  EXPECT_EQ(requests[0].headers.find("content-type"), "application/json");
  EXPECT_EQ(requests[0].headers.find("user-agent"), "nexus-interview/9.9.9");
  EXPECT_FALSE(requests[0].headers.contains("expect"));
  EXPECT_EQ(requests[0].body, largeBody);
}

TEST(CurlHttpClient, DeliversHeadBeforeBodyWithCaseInsensitiveLookup) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {{"Retry-After", "7"}, {"Content-Type", "text/event-stream"}}, BodyFraming::Chunked);
    writer.sendBody("data: 1\n\n");
    writer.sendBody("data: 2\n\n");
    writer.finish();
  });
  CurlHttpClient client("1");
  Received received;
  const auto outcome = postCollecting(client, requestTo(server), received);
  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  ASSERT_FALSE(received.sequence.empty());
  EXPECT_EQ(received.sequence.front(), "head");
  EXPECT_EQ(std::count(received.sequence.begin(), received.sequence.end(), "head"), 1);
  EXPECT_EQ(received.head.status, 200);
  EXPECT_EQ(received.head.headers.find("retry-after"), "7");
  EXPECT_EQ(received.head.headers.find("CONTENT-TYPE"), "text/event-stream");
  EXPECT_FALSE(received.head.headers.contains("x-missing"));
  ASSERT_TRUE(outcome.head.has_value());
  EXPECT_EQ(outcome.head->status, 200);
  EXPECT_EQ(received.body, "data: 1\n\ndata: 2\n\n");
}

// The server holds the second piece until the client has seen the first: only a client that
// streams gets it before the limit.
void expectStreamed(BodyFraming framing) {
  std::atomic<bool> firstSeen{false};
  std::atomic<bool> acknowledged{false};
  LoopbackHttpServer server([&](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {{"content-type", "text/event-stream"}}, framing);
    writer.sendBody("event: a\ndata: first\n\n");
    acknowledged = awaitAcknowledgement(writer, firstSeen);
    writer.sendBody("event: b\ndata: second\n\n");
    writer.finish();
  });
  CurlHttpClient client("1");
  std::string body;
  const auto outcome = client.post(
      requestTo(server), [](const HttpResponseHead&) { return true; },
      [&](std::string_view piece) {
        body.append(piece);
        if (body.find("first") != std::string::npos) firstSeen = true;
        return true;
      },
      {});
  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_TRUE(acknowledged) << "the first piece reached the callback only after the response ended";
  EXPECT_EQ(body, "event: a\ndata: first\n\nevent: b\ndata: second\n\n");
}

TEST(CurlHttpClient, StreamsChunkedBodyPieceByPiece) { expectStreamed(BodyFraming::Chunked); }

TEST(CurlHttpClient, StreamsCloseDelimitedBodyPieceByPiece) { expectStreamed(BodyFraming::CloseDelimited); }

TEST(CurlHttpClient, ErrorStatusIsAResponseWithItsBody) {
  const std::string json = R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})";
  LoopbackHttpServer server([&](const RecordedRequest&, ResponseWriter& writer) {
    writer.respond(401, {{"content-type", "application/json"}, {"request-id", "req_1"}}, json);
  });
  CurlHttpClient client("1");
  Received received;
  const auto outcome = postCollecting(client, requestTo(server), received);
  ASSERT_TRUE(outcome.ok());
  ASSERT_TRUE(outcome.head.has_value());
  EXPECT_EQ(outcome.head->status, 401);
  EXPECT_EQ(received.head.status, 401);
  EXPECT_EQ(received.body, json);
}

TEST(CurlHttpClient, RefusedConnectionIsConnectFailed) {
  const int port = test::unusedLoopbackPort();
  CurlHttpClient client("1");
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/v1/messages?" + kSecretQuery;
  request.headers = {{"x-api-key", kSecretKey}};
  request.connectTimeout = 1000ms;
  Received received;
  const auto outcome = postCollecting(client, request, received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::ConnectFailed) << outcome.error->message;
  EXPECT_TRUE(outcome.error->retryable());
  EXPECT_EQ(outcome.error->toError().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(outcome.error->toError().retryable);
  EXPECT_NE(outcome.error->message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << outcome.error->message;
  EXPECT_FALSE(outcome.head.has_value());
  EXPECT_TRUE(received.sequence.empty());
  expectNoSecrets(outcome);
}

TEST(CurlHttpClient, StalledServerHitsIdleTimeout) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    writer.sendBody("data: 1\n\n");
    writer.pause(10s);  // cut short when the server stops
  });
  CurlHttpClient client("1");
  auto request = requestTo(server);
  request.idleTimeout = 200ms;
  Received received;
  const auto started = std::chrono::steady_clock::now();
  const auto outcome = postCollecting(client, request, received);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::IdleTimeout) << outcome.error->message;
  EXPECT_TRUE(outcome.error->retryable());
  EXPECT_GE(elapsed, 200ms);
  EXPECT_LT(elapsed, 1000ms);
  ASSERT_TRUE(outcome.head.has_value());
  EXPECT_EQ(received.body, "data: 1\n\n");
  expectNoSecrets(outcome);
}

TEST(CurlHttpClient, SlowButSteadyStreamIsNotIdle) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    for (int i = 0; i < 6; ++i) {
      writer.sendBody(": ping\n\n");
      writer.pause(60ms);
    }
    writer.finish();
  });
  CurlHttpClient client("1");
  auto request = requestTo(server);
  request.idleTimeout = 200ms;  // longer than any one pause, shorter than the whole stream
  Received received;
  const auto outcome = postCollecting(client, request, received);
  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(received.body.size(), 6 * std::string(": ping\n\n").size());
}

TEST(CurlHttpClient, TotalTimeoutBoundsTheExchange) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    for (int i = 0; i < 100 && writer.sendBody(": ping\n\n"); ++i) writer.pause(20ms);
  });
  CurlHttpClient client("1");
  auto request = requestTo(server);
  request.totalTimeout = 250ms;
  Received received;
  const auto outcome = postCollecting(client, request, received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::TotalTimeout) << outcome.error->message;
}

TEST(CurlHttpClient, ResetMidBodyIsDropped) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    writer.sendBody("data: partial\n\n");
    writer.pause(20ms);
    writer.drop(true);
  });
  CurlHttpClient client("1");
  Received received;
  const auto outcome = postCollecting(client, requestTo(server), received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::Dropped) << outcome.error->message;
  EXPECT_TRUE(outcome.error->retryable());
  ASSERT_TRUE(outcome.head.has_value());
  EXPECT_EQ(outcome.head->status, 200);
  expectNoSecrets(outcome);
}

TEST(CurlHttpClient, CloseBeforeLastChunkIsDropped) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    writer.sendBody("data: partial\n\n");
    writer.drop(false);  // an orderly FIN, but the chunked body never ended
  });
  CurlHttpClient client("1");
  Received received;
  const auto outcome = postCollecting(client, requestTo(server), received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::Dropped) << outcome.error->message;
}

TEST(CurlHttpClient, CloseWithoutAnyResponseIsDropped) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) { writer.drop(false); });
  CurlHttpClient client("1");
  Received received;
  const auto outcome = postCollecting(client, requestTo(server), received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::Dropped) << outcome.error->message;
  EXPECT_FALSE(outcome.head.has_value());
}

TEST(CurlHttpClient, CancelFromAnotherThreadStopsPromptly) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    writer.sendBody("data: 1\n\n");
    writer.pause(10s);
  });
  CurlHttpClient client("1");
  auto request = requestTo(server);
  request.idleTimeout = 10s;
  std::stop_source stop;
  std::atomic<bool> firstSeen{false};
  std::chrono::steady_clock::time_point cancelledAt;
  std::thread canceller([&] {
    while (!firstSeen) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(50ms);
    cancelledAt = std::chrono::steady_clock::now();
    stop.request_stop();
  });
  const auto outcome = client.post(
      request, [](const HttpResponseHead&) { return true; },
      [&](std::string_view) {
        firstSeen = true;
        return true;
      },
      stop.get_token());
  const auto returnedAt = std::chrono::steady_clock::now();
  canceller.join();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::Cancelled) << outcome.error->message;
  EXPECT_EQ(outcome.error->toError().code, ErrorCode::Cancelled);
  EXPECT_LT(returnedAt - cancelledAt, 100ms);
  expectNoSecrets(outcome);
}

TEST(CurlHttpClient, AlreadyCancelledSendsNothing) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) { writer.respond(200, {}, "x"); });
  CurlHttpClient client("1");
  std::stop_source stop;
  stop.request_stop();
  Received received;
  const auto outcome = postCollecting(client, requestTo(server), received, stop.get_token());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::Cancelled);
  EXPECT_TRUE(server.requests().empty());
}

TEST(CurlHttpClient, HandlerCanStopTheExchange) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    for (int i = 0; i < 50 && writer.sendBody("data: x\n\n"); ++i) writer.pause(10ms);
  });
  CurlHttpClient client("1");
  int pieces = 0;
  const auto outcome = client.post(
      requestTo(server), [](const HttpResponseHead&) { return true; },
      [&](std::string_view) { return ++pieces < 2; }, {});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::Aborted) << outcome.error->message;
  EXPECT_FALSE(outcome.error->retryable());
  EXPECT_EQ(pieces, 2);
}

TEST(CurlHttpClient, HandlerExceptionPropagates) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) { writer.respond(200, {}, "x"); });
  CurlHttpClient client("1");
  EXPECT_THROW((void)client.post(
                   requestTo(server), [](const HttpResponseHead&) -> bool { throw std::runtime_error("boom"); },
                   [](std::string_view) { return true; }, {}),
               std::runtime_error);
}

TEST(CurlHttpClient, RejectsNonHttpUrlWithoutEchoingIt) {
  CurlHttpClient client("1");
  HttpRequest request;
  request.url = std::string("file:///etc/passwd?") + kSecretQuery;
  Received received;
  const auto outcome = postCollecting(client, request, received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::InvalidRequest);
  EXPECT_EQ(outcome.error->message.find("passwd"), std::string::npos) << outcome.error->message;
  expectNoSecrets(outcome);
}

TEST(CurlHttpClient, RejectsHeaderInjectionWithoutEchoingTheValue) {
  LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) { writer.respond(200, {}, "x"); });
  CurlHttpClient client("1");
  auto request = requestTo(server);
  request.headers.add("authorization", std::string("Bearer ") + kSecretKey + "\r\nX-Evil: 1");
  Received received;
  const auto outcome = postCollecting(client, request, received);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind, TransportErrorKind::InvalidRequest);
  EXPECT_NE(outcome.error->message.find("authorization"), std::string::npos) << outcome.error->message;
  expectNoSecrets(outcome);
  EXPECT_TRUE(server.requests().empty());
}

TEST(CurlHttpClient, ServesSeveralThreadsAtOnce) {
  LoopbackHttpServer server([](const RecordedRequest& request, ResponseWriter& writer) {
    writer.sendHead(200, {}, BodyFraming::Chunked);
    writer.pause(30ms);
    writer.sendBody(request.body);
    writer.finish();
  });
  CurlHttpClient client("1");
  std::vector<std::string> bodies(6);
  std::vector<char> ok(6, 0);  // not vector<bool>: its elements share words, which threads must not write at once
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < 6; ++i) {
      threads.emplace_back([&, i] {
        Received received;
        const auto outcome = postCollecting(client, requestTo(server, "body-" + std::to_string(i)), received);
        ok[i] = outcome.ok();
        bodies[i] = received.body;
      });
    }
  }
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(ok[i]) << i;
    EXPECT_EQ(bodies[i], "body-" + std::to_string(i));
  }
}

// ---- connection reuse ----

// A short event stream echoing the request's body, on a connection that stays open after it.
void answerWithAShortStream(const RecordedRequest& request, ResponseWriter& writer) {
  writer.sendHead(200, {{"content-type", "text/event-stream"}}, BodyFraming::Chunked);
  writer.sendBody("data: " + request.body + "\n\n");
  writer.finish();
}

// Posts `count` requests one after another through `client`: each gets its own reply.
void expectSuccessivePostsSucceed(HttpClient& client, const LoopbackHttpServer& server, int count) {
  for (int i = 0; i < count; ++i) {
    Received received;
    const std::string body = "turn-" + std::to_string(i);
    const auto outcome = postCollecting(client, requestTo(server, body), received);
    ASSERT_TRUE(outcome.ok()) << "post " << i << ": " << outcome.error->message;
    EXPECT_EQ(received.head.status, 200) << "post " << i;
    EXPECT_NE(received.body.find(body), std::string::npos) << "post " << i << ": " << received.body;
  }
}

TEST(CurlHttpClient, SuccessivePostsShareOneConnection) {
  LoopbackHttpServer server(answerWithAShortStream, test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  expectSuccessivePostsSucceed(client, server, 5);
  EXPECT_EQ(server.requests().size(), 5u);
  EXPECT_EQ(server.acceptedConnections(), 1u) << "every post opened a connection of its own";
}

// The model clients stop reading at the reply's last event, just before the body's end: the
// rest is still read so that the connection survives.
TEST(CurlHttpClient, HandlerStoppingAtTheLastEventKeepsTheConnection) {
  LoopbackHttpServer server(
      [](const RecordedRequest&, ResponseWriter& writer) {
        writer.sendHead(200, {{"content-type", "text/event-stream"}}, BodyFraming::Chunked);
        writer.sendBody("data: last\n\n");
        writer.pause(20ms);  // the end of the body leaves well after the last event
        writer.finish();
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  for (int i = 0; i < 5; ++i) {
    int pieces = 0;
    const auto outcome = client.post(
        requestTo(server), [](const HttpResponseHead&) { return true; },
        [&](std::string_view piece) {
          ++pieces;
          return piece.find("last") == std::string_view::npos;
        },
        {});
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error->kind, TransportErrorKind::Aborted) << outcome.error->message;
    EXPECT_EQ(pieces, 1) << "no handler call after it asked to stop";
  }
  EXPECT_EQ(server.acceptedConnections(), 1u);
}

TEST(CurlHttpClient, ServerThatSaysConnectionCloseStillServesEveryPost) {
  LoopbackHttpServer server(
      [](const RecordedRequest& request, ResponseWriter& writer) {
        writer.respond(200, {{"Connection", "close"}}, "data: " + request.body + "\n\n");
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  expectSuccessivePostsSucceed(client, server, 5);
  EXPECT_EQ(server.acceptedConnections(), 5u);
}

// As if the server's keep-alive timeout struck the moment each response was out: the client
// may find out only when it sends the next request.
TEST(CurlHttpClient, ServerClosingWithoutNoticeAfterEachResponseStillServesEveryPost) {
  LoopbackHttpServer server(
      [](const RecordedRequest& request, ResponseWriter& writer) {
        answerWithAShortStream(request, writer);
        writer.drop(false);
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  expectSuccessivePostsSucceed(client, server, 5);
  EXPECT_EQ(server.acceptedConnections(), 5u);
}

TEST(CurlHttpClient, IdleConnectionTheServerClosedIsReplacedTransparently) {
  LoopbackHttpServer server(
      [](const RecordedRequest& request, ResponseWriter& writer) {
        answerWithAShortStream(request, writer);
        writer.pause(20ms);  // the server's keep-alive timeout
        writer.drop(false);
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  for (int i = 0; i < 3; ++i) {
    expectSuccessivePostsSucceed(client, server, 1);
    std::this_thread::sleep_for(60ms);  // the connection is idle in the client's pool meanwhile
  }
  EXPECT_EQ(server.acceptedConnections(), 3u);
}

TEST(CurlHttpClient, ConnectionOfAFailedExchangeIsNotReused) {
  LoopbackHttpServer server(
      [](const RecordedRequest& request, ResponseWriter& writer) {
        if (request.body != "stall") return answerWithAShortStream(request, writer);
        writer.sendHead(200, {}, BodyFraming::Chunked);
        writer.sendBody("data: 1\n\n");
        writer.pause(10s);  // cut short when the server stops
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  auto stalling = requestTo(server, "stall");
  stalling.idleTimeout = 100ms;
  Received received;
  const auto stalled = postCollecting(client, stalling, received);
  ASSERT_FALSE(stalled.ok());
  EXPECT_EQ(stalled.error->kind, TransportErrorKind::IdleTimeout) << stalled.error->message;
  expectSuccessivePostsSucceed(client, server, 2);
  EXPECT_EQ(server.acceptedConnections(), 2u);
}

TEST(CurlHttpClient, CancellingAPostOnAReusedConnectionStopsPromptlyAndLaterPostsWork) {
  LoopbackHttpServer server(
      [](const RecordedRequest& request, ResponseWriter& writer) {
        if (request.body != "slow") return answerWithAShortStream(request, writer);
        writer.sendHead(200, {}, BodyFraming::Chunked);
        writer.sendBody("data: 1\n\n");
        writer.pause(10s);
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  expectSuccessivePostsSucceed(client, server, 1);

  std::stop_source stop;
  std::atomic<bool> firstSeen{false};
  std::jthread canceller([&] {
    for (int i = 0; i < 2000 && !firstSeen; ++i) std::this_thread::sleep_for(1ms);
    stop.request_stop();
  });
  auto slow = requestTo(server, "slow");
  slow.idleTimeout = 10s;
  const auto started = std::chrono::steady_clock::now();
  const auto cancelled = client.post(
      slow, [](const HttpResponseHead&) { return true; },
      [&](std::string_view) {
        firstSeen = true;
        return true;
      },
      stop.get_token());
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.error->kind, TransportErrorKind::Cancelled) << cancelled.error->message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);

  expectSuccessivePostsSucceed(client, server, 2);
  EXPECT_EQ(server.acceptedConnections(), 2u) << "the cancelled exchange's connection was reused";
}

TEST(CurlHttpClient, TwoThreadsPostingAtOnceBothSucceed) {
  LoopbackHttpServer server(
      [](const RecordedRequest& request, ResponseWriter& writer) {
        writer.sendHead(200, {}, BodyFraming::Chunked);
        writer.pause(30ms);  // the two threads' exchanges overlap
        writer.sendBody(request.body);
        writer.finish();
      },
      test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  constexpr int kThreads = 2;
  constexpr int kPostsEach = 3;
  std::vector<std::string> failures(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPostsEach; ++i) {
          const std::string body = "thread-" + std::to_string(t) + "-post-" + std::to_string(i);
          Received received;
          const auto outcome = postCollecting(client, requestTo(server, body), received);
          if (!outcome.ok()) failures[t] += outcome.error->message + "; ";
          if (received.body != body) failures[t] += "got \"" + received.body + "\"; ";
        }
      });
    }
  }
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], "") << "thread " << t;
  EXPECT_EQ(server.requests().size(), static_cast<std::size_t>(kThreads * kPostsEach));
  EXPECT_LE(server.acceptedConnections(), static_cast<std::size_t>(kThreads)) << "one per concurrent poster at most";
}

TEST(CurlHttpClient, FreshConnectionIsOpenedWhenAsked) {
  LoopbackHttpServer server(answerWithAShortStream, test::ConnectionReuse::KeepAlive);
  CurlHttpClient client("1");
  expectSuccessivePostsSucceed(client, server, 1);
  auto fresh = requestTo(server, "fresh");
  fresh.freshConnection = true;
  Received received;
  const auto outcome = postCollecting(client, fresh, received);
  ASSERT_TRUE(outcome.ok()) << outcome.error->message;
  EXPECT_EQ(server.acceptedConnections(), 2u);
  expectSuccessivePostsSucceed(client, server, 1);
  EXPECT_EQ(server.acceptedConnections(), 2u) << "the fresh connection is kept like any other";
}

TEST(LoopbackHttpServer, StopsWhileAClientIsStillConnected) {
  const int clientFd = ::socket(AF_INET, SOCK_STREAM, 0);
  const auto started = std::chrono::steady_clock::now();
  {
    LoopbackHttpServer server([](const RecordedRequest&, ResponseWriter& writer) { writer.pause(10s); });
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    ASSERT_EQ(::connect(clientFd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    const std::string partial = "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nab";  // never completed
    ASSERT_EQ(::send(clientFd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  ::close(clientFd);
}

}  // namespace
}  // namespace nexus::http
