#pragma once
// The JSON body of a streamed chat completions call (POST {base}/chat/completions), built from
// an LlmRequest.

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "llm/llm_client.hpp"

namespace nexus::openai {

// {model, messages, max_tokens, temperature, stream: true, stream_options: {include_usage: true}}.
// `messages` starts with ONE system message — the system prompt, a blank line, the context
// summary (either left out when empty; no message when both are) — because many local chat
// templates accept a single system message only, and only first. Then the conversation made to
// alternate (alternatingMessages). `model` is left out when empty: the server then uses its
// loaded model (llama.cpp, vLLM); Ollama and OpenAI need a name.
// Fails with InvalidArgument when no user message remains to answer.
Result<nlohmann::json> chatCompletionsRequestBody(const LlmRequest& request, const std::string& model);

}  // namespace nexus::openai
