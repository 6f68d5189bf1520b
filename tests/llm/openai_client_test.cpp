#include "llm/openai/openai_client.hpp"

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
#include "support/fake_openai_server.hpp"
#include "support/llm_client_testing.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using test::openai::FakeOpenAiServer;
using test::openai::HttpErrorReply;
using test::openai::StreamedReply;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecretKey = "sk-proj-SECRET-KEY-0123456789";

using test::DeltaLog;
using test::interviewRequest;
using test::RecordingWaiter;

class OpenAiClientTest : public ::testing::Test {
 protected:
  OpenAiConfig config(std::string baseUrl, std::string key = kSecretKey) {
    OpenAiConfig result;
    result.apiKey = std::move(key);
    result.baseUrl = std::move(baseUrl);
    result.model = "llama3.2";
    result.connectTimeout = 2s;
    result.idleTimeout = 5s;
    return result;
  }
  OpenAiCompatibleClient client(RetryPolicy policy = {}) {
    OpenAiConfig settings = config(server.baseUrl());
    settings.retry = policy;
    return OpenAiCompatibleClient(http, settings, waits.waiter());
  }
  Result<LlmResponse> complete(OpenAiCompatibleClient& openai, DeltaLog* log = nullptr, std::stop_token cancel = {}) {
    DeltaLog local;
    return openai.complete(interviewRequest(), (log ? log : &local)->handler(), cancel);
  }

  FakeOpenAiServer server;
  http::CurlHttpClient http{"test"};
  RecordingWaiter waits;
};

void expectNoKey(const Error& error) { test::expectOneLineWithoutKey(error, kSecretKey); }

std::string hostOf(const FakeOpenAiServer& server) {
  const std::string url = server.baseUrl();  // http://127.0.0.1:PORT/v1
  return url.substr(7, url.size() - 7 - 3);
}

// ---- the request ----

TEST_F(OpenAiClientTest, SendsTheDocumentedRequestWithTheKey) {
  server.enqueue(StreamedReply{});
  auto openai = client();
  ASSERT_OK(complete(openai));

  const auto calls = server.calls();
  ASSERT_EQ(calls.size(), 1u);
  const auto& request = calls[0].request;
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v1/chat/completions");
  EXPECT_EQ(request.headers.find("authorization"), std::string("Bearer ") + kSecretKey);
  EXPECT_EQ(request.headers.find("content-type"), "application/json");

  const nlohmann::json& body = calls[0].body;
  ASSERT_FALSE(body.is_discarded());
  EXPECT_EQ(body["model"], "llama3.2");
  EXPECT_EQ(body["max_tokens"], 900);
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.3);
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"], nlohmann::json::parse(R"({"include_usage": true})"));
  nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "system"},
    {"role": "user", "content": "I want a todo app"},
    {"role": "assistant", "content": "Who will use it?"},
    {"role": "user", "content": "Small teams"}
  ])");
  expectedMessages[0]["content"] = "You are Nexus, a requirements analyst.\n\n" + std::string(test::kInterviewContextProse);
  EXPECT_EQ(body["messages"], expectedMessages);
}

TEST_F(OpenAiClientTest, SendsNoAuthorizationWithoutAKey) {
  server.enqueue(StreamedReply{});
  OpenAiCompatibleClient openai(http, config(server.baseUrl(), ""), waits.waiter());
  ASSERT_OK(complete(openai));
  EXPECT_FALSE(server.calls().at(0).request.headers.contains("authorization"));
}

TEST_F(OpenAiClientTest, JoinsTheBaseUrlWithoutDoubleSlashAndAcceptsAFullEndpoint) {
  server.enqueue(StreamedReply{});
  server.enqueue(StreamedReply{});
  OpenAiCompatibleClient slashed(http, config(server.baseUrl() + "/"), waits.waiter());
  ASSERT_OK(complete(slashed));
  OpenAiCompatibleClient full(http, config(server.baseUrl() + "/chat/completions"), waits.waiter());
  ASSERT_OK(complete(full));
  const auto calls = server.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].request.target, "/v1/chat/completions");
  EXPECT_EQ(calls[1].request.target, "/v1/chat/completions");
}

TEST_F(OpenAiClientTest, OneSystemMessageFirstAlternatingRolesAndNoModelWhenUnset) {
  server.enqueue(StreamedReply{});
  OpenAiConfig settings = config(server.baseUrl());
  settings.model.clear();
  OpenAiCompatibleClient openai(http, settings, waits.waiter());
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hi! What do you want to build?"},
                      {MessageRole::User, "A shop"},
                      {MessageRole::User, "For bikes"},
                      {MessageRole::Assistant, "Who buys?"},
                      {MessageRole::User, "Anyone"}};
  ASSERT_OK(openai.complete(request, {}, {}));

  const nlohmann::json body = server.calls().at(0).body;
  EXPECT_FALSE(body.contains("model")) << "the server's loaded model answers";
  nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "system"},
    {"role": "user", "content": "A shop\n\nFor bikes"},
    {"role": "assistant", "content": "Who buys?"},
    {"role": "user", "content": "Anyone"}
  ])");
  expectedMessages[0]["content"] = "You are Nexus, a requirements analyst.\n\n" + std::string(test::kInterviewContextProse);
  EXPECT_EQ(body["messages"], expectedMessages);
  EXPECT_EQ(openai.info().model, "server default");
}

TEST_F(OpenAiClientTest, RefusesWithoutAUserMessageOrABaseUrl) {
  auto openai = client();
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hello"}};
  auto result = openai.complete(request, {}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);

  OpenAiCompatibleClient nowhere(http, config(""), waits.waiter());
  auto unset = complete(nowhere);
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(server.callCount(), 0u);
}

TEST_F(OpenAiClientTest, InfoNamesBackendModelAndEndpoint) {
  OpenAiCompatibleClient openai(http, config("http://localhost:11434/v1/"), waits.waiter());
  const BackendInfo info = openai.info();
  EXPECT_EQ(info.name, "openai");
  EXPECT_EQ(info.model, "llama3.2");
  EXPECT_EQ(info.endpoint, "http://localhost:11434/v1");
}

// ---- the stream ----

TEST_F(OpenAiClientTest, StreamsDeltasInOrderBeforeTheReplyEnds) {
  DeltaLog log;
  std::vector<bool> seenBeforeNext;
  StreamedReply reply;
  reply.textDeltas = {"One", " two", " three", " four"};
  reply.afterDelta = [&](std::size_t index) {
    // The server holds back the next chunk until the client has passed this delta on.
    bool seen = false;
    for (int i = 0; i < 400 && !seen; ++i) {
      seen = log.count.load() >= index + 1;
      if (!seen) std::this_thread::sleep_for(5ms);
    }
    seenBeforeNext.push_back(seen);
  };
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai, &log);
  ASSERT_OK(result);
  EXPECT_EQ(log.pieces, (std::vector<std::string>{"One", " two", " three", " four"}));
  EXPECT_EQ(seenBeforeNext, (std::vector<bool>{true, true, true, true}));
  EXPECT_EQ(result->text, "One two three four");
}

TEST_F(OpenAiClientTest, ReadsModelFinishReasonAndUsage) {
  StreamedReply reply;
  reply.model = "qwen2.5:7b";
  reply.finishReason = "length";
  reply.usage = TokenUsage{1200, 340, 1000, 0};
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(result->model, "qwen2.5:7b");
  EXPECT_EQ(result->stopReason, "length");
  EXPECT_EQ(result->usage, (TokenUsage{1200, 340, 1000, 0}));
  EXPECT_EQ(result->text, "Hello, how can I help?");
}

TEST_F(OpenAiClientTest, UsageStaysZeroWhenTheServerSendsNone) {
  StreamedReply reply;
  reply.usage.reset();
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(result->usage, TokenUsage{});
  EXPECT_EQ(result->stopReason, "stop");
}

TEST_F(OpenAiClientTest, IgnoresCommentsKeepAlivesEmptyChoicesAndReasoning) {
  StreamedReply reply;
  reply.extraChunks = true;
  server.enqueue(reply);
  DeltaLog log;
  auto openai = client();
  auto result = complete(openai, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(log.pieces.size(), 3u);
}

TEST_F(OpenAiClientTest, ReadsCrlfLinesAndChunksSplitAcrossWrites) {
  StreamedReply reply;
  reply.crlf = true;
  reply.splitChunks = true;
  reply.extraChunks = true;
  reply.textDeltas = {"Größe ", "und ", "🙂 emoji"};
  server.enqueue(reply);
  DeltaLog log;
  auto openai = client();
  auto result = complete(openai, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Größe und 🙂 emoji");
  EXPECT_EQ(log.pieces, (std::vector<std::string>{"Größe ", "und ", "🙂 emoji"}));
  EXPECT_EQ(result->usage.inputTokens, 25);
}

TEST_F(OpenAiClientTest, FinishReasonWithoutDoneStillCompletes) {
  StreamedReply reply;
  reply.ending = StreamedReply::Ending::FinishWithoutDone;
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(result->usage.outputTokens, 12);
}

// ---- failures inside the stream ----

TEST_F(OpenAiClientTest, StreamWithoutDoneOrFinishIsARetryableFailure) {
  StreamedReply reply;
  reply.ending = StreamedReply::Ending::EndWithoutDone;
  server.enqueue(reply);
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("ended before the reply was complete"));
  EXPECT_EQ(server.callCount(), 1u) << "the caller saw text: no silent restart";
}

TEST_F(OpenAiClientTest, ErrorChunkAfterTextIsARetryableFailureAndNotRestarted) {
  StreamedReply reply;
  reply.textDeltas = {"Half a"};
  reply.ending = StreamedReply::Ending::ErrorChunk;
  server.enqueue(reply);
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().message, "The model server at " + hostOf(server) +
                                        " is unavailable or still loading the model (503: The server is "
                                        "overloaded) during the reply");
  EXPECT_EQ(server.callCount(), 1u);
}

TEST_F(OpenAiClientTest, ErrorChunkBeforeAnyTextIsRetriedUnlessItIsTheRequestsFault) {
  StreamedReply failing;
  failing.textDeltas = {};
  failing.ending = StreamedReply::Ending::ErrorChunk;
  server.enqueue(failing);
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(server.callCount(), 2u);
  EXPECT_EQ(waits.delays().size(), 1u);

  StreamedReply refused;
  refused.textDeltas = {};
  refused.ending = StreamedReply::Ending::ErrorChunk;
  refused.errorChunk = {{"object", "error"}, {"message", "prompt is too long"}, {"type", "BadRequestError"},
                        {"code", 400}};  // vLLM's older flat shape
  server.enqueue(refused);
  auto second = complete(openai);
  ASSERT_FALSE(second.ok());
  EXPECT_FALSE(second.error().retryable);
  EXPECT_THAT(second.error().message, HasSubstr("refused the request (400: prompt is too long)"));
  EXPECT_EQ(server.callCount(), 3u);
}

TEST_F(OpenAiClientTest, DroppedStreamIsARetryableFailure) {
  StreamedReply reply;
  reply.textDeltas = {"Half", " a reply"};
  reply.ending = StreamedReply::Ending::Drop;
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_THAT(result.error().message,
              HasSubstr("The connection to the model server at " + hostOf(server) + " broke off during the reply"));
  expectNoKey(result.error());
}

TEST_F(OpenAiClientTest, DropBeforeAnyTextIsRetried) {
  StreamedReply dropped;
  dropped.textDeltas = {};
  dropped.ending = StreamedReply::Ending::Drop;
  server.enqueue(dropped);
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(server.callCount(), 2u);
}

// ---- HTTP errors and retries ----

TEST_F(OpenAiClientTest, RateLimitWaitsWhatRetryAfterSays) {
  server.enqueue(FakeOpenAiServer::rateLimited("3"));
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(waits.delays(), (std::vector<milliseconds>{3000ms}));
  EXPECT_EQ(server.callCount(), 2u);
}

TEST_F(OpenAiClientTest, ServerErrorAndUnavailableAreRetriedWithBackoff) {
  server.enqueue(FakeOpenAiServer::serverError());
  server.enqueue(FakeOpenAiServer::unavailable());
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  const auto delays = waits.delays();
  ASSERT_EQ(delays.size(), 2u);
  EXPECT_LE(delays[0], 500ms);
  EXPECT_LE(delays[1], 1000ms);
  EXPECT_EQ(server.callCount(), 3u);
}

TEST_F(OpenAiClientTest, ServerErrorsUpToTheLimitFailAndSayHowOftenItWasTried) {
  for (int i = 0; i < 5; ++i) server.enqueue(FakeOpenAiServer::unavailable());
  RetryPolicy policy;
  policy.maxAttempts = 3;
  auto openai = client(policy);
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(server.callCount(), 3u);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().message, "The model server at " + hostOf(server) +
                                        " is unavailable or still loading the model (503: Loading model); gave up "
                                        "after 3 attempts");
}

TEST_F(OpenAiClientTest, RejectedKeyIsNotRetriedAndSaysSo) {
  server.enqueue(FakeOpenAiServer::badKey());
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message, "The model server at " + hostOf(server) + " rejected the API key (401)");
}

TEST_F(OpenAiClientTest, MissingKeyIsNamedAsSuch) {
  server.enqueue(FakeOpenAiServer::plainText(401, "Unauthorized"));
  OpenAiCompatibleClient openai(http, config(server.baseUrl(), ""), waits.waiter());
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "The model server at " + hostOf(server) + " requires an API key, and none was set (401)");
}

TEST_F(OpenAiClientTest, UnknownModelIsNamed) {
  server.enqueue(FakeOpenAiServer::unknownModel("llama3.2"));
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_EQ(result.error().message, "The model server at " + hostOf(server) +
                                        " does not know the model \"llama3.2\" (404: model \"llama3.2\" not found, "
                                        "try pulling it first)");
}

TEST_F(OpenAiClientTest, WrongPathSuggestsTheV1Suffix) {
  OpenAiConfig settings = config(server.baseUrl().substr(0, server.baseUrl().size() - 3));  // no /v1
  OpenAiCompatibleClient openai(http, settings, waits.waiter());
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message, "The model server at " + hostOf(server) +
                                        " has no chat completions endpoint at this address (404: 404 page not "
                                        "found); check that the base URL ends in /v1");
}

TEST_F(OpenAiClientTest, PlainTextErrorBodiesBecomeOneLine) {
  server.enqueue(FakeOpenAiServer::plainText(400, "Invalid request:\n  'messages' must not be empty"));
  server.enqueue(FakeOpenAiServer::plainText(400, "<html><body><h1>400 Bad Request</h1></body></html>"));
  auto openai = client();
  auto text = complete(openai);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "The model server at " + hostOf(server) +
                                      " refused the request (400: Invalid request: 'messages' must not be empty)");
  auto html = complete(openai);
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().message, "The model server at " + hostOf(server) + " refused the request (400)");
}

TEST_F(OpenAiClientTest, UnreachableServerIsRetriedThenReported) {
  RetryPolicy policy;
  policy.maxAttempts = 2;
  OpenAiConfig settings = config("http://127.0.0.1:" + std::to_string(test::unusedLoopbackPort()) + "/v1");
  settings.retry = policy;
  OpenAiCompatibleClient openai(http, settings, waits.waiter());
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("Could not reach the model server at 127.0.0.1:"));
  EXPECT_EQ(waits.delays().size(), 1u);
  expectNoKey(result.error());
}

// ---- cancellation ----

TEST_F(OpenAiClientTest, CancellationStopsASlowStreamPromptly) {
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
  auto openai = client();
  const auto start = std::chrono::steady_clock::now();
  auto result = complete(openai, &log, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(server.callCount(), 1u);
}

TEST_F(OpenAiClientTest, CancellationInterruptsTheBackoffWait) {
  server.enqueue(FakeOpenAiServer::rateLimited("30"));
  server.enqueue(StreamedReply{});
  OpenAiCompatibleClient openai(http, config(server.baseUrl()), sleepUnlessCancelled);  // the real waiter
  std::stop_source stop;
  std::jthread canceller([&] {
    for (int i = 0; i < 1000 && server.callCount() == 0; ++i) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(100ms);
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  auto result = complete(openai, nullptr, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(server.callCount(), 1u);
}

TEST_F(OpenAiClientTest, NothingIsSentWhenAlreadyCancelled) {
  std::stop_source stop;
  stop.request_stop();
  auto openai = client();
  auto result = complete(openai, nullptr, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_EQ(server.callCount(), 0u);
}

// ---- secrets ----

TEST_F(OpenAiClientTest, TheKeyNeverAppearsInErrorsOrLogs) {
  std::ostringstream logged;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(logged);
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  std::vector<Error> errors;
  RetryPolicy twice;
  twice.maxAttempts = 2;
  auto openai = client(twice);
  // Each script is consumed whole: failures that are not retried get one reply, the others two.
  const auto failure = [&](std::vector<test::openai::FakeReply> replies) {
    for (auto& reply : replies) server.enqueue(std::move(reply));
    auto result = complete(openai);
    if (!result.ok()) errors.push_back(result.error());
  };
  failure({FakeOpenAiServer::badKey()});
  // A server (or proxy) that echoes the key back must not make us repeat it.
  failure({FakeOpenAiServer::plainText(400, std::string("bad key Bearer ") + kSecretKey)});
  failure({FakeOpenAiServer::jsonError(500, std::string("key was ") + kSecretKey, "server_error", 500),
           FakeOpenAiServer::plainText(503, std::string("key was ") + kSecretKey)});
  StreamedReply erroring;
  erroring.textDeltas = {"x"};
  erroring.ending = StreamedReply::Ending::ErrorChunk;
  erroring.errorChunk = {{"error", {{"message", std::string("echo ") + kSecretKey}, {"code", 500}}}};
  failure({erroring});
  StreamedReply dropping;
  dropping.textDeltas = {"x"};
  dropping.ending = StreamedReply::Ending::Drop;
  failure({dropping});

  spdlog::set_default_logger(previous);
  ASSERT_EQ(errors.size(), 5u);
  for (const Error& error : errors) expectNoKey(error);
  EXPECT_THAT(errors[1].message, HasSubstr("bad key Bearer [api key]"));
  EXPECT_THAT(logged.str(), HasSubstr("retrying"));
  EXPECT_THAT(logged.str(), Not(HasSubstr("SECRET")));
}

// ---- threads ----

TEST_F(OpenAiClientTest, ConcurrentCallsGetTheirOwnReplies) {
  server.setFallback([](const nlohmann::json& body) -> test::openai::FakeReply {
    StreamedReply echo;
    const std::string said = body["messages"].back()["content"].get<std::string>();
    echo.textDeltas = {"You said: ", said, "."};
    echo.pauseBetweenDeltas = 20ms;
    return echo;
  });
  auto openai = client();
  constexpr int kThreads = 4;
  std::vector<std::string> replies(kThreads);
  std::vector<std::string> streamed(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        LlmRequest request = interviewRequest();
        request.messages.back().content = "message " + std::to_string(i);
        auto result = openai.complete(request, [&, i](std::string_view piece) { streamed[i] += piece; }, {});
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
