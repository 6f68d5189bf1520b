#include "interview/session_coverage.hpp"

#include <algorithm>

#include "domain/question_bank.hpp"

namespace nexus {

std::vector<std::string> askedQuestions(const InterviewSession& session) {
  std::vector<std::string> asked;
  for (const auto& m : session.messages) {
    if (m.role != MessageRole::Assistant) continue;
    for (auto& question : domain::questionSentences(m.content)) asked.push_back(std::move(question));
  }
  return asked;
}

// A threshold the index cannot take (0: everything is a duplicate of everything) is kept at the
// least it can; anyAtLeast() then compares with every text.
KeptSession keptOf(const InterviewSession& session, double duplicateSimilarity) {
  std::vector<std::string> asked = askedQuestions(session);
  domain::AskedQuestions askedIndex(asked);
  KeptSession kept{{},
                   std::move(asked),
                   std::move(askedIndex),
                   domain::NearDuplicates(std::clamp(duplicateSimilarity, 0.01, 1.0)),
                   domain::ReadinessTracker(session.extractedRequirements, session.findings, session.conflicts),
                   session.extractedRequirements,
                   session.findings,
                   session.conflicts};
  for (const auto& area : session.exploredAreas) kept.coverage.markExplored(area);
  for (const auto& requirement : session.extractedRequirements) {
    kept.coverage.recordRequirement(requirement);
    kept.requirementTexts.add(requirement.id, requirement.text);
  }
  for (const auto& question : kept.asked) kept.coverage.recordAsked(question);
  return kept;
}

void recordTurn(KeptSession& kept, TurnUpdate& turn) {
  for (const auto& area : turn.newAreas) kept.coverage.markExplored(area);
  for (const auto& requirement : turn.captured) {
    kept.coverage.recordRequirement(requirement);
    kept.requirementTexts.add(requirement.id, requirement.text);
    kept.readiness.add(requirement);
    kept.requirements.push_back(requirement);
  }
  turn.gaps = kept.coverage.gaps();  // as before this reply's questions: asking does not explore
  for (auto& question : domain::questionSentences(turn.reply.content)) {
    kept.coverage.recordAsked(question);
    kept.askedIndex.add(question);
    kept.asked.push_back(std::move(question));
  }
}

void recordReview(KeptSession& kept, const InterviewSession& session, const domain::QualityDelta& reviewed) {
  kept.findings = session.findings;
  kept.conflicts = session.conflicts;
  // A review reports what it found as open; anything else it reports was settled, which the
  // tracker cannot take back one by one.
  const auto open = [](const auto& item) { return item.status == ReviewStatus::Open; };
  if (std::all_of(reviewed.findings.begin(), reviewed.findings.end(), open) &&
      std::all_of(reviewed.conflicts.begin(), reviewed.conflicts.end(), open)) {
    for (const auto& finding : reviewed.findings) kept.readiness.add(finding);
    for (const auto& conflict : reviewed.conflicts) kept.readiness.add(conflict);
  } else {
    kept.readiness = domain::ReadinessTracker(kept.requirements, session.findings, session.conflicts);
  }
}

}  // namespace nexus
