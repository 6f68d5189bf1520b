#include "llm/anthropic/anthropic_request.hpp"

#include "llm/chat_messages.hpp"
#include "llm/context_summary.hpp"

namespace nexus::anthropic {

namespace {

nlohmann::json textBlock(const std::string& text) { return {{"type", "text"}, {"text", text}}; }

}  // namespace

Result<nlohmann::json> messagesRequestBody(const LlmRequest& request, const std::string& model) {
  const std::vector<ChatMessage> messages = alternatingMessages(request.messages);
  if (messages.empty()) return Error::invalidArgument("There is no user message for the model to answer");

  nlohmann::json body = {
      {"model", model},
      {"max_tokens", request.maxTokens},
      {"temperature", request.temperature},
      {"stream", true},
  };
  nlohmann::json system = nlohmann::json::array();
  if (!request.systemPrompt.empty()) {
    nlohmann::json prompt = textBlock(request.systemPrompt);
    prompt["cache_control"] = {{"type", "ephemeral"}};
    system.push_back(std::move(prompt));
  }
  // After the cached prompt: it changes every turn.
  system.push_back(textBlock(renderContextSummary(request.context)));
  body["system"] = std::move(system);

  nlohmann::json wireMessages = nlohmann::json::array();
  for (const ChatMessage& message : messages) {
    wireMessages.push_back({{"role", message.role == MessageRole::User ? "user" : "assistant"},
                            {"content", message.content}});
  }
  body["messages"] = std::move(wireMessages);
  return body;
}

}  // namespace nexus::anthropic
