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

domain::QuestionGenerator coverageOf(const InterviewSession& session) {
  domain::QuestionGenerator coverage;
  for (const auto& area : session.exploredAreas) coverage.markExplored(area);
  for (const auto& requirement : session.extractedRequirements) coverage.recordRequirement(requirement);
  for (const auto& question : askedQuestions(session)) coverage.recordAsked(question);
  return coverage;
}

domain::NearDuplicates requirementTextsOf(const InterviewSession& session, double threshold) {
  domain::NearDuplicates texts(std::clamp(threshold, 0.01, 1.0));
  for (const auto& requirement : session.extractedRequirements) texts.add(requirement.id, requirement.text);
  return texts;
}

void recordTurn(domain::QuestionGenerator& coverage, TurnUpdate& turn) {
  for (const auto& area : turn.newAreas) coverage.markExplored(area);
  for (const auto& requirement : turn.captured) coverage.recordRequirement(requirement);
  turn.gaps = coverage.gaps();  // as before this reply's questions: asking does not explore
  for (const auto& question : domain::questionSentences(turn.reply.content)) coverage.recordAsked(question);
}

}  // namespace nexus
