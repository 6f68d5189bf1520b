#pragma once
// The JSON body of a streamed Messages API call (POST /v1/messages), built from an LlmRequest.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "llm/llm_client.hpp"

namespace nexus::anthropic {

// Messages as the API accepts them: user and assistant alternate, the first is the user's.
// Consecutive messages of one role are joined with a blank line; leading assistant messages
// (a greeting), system-role and empty messages are left out. May be empty.
std::vector<ChatMessage> alternatingMessages(const std::vector<ChatMessage>& messages);

// {model, max_tokens, temperature, stream: true, system: [...], messages: [...]}. `system` holds
// the stable prompt marked for prompt caching, then the per-turn summary as its own block (so
// the cached prefix stays identical across turns); either is left out when empty.
// Fails with InvalidArgument when no user message remains to answer.
Result<nlohmann::json> messagesRequestBody(const LlmRequest& request, const std::string& model);

}  // namespace nexus::anthropic
