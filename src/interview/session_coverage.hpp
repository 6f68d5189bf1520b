#pragma once
// What the interview has covered (domain::QuestionGenerator), kept by the engine per session and
// updated once per turn, so that neither the engine nor the interviewer goes over every message
// and requirement again on each turn.

#include <string>
#include <vector>

#include "core/types.hpp"
#include "domain/near_duplicates.hpp"
#include "domain/question_generator.hpp"
#include "interview/turn_merge.hpp"

namespace nexus {

// The interviewer's questions so far, oldest first: each question sentence of its messages.
std::vector<std::string> askedQuestions(const InterviewSession& session);

// The coverage of a session as it stands: its explored areas, requirements and questions.
domain::QuestionGenerator coverageOf(const InterviewSession& session);

// The session's requirements, for near-duplicate lookups at `threshold` (mergeTurn).
domain::NearDuplicates requirementTextsOf(const InterviewSession& session, double threshold);

// Adds what one applied turn covered: the areas it explored, the requirements it captured and
// the questions of its reply (the same as coverageOf() over the session after the turn), and
// sets the turn's gaps: those due now.
void recordTurn(domain::QuestionGenerator& coverage, TurnUpdate& turn);

}  // namespace nexus
