#include "llm/chat_messages.hpp"

namespace nexus {

std::vector<ChatMessage> alternatingMessages(const std::vector<ChatMessage>& messages) {
  std::vector<ChatMessage> result;
  for (const ChatMessage& message : messages) {
    if (message.role == MessageRole::System || message.content.empty()) continue;  // APIs reject both
    if (result.empty() && message.role != MessageRole::User) continue;
    if (!result.empty() && result.back().role == message.role) {
      result.back().content += "\n\n" + message.content;
    } else {
      result.push_back(message);
    }
  }
  return result;
}

}  // namespace nexus
