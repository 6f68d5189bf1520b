#pragma once
// The two network model clients, Claude and OpenAI-compatible, each behind a small harness, so
// that model_client_conformance_test.cpp writes every shared scenario once: how to make the
// client, how to script its fake server ("a streamed reply with these deltas", "overloaded", "a
// rejected key", ...), and how the client words what went wrong with that server. What only
// one wire format has stays in anthropic_client_test.cpp and openai_client_test.cpp.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "llm/anthropic/anthropic_client.hpp"
#include "llm/openai/openai_client.hpp"
#include "support/fake_anthropic_server.hpp"
#include "support/fake_openai_server.hpp"

namespace nexus::test {

// A streamed 200 reply in terms both wire formats can express.
struct ReplyScript {
  enum class Ending {
    Complete,         // the documented end of a reply
    OverloadedError,  // the server reports overload inside the stream (the status stays 200)
    Drop,             // the connection is reset after the text
    Truncated,        // the body ends cleanly after the text, without the end of the reply
  };

  std::vector<std::string> textDeltas{"Hello", ", how can", " I help?"};
  std::optional<std::string> model;       // the fake's own default when unset
  std::optional<std::string> stopReason;  // the backend's kStopReason when unset
  TokenUsage usage{25, 12, 0, 0};         // input, output, cache read, cache creation
  bool extras = false;  // what the wire may carry beside the text (pings, comments, reasoning, ...)
  bool crlf = false;    // lines end in CRLF
  bool split = false;   // every event leaves in two TCP writes, cut mid-line
  std::chrono::milliseconds pauseBetweenDeltas{0};
  Ending ending = Ending::Complete;
  // Runs on the server's thread after delta `index` was written (tests synchronise on it).
  std::function<void(std::size_t index)> afterDelta;
};

// Claude through the Anthropic Messages API, against FakeAnthropicServer.
struct ClaudeBackend {
  using Client = AnthropicClient;
  using Config = AnthropicConfig;
  using Server = FakeAnthropicServer;
  using Reply = FakeReply;

  static constexpr const char* kKey = "sk-ant-api03-SECRET-KEY-0123456789";
  static constexpr const char* kModel = "claude-test-model";
  static constexpr const char* kBackendName = "anthropic";
  static constexpr const char* kPublicBaseUrl = "https://api.anthropic.com";
  static constexpr const char* kStopReason = "end_turn";
  static constexpr const char* kMaxTokensStopReason = "max_tokens";

  // The tests' key and model; timeouts short enough for tests.
  static Config config(std::string baseUrl) {
    Config result;
    result.apiKey = kKey;
    result.baseUrl = std::move(baseUrl);
    result.model = kModel;
    result.connectTimeout = std::chrono::seconds{2};
    result.idleTimeout = std::chrono::seconds{5};
    return result;
  }
  // What a client is configured with for a server at `root` ("http://127.0.0.1:PORT").
  static std::string baseUrlFor(const std::string& root) { return root; }

  // ---- scripting the fake server ----

  static Reply streamed(const ReplyScript& script) {
    StreamedReply reply;
    reply.textDeltas = script.textDeltas;
    if (script.model) reply.model = *script.model;
    reply.stopReason = script.stopReason.value_or(kStopReason);
    reply.usage = script.usage;
    reply.extraEvents = script.extras;
    reply.crlf = script.crlf;
    reply.splitEvents = script.split;
    reply.pauseBetweenDeltas = script.pauseBetweenDeltas;
    reply.afterDelta = script.afterDelta;
    switch (script.ending) {
      case ReplyScript::Ending::Complete: reply.ending = StreamedReply::Ending::MessageStop; break;
      case ReplyScript::Ending::OverloadedError: reply.ending = StreamedReply::Ending::ErrorEvent; break;
      case ReplyScript::Ending::Drop: reply.ending = StreamedReply::Ending::Drop; break;
      case ReplyScript::Ending::Truncated: reply.ending = StreamedReply::Ending::EndWithoutStop; break;
    }
    return reply;
  }
  static Reply overloaded() { return Server::overloaded(); }
  static Reply serverError() { return Server::serverError(); }
  static Reply rateLimited(std::string retryAfterSeconds) { return Server::rateLimited(std::move(retryAfterSeconds)); }
  static Reply badKey() { return Server::badKey(); }
  static Reply badRequest(std::string message) { return Server::badRequest(std::move(message)); }

  // Servers (or proxies) that echo the key: how the key looks on this wire, two retryable
  // errors quoting `text`, and an error inside the stream quoting it, after some text.
  static std::string credential(std::string_view key) { return std::string(key); }
  static std::vector<Reply> serverErrorsSaying(const std::string& text) {
    return {HttpErrorReply{500, "api_error", text, {}}, HttpErrorReply{503, "api_error", text, {}}};
  }
  static Reply streamErrorSaying(const std::string& text) {
    StreamedReply reply;
    reply.textDeltas = {"x"};
    reply.ending = StreamedReply::Ending::ErrorEvent;
    reply.errorType = "api_error";
    reply.errorMessage = text;
    return reply;
  }

  // ---- what the client says about a server at `host` ("127.0.0.1:PORT") ----

  static TokenUsage asCarried(TokenUsage usage) { return usage; }  // the stream carries all four counts
  static std::string overloadedDuringTheReply(const std::string&) {
    return "Anthropic is overloaded (529) during the reply";
  }
  static std::string brokeOffDuringTheReply(const std::string&) {
    return "The connection to Anthropic broke off during the reply";
  }
  static std::string serverErrorSays(const std::string&) {
    return "Anthropic had a server error (500 api_error: Internal server error)";
  }
  static std::string overloadedSays(const std::string&) { return "Anthropic is overloaded (529)"; }
  static std::string badKeySays(const std::string&) {
    return "Anthropic rejected the API key (401 authentication_error)";
  }
  static std::string refusedRequestSaying(const std::string&, const std::string& words) {
    return "Anthropic refused the request (400 invalid_request_error: " + words + ")";
  }
  static std::string unreachableSays(const std::string&) { return "Could not reach Anthropic"; }
};

// Any OpenAI-compatible chat completions server, against FakeOpenAiServer.
struct OpenAiCompatibleBackend {
  using Client = OpenAiCompatibleClient;
  using Config = OpenAiConfig;
  using Server = openai::FakeOpenAiServer;
  using Reply = openai::FakeReply;

  static constexpr const char* kKey = "sk-proj-SECRET-KEY-0123456789";
  static constexpr const char* kModel = "llama3.2";
  static constexpr const char* kBackendName = "openai";
  static constexpr const char* kPublicBaseUrl = "http://localhost:11434/v1";
  static constexpr const char* kStopReason = "stop";
  static constexpr const char* kMaxTokensStopReason = "length";

  // The tests' key and model; timeouts short enough for tests.
  static Config config(std::string baseUrl, std::string key = kKey) {
    Config result;
    result.apiKey = std::move(key);
    result.baseUrl = std::move(baseUrl);
    result.model = kModel;
    result.connectTimeout = std::chrono::seconds{2};
    result.idleTimeout = std::chrono::seconds{5};
    return result;
  }
  // What a client is configured with for a server at `root` ("http://127.0.0.1:PORT").
  static std::string baseUrlFor(const std::string& root) { return root + "/v1"; }

  // ---- scripting the fake server ----

  static Reply streamed(const ReplyScript& script) {
    using Streamed = openai::StreamedReply;
    Streamed reply;
    reply.textDeltas = script.textDeltas;
    if (script.model) reply.model = *script.model;
    reply.finishReason = script.stopReason.value_or(kStopReason);
    reply.usage = script.usage;
    reply.extraChunks = script.extras;
    reply.crlf = script.crlf;
    reply.splitChunks = script.split;
    reply.pauseBetweenDeltas = script.pauseBetweenDeltas;
    reply.afterDelta = script.afterDelta;
    switch (script.ending) {
      case ReplyScript::Ending::Complete: reply.ending = Streamed::Ending::Done; break;
      case ReplyScript::Ending::OverloadedError: reply.ending = Streamed::Ending::ErrorChunk; break;
      case ReplyScript::Ending::Drop: reply.ending = Streamed::Ending::Drop; break;
      case ReplyScript::Ending::Truncated: reply.ending = Streamed::Ending::EndWithoutDone; break;
    }
    return reply;
  }
  // A local server's overload: 503 while it loads the model.
  static Reply overloaded() { return Server::unavailable(); }
  static Reply serverError() { return Server::serverError(); }
  static Reply rateLimited(std::string retryAfterSeconds) { return Server::rateLimited(std::move(retryAfterSeconds)); }
  static Reply badKey() { return Server::badKey(); }
  // Plain text, as llama.cpp and proxies send it (the JSON dialects: openai_client_test.cpp).
  static Reply badRequest(std::string message) { return Server::plainText(400, std::move(message)); }

  // Servers (or proxies) that echo the key: how the key looks on this wire, two retryable
  // errors quoting `text`, and an error inside the stream quoting it, after some text.
  static std::string credential(std::string_view key) { return "Bearer " + std::string(key); }
  static std::vector<Reply> serverErrorsSaying(const std::string& text) {
    return {Server::jsonError(500, text, "server_error", 500), Server::plainText(503, text)};
  }
  static Reply streamErrorSaying(const std::string& text) {
    openai::StreamedReply reply;
    reply.textDeltas = {"x"};
    reply.ending = openai::StreamedReply::Ending::ErrorChunk;
    reply.errorChunk = {{"error", {{"message", text}, {"code", 500}}}};
    return reply;
  }

  // ---- what the client says about a server at `host` ("127.0.0.1:PORT") ----

  static TokenUsage asCarried(TokenUsage usage) {
    usage.cacheCreationInputTokens = 0;  // the usage chunk has no such count
    return usage;
  }
  static std::string overloadedDuringTheReply(const std::string& host) {
    return "The model server at " + host +
           " is unavailable or still loading the model (503: The server is overloaded) during the reply";
  }
  static std::string brokeOffDuringTheReply(const std::string& host) {
    return "The connection to the model server at " + host + " broke off during the reply";
  }
  static std::string serverErrorSays(const std::string& host) {
    return "The model server at " + host + " had a server error (500: Internal server error)";
  }
  static std::string overloadedSays(const std::string& host) {
    return "The model server at " + host + " is unavailable or still loading the model (503: Loading model)";
  }
  static std::string badKeySays(const std::string& host) {
    return "The model server at " + host + " rejected the API key (401)";
  }
  static std::string refusedRequestSaying(const std::string& host, const std::string& words) {
    return "The model server at " + host + " refused the request (400: " + words + ")";
  }
  static std::string unreachableSays(const std::string& host) { return "Could not reach the model server at " + host; }
};

}  // namespace nexus::test
