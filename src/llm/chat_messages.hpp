#pragma once
// The conversation as chat APIs accept it, shared by the network clients.

#include <vector>

#include "llm/llm_client.hpp"

namespace nexus {

// Messages in the shape every chat API (and every local chat template) accepts: user and
// assistant alternate and the first is the user's. Consecutive messages of one role are joined
// with a blank line; leading assistant messages (a greeting), system-role and empty messages
// are left out. May be empty.
std::vector<ChatMessage> alternatingMessages(const std::vector<ChatMessage>& messages);

}  // namespace nexus
