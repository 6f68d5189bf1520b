#include "llm/openai/openai_client.hpp"

#include "llm/openai/openai_request.hpp"
#include "llm/openai/openai_stream.hpp"

namespace nexus {

namespace {

constexpr std::string_view kEndpointPath = "/chat/completions";

// "host:port" of a URL, without scheme, credentials or path: what messages may name.
std::string hostOf(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  return url.empty() ? std::string("(no address)") : std::string(url);
}

std::string chatCompletionsUrl(const std::string& baseUrl) {
  if (baseUrl.ends_with(kEndpointPath)) return baseUrl;
  return baseUrl + std::string(kEndpointPath);
}

OpenAiConfig normalised(OpenAiConfig config) {
  config.baseUrl = trimTrailingSlashes(std::move(config.baseUrl));
  return config;
}

}  // namespace

OpenAiCompatibleClient::OpenAiCompatibleClient(http::HttpClient& http, OpenAiConfig config, RetryWaiter wait)
    : http_(http),
      config_(normalised(std::move(config))),
      errorContext_{"the model server at " + hostOf(config_.baseUrl), config_.model, !config_.apiKey.empty()},
      endpoint_{errorContext_.server, config_.apiKey, config_.retry,
                [context = errorContext_](int status, std::string_view body) {
                  return openai::describeApiError(status, openai::parseApiError(body), context);
                }},
      wait_(std::move(wait)) {}

BackendInfo OpenAiCompatibleClient::info() const {
  return {"openai", config_.model.empty() ? "server default" : config_.model, config_.baseUrl};
}

Result<LlmResponse> OpenAiCompatibleClient::complete(const LlmRequest& request, const DeltaHandler& onDelta,
                                                     std::stop_token cancel) {
  if (config_.baseUrl.empty()) {
    return Error::invalidArgument("No address is set for the OpenAI-compatible model server");
  }
  auto body = openai::chatCompletionsRequestBody(request, config_.model);
  if (!body.ok()) return body.error();

  http::HttpRequest httpRequest;
  httpRequest.url = chatCompletionsUrl(config_.baseUrl);
  httpRequest.headers = {{"content-type", "application/json"}, {"accept", "text/event-stream"}};
  if (!config_.apiKey.empty()) httpRequest.headers.add("authorization", "Bearer " + config_.apiKey);
  httpRequest.body = body->dump();
  httpRequest.connectTimeout = config_.connectTimeout;
  httpRequest.idleTimeout = config_.idleTimeout;

  return runWithRetries(config_.retry, wait_, cancel, endpoint_.cancelledMessage(), [&](int attempt) {
    openai::StreamDecoder decoder(onDelta, errorContext_);
    return runStreamedAttempt(http_, httpRequest, decoder, endpoint_, cancel, attempt);
  });
}

}  // namespace nexus
