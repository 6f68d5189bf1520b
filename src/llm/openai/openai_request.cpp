#include "llm/openai/openai_request.hpp"

#include "llm/chat_messages.hpp"
#include "llm/context_summary.hpp"

namespace nexus::openai {

Result<nlohmann::json> chatCompletionsRequestBody(const LlmRequest& request, const std::string& model) {
  const std::vector<ChatMessage> messages = alternatingMessages(request.messages);
  if (messages.empty()) return Error::invalidArgument("There is no user message for the model to answer");

  nlohmann::json wireMessages = nlohmann::json::array();
  std::string system = request.systemPrompt;
  if (!system.empty()) system += "\n\n";
  system += renderContextSummary(request.context);
  wireMessages.push_back({{"role", "system"}, {"content", std::move(system)}});
  for (const ChatMessage& message : messages) {
    wireMessages.push_back({{"role", message.role == MessageRole::User ? "user" : "assistant"},
                            {"content", message.content}});
  }

  nlohmann::json body = nlohmann::json::object();
  if (!model.empty()) body["model"] = model;
  body["messages"] = std::move(wireMessages);
  body["max_tokens"] = request.maxTokens;
  body["temperature"] = request.temperature;
  body["stream"] = true;
  body["stream_options"] = {{"include_usage", true}};  // usage arrives in a last chunk
  return body;
}

}  // namespace nexus::openai
