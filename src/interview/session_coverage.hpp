#pragma once
// What the engine keeps of a session between turns, updated once per turn, so that neither the
// engine nor the interviewer goes over every message and requirement again on each turn.

#include <string>
#include <vector>

#include "core/cow_vector.hpp"
#include "core/types.hpp"
#include "domain/asked_questions.hpp"
#include "domain/near_duplicates.hpp"
#include "domain/quality_review.hpp"
#include "domain/question_generator.hpp"
#include "domain/readiness.hpp"
#include "interview/turn_merge.hpp"

namespace nexus {

// The interviewer's questions so far, oldest first: each question sentence of its messages.
std::vector<std::string> askedQuestions(const InterviewSession& session);

struct KeptSession {
  domain::QuestionGenerator coverage;  // explored areas, requirements and questions
  CowVector<std::string> asked;        // askedQuestions()
  domain::AskedQuestions askedIndex;   // the same, for "was this asked before?"
  domain::NearDuplicates requirementTexts;  // the requirements, for mergeTurn's near-duplicates
  domain::ReadinessTracker readiness;  // of the requirements, findings and conflicts
  // The session's lists as the interviewer reads them, lent to each request without a copy: the
  // session's own vectors change under the person's edits while a model call runs.
  CowVector<ExtractedRequirement> requirements;
  CowVector<RequirementFinding> findings;
  CowVector<RequirementConflict> conflicts;
};

// What a session as it stands gives; near-duplicates are looked up at `duplicateSimilarity`.
KeptSession keptOf(const InterviewSession& session, double duplicateSimilarity);

// Adds what one applied turn brought: the areas it explored, the requirements it captured and
// the questions of its reply (the same as keptOf() over the session after the turn), and sets
// the turn's gaps: those due now.
void recordTurn(KeptSession& kept, TurnUpdate& turn);

// Takes the session's findings and conflicts again after the turn's review changed them
// (`reviewed`: what it reported).
void recordReview(KeptSession& kept, const InterviewSession& session, const domain::QualityDelta& reviewed);

}  // namespace nexus
