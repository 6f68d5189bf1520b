#pragma once
// What a model interviewer is told once per session: the system prompt (stable, cacheable) and
// the greeting it opens with. What changes every turn travels as LlmRequest::context, which
// each model client renders itself (llm/context_summary.hpp).

#include <string>

#include "core/types.hpp"

namespace nexus::prompts {

// The interviewer's instructions, including the <requirement> tag format the extractor reads.
// In evolution mode the project's summary, path and repository map follow (the map cut to a
// sensible size).
std::string systemPrompt(InterviewMode mode, const std::optional<EvolutionContext>& evolution);

// The interviewer's opening line.
std::string greeting(InterviewMode mode);

}  // namespace nexus::prompts
