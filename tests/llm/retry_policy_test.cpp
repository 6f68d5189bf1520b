#include "llm/retry_policy.hpp"
#include "support/result_assertions.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace nexus {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

const std::chrono::system_clock::time_point kNow =
    std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT

TEST(RetryPolicy, BackoffCeilingDoublesFromTheBaseDelay) {
  const RetryPolicy policy;  // 500 ms base, 8 s cap
  EXPECT_EQ(backoffCeiling(policy, 1), 500ms);
  EXPECT_EQ(backoffCeiling(policy, 2), 1000ms);
  EXPECT_EQ(backoffCeiling(policy, 3), 2000ms);
  EXPECT_EQ(backoffCeiling(policy, 4), 4000ms);
}

TEST(RetryPolicy, BackoffCeilingIsCapped) {
  const RetryPolicy policy;
  EXPECT_EQ(backoffCeiling(policy, 5), 8000ms);
  EXPECT_EQ(backoffCeiling(policy, 6), 8000ms);
  EXPECT_EQ(backoffCeiling(policy, 1000), 8000ms);  // no overflow for absurd retry numbers
}

TEST(RetryPolicy, FullJitterStaysWithinZeroAndTheCeiling) {
  const RetryPolicy policy;
  EXPECT_EQ(backoffDelay(policy, 3, 0.0), 0ms);
  EXPECT_EQ(backoffDelay(policy, 3, 0.5), 1000ms);
  EXPECT_LE(backoffDelay(policy, 3, 0.999999), 2000ms);
  for (int i = 0; i < 1000; ++i) {
    const double unit = randomUnit();
    ASSERT_GE(unit, 0.0);
    ASSERT_LT(unit, 1.0);
    const milliseconds delay = backoffDelay(policy, 2, unit);
    ASSERT_GE(delay, 0ms);
    ASSERT_LE(delay, 1000ms);
  }
}

TEST(RetryPolicy, JitterSpreadsDelays) {
  const RetryPolicy policy;
  milliseconds smallest = 10s, largest = 0ms;
  for (int i = 0; i < 200; ++i) {
    const milliseconds delay = backoffDelay(policy, 4, randomUnit());
    smallest = std::min(smallest, delay);
    largest = std::max(largest, delay);
  }
  EXPECT_LT(smallest, 1000ms);
  EXPECT_GT(largest, 3000ms);
}

TEST(RetryPolicy, RetryAfterSecondsIsHonoured) {
  const RetryPolicy policy;
  EXPECT_EQ(serverRequestedDelay({{"Retry-After", "2"}}, policy, kNow), 2000ms);
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "1.5"}}, policy, kNow), 1500ms);
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "0"}}, policy, kNow), 0ms);
}

TEST(RetryPolicy, RetryAfterMsComesFirst) {
  const RetryPolicy policy;
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "3"}, {"retry-after-ms", "250"}}, policy, kNow), 250ms);
}

TEST(RetryPolicy, RetryAfterHttpDateIsMeasuredFromNow) {
  const RetryPolicy policy;
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "Wed, 21 Oct 2015 07:28:05 GMT"}}, policy, kNow), 5000ms);
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "Wed, 21 Oct 2015 07:27:00 GMT"}}, policy, kNow), std::nullopt);
}

TEST(RetryPolicy, UnbelievableOrMalformedRetryAfterIsIgnored) {
  const RetryPolicy policy;
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "3600"}}, policy, kNow), std::nullopt);
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "-1"}}, policy, kNow), std::nullopt);
  EXPECT_EQ(serverRequestedDelay({{"retry-after", "soon"}}, policy, kNow), std::nullopt);
  EXPECT_EQ(serverRequestedDelay({}, policy, kNow), std::nullopt);
}

TEST(RetryPolicy, RetryableStatuses) {
  for (int status : {408, 409, 429, 500, 502, 503, 504, 529}) EXPECT_TRUE(isRetryableStatus(status, {})) << status;
  for (int status : {400, 401, 402, 403, 404, 413, 422}) EXPECT_FALSE(isRetryableStatus(status, {})) << status;
}

TEST(RetryPolicy, ShouldRetryHeaderDecides) {
  EXPECT_FALSE(isRetryableStatus(529, {{"x-should-retry", "false"}}));
  EXPECT_TRUE(isRetryableStatus(400, {{"X-Should-Retry", "true"}}));
  EXPECT_TRUE(isRetryableStatus(500, {{"x-should-retry", "maybe"}}));
}

TEST(RetryPolicy, SleepUnlessCancelledWaitsTheFullDelay) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(sleepUnlessCancelled(30ms, {}));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

TEST(RetryPolicy, SleepUnlessCancelledWakesOnCancellation) {
  std::stop_source stop;
  std::jthread canceller([&] {
    std::this_thread::sleep_for(50ms);
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(sleepUnlessCancelled(30s, stop.get_token()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(RetryPolicy, SleepUnlessCancelledReturnsAtOnceWhenAlreadyCancelled) {
  std::stop_source stop;
  stop.request_stop();
  EXPECT_FALSE(sleepUnlessCancelled(30s, stop.get_token()));
}

// ---- runWithRetries ----

struct RecordingWaiter {
  std::vector<milliseconds> delays;
  RetryWaiter waiter() {
    return [this](milliseconds delay, std::stop_token cancel) {
      delays.push_back(delay);
      return !cancel.stop_requested();
    };
  }
};

AttemptFailure retryableFailure(std::optional<milliseconds> serverDelay = std::nullopt) {
  return {Error::modelFailed("Server is overloaded (529)", true), true, serverDelay};
}

TEST(RunWithRetries, SucceedsAfterRetryableFailures) {
  RecordingWaiter waiter;
  int calls = 0;
  auto result = runWithRetries(RetryPolicy{}, waiter.waiter(), {}, "cancelled", [&](int attempt) -> AttemptOutcome {
    EXPECT_EQ(attempt, ++calls);
    if (attempt < 3) return retryableFailure();
    return LlmResponse{"hi", "m", "end_turn", {}};
  });
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "hi");
  ASSERT_EQ(waiter.delays.size(), 2u);
  EXPECT_LE(waiter.delays[0], 500ms);
  EXPECT_LE(waiter.delays[1], 1000ms);
}

TEST(RunWithRetries, ServerDelayReplacesBackoff) {
  RecordingWaiter waiter;
  auto result = runWithRetries(RetryPolicy{}, waiter.waiter(), {}, "cancelled", [&](int attempt) -> AttemptOutcome {
    if (attempt == 1) return retryableFailure(7s);
    return LlmResponse{};
  });
  ASSERT_OK(result);
  ASSERT_EQ(waiter.delays.size(), 1u);
  EXPECT_EQ(waiter.delays[0], 7s);
}

TEST(RunWithRetries, GivesUpAfterTheLimitAndSaysSo) {
  RecordingWaiter waiter;
  RetryPolicy policy;
  policy.maxAttempts = 3;
  int calls = 0;
  auto result = runWithRetries(policy, waiter.waiter(), {}, "cancelled", [&](int) -> AttemptOutcome {
    ++calls;
    return retryableFailure();
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(waiter.delays.size(), 2u);
  EXPECT_EQ(result.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().message, "Server is overloaded (529); gave up after 3 attempts");
}

TEST(RunWithRetries, DoesNotRetryWhatMayNotBeRetried) {
  RecordingWaiter waiter;
  int calls = 0;
  auto result = runWithRetries(RetryPolicy{}, waiter.waiter(), {}, "cancelled", [&](int) -> AttemptOutcome {
    ++calls;
    return AttemptFailure{Error::modelFailed("rejected the key (401)", false), false, std::nullopt};
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(waiter.delays.empty());
  EXPECT_EQ(result.error().message, "rejected the key (401)");
}

TEST(RunWithRetries, CancellationDuringTheWaitStopsAtOnce) {
  std::stop_source stop;
  int calls = 0;
  RetryWaiter cancellingWaiter = [&](milliseconds, std::stop_token cancel) {
    stop.request_stop();
    return !cancel.stop_requested();
  };
  auto result = runWithRetries(RetryPolicy{}, cancellingWaiter, stop.get_token(), "The request was cancelled",
                               [&](int) -> AttemptOutcome {
                                 ++calls;
                                 return retryableFailure();
                               });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  EXPECT_EQ(result.error().message, "The request was cancelled");
}

TEST(RunWithRetries, NothingIsSentOnceCancelled) {
  std::stop_source stop;
  stop.request_stop();
  RecordingWaiter waiter;
  int calls = 0;
  const auto attempt = [&](int) -> AttemptOutcome {
    ++calls;
    return LlmResponse{};
  };
  auto result = runWithRetries(RetryPolicy{}, waiter.waiter(), stop.get_token(), "cancelled", attempt);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
}

}  // namespace
}  // namespace nexus
