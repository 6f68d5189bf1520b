#pragma once
// The error shapes of OpenAI-compatible servers turned into one line a person understands.
// Seen on the wire (PROTOCOLS.md): {"error":{"message","type","param","code"}} with `code` a
// string (OpenAI) or an integer (llama.cpp, vLLM); {"error":"text"} (Ollama);
// {"object":"error","message",...,"code":400} (older vLLM); a plain-text body (llama.cpp,
// Ollama, proxies). The same shapes may come inside a stream as a data chunk.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace nexus::openai {

struct ApiError {
  std::string message;  // the server's own words, one line, truncated; may be empty
  std::string type;     // "invalid_request_error", ...; may be empty
  std::string code;     // "model_not_found", "429", ...; may be empty
  std::optional<int> statusCode;  // `code` when it is an HTTP status (llama.cpp, vLLM)
};

// Reads an error body; a plain-text body becomes the message, an HTML page or JSON of another
// shape gives an empty ApiError. Never fails.
ApiError parseApiError(std::string_view body);

// The error a parsed stream chunk carries ({"error": ...} or {"object":"error", ...}), if any.
std::optional<ApiError> errorInChunk(const nlohmann::json& chunk);

// The HTTP status an error stands for, for errors that arrive inside a stream: its integer
// code, else by type (rate limit 429, invalid request 400, ...), else 500.
int statusForError(const ApiError& error);

// What the message needs to know about the call besides the error itself.
struct ErrorContext {
  std::string server;  // "the model server at localhost:11434"
  std::string model;   // as configured; empty when the server's default was asked for
  bool keySent = false;
};

// "The model server at HOST rejected the API key (401)",
// "The model server at HOST does not know the model \"x\" (404: model \"x\" not found)", ...
// Capitalised at the start; one line; never the key.
std::string describeApiError(int status, const ApiError& error, const ErrorContext& context);

}  // namespace nexus::openai
