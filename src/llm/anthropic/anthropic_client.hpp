#pragma once
// Claude through the Anthropic Messages API, streamed (PROTOCOLS.md).

#include <chrono>
#include <stop_token>
#include <string>

#include "llm/http/http_client.hpp"
#include "llm/llm_client.hpp"
#include "llm/retry_policy.hpp"
#include "llm/streamed_attempt.hpp"

namespace nexus {

struct AnthropicConfig {
  std::string apiKey;  // sent only in the x-api-key header; never in a message or log line
  std::string baseUrl = "https://api.anthropic.com";
  std::string model = "claude-sonnet-4-5";
  RetryPolicy retry;
  std::chrono::milliseconds connectTimeout{10'000};
  std::chrono::milliseconds idleTimeout{60'000};  // longest silence inside a stream (pings come every few s)
};

// Retries: 429 (after its retry-after), 408, 409, 5xx, 529, error events that stand for those,
// and retryable transport failures (dropped, timed out, refused) are sent again with backoff —
// but only while the caller has seen no text of the attempt. Once a delta has been forwarded, a
// failure is returned (ModelFailed, retryable) instead of restarting, because a restarted reply
// would reach the caller twice; the caller decides whether to send again.
// 400, 401, 402, 403, 404 and 413 are never retried.
// Thread-safe: complete() may run on several threads at once, provided `http` and `wait` are
// thread-safe. `http` must outlive the client.
class AnthropicClient final : public LlmClient {
 public:
  AnthropicClient(http::HttpClient& http, AnthropicConfig config, RetryWaiter wait = sleepUnlessCancelled);

  Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta,
                               std::stop_token cancel) override;

  BackendInfo info() const override;

 private:
  http::HttpClient& http_;
  const AnthropicConfig config_;
  const StreamedEndpoint endpoint_;
  const RetryWaiter wait_;
};

}  // namespace nexus
