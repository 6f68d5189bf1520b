// What every network model client must do, whatever its wire format: one typed suite run over
// Claude and the OpenAI-compatible client, each against its fake server on 127.0.0.1 (the
// harnesses are in model_client_backends.hpp). In ctest the tests are named
// ModelClientConformance.<Scenario><Claude> and ModelClientConformance.<Scenario><OpenAiCompatible>.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "llm/http/curl_http_client.hpp"
#include "model_client_backends.hpp"
#include "support/llm_client_testing.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using test::DeltaLog;
using test::interviewRequest;
using test::RecordingWaiter;
using test::ReplyScript;
using ::testing::HasSubstr;
using ::testing::Not;

template <typename Backend>
class ModelClientConformance : public ::testing::Test {
 protected:
  using Client = typename Backend::Client;
  using Reply = typename Backend::Reply;

  Client client(RetryPolicy retry = {}) { return clientFor(server.baseUrl(), retry, waits.waiter()); }
  Client clientFor(std::string baseUrl, RetryPolicy retry, RetryWaiter wait) {
    auto settings = Backend::config(std::move(baseUrl));
    settings.retry = retry;
    return Client(http, settings, std::move(wait));
  }
  Result<LlmResponse> complete(Client& model, DeltaLog* log = nullptr, std::stop_token cancel = {}) {
    DeltaLog local;
    return model.complete(interviewRequest(), (log ? log : &local)->handler(), cancel);
  }

  void enqueue(Reply reply) { server.enqueue(std::move(reply)); }
  // The default reply is enqueued as ReplyScript(): g++ 12 crashes on ReplyScript{} in these
  // templates (internal compiler error in check_noexcept_r).
  void enqueue(const ReplyScript& script) { server.enqueue(Backend::streamed(script)); }
  std::size_t callCount() const { return server.callCount(); }
  // "127.0.0.1:PORT": how the clients name a server they reach by address.
  std::string host() const {
    const std::string url = server.baseUrl();
    const std::size_t start = url.find("://") + 3;
    return url.substr(start, url.find('/', start) - start);
  }
  void expectNoKey(const Error& error) const { test::expectOneLineWithoutKey(error, Backend::kKey); }

  // Every attempt fails with `failure`: three are made, and the error says so.
  void expectGivesUpAfterThreeAttempts(Reply failure, const std::string& expectedMessage) {
    server.setFallback([failure](const nlohmann::json&) { return failure; });
    RetryPolicy policy;
    policy.maxAttempts = 3;
    auto model = client(policy);
    auto result = complete(model);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(callCount(), 3u);
    EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
    EXPECT_TRUE(result.error().retryable);
    EXPECT_EQ(result.error().message, expectedMessage + "; gave up after 3 attempts");
  }

  typename Backend::Server server;
  http::CurlHttpClient http{"test"};
  RecordingWaiter waits;
};

}  // namespace
}  // namespace nexus

// The backends as the suite's type parameters. Outside any namespace and short on purpose:
// ctest (CMake's gtest_discover_tests) names a typed test after its type's printed name, as in
// ModelClientConformance.StreamsDeltasInOrderBeforeTheReplyEnds<Claude>. A name generator would
// read better in gtest's own output, but CMake 3.25 cannot parse the listing it produces.
struct Claude : nexus::test::ClaudeBackend {};
struct OpenAiCompatible : nexus::test::OpenAiCompatibleBackend {};

namespace nexus {
namespace {

using Backends = ::testing::Types<Claude, OpenAiCompatible>;
TYPED_TEST_SUITE(ModelClientConformance, Backends);

// ---- the request ----

TYPED_TEST(ModelClientConformance, RefusesARequestWithoutAUserMessage) {
  auto model = this->client();
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hello"}};
  auto result = model.complete(request, {}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(this->callCount(), 0u);
}

TYPED_TEST(ModelClientConformance, InfoNamesBackendModelAndEndpoint) {
  const std::string base = TypeParam::kPublicBaseUrl;
  auto model = this->clientFor(base + "/", {}, this->waits.waiter());
  const BackendInfo info = model.info();
  EXPECT_EQ(info.name, TypeParam::kBackendName);
  EXPECT_EQ(info.model, TypeParam::kModel);
  EXPECT_EQ(info.endpoint, base) << "without the trailing slash";
}

// ---- the stream ----

TYPED_TEST(ModelClientConformance, StreamsDeltasInOrderBeforeTheReplyEnds) {
  DeltaLog log;
  std::vector<bool> seenBeforeNext;
  ReplyScript script;
  script.textDeltas = {"One", " two", " three", " four"};
  script.afterDelta = [&](std::size_t index) {
    // The server holds back the next event until the client has passed this delta on.
    bool seen = false;
    for (int i = 0; i < 400 && !seen; ++i) {
      seen = log.count.load() >= index + 1;
      if (!seen) std::this_thread::sleep_for(5ms);
    }
    seenBeforeNext.push_back(seen);
  };
  this->enqueue(script);
  auto model = this->client();
  auto result = this->complete(model, &log);
  ASSERT_OK(result);
  EXPECT_EQ(log.pieces, (std::vector<std::string>{"One", " two", " three", " four"}));
  EXPECT_EQ(seenBeforeNext, (std::vector<bool>{true, true, true, true}));
  EXPECT_EQ(result->text, "One two three four");
}

TYPED_TEST(ModelClientConformance, ReadsModelStopReasonAndUsage) {
  ReplyScript script;
  script.model = "served-model-7";
  script.stopReason = TypeParam::kMaxTokensStopReason;
  script.usage = TokenUsage{1200, 340, 1000, 150};
  this->enqueue(script);
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_OK(result);
  EXPECT_EQ(result->model, "served-model-7");
  EXPECT_EQ(result->stopReason, TypeParam::kMaxTokensStopReason);
  EXPECT_EQ(result->usage, TypeParam::asCarried(TokenUsage{1200, 340, 1000, 150}));
  EXPECT_EQ(result->text, "Hello, how can I help?");
}

// Pings, comments, unknown events, keep-alives, empty choices, thinking and reasoning deltas.
TYPED_TEST(ModelClientConformance, IgnoresWhatTheWireCarriesBesideTheText) {
  ReplyScript script;
  script.extras = true;
  this->enqueue(script);
  DeltaLog log;
  auto model = this->client();
  auto result = this->complete(model, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(log.pieces.size(), 3u);
}

TYPED_TEST(ModelClientConformance, ReadsCrlfLinesAndEventsSplitAcrossWrites) {
  ReplyScript script;
  script.crlf = true;
  script.split = true;
  script.extras = true;
  script.textDeltas = {"Größe ", "und ", "🙂 emoji"};
  this->enqueue(script);
  DeltaLog log;
  auto model = this->client();
  auto result = this->complete(model, &log);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Größe und 🙂 emoji");
  EXPECT_EQ(log.pieces, (std::vector<std::string>{"Größe ", "und ", "🙂 emoji"}));
  EXPECT_EQ(result->stopReason, TypeParam::kStopReason);
  EXPECT_EQ(result->usage.inputTokens, 25);
}

// ---- failures inside the stream ----

TYPED_TEST(ModelClientConformance, ErrorInTheStreamAfterTextIsARetryableFailureAndNotRestarted) {
  ReplyScript failing;
  failing.textDeltas = {"Half a"};
  failing.ending = ReplyScript::Ending::OverloadedError;
  this->enqueue(failing);
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().message, TypeParam::overloadedDuringTheReply(this->host()));
  EXPECT_EQ(this->callCount(), 1u) << "the caller saw text: no silent restart";
}

TYPED_TEST(ModelClientConformance, ErrorInTheStreamBeforeAnyTextIsRetried) {
  ReplyScript failing;
  failing.textDeltas = {};
  failing.ending = ReplyScript::Ending::OverloadedError;
  this->enqueue(failing);
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(this->callCount(), 2u);
  EXPECT_EQ(this->waits.delays().size(), 1u);
}

TYPED_TEST(ModelClientConformance, DroppedStreamIsARetryableFailure) {
  ReplyScript dropping;
  dropping.textDeltas = {"Half", " a reply"};
  dropping.ending = ReplyScript::Ending::Drop;
  this->enqueue(dropping);
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(this->callCount(), 1u);
  EXPECT_THAT(result.error().message, HasSubstr(TypeParam::brokeOffDuringTheReply(this->host())));
  this->expectNoKey(result.error());
}

TYPED_TEST(ModelClientConformance, StreamEndingBeforeTheReplyIsCompleteIsARetryableFailure) {
  ReplyScript truncated;
  truncated.ending = ReplyScript::Ending::Truncated;
  this->enqueue(truncated);
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("ended before the reply was complete"));
  EXPECT_EQ(this->callCount(), 1u) << "the caller saw text: no silent restart";
}

TYPED_TEST(ModelClientConformance, DropBeforeAnyTextIsRetried) {
  ReplyScript dropped;
  dropped.textDeltas = {};
  dropped.ending = ReplyScript::Ending::Drop;
  this->enqueue(dropped);
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_OK(result);
  EXPECT_EQ(this->callCount(), 2u);
}

// ---- HTTP errors and retries ----

TYPED_TEST(ModelClientConformance, RateLimitWaitsWhatRetryAfterSays) {
  this->enqueue(TypeParam::rateLimited("3"));
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_OK(result);
  EXPECT_EQ(this->waits.delays(), (std::vector<milliseconds>{3000ms}));
  EXPECT_EQ(this->callCount(), 2u);
}

TYPED_TEST(ModelClientConformance, ServerErrorAndOverloadAreRetriedWithBackoff) {
  this->enqueue(TypeParam::serverError());
  this->enqueue(TypeParam::overloaded());
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_OK(result);
  const auto delays = this->waits.delays();
  ASSERT_EQ(delays.size(), 2u);
  EXPECT_LE(delays[0], 500ms);
  EXPECT_LE(delays[1], 1000ms);
  EXPECT_EQ(this->callCount(), 3u);
}

TYPED_TEST(ModelClientConformance, ServerErrorsUpToTheLimitFailAndSayHowOftenItWasTried) {
  this->expectGivesUpAfterThreeAttempts(TypeParam::serverError(), TypeParam::serverErrorSays(this->host()));
}

TYPED_TEST(ModelClientConformance, OverloadUpToTheLimitFailsAndSaysHowOftenItWasTried) {
  this->expectGivesUpAfterThreeAttempts(TypeParam::overloaded(), TypeParam::overloadedSays(this->host()));
}

TYPED_TEST(ModelClientConformance, RejectedKeyIsNotRetriedAndSaysSo) {
  this->enqueue(TypeParam::badKey());
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(this->callCount(), 1u);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message, TypeParam::badKeySays(this->host()));
}

TYPED_TEST(ModelClientConformance, BadRequestIsNotRetriedAndCarriesTheServersExplanation) {
  this->enqueue(TypeParam::badRequest("max_tokens: Field required"));
  this->enqueue(ReplyScript());
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(this->callCount(), 1u);
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message, TypeParam::refusedRequestSaying(this->host(), "max_tokens: Field required"));
}

TYPED_TEST(ModelClientConformance, LongServerMessagesAreCutToOneLine) {
  this->enqueue(TypeParam::badRequest("first line\nsecond line " + std::string(1000, 'x')));
  auto model = this->client();
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.find('\n'), std::string::npos);
  EXPECT_LT(result.error().message.size(), 320u);
  EXPECT_THAT(result.error().message, HasSubstr("first line second line"));
}

TYPED_TEST(ModelClientConformance, UnreachableServerIsRetriedThenReported) {
  RetryPolicy policy;
  policy.maxAttempts = 2;
  const std::string host = "127.0.0.1:" + std::to_string(test::unusedLoopbackPort());
  auto model = this->clientFor(TypeParam::baseUrlFor("http://" + host), policy, this->waits.waiter());
  auto result = this->complete(model);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr(TypeParam::unreachableSays(host)));
  EXPECT_EQ(this->waits.delays().size(), 1u);
  this->expectNoKey(result.error());
}

// ---- cancellation ----

TYPED_TEST(ModelClientConformance, CancellationStopsASlowStreamPromptly) {
  ReplyScript slow;
  slow.textDeltas = std::vector<std::string>(50, "word ");
  slow.pauseBetweenDeltas = 200ms;
  this->enqueue(slow);
  std::stop_source stop;
  DeltaLog log;
  std::jthread canceller([&] {
    for (int i = 0; i < 1000 && log.count.load() == 0; ++i) std::this_thread::sleep_for(5ms);
    stop.request_stop();
  });
  auto model = this->client();
  const auto start = std::chrono::steady_clock::now();
  auto result = this->complete(model, &log, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(this->callCount(), 1u);
}

TYPED_TEST(ModelClientConformance, CancellationInterruptsTheBackoffWait) {
  this->enqueue(TypeParam::rateLimited("30"));
  this->enqueue(ReplyScript());
  auto model = this->clientFor(this->server.baseUrl(), {}, sleepUnlessCancelled);  // the real waiter
  std::stop_source stop;
  std::jthread canceller([&] {
    for (int i = 0; i < 1000 && this->callCount() == 0; ++i) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(100ms);
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  auto result = this->complete(model, nullptr, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(this->callCount(), 1u);
}

TYPED_TEST(ModelClientConformance, NothingIsSentWhenAlreadyCancelled) {
  std::stop_source stop;
  stop.request_stop();
  auto model = this->client();
  auto result = this->complete(model, nullptr, stop.get_token());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_EQ(this->callCount(), 0u);
}

// ---- secrets ----

TYPED_TEST(ModelClientConformance, TheKeyNeverAppearsInErrorsOrLogs) {
  const std::string key = TypeParam::kKey;
  std::ostringstream logged;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(logged);
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  std::vector<Error> errors;
  RetryPolicy twice;
  twice.maxAttempts = 2;
  auto model = this->client(twice);
  // Each script is consumed whole: failures that are not retried get one reply, the others two.
  const auto failure = [&](std::vector<typename TypeParam::Reply> replies) {
    for (auto& reply : replies) this->enqueue(std::move(reply));
    auto result = this->complete(model);
    if (!result.ok()) errors.push_back(result.error());
  };
  failure({TypeParam::badKey()});
  // A server (or proxy) that echoes the key back must not make us repeat it.
  failure({TypeParam::badRequest("bad key " + TypeParam::credential(key))});
  failure(TypeParam::serverErrorsSaying("key was " + key));
  failure({TypeParam::streamErrorSaying("echo " + key)});
  ReplyScript dropping;
  dropping.textDeltas = {"x"};
  dropping.ending = ReplyScript::Ending::Drop;
  failure({TypeParam::streamed(dropping)});

  spdlog::set_default_logger(previous);
  ASSERT_EQ(errors.size(), 5u);
  for (const Error& error : errors) this->expectNoKey(error);
  EXPECT_THAT(errors[1].message, HasSubstr("bad key " + TypeParam::credential("[api key]")));
  EXPECT_THAT(logged.str(), HasSubstr("retrying"));
  EXPECT_THAT(logged.str(), Not(HasSubstr("SECRET")));
}

// ---- connections ----

TYPED_TEST(ModelClientConformance, SuccessiveTurnsGoOverOneConnection) {
  auto model = this->client();
  for (int turn = 0; turn < 5; ++turn) {
    this->enqueue(ReplyScript());
    auto result = this->complete(model);
    ASSERT_OK(result);
    EXPECT_EQ(result->text, "Hello, how can I help?") << "turn " << turn;
  }
  EXPECT_EQ(this->callCount(), 5u);
  EXPECT_EQ(this->server.connectionCount(), 1u) << "a turn opened a connection of its own";
}

TYPED_TEST(ModelClientConformance, ARetryGoesOverAFreshConnection) {
  this->enqueue(TypeParam::serverError());
  this->enqueue(ReplyScript());
  auto model = this->client();
  ASSERT_OK(this->complete(model));
  EXPECT_EQ(this->server.connectionCount(), 2u) << "the retry reused the connection of the failed attempt";
}

// ---- threads ----

TYPED_TEST(ModelClientConformance, ConcurrentCallsGetTheirOwnReplies) {
  this->server.setFallback([](const nlohmann::json& body) {
    ReplyScript echo;
    const std::string said = body["messages"].back()["content"].template get<std::string>();
    echo.textDeltas = {"You said: ", said, "."};
    echo.pauseBetweenDeltas = 20ms;
    return TypeParam::streamed(echo);
  });
  auto model = this->client();
  constexpr int kThreads = 4;
  std::vector<std::string> replies(kThreads);
  std::vector<std::string> streamed(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        LlmRequest request = interviewRequest();
        request.messages.back().content = "message " + std::to_string(i);
        auto result = model.complete(request, [&, i](std::string_view piece) { streamed[i] += piece; }, {});
        replies[i] = result.ok() ? result->text : "failed: " + result.error().message;
      });
    }
  }
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(replies[i], "You said: message " + std::to_string(i) + ".");
    EXPECT_EQ(streamed[i], replies[i]);
  }
  EXPECT_EQ(this->callCount(), static_cast<std::size_t>(kThreads));
}

}  // namespace
}  // namespace nexus
