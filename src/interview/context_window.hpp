#pragma once
// Chooses which messages travel verbatim in a model request: the most recent ones that fit a
// token budget, so a long interview never grows the request without bound.

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/types.hpp"
#include "llm/llm_client.hpp"

namespace nexus {

// A rough token count (about four bytes a token, plus framing); errs on the high side so a
// budget in these units is not exceeded by real tokenizers on ordinary prose.
std::size_t estimateTokens(std::string_view text);

// The newest messages whose estimated tokens fit `tokenBudget`, oldest first, such that:
// system messages are left out; the window starts with a user message (model APIs require it);
// consecutive messages of one role are joined; the latest message is always included, even
// when it alone exceeds the budget.
std::vector<ChatMessage> recentMessages(const std::vector<InterviewMessage>& messages, std::size_t tokenBudget);

}  // namespace nexus
