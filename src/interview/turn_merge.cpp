#include "interview/turn_merge.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/near_duplicates.hpp"

namespace nexus {
namespace {

bool isDuplicate(const ExtractedRequirement& candidate, const std::vector<ExtractedRequirement>& existing,
                 double threshold) {
  return std::any_of(existing.begin(), existing.end(), [&](const ExtractedRequirement& r) {
    return text::tokenSimilarity(r.text, candidate.text) >= threshold;
  });
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

TurnUpdate mergeTurn(const InterviewSession& session, ExtractionResult extracted, TurnReply reply,
                     const domain::NearDuplicates& held, double duplicateSimilarity) {
  TurnUpdate update;
  for (auto& requirement : extracted.requirements) {
    requirement.sourceMessageId = reply.userMessageId;
    if (requirement.area) requirement.area = domain::normalizeArea(*requirement.area);
    if (held.anyAtLeast(requirement.text, duplicateSimilarity) ||
        isDuplicate(requirement, update.captured, duplicateSimilarity)) {
      continue;
    }
    if (requirement.area && !contains(session.exploredAreas, *requirement.area) &&
        !contains(update.newAreas, *requirement.area)) {
      update.newAreas.push_back(*requirement.area);
    }
    update.captured.push_back(std::move(requirement));
  }

  std::string shown = extracted.displayText.empty() ? std::string("Noted.") : std::move(extracted.displayText);
  update.reply = {std::move(reply.replyId), MessageRole::Assistant, std::move(shown), reply.at, std::nullopt,
                  std::move(reply.output)};
  return update;
}

void applyTurn(InterviewSession& session, const TurnUpdate& update, const std::string& userMessageId) {
  std::vector<std::string> capturedIds;
  for (const auto& requirement : update.captured) {
    capturedIds.push_back(requirement.id);
    session.extractedRequirements.push_back(requirement);
  }
  session.exploredAreas.insert(session.exploredAreas.end(), update.newAreas.begin(), update.newAreas.end());
  if (!capturedIds.empty()) {
    const auto user = std::find_if(session.messages.rbegin(), session.messages.rend(),
                                   [&](const InterviewMessage& m) { return m.id == userMessageId; });
    if (user != session.messages.rend()) user->requirementsExtracted = std::move(capturedIds);
  }
  session.messages.push_back(update.reply);
  session.lastActivityAt = update.reply.timestamp;
}

}  // namespace nexus
