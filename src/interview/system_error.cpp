#include "interview/system_error.hpp"

#include <string>

#include "core/enums.hpp"

namespace nexus {

nlohmann::json systemErrorPayload(std::string_view sessionId, const Error& error, std::string_view context) {
  std::string message = context.empty() ? error.message : std::string(context) + ": " + error.message;
  return {{"sessionId", sessionId},
          {"code", toString(error.code)},
          {"message", std::move(message)},
          {"retryable", error.retryable}};
}

}  // namespace nexus
