#pragma once
// What the engine keeps of a session between turns, updated once per turn, so that neither the
// engine nor the interviewer goes over every message and requirement again on each turn.

#include <string>
#include <vector>

#include "core/types.hpp"
#include "domain/near_duplicates.hpp"
#include "domain/question_generator.hpp"
#include "domain/readiness.hpp"
#include "interview/turn_merge.hpp"

namespace nexus {

// The interviewer's questions so far, oldest first: each question sentence of its messages.
std::vector<std::string> askedQuestions(const InterviewSession& session);

struct KeptSession {
  domain::QuestionGenerator coverage;  // explored areas, requirements and questions
  std::vector<std::string> asked;      // askedQuestions()
  domain::NearDuplicates requirementTexts;  // the requirements, for mergeTurn's near-duplicates
  domain::ReadinessBasics basics;      // of the requirements
};

// What a session as it stands gives; near-duplicates are looked up at `duplicateSimilarity`.
KeptSession keptOf(const InterviewSession& session, double duplicateSimilarity);

// Adds what one applied turn brought: the areas it explored, the requirements it captured and
// the questions of its reply (the same as keptOf() over the session after the turn), and sets
// the turn's gaps: those due now.
void recordTurn(KeptSession& kept, TurnUpdate& turn);

}  // namespace nexus
