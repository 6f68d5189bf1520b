#pragma once
// Any OpenAI-compatible chat completions server — OpenAI, Ollama, llama.cpp server, vLLM,
// LM Studio — streamed (PROTOCOLS.md).

#include <chrono>
#include <stop_token>
#include <string>

#include "llm/http/http_client.hpp"
#include "llm/llm_client.hpp"
#include "llm/openai/openai_errors.hpp"
#include "llm/retry_policy.hpp"
#include "llm/streamed_attempt.hpp"

namespace nexus {

struct OpenAiConfig {
  // Sent only as `Authorization: Bearer <key>`, and only when set (local servers need none);
  // never in a message or log line.
  std::string apiKey;
  // Required: the API root, usually ending in /v1 ("http://localhost:11434/v1" for Ollama).
  // The client posts to {baseUrl}/chat/completions; a base that already ends in
  // /chat/completions is used as it is.
  std::string baseUrl;
  // Empty sends no `model`, so the server answers with the model it has loaded (llama.cpp,
  // vLLM, LM Studio); Ollama and OpenAI refuse that and need a name ("llama3.2", "gpt-4o-mini").
  std::string model;
  RetryPolicy retry;
  std::chrono::milliseconds connectTimeout{10'000};
  // Longest silence inside a stream. Generous because a local server sends nothing while it
  // loads the model and reads a long prompt, which can take minutes on a CPU.
  std::chrono::milliseconds idleTimeout{300'000};
};

// Retries exactly as AnthropicClient does: 429 (after its retry-after), 408, 409, 5xx, error
// chunks that stand for those, and retryable transport failures are sent again with backoff,
// but only while the caller has seen no text of the attempt; once a delta was forwarded, a
// failure is returned (ModelFailed, retryable) instead. Other 4xx are never retried.
// A stream must end with [DONE], or at least end cleanly after a finish_reason; otherwise the
// call fails (retryable) and its deltas are not a reply.
// Thread-safe: complete() may run on several threads at once, provided `http` and `wait` are
// thread-safe. `http` must outlive the client.
class OpenAiCompatibleClient final : public LlmClient {
 public:
  OpenAiCompatibleClient(http::HttpClient& http, OpenAiConfig config, RetryWaiter wait = sleepUnlessCancelled);

  // Fails with InvalidArgument, sending nothing, when baseUrl is empty or no user message remains.
  Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta,
                               std::stop_token cancel) override;

  // {"openai", model or "server default", baseUrl}.
  BackendInfo info() const override;

 private:
  http::HttpClient& http_;
  const OpenAiConfig config_;
  const openai::ErrorContext errorContext_;
  const StreamedEndpoint endpoint_;
  const RetryWaiter wait_;
};

}  // namespace nexus
