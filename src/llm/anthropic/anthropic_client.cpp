#include "llm/anthropic/anthropic_client.hpp"

#include "llm/anthropic/anthropic_errors.hpp"
#include "llm/anthropic/anthropic_request.hpp"
#include "llm/anthropic/anthropic_stream.hpp"
#include "llm/http/sse_parser.hpp"

namespace nexus {

namespace {

constexpr const char* kApiVersion = "2023-06-01";
constexpr const char* kCancelledMessage = "The request to Anthropic was cancelled";
constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;  // an error body is small; a proxy page may not be

std::string trimTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

bool isSuccess(int status) { return status >= 200 && status < 300; }

}  // namespace

AnthropicClient::AnthropicClient(http::HttpClient& http, AnthropicConfig config, RetryWaiter wait)
    : http_(http), config_([&] {
        config.baseUrl = trimTrailingSlashes(std::move(config.baseUrl));
        return std::move(config);
      }()),
      wait_(std::move(wait)) {}

BackendInfo AnthropicClient::info() const { return {"anthropic", config_.model, config_.baseUrl}; }

std::string AnthropicClient::withoutKey(std::string message) const {
  if (config_.apiKey.empty()) return message;
  for (std::size_t at = message.find(config_.apiKey); at != std::string::npos; at = message.find(config_.apiKey, at)) {
    message.replace(at, config_.apiKey.size(), "[api key]");
  }
  return message;
}

Result<LlmResponse> AnthropicClient::complete(const LlmRequest& request, const DeltaHandler& onDelta,
                                              std::stop_token cancel) {
  auto body = anthropic::messagesRequestBody(request, config_.model);
  if (!body.ok()) return body.error();

  http::HttpRequest httpRequest;
  httpRequest.url = config_.baseUrl + "/v1/messages";
  httpRequest.headers = {{"x-api-key", config_.apiKey},
                         {"anthropic-version", kApiVersion},
                         {"content-type", "application/json"},
                         {"accept", "text/event-stream"}};
  httpRequest.body = body->dump();
  httpRequest.connectTimeout = config_.connectTimeout;
  httpRequest.idleTimeout = config_.idleTimeout;

  return runWithRetries(config_.retry, wait_, cancel, kCancelledMessage,
                        [&](int) { return attempt(httpRequest, onDelta, cancel); });
}

AttemptOutcome AnthropicClient::attempt(const http::HttpRequest& httpRequest, const DeltaHandler& onDelta,
                                        std::stop_token cancel) const {
  anthropic::StreamDecoder decoder(onDelta);
  http::SseParser parser;
  std::optional<http::HttpResponseHead> head;
  std::string errorBody;
  std::optional<Error> parserFailure;

  const auto onHead = [&](const http::HttpResponseHead& received) {
    head = received;
    return true;
  };
  const auto onBody = [&](std::string_view piece) {
    if (!isSuccess(head->status)) {
      errorBody.append(piece.substr(0, kMaxErrorBodyBytes - std::min(errorBody.size(), kMaxErrorBodyBytes)));
      return true;
    }
    auto fed = parser.feed(piece, [&](const http::SseEvent& event) { decoder.handle(event); });
    if (!fed.ok()) parserFailure = Error::modelFailed("Anthropic sent an oversized stream event", false);
    // Stop reading once the reply is known to have failed or ended.
    return fed.ok() && !decoder.failure() && !decoder.finished();
  };
  const http::HttpOutcome outcome = http_.post(httpRequest, onHead, onBody, cancel);

  const auto failed = [&](Error error, std::optional<std::chrono::milliseconds> serverDelay = std::nullopt) {
    error.message = withoutKey(std::move(error.message));
    const bool mayRetry = error.retryable && !decoder.forwardedText();
    return AttemptFailure{std::move(error), mayRetry, serverDelay};
  };

  // Our own verdict on the stream comes first: the transport then only reports that we stopped.
  if (decoder.finished()) return decoder.takeResponse();
  if (decoder.failure()) return failed(*decoder.failure());
  if (parserFailure) return failed(*parserFailure);
  if (outcome.error && outcome.error->kind == http::TransportErrorKind::Cancelled) {
    return AttemptFailure{Error::cancelled(kCancelledMessage), false, std::nullopt};
  }
  if (head && !isSuccess(head->status)) {
    const int status = head->status;
    const bool retryable = isRetryableStatus(status, head->headers);
    const std::string described = anthropic::describeApiError(status, anthropic::parseApiError(errorBody));
    return failed(Error::modelFailed(described, retryable),
                  serverRequestedDelay(head->headers, config_.retry, std::chrono::system_clock::now()));
  }
  if (outcome.error) {
    const std::string where = head ? "The connection to Anthropic broke off during the reply: "
                                   : "Could not reach Anthropic: ";
    return failed(Error::modelFailed(where + outcome.error->message, outcome.error->retryable()));
  }
  return failed(Error::modelFailed("Anthropic's reply stream ended before the reply was complete", true));
}

}  // namespace nexus
