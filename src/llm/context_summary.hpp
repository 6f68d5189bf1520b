#pragma once
// How a model client tells a model what the interview holds so far: LlmRequest::context as a
// few lines of prose, sent beside the stable system prompt. It stands in for the history that no
// longer fits the request's budget.

#include <string>

#include "llm/llm_client.hpp"

namespace nexus {

// Requirements captured (the most recent ones in full, the rest counted by category), explored
// and unexplored standard areas, then the open conflicts and findings with the instruction to
// settle them one at a time, and the readiness (with the offer to end once it is ready).
std::string renderContextSummary(const InterviewContext& context);

}  // namespace nexus
