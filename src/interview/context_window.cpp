#include "interview/context_window.hpp"

namespace nexus {
namespace {
constexpr std::size_t kTokensPerMessage = 4;  // role and separators
}

std::size_t estimateTokens(std::string_view text) { return (text.size() + 3) / 4 + kTokensPerMessage; }

std::vector<ChatMessage> recentMessages(const std::vector<InterviewMessage>& messages, std::size_t tokenBudget) {
  // Walk back from the newest message, taking whole messages while they fit.
  std::vector<const InterviewMessage*> taken;
  std::size_t used = 0;
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    if (it->role == MessageRole::System) continue;
    const std::size_t cost = estimateTokens(it->content);
    if (!taken.empty() && used + cost > tokenBudget) break;
    taken.push_back(&*it);
    used += cost;
  }
  while (!taken.empty() && taken.back()->role != MessageRole::User) taken.pop_back();

  std::vector<ChatMessage> window;
  for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
    const InterviewMessage& m = **it;
    if (!window.empty() && window.back().role == m.role) {
      window.back().content += "\n\n" + m.content;
    } else {
      window.push_back({m.role, m.content});
    }
  }
  return window;
}

}  // namespace nexus
