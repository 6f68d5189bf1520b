#pragma once
// When and how long a model client waits before sending a failed request again: exponential
// backoff with full jitter, the server's own retry-after when it gives one, and a retry loop
// shared by the Anthropic and OpenAI-compatible clients.

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <variant>

#include "core/result.hpp"
#include "llm/http/http_headers.hpp"
#include "llm/llm_client.hpp"

namespace nexus {

struct RetryPolicy {
  int maxAttempts = 4;                          // the first try included; 1 means never retry
  std::chrono::milliseconds baseDelay{500};     // the backoff ceiling before the first retry
  std::chrono::milliseconds maxDelay{8'000};    // the ceiling never grows past this
  std::chrono::milliseconds maxServerDelay{60'000};  // a longer retry-after is not believed
};

// The longest wait before retry number `retryNumber` (1 = the first retry):
// min(maxDelay, baseDelay * 2^(retryNumber-1)).
std::chrono::milliseconds backoffCeiling(const RetryPolicy& policy, int retryNumber);

// Full jitter: `unitRandom` in [0, 1) scales the ceiling, so concurrent clients spread out.
std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int retryNumber, double unitRandom);

// A uniform number in [0, 1) from a per-thread generator. Thread-safe.
double randomUnit();

// The wait the server asked for: `retry-after-ms`, else `retry-after` (seconds or an HTTP date,
// measured from `now`), when within [0, policy.maxServerDelay]; nullopt otherwise.
std::optional<std::chrono::milliseconds> serverRequestedDelay(const http::HttpHeaders& headers,
                                                              const RetryPolicy& policy,
                                                              std::chrono::system_clock::time_point now);

// Whether an HTTP status is worth sending again: `x-should-retry: true|false` decides when
// present; otherwise 408, 409, 429 and every 5xx (529 "overloaded" included).
bool isRetryableStatus(int status, const http::HttpHeaders& headers);

// Waits `delay`, returning early with false once `cancel` is requested; true after the full wait.
// Injected into clients so tests neither sleep nor lose the cancellation path.
// Implementations must be thread-safe.
using RetryWaiter = std::function<bool(std::chrono::milliseconds delay, std::stop_token cancel)>;

// The real waiter: sleeps on a condition variable that the stop token wakes. Thread-safe.
bool sleepUnlessCancelled(std::chrono::milliseconds delay, std::stop_token cancel);

// How one attempt failed, for the retry loop.
struct AttemptFailure {
  Error error;  // what the caller gets if this is the last word
  // Whether the loop may send the request again: the failure is retryable AND the caller has
  // not been shown any text of this attempt (a restart would show the text twice).
  bool mayRetry = false;
  std::optional<std::chrono::milliseconds> serverDelay;  // the server's retry-after, if any
};

using AttemptOutcome = std::variant<LlmResponse, AttemptFailure>;

// Runs `attempt(n)` (n = 1, 2, ...) until it succeeds, fails for good, or policy.maxAttempts
// are used up, waiting between attempts through `wait`. A failure after the last attempt keeps
// its retryable flag and says how many attempts were made. Cancellation (before an attempt or
// during a wait) returns ErrorCode::Cancelled with `cancelledMessage`.
// Logs each retry at debug level with the error's message (which must hold no secrets).
Result<LlmResponse> runWithRetries(const RetryPolicy& policy, const RetryWaiter& wait, std::stop_token cancel,
                                   const std::string& cancelledMessage,
                                   const std::function<AttemptOutcome(int attempt)>& attempt);

}  // namespace nexus
