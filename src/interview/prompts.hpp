#pragma once
// What the interviewer is told: the system prompt (stable, cacheable) and the per-turn summary
// of what has been captured, which stands in for the history that no longer fits the budget.

#include <string>

#include "core/types.hpp"

namespace nexus::prompts {

// The interviewer's instructions, including the <requirement> tag format the extractor reads.
// In evolution mode the project's summary, path and repository map follow (the map cut to a
// sensible size).
std::string systemPrompt(InterviewMode mode, const std::optional<EvolutionContext>& evolution);

// A compact account of the session so far: requirements captured (the most recent ones in
// full, the rest counted), explored and unexplored standard areas.
std::string contextSummary(const InterviewSession& session);

// The interviewer's opening line.
std::string greeting(InterviewMode mode);

}  // namespace nexus::prompts
