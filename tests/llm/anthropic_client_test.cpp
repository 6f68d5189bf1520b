#include "llm/anthropic/anthropic_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "llm/http/curl_http_client.hpp"
#include "support/llm_client_testing.hpp"
#include "support/fake_anthropic_server.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using test::FakeAnthropicServer;
using test::HttpErrorReply;
using test::StreamedReply;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecretKey = "sk-ant-api03-SECRET-KEY-0123456789";

using test::DeltaLog;
using test::interviewRequest;
using test::RecordingWaiter;

class AnthropicClientTest : public ::testing::Test {
 protected:
  AnthropicConfig config(std::string baseUrl) {
    AnthropicConfig result;
    result.apiKey = kSecretKey;
    result.baseUrl = std::move(baseUrl);
    result.model = "claude-test-model";
    result.connectTimeout = 2s;
    result.idleTimeout = 5s;
    return result;
  }
  AnthropicClient client(RetryPolicy policy = {}) {
    AnthropicConfig settings = config(server.baseUrl());
    settings.retry = policy;
    return AnthropicClient(http, settings, waits.waiter());
  }
  Result<LlmResponse> complete(AnthropicClient& anthropic, DeltaLog* log = nullptr, std::stop_token cancel = {}) {
    DeltaLog local;
    return anthropic.complete(interviewRequest(), (log ? log : &local)->handler(), cancel);
  }

  FakeAnthropicServer server;
  http::CurlHttpClient http{"test"};
  RecordingWaiter waits;
};

void expectNoKey(const Error& error) { test::expectOneLineWithoutKey(error, kSecretKey); }

// ---- the request ----

TEST_F(AnthropicClientTest, SendsTheDocumentedRequest) {
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  ASSERT_OK(complete(anthropic));

  const auto calls = server.calls();
  ASSERT_EQ(calls.size(), 1u);
  const auto& request = calls[0].request;
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v1/messages");
  EXPECT_EQ(request.headers.find("x-api-key"), kSecretKey);
  EXPECT_EQ(request.headers.find("anthropic-version"), "2023-06-01");
  EXPECT_EQ(request.headers.find("content-type"), "application/json");

  const nlohmann::json& body = calls[0].body;
  ASSERT_FALSE(body.is_discarded());
  EXPECT_EQ(body["model"], "claude-test-model");
  EXPECT_EQ(body["max_tokens"], 900);
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.3);
  EXPECT_EQ(body["stream"], true);
  nlohmann::json expectedSystem = nlohmann::json::parse(R"([
    {"type": "text", "text": "You are Nexus, a requirements analyst.", "cache_control": {"type": "ephemeral"}},
    {"type": "text"}
  ])");
  expectedSystem[1]["text"] = test::kInterviewContextProse;
  EXPECT_EQ(body["system"], expectedSystem);
  const nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "user", "content": "I want a todo app"},
    {"role": "assistant", "content": "Who will use it?"},
    {"role": "user", "content": "Small teams"}
  ])");
  EXPECT_EQ(body["messages"], expectedMessages);
}

TEST_F(AnthropicClientTest, MergesSameRoleMessagesAndStartsWithTheUser) {
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hi! What do you want to build?"},
                      {MessageRole::User, "A shop"},
                      {MessageRole::User, "For bikes"},
                      {MessageRole::Assistant, "Who buys?"},
                      {MessageRole::Assistant, "And who sells?"},
                      {MessageRole::User, "Anyone"}};
  ASSERT_OK(anthropic.complete(request, {}, {}));

  const nlohmann::json body = server.calls().at(0).body;
  ASSERT_EQ(body["system"].size(), 2u) << "the cached prompt, then the context summary";
  EXPECT_EQ(body["system"][0]["cache_control"]["type"], "ephemeral");
  EXPECT_FALSE(body["system"][1].contains("cache_control")) << "the summary changes every turn";
  const nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "user", "content": "A shop\n\nFor bikes"},
    {"role": "assistant", "content": "Who buys?\n\nAnd who sells?"},
    {"role": "user", "content": "Anyone"}
  ])");
  EXPECT_EQ(body["messages"], expectedMessages);
}

TEST_F(AnthropicClientTest, RefusesARequestWithoutAUserMessage) {
  auto anthropic = client();
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hello"}};
  auto result = anthropic.complete(request, {}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(server.callCount(), 0u);
}

TEST_F(AnthropicClientTest, InfoNamesBackendModelAndEndpoint) {
  AnthropicConfig settings = config("https://api.anthropic.com/");
  AnthropicClient anthropic(http, settings, waits.waiter());
  const BackendInfo info = anthropic.info();
  EXPECT_EQ(info.name, "anthropic");
  EXPECT_EQ(info.model, "claude-test-model");
  EXPECT_EQ(info.endpoint, "https://api.anthropic.com");
}

// ---- the stream ----

TEST_F(AnthropicClientTest, StreamsDeltasInOrderBeforeTheReplyEnds) {
  DeltaLog log;
  std::vector<bool> seenBeforeNext;
  StreamedReply reply;
  reply.textDeltas = {"One", " two", " three", " four"};
  reply.afterDelta = [&](std::size_t index) {
    // The server holds back the next event until the client has passed this delta on.
    bool seen = false;
    for (int i = 0; i < 400 && !seen; ++i) {
      seen = log.count.load() >= index + 1;
      if (!seen) std::this_thread::sleep_for(5ms);
    }
    seenBeforeNext.push_back(seen);
  };
  server.enqueue(reply);
  auto anthropic = client();
  auto result = complete(anthropic, &log);
  ASSERT_OK(result);
  EXPECT_EQ(log.pieces, (std::vector<std::string>{"One", " two", " three", " four"}));
  EXPECT_EQ(seenBeforeNext, (std::vector<bool>{true, true, true, true}));
  EXPECT_EQ(result->text, "One two three four");
}

TEST_F(AnthropicClientTest, ReadsModelStopReasonAndUsage) {
  StreamedReply reply;
  reply.model = "claude-fake-7";
  reply.stopReason = "max_tokens";
  reply.usage = TokenUsage{1200, 340, 1000, 150};
  server.enqueue(reply);
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_OK(result);
  EXPECT_EQ(result->model, "claude-fake-7");
  EXPECT_EQ(result->stopReason, "max_tokens");
  EXPECT_EQ(result->usage, (TokenUsage{1200, 340, 1000, 150}));
  EXPECT_EQ(result->text, "Hello, how can I help?");
}

TEST_F(AnthropicClientTest, IgnoresPingsUnknownEventsAndOtherDeltas) {
  StreamedReply reply;
  reply.extraEvents = true;
  server.enqueue(reply);
  DeltaLog log;
  auto anthropic = client();
  auto result = complete(anthropic, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(log.pieces.size(), 3u);
}

TEST_F(AnthropicClientTest, ReadsCrlfLinesAndEventsSplitAcrossWrites) {
  StreamedReply reply;
  reply.crlf = true;
  reply.splitEvents = true;
  reply.extraEvents = true;
  reply.textDeltas = {"Größe ", "und ", "🙂 emoji"};
  server.enqueue(reply);
  DeltaLog log;
  auto anthropic = client();
  auto result = complete(anthropic, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Größe und 🙂 emoji");
  EXPECT_EQ(log.pieces, (std::vector<std::string>{"Größe ", "und ", "🙂 emoji"}));
  EXPECT_EQ(result->stopReason, "end_turn");
}

// ---- failures inside the stream ----

TEST_F(AnthropicClientTest, ErrorEventAfterTextIsARetryableFailureAndNotRestarted) {
  StreamedReply reply;
  reply.textDeltas = {"Half a"};
  reply.ending = StreamedReply::Ending::ErrorEvent;
  server.enqueue(reply);
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("overloaded"));
  EXPECT_EQ(server.callCount(), 1u) << "the caller saw text: no silent restart";
}

TEST_F(AnthropicClientTest, ErrorEventBeforeAnyTextIsRetried) {
  StreamedReply failing;
  failing.textDeltas = {};
  failing.ending = StreamedReply::Ending::ErrorEvent;
  server.enqueue(failing);
  server.enqueue(StreamedReply{});
  DeltaLog log;
  auto anthropic = client();
  auto result = complete(anthropic, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(server.callCount(), 2u);
  EXPECT_EQ(waits.delays().size(), 1u);
}

TEST_F(AnthropicClientTest, DroppedStreamIsARetryableFailure) {
  StreamedReply reply;
  reply.textDeltas = {"Half", " a reply"};
  reply.ending = StreamedReply::Ending::Drop;
  server.enqueue(reply);
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_THAT(result.error().message, HasSubstr("The connection to Anthropic broke off during the reply"));
  expectNoKey(result.error());
}

TEST_F(AnthropicClientTest, StreamWithoutMessageStopIsARetryableFailure) {
  StreamedReply reply;
  reply.ending = StreamedReply::Ending::EndWithoutStop;
  server.enqueue(reply);
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("ended before the reply was complete"));
}

TEST_F(AnthropicClientTest, DropBeforeAnyTextIsRetried) {
  StreamedReply dropped;
  dropped.textDeltas = {};
  dropped.ending = StreamedReply::Ending::Drop;
  server.enqueue(dropped);
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_OK(result);
  EXPECT_EQ(server.callCount(), 2u);
}

// ---- HTTP errors and retries ----

TEST_F(AnthropicClientTest, RateLimitWaitsWhatRetryAfterSays) {
  server.enqueue(FakeAnthropicServer::rateLimited("3"));
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_OK(result);
  EXPECT_EQ(waits.delays(), (std::vector<milliseconds>{3000ms}));
  EXPECT_EQ(server.callCount(), 2u);
}

TEST_F(AnthropicClientTest, OverloadedIsRetriedWithBackoff) {
  server.enqueue(FakeAnthropicServer::overloaded());
  server.enqueue(FakeAnthropicServer::overloaded());
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_OK(result);
  const auto delays = waits.delays();
  ASSERT_EQ(delays.size(), 2u);
  EXPECT_LE(delays[0], 500ms);
  EXPECT_LE(delays[1], 1000ms);
}

TEST_F(AnthropicClientTest, ServerErrorsUpToTheLimitFailAndSayHowOftenItWasTried) {
  for (int i = 0; i < 5; ++i) server.enqueue(FakeAnthropicServer::serverError());
  RetryPolicy policy;
  policy.maxAttempts = 3;
  auto anthropic = client(policy);
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(server.callCount(), 3u);
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().message,
            "Anthropic had a server error (500 api_error: Internal server error); gave up after 3 attempts");
}

TEST_F(AnthropicClientTest, RejectedKeyIsNotRetriedAndSaysSo) {
  server.enqueue(FakeAnthropicServer::badKey());
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message, "Anthropic rejected the API key (401 authentication_error)");
}

TEST_F(AnthropicClientTest, BadRequestCarriesAnthropicsExplanation) {
  server.enqueue(FakeAnthropicServer::badRequest("max_tokens: Field required"));
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message,
            "Anthropic refused the request (400 invalid_request_error: max_tokens: Field required)");
}

TEST_F(AnthropicClientTest, LongServerMessagesAreCutToOneLine) {
  server.enqueue(FakeAnthropicServer::badRequest("first line\nsecond line " + std::string(1000, 'x')));
  auto anthropic = client();
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.find('\n'), std::string::npos);
  EXPECT_LT(result.error().message.size(), 320u);
  EXPECT_THAT(result.error().message, HasSubstr("first line second line"));
}

TEST_F(AnthropicClientTest, UnreachableServerIsRetriedThenReported) {
  RetryPolicy policy;
  policy.maxAttempts = 2;
  AnthropicConfig settings = config("http://127.0.0.1:" + std::to_string(test::unusedLoopbackPort()));
  settings.retry = policy;
  AnthropicClient anthropic(http, settings, waits.waiter());
  auto result = complete(anthropic);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("Could not reach Anthropic"));
  EXPECT_EQ(waits.delays().size(), 1u);
  expectNoKey(result.error());
}

// ---- cancellation ----

TEST_F(AnthropicClientTest, CancellationStopsASlowStreamPromptly) {
  StreamedReply slow;
  slow.textDeltas = std::vector<std::string>(50, "word ");
  slow.pauseBetweenDeltas = 200ms;
  server.enqueue(slow);
  std::stop_source stop;
  DeltaLog log;
  std::jthread canceller([&] {
    for (int i = 0; i < 1000 && log.count.load() == 0; ++i) std::this_thread::sleep_for(5ms);
    stop.request_stop();
  });
  auto anthropic = client();
  const auto start = std::chrono::steady_clock::now();
  auto result = complete(anthropic, &log, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(server.callCount(), 1u);
}

TEST_F(AnthropicClientTest, CancellationInterruptsTheBackoffWait) {
  server.enqueue(FakeAnthropicServer::rateLimited("30"));
  server.enqueue(StreamedReply{});
  AnthropicConfig settings = config(server.baseUrl());
  AnthropicClient anthropic(http, settings, sleepUnlessCancelled);  // the real waiter
  std::stop_source stop;
  std::jthread canceller([&] {
    for (int i = 0; i < 1000 && server.callCount() == 0; ++i) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(100ms);
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  auto result = complete(anthropic, nullptr, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(server.callCount(), 1u);
}

TEST_F(AnthropicClientTest, NothingIsSentWhenAlreadyCancelled) {
  std::stop_source stop;
  stop.request_stop();
  auto anthropic = client();
  auto result = complete(anthropic, nullptr, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_EQ(server.callCount(), 0u);
}

// ---- secrets ----

TEST_F(AnthropicClientTest, TheKeyNeverAppearsInErrorsOrLogs) {
  std::ostringstream logged;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(logged);
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  std::vector<Error> errors;
  RetryPolicy twice;
  twice.maxAttempts = 2;
  auto anthropic = client(twice);
  // Each script is consumed whole: failures that are not retried get one reply, the others two.
  const auto failure = [&](std::vector<test::FakeReply> replies) {
    for (auto& reply : replies) server.enqueue(std::move(reply));
    auto result = complete(anthropic);
    if (!result.ok()) errors.push_back(result.error());
  };
  failure({FakeAnthropicServer::badKey()});
  // A server (or proxy) that echoes the key back must not make us repeat it.
  failure({FakeAnthropicServer::badRequest(std::string("bad key ") + kSecretKey)});
  failure({HttpErrorReply{500, "api_error", std::string("key was ") + kSecretKey, {}},
           HttpErrorReply{503, "api_error", std::string("key was ") + kSecretKey, {}}});
  StreamedReply erroring;
  erroring.textDeltas = {"x"};
  erroring.ending = StreamedReply::Ending::ErrorEvent;
  failure({erroring});
  StreamedReply dropping;
  dropping.textDeltas = {"x"};
  dropping.ending = StreamedReply::Ending::Drop;
  failure({dropping});

  spdlog::set_default_logger(previous);
  ASSERT_EQ(errors.size(), 5u);
  for (const Error& error : errors) expectNoKey(error);
  EXPECT_THAT(errors[1].message, HasSubstr("bad key [api key]"));
  EXPECT_THAT(logged.str(), HasSubstr("retrying"));
  EXPECT_THAT(logged.str(), Not(HasSubstr("SECRET")));
}

// ---- threads ----

TEST_F(AnthropicClientTest, ConcurrentCallsGetTheirOwnReplies) {
  server.setFallback([](const nlohmann::json& body) -> test::FakeReply {
    StreamedReply echo;
    const std::string said = body["messages"].back()["content"].get<std::string>();
    echo.textDeltas = {"You said: ", said, "."};
    echo.pauseBetweenDeltas = 20ms;
    return echo;
  });
  auto anthropic = client();
  constexpr int kThreads = 4;
  std::vector<std::string> replies(kThreads);
  std::vector<std::string> streamed(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        LlmRequest request = interviewRequest();
        request.messages.back().content = "message " + std::to_string(i);
        auto result = anthropic.complete(request, [&, i](std::string_view piece) { streamed[i] += piece; }, {});
        replies[i] = result.ok() ? result->text : "failed: " + result.error().message;
      });
    }
  }
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(replies[i], "You said: message " + std::to_string(i) + ".");
    EXPECT_EQ(streamed[i], replies[i]);
  }
  EXPECT_EQ(server.callCount(), static_cast<std::size_t>(kThreads));
}

}  // namespace
}  // namespace nexus
