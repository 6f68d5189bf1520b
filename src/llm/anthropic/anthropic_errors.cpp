#include "llm/anthropic/anthropic_errors.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace nexus::anthropic {

namespace {

constexpr std::size_t kMaxServerMessageBytes = 200;  // enough to act on, short enough for one line

std::string oneLine(std::string_view message) {
  return text::truncateUtf8(text::collapseWhitespace(message), kMaxServerMessageBytes);
}

// "(400 invalid_request_error: its message)", parts left out when unknown.
std::string statusDetail(int status, const ApiError& error, bool withMessage) {
  std::string detail = "(" + std::to_string(status);
  if (!error.type.empty()) detail += " " + error.type;
  if (withMessage && !error.message.empty()) detail += (error.type.empty() ? " " : ": ") + error.message;
  return detail + ")";
}

}  // namespace

ApiError parseApiError(std::string_view body) {
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  ApiError result;
  if (!parsed.is_object()) return result;
  const auto error = parsed.find("error");
  if (error == parsed.end() || !error->is_object()) return result;
  if (auto type = error->find("type"); type != error->end() && type->is_string()) {
    result.type = oneLine(type->get<std::string>());
  }
  if (auto message = error->find("message"); message != error->end() && message->is_string()) {
    result.message = oneLine(message->get<std::string>());
  }
  return result;
}

int statusForErrorType(std::string_view type) {
  if (type == "invalid_request_error") return 400;
  if (type == "authentication_error") return 401;
  if (type == "billing_error") return 402;
  if (type == "permission_error") return 403;
  if (type == "not_found_error") return 404;
  if (type == "request_too_large") return 413;
  if (type == "rate_limit_error") return 429;
  if (type == "timeout_error") return 504;
  if (type == "overloaded_error") return 529;
  return 500;  // api_error and anything new
}

std::string describeApiError(int status, const ApiError& error) {
  switch (status) {
    case 400: return "Anthropic refused the request " + statusDetail(status, error, true);
    case 401: return "Anthropic rejected the API key " + statusDetail(status, error, false);
    case 402: return "Anthropic refused the request for billing reasons " + statusDetail(status, error, true);
    case 403: return "Anthropic does not allow this API key to do that " + statusDetail(status, error, true);
    case 404: return "Anthropic does not know this model or endpoint " + statusDetail(status, error, true);
    case 413: return "The request is too large for Anthropic " + statusDetail(status, error, false);
    case 429: return "Anthropic's rate limit was reached " + statusDetail(status, error, false);
    case 504: return "Anthropic timed out " + statusDetail(status, error, false);
    case 529: return "Anthropic is overloaded (529)";
    default: break;
  }
  if (status >= 500) return "Anthropic had a server error " + statusDetail(status, error, true);
  return "Anthropic answered with an unexpected status " + statusDetail(status, error, true);
}

}  // namespace nexus::anthropic
