#pragma once
// A fake OpenAI-compatible chat completions server on 127.0.0.1 for tests of the
// OpenAI-compatible client: it answers each POST /v1/chat/completions with the next scripted
// reply in the documented wire format (PROTOCOLS.md) — `data:` chunks with a role chunk whose
// content is null, text pieces, a finish chunk, a usage chunk, `data: [DONE]`; CRLF, split
// writes, pauses — or a failure: an error chunk or a dropped connection mid-stream, a stream
// without [DONE], or an HTTP error with a JSON or plain-text body.
// Every request is recorded with its JSON body parsed.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"
#include "support/loopback_http_server.hpp"
#include "support/scripted_replies.hpp"

namespace nexus::test::openai {

// A 200 response streamed as `data:` chunks.
struct StreamedReply {
  enum class Ending {
    Done,               // finish chunk, usage chunk (when usage is set), data: [DONE]
    ErrorChunk,         // data: {"error": ...} after the text, then [DONE] (as vLLM does)
    Drop,               // the connection is reset after the text
    EndWithoutDone,     // the body ends cleanly after the text: no finish_reason, no [DONE]
    FinishWithoutDone,  // finish chunk (and usage), then the body ends with no [DONE]
  };

  std::vector<std::string> textDeltas{"Hello", ", how can", " I help?"};
  std::string model = "fake-model-1";
  std::string finishReason = "stop";
  std::optional<TokenUsage> usage = TokenUsage{25, 12, 0, 0};  // only input, output, cache read are sent
  bool extraChunks = false;   // a comment, a keep-alive blank data, reasoning_content, padded JSON
  bool crlf = false;          // lines end in CRLF instead of LF
  bool splitChunks = false;   // each chunk leaves in two TCP writes, cut mid-line
  std::chrono::milliseconds pauseBetweenDeltas{0};
  Ending ending = Ending::Done;
  // The data of the ErrorChunk ending.
  nlohmann::json errorChunk = {{"error", {{"message", "The server is overloaded"}, {"type", "server_error"},
                                          {"param", nullptr}, {"code", 503}}}};
  // Runs on the server's thread after delta `index` was written (tests synchronise on it).
  std::function<void(std::size_t index)> afterDelta;
};

// A non-2xx response with the body as given.
struct HttpErrorReply {
  int status = 500;
  std::string body;
  std::string contentType = "application/json";
  http::HttpHeaders headers;  // e.g. retry-after
};

using FakeReply = std::variant<StreamedReply, HttpErrorReply>;

// Thread-safe: tests may enqueue and inspect while the client talks to it.
class FakeOpenAiServer {
 public:
  FakeOpenAiServer();

  // The reply to the next request that finds the queue non-empty.
  void enqueue(FakeReply reply) { replies_.enqueue(std::move(reply)); }
  // Answers requests when the queue is empty; without one such requests get a 500.
  void setFallback(std::function<FakeReply(const nlohmann::json& body)> fallback) {
    replies_.setFallback(std::move(fallback));
  }

  // The API root a client is configured with: http://127.0.0.1:PORT/v1.
  std::string baseUrl() const { return server_.baseUrl() + "/v1"; }
  std::vector<ReceivedCall> calls() const { return receivedCalls(server_); }
  std::size_t callCount() const { return calls().size(); }
  // TCP connections the clients opened: connections are kept alive between requests, as the
  // real API does, so a client that reuses them opens one for many calls.
  std::size_t connectionCount() const { return server_.acceptedConnections(); }

  // {"error":{"message","type","param","code"}} as OpenAI (string code) or llama.cpp (integer) send it.
  static HttpErrorReply jsonError(int status, std::string message, std::string type, nlohmann::json code,
                                  http::HttpHeaders headers = {});
  static HttpErrorReply plainText(int status, std::string text) { return {status, std::move(text), "text/plain", {}}; }

  static HttpErrorReply rateLimited(std::string retryAfterSeconds);
  static HttpErrorReply serverError() { return jsonError(500, "Internal server error", "server_error", 500); }
  static HttpErrorReply unavailable() { return jsonError(503, "Loading model", "unavailable_error", 503); }
  static HttpErrorReply badKey() {
    return jsonError(401, "Incorrect API key provided: sk-abc***xyz.", "invalid_request_error", "invalid_api_key");
  }
  static HttpErrorReply unknownModel(const std::string& model) {
    return jsonError(404, "model \"" + model + "\" not found, try pulling it first", "api_error", nullptr);
  }

 private:
  void answer(const RecordedRequest& request, ResponseWriter& writer);

  ScriptedReplies<FakeReply> replies_;
  LoopbackHttpServer server_;  // last: its threads stop before the members above go away
};

}  // namespace nexus::test::openai
