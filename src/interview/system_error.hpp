#pragma once
// The payload of a system:error event: {sessionId, code, message, retryable}, where code is the
// stable spelling of the ErrorCode ("model-failed", "storage-failed", …) that clients match on.

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace nexus {

// `context`, when given, says what was being done: "<context>: <error.message>".
nlohmann::json systemErrorPayload(std::string_view sessionId, const Error& error, std::string_view context = {});

}  // namespace nexus
