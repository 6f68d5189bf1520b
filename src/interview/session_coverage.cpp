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
  KeptSession kept{{}, askedQuestions(session), domain::NearDuplicates(std::clamp(duplicateSimilarity, 0.01, 1.0)),
                   domain::basicsOf(session.extractedRequirements)};
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
    kept.basics.add(requirement);
  }
  turn.gaps = kept.coverage.gaps();  // as before this reply's questions: asking does not explore
  for (auto& question : domain::questionSentences(turn.reply.content)) {
    kept.coverage.recordAsked(question);
    kept.asked.push_back(std::move(question));
  }
}

}  // namespace nexus
