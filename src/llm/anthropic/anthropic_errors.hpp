#pragma once
// Anthropic's error shapes turned into one line a person understands. The wire shape is
// {"type":"error","error":{"type":"...","message":"..."}} — as an HTTP error body, or as the
// data of an `error` event inside a stream that began with 200.

#include <string>
#include <string_view>

namespace nexus::anthropic {

struct ApiError {
  std::string type;     // "authentication_error", ...; empty when the body had none
  std::string message;  // the server's own words, one line, truncated; may be empty
};

// Reads an error body or event data; tolerant of anything (a proxy's HTML page gives {}).
ApiError parseApiError(std::string_view body);

// The HTTP status an error type stands for (overloaded_error 529, api_error 500, ...), for
// errors that arrive as stream events; 500 for unknown types.
int statusForErrorType(std::string_view type);

// "Anthropic rejected the API key (401 authentication_error)",
// "Anthropic refused the request (400 invalid_request_error: max_tokens: ...)",
// "Anthropic is overloaded (529)", ...
std::string describeApiError(int status, const ApiError& error);

}  // namespace nexus::anthropic
