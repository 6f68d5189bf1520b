#pragma once
// A fake Anthropic Messages API on 127.0.0.1 for tests of the Claude client: it answers each
// POST /v1/messages with the next scripted reply, writing the documented wire format
// (PROTOCOLS.md) — streamed events with pings, split writes, CRLF, pauses — or an error: an
// error event or a dropped connection mid-stream, or an HTTP error with Anthropic's JSON body.
// Every request is recorded with its JSON body parsed.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"
#include "support/loopback_http_server.hpp"
#include "support/scripted_replies.hpp"

namespace nexus::test {

// A 200 response streamed as server-sent events.
struct StreamedReply {
  enum class Ending {
    MessageStop,       // the documented end: message_delta, message_stop
    ErrorEvent,        // `event: error` after the deltas (the HTTP status stays 200)
    Drop,              // the connection is reset after the deltas
    EndWithoutStop,    // the body ends cleanly after the deltas, with no message_stop
  };

  std::vector<std::string> textDeltas{"Hello", ", how can", " I help?"};
  std::string model = "claude-fake-1";
  std::string stopReason = "end_turn";
  TokenUsage usage{25, 12, 0, 0};  // input, output, cache read, cache creation
  bool pings = true;               // a ping after message_start and between deltas
  bool extraEvents = false;        // an unknown event, a thinking delta, a comment, padded JSON
  bool crlf = false;               // lines end in CRLF instead of LF
  bool splitEvents = false;        // each event leaves in two TCP writes, cut mid-line
  std::chrono::milliseconds pauseBetweenDeltas{0};
  Ending ending = Ending::MessageStop;
  std::string errorType = "overloaded_error";  // of the ErrorEvent ending
  std::string errorMessage = "Overloaded";     // of the ErrorEvent ending
  // Runs on the server's thread after delta `index` was written (tests synchronise on it).
  std::function<void(std::size_t index)> afterDelta;
};

// A non-2xx response with Anthropic's error body {"type":"error","error":{type, message},...}.
struct HttpErrorReply {
  int status = 500;
  std::string errorType = "api_error";
  std::string message = "Internal server error";
  http::HttpHeaders headers;  // e.g. retry-after
};

using FakeReply = std::variant<StreamedReply, HttpErrorReply>;

// Thread-safe: tests may enqueue and inspect while the client talks to it.
class FakeAnthropicServer {
 public:
  FakeAnthropicServer();

  // The reply to the next request that finds the queue non-empty.
  void enqueue(FakeReply reply) { replies_.enqueue(std::move(reply)); }
  // Answers requests when the queue is empty; without one such requests get a 500 api_error.
  void setFallback(std::function<FakeReply(const nlohmann::json& body)> fallback) {
    replies_.setFallback(std::move(fallback));
  }

  std::string baseUrl() const { return server_.baseUrl(); }
  std::vector<ReceivedCall> calls() const { return receivedCalls(server_); }
  std::size_t callCount() const { return calls().size(); }
  // TCP connections the clients opened: connections are kept alive between requests, as the
  // real API does, so a client that reuses them opens one for many calls.
  std::size_t connectionCount() const { return server_.acceptedConnections(); }

  static HttpErrorReply overloaded() { return {529, "overloaded_error", "Overloaded", {}}; }
  static HttpErrorReply rateLimited(std::string retryAfterSeconds) {
    return {429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit",
            {{"retry-after", std::move(retryAfterSeconds)}}};
  }
  static HttpErrorReply serverError() { return {500, "api_error", "Internal server error", {}}; }
  static HttpErrorReply badKey() { return {401, "authentication_error", "invalid x-api-key", {}}; }
  static HttpErrorReply badRequest(std::string message) {
    return {400, "invalid_request_error", std::move(message), {}};
  }

 private:
  void answer(const RecordedRequest& request, ResponseWriter& writer);

  ScriptedReplies<FakeReply> replies_;
  LoopbackHttpServer server_;  // last: its threads stop before the members above go away
};

}  // namespace nexus::test
