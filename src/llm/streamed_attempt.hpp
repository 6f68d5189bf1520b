#pragma once
// One streamed POST to a model server, the same for every network client: the SSE body goes
// to the backend's decoder, an error body is collected, and whatever happened becomes an
// AttemptOutcome for runWithRetries — with one wording and one no-restart-after-text rule.

#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

#include "llm/http/http_client.hpp"
#include "llm/reply_stream_decoder.hpp"
#include "llm/retry_policy.hpp"

namespace nexus {

// Who is being called, for error messages and retries. Immutable once built; thread-safe to share.
struct StreamedEndpoint {
  std::string serverName;  // mid-sentence: "Anthropic", "the model server at localhost:11434"
  std::string apiKey;      // cut out of every message, in case a server or proxy echoes it
  RetryPolicy retry;       // for the server's retry-after limit
  // One line for a non-2xx status and its (truncated) body; must be thread-safe.
  std::function<std::string(int status, std::string_view body)> describeHttpError;

  // "The request to <serverName> was cancelled".
  std::string cancelledMessage() const;
};

// Sends `request` through `http` and reads the reply into `decoder`. A failure may be retried
// only when retryable and no text was forwarded; its message never holds the API key.
// `attempt` is runWithRetries' number (1 = the first): a retry goes over a fresh connection,
// since the one the failed attempt used may be what failed (HttpRequest::freshConnection).
// Thread-safe as far as `http` is; `decoder` belongs to this call.
AttemptOutcome runStreamedAttempt(http::HttpClient& http, const http::HttpRequest& request,
                                  ReplyStreamDecoder& decoder, const StreamedEndpoint& endpoint,
                                  std::stop_token cancel, int attempt);

// `message` with every occurrence of `secret` replaced by "[api key]"; unchanged when empty.
std::string withoutSecret(std::string message, std::string_view secret);

std::string trimTrailingSlashes(std::string url);

}  // namespace nexus
