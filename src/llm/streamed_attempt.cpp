#include "llm/streamed_attempt.hpp"

#include <algorithm>

#include "llm/http/sse_parser.hpp"

namespace nexus {

namespace {

constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;  // an error body is small; a proxy page may not be

bool isSuccess(int status) { return status >= 200 && status < 300; }

http::HttpRequest overFreshConnection(http::HttpRequest request) {
  request.freshConnection = true;
  return request;
}

}  // namespace

std::string StreamedEndpoint::cancelledMessage() const { return "The request to " + serverName + " was cancelled"; }

std::string withoutSecret(std::string message, std::string_view secret) {
  if (secret.empty()) return message;
  for (std::size_t at = message.find(secret); at != std::string::npos; at = message.find(secret, at)) {
    message.replace(at, secret.size(), "[api key]");
  }
  return message;
}

std::string trimTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

AttemptOutcome runStreamedAttempt(http::HttpClient& http, const http::HttpRequest& request,
                                  ReplyStreamDecoder& decoder, const StreamedEndpoint& endpoint,
                                  std::stop_token cancel, int attempt) {
  http::SseParser parser;
  std::optional<http::HttpResponseHead> head;
  std::string errorBody;
  bool oversizedEvent = false;

  const auto onHead = [&](const http::HttpResponseHead& received) {
    head = received;
    return true;
  };
  const auto onBody = [&](std::string_view piece) {
    if (!isSuccess(head->status)) {
      errorBody.append(piece.substr(0, kMaxErrorBodyBytes - std::min(errorBody.size(), kMaxErrorBodyBytes)));
      return true;
    }
    const auto fed = parser.feed(piece, [&](const http::SseEvent& event) { decoder.handle(event); });
    oversizedEvent = !fed.ok();
    // Stop reading once the reply is known to have failed or ended.
    return fed.ok() && !decoder.failure() && !decoder.finished();
  };
  // The request is copied only for a retry: those are rare, its body may be long.
  const http::HttpOutcome outcome = attempt > 1 ? http.post(overFreshConnection(request), onHead, onBody, cancel)
                                                : http.post(request, onHead, onBody, cancel);

  const auto failed = [&](Error error, std::optional<std::chrono::milliseconds> serverDelay = std::nullopt) {
    error.message = withoutSecret(std::move(error.message), endpoint.apiKey);
    const bool mayRetry = error.retryable && !decoder.forwardedText();
    return AttemptFailure{std::move(error), mayRetry, serverDelay};
  };

  // Our own verdict on the stream comes first: the transport then only reports that we stopped.
  if (decoder.finished()) return decoder.takeResponse();
  if (decoder.failure()) return failed(*decoder.failure());
  if (oversizedEvent) {
    return failed(Error::modelFailed("The reply stream from " + endpoint.serverName + " had an oversized event", false));
  }
  if (outcome.error && outcome.error->kind == http::TransportErrorKind::Cancelled) {
    return AttemptFailure{Error::cancelled(endpoint.cancelledMessage()), false, std::nullopt};
  }
  if (head && !isSuccess(head->status)) {
    const int status = head->status;
    return failed(Error::modelFailed(endpoint.describeHttpError(status, errorBody),
                                     isRetryableStatus(status, head->headers)),
                  serverRequestedDelay(head->headers, endpoint.retry, std::chrono::system_clock::now()));
  }
  if (outcome.error) {
    const std::string where = head ? "The connection to " + endpoint.serverName + " broke off during the reply: "
                                   : "Could not reach " + endpoint.serverName + ": ";
    return failed(Error::modelFailed(where + outcome.error->message, outcome.error->retryable()));
  }
  if (decoder.wholeIfStreamEndsNow()) return decoder.takeResponse();
  return failed(Error::modelFailed(
      "The reply stream from " + endpoint.serverName + " ended before the reply was complete", true));
}

}  // namespace nexus
