#pragma once
// The offline analyst's questions about the quality of what was captured (issue: judge what was
// captured): an open conflict first ("Earlier you said X, now Y — which one holds?"), then an
// open finding of the person's latest message, then — once — the offer to end when the
// interview is ready. The choice is domain::nextQualityQuestion's, over the same state the engine
// records, so the engine knows what was asked without reading the reply.

#include <string>
#include <vector>

#include "core/types.hpp"
#include "llm/llm_client.hpp"

namespace nexus::domain {
class AskedQuestions;
}

namespace nexus::analyst {

// The question, or "" when quality gives nothing to ask. `heard` are the confident
// requirements of the latest message (their ids are not needed).
// `asked`: the context's askedQuestions, indexed.
std::string qualityQuestion(const InterviewContext& context, const std::vector<ExtractedRequirement>& heard,
                            const domain::AskedQuestions& asked);

// What the person's latest message settled of the last reply's question, in words ("Good, that
// settles it: … stands"), or "" when it settled nothing. The engine has applied it already.
std::string settledByAnswer(const InterviewContext& context);

// The words that offer to end; asked at most once per interview.
inline constexpr std::string_view kReadyOffer = "Shall we wrap up here, or is there more you want to add?";

}  // namespace nexus::analyst
