#include "llm/anthropic/anthropic_client.hpp"

#include "llm/anthropic/anthropic_errors.hpp"
#include "llm/anthropic/anthropic_request.hpp"
#include "llm/anthropic/anthropic_stream.hpp"

namespace nexus {

namespace {

constexpr const char* kApiVersion = "2023-06-01";

}  // namespace

AnthropicClient::AnthropicClient(http::HttpClient& http, AnthropicConfig config, RetryWaiter wait)
    : http_(http), config_([&] {
        config.baseUrl = trimTrailingSlashes(std::move(config.baseUrl));
        return std::move(config);
      }()),
      endpoint_{"Anthropic", config_.apiKey, config_.retry,
                [](int status, std::string_view body) {
                  return anthropic::describeApiError(status, anthropic::parseApiError(body));
                }},
      wait_(std::move(wait)) {}

BackendInfo AnthropicClient::info() const { return {"anthropic", config_.model, config_.baseUrl}; }

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

  return runWithRetries(config_.retry, wait_, cancel, endpoint_.cancelledMessage(), [&](int attempt) {
    anthropic::StreamDecoder decoder(onDelta);
    return runStreamedAttempt(http_, httpRequest, decoder, endpoint_, cancel, attempt);
  });
}

}  // namespace nexus
