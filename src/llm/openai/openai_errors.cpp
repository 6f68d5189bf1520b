#include "llm/openai/openai_errors.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "llm/json_fields.hpp"

namespace nexus::openai {

namespace {

using nlohmann::json;
using json_fields::member;
using json_fields::stringMember;

constexpr std::size_t kMaxServerMessageBytes = 200;  // enough to act on, short enough for one line

std::string oneLine(std::string_view message) {
  return text::truncateUtf8(text::collapseWhitespace(message), kMaxServerMessageBytes);
}

// Fields of an error object, whichever of the known shapes holds them.
ApiError fromErrorObject(const json& error) {
  ApiError result;
  result.message = oneLine(stringMember(error, "message"));
  result.type = oneLine(stringMember(error, "type"));
  if (const json* code = member(error, "code")) {
    if (code->is_string()) {
      result.code = oneLine(code->get<std::string>());
    } else if (code->is_number_integer()) {
      const auto number = code->get<std::int64_t>();
      result.code = std::to_string(number);
      if (number >= 100 && number <= 599) result.statusCode = static_cast<int>(number);
    }
  }
  return result;
}

std::optional<ApiError> fromJson(const json& parsed) {
  if (!parsed.is_object()) return std::nullopt;
  if (const json* error = member(parsed, "error")) {
    if (error->is_object()) return fromErrorObject(*error);
    if (error->is_string()) return ApiError{oneLine(error->get<std::string>()), "", "", std::nullopt};
  }
  if (stringMember(parsed, "object") == "error") return fromErrorObject(parsed);
  return std::nullopt;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return text::toLower(haystack).find(needle) != std::string::npos;
}

bool mentionsModel(const ApiError& error) {
  return contains(error.message, "model") || contains(error.code, "model") || contains(error.type, "model");
}

// What to quote from the server: its message, else its code, else its type.
std::string serverWords(const ApiError& error) {
  if (!error.message.empty()) return error.message;
  if (!error.code.empty() && !error.statusCode) return error.code;
  return error.type;
}

std::string detail(int status, const ApiError& error, bool withWords) {
  const std::string words = withWords ? serverWords(error) : std::string();
  return "(" + std::to_string(status) + (words.empty() ? "" : ": " + words) + ")";
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

ApiError parseApiError(std::string_view body) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) {
    if (auto error = fromJson(parsed)) return *error;
    // FastAPI-based servers answer {"detail": "..."}.
    return ApiError{oneLine(stringMember(parsed, "detail")), "", "", std::nullopt};
  }
  const std::string_view trimmed = text::trim(body);
  if (trimmed.empty() || trimmed.front() == '<') return {};  // an HTML page says nothing useful in one line
  return ApiError{oneLine(trimmed), "", "", std::nullopt};
}

std::optional<ApiError> errorInChunk(const nlohmann::json& chunk) { return fromJson(chunk); }

int statusForError(const ApiError& error) {
  if (error.statusCode && *error.statusCode >= 400) return *error.statusCode;
  const std::string kind = text::toLower(error.type + " " + error.code);
  if (kind.find("rate_limit") != std::string::npos) return 429;
  if (kind.find("authentication") != std::string::npos || kind.find("api_key") != std::string::npos) return 401;
  if (kind.find("permission") != std::string::npos) return 403;
  if (kind.find("not_found") != std::string::npos) return 404;
  if (kind.find("invalid_request") != std::string::npos) return 400;
  if (kind.find("timeout") != std::string::npos) return 504;
  if (kind.find("unavailable") != std::string::npos || kind.find("overloaded") != std::string::npos) return 503;
  return 500;  // server_error and anything new: most likely the server's own trouble
}

std::string describeApiError(int status, const ApiError& error, const ErrorContext& context) {
  const std::string server = capitalised(context.server);
  switch (status) {
    case 400:
    case 422:
      if (context.model.empty() && mentionsModel(error)) return server + " needs a model name " + detail(status, error, true);
      return server + " refused the request " + detail(status, error, true);
    case 401:
      // The server's words are left out: OpenAI's quote part of the key.
      if (!context.keySent) return server + " requires an API key, and none was set (401)";
      return server + " rejected the API key (401)";
    case 403: return server + " does not allow this API key to do that " + detail(status, error, true);
    case 404:
      if (!mentionsModel(error)) {
        return server + " has no chat completions endpoint at this address " + detail(status, error, true) +
               "; check that the base URL ends in /v1";
      }
      if (context.model.empty()) return server + " needs a model name " + detail(status, error, true);
      return server + " does not know the model \"" + context.model + "\" " + detail(status, error, true);
    case 408: return server + " timed out waiting for the request (408)";
    case 413: return "The request is too large for " + context.server + " " + detail(status, error, true);
    case 429: return server + " is limiting the rate of requests " + detail(status, error, true);
    case 503: return server + " is unavailable or still loading the model " + detail(status, error, true);
    default: break;
  }
  if (status >= 500) return server + " had a server error " + detail(status, error, true);
  return server + " answered with an unexpected status " + detail(status, error, true);
}

}  // namespace nexus::openai
