#pragma once
// The JSON body of a streamed Messages API call (POST /v1/messages), built from an LlmRequest.

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "llm/llm_client.hpp"

namespace nexus::anthropic {

// {model, max_tokens, temperature, stream: true, system: [...], messages: [...]}, the messages
// made to alternate (alternatingMessages in chat_messages.hpp). `system` holds
// the stable prompt marked for prompt caching, then the per-turn summary as its own block (so
// the cached prefix stays identical across turns); either is left out when empty.
// Fails with InvalidArgument when no user message remains to answer.
Result<nlohmann::json> messagesRequestBody(const LlmRequest& request, const std::string& model);

}  // namespace nexus::anthropic
