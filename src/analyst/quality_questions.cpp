#include "analyst/quality_questions.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/near_duplicates.hpp"
#include "domain/quality_dialogue.hpp"
#include "domain/quality_review.hpp"
#include "domain/readiness.hpp"
#include "analyst/reply_composer.hpp"

namespace nexus::analyst {
namespace {

constexpr double kDuplicateSimilarity = 0.8;  // the engine's default: such a statement is not captured again

const ExtractedRequirement* byId(const std::vector<ExtractedRequirement>& requirements, const std::string& id) {
  const auto it = std::find_if(requirements.begin(), requirements.end(),
                               [&](const ExtractedRequirement& r) { return r.id == id; });
  return it == requirements.end() ? nullptr : &*it;
}

// "We must use PostgreSQL." -> “We must use PostgreSQL”: quoted without its final period.
std::string quote(std::string_view text) {
  std::string_view shown = text::trim(text);
  while (!shown.empty() && shown.back() == '.') shown.remove_suffix(1);
  return "\u201C" + text::truncateUtf8(shown, 200) + "\u201D";
}

std::string conflictQuestion(const RequirementConflict& conflict, const std::vector<ExtractedRequirement>& all) {
  const auto first = domain::conflictSideText(conflict, 0, all);
  const auto second = domain::conflictSideText(conflict, 1, all);
  if (!first || !second) return {};
  // The explanation quotes both sides again; the person needs them only once.
  const std::string earlier = conflict.isProjectSide(conflict.requirementIds[0])
                                  ? "Another interview in this project recorded " + quote(*first) +
                                        ", and now you said "
                                  : "Earlier you said " + quote(*first) + ", and now ";
  return earlier + quote(*second) + ": the two cannot both hold. Which one holds, or do both apply?";
}

std::string findingQuestion(const RequirementFinding& finding, const std::vector<ExtractedRequirement>& all) {
  const auto* requirement = byId(all, finding.requirementId);
  if (requirement == nullptr) return {};
  std::string question = "About " + quote(requirement->text) + ": " + finding.message;
  if (finding.suggestion) question += " " + *finding.suggestion;
  return question;
}

}  // namespace

std::string settledByAnswer(const InterviewContext& context) {
  if (context.lastReplyId.empty()) return {};
  for (const auto& c : context.conflicts) {
    if (c.askedInMessageId != context.lastReplyId || c.status == ReviewStatus::Open || !c.resolution) continue;
    const auto first = domain::conflictSideText(c, 0, context.requirements);
    const auto second = domain::conflictSideText(c, 1, context.requirements);
    if (!first || !second) continue;
    const auto marked = [&](std::size_t side) {
      return c.isProjectSide(c.requirementIds[side]) ? " as won't have in the project's requirements."
                                                     : " as won't have.";
    };
    switch (*c.resolution) {
      case ConflictResolution::KeepFirst:
        return "Good, that settles it: " + quote(*first) + " stands, and I've marked " +
               quote(*second) + marked(1);
      case ConflictResolution::KeepSecond:
        return "Good, that settles it: " + quote(*second) + " stands, and I've marked " +
               quote(*first) + marked(0);
      case ConflictResolution::KeepBoth:
        return "Fine, I'll keep both.";
      case ConflictResolution::Dismissed:
        return "All right, I'll leave them as they are.";
    }
  }
  for (const auto& f : context.findings) {
    if (f.askedInMessageId != context.lastReplyId || f.status != ReviewStatus::Dismissed) continue;
    if (const auto* requirement = byId(context.requirements, f.requirementId)) {
      return "All right, I'll keep " + quote(requirement->text) + " as it is.";
    }
  }
  return {};
}

std::string qualityQuestion(const InterviewContext& context, const std::vector<ExtractedRequirement>& heard) {
  // The interview as the engine will hold it after this turn: what is new gets reviewed.
  std::vector<ExtractedRequirement> all = context.requirements;
  std::vector<RequirementFinding> findings = context.findings;
  std::vector<RequirementConflict> conflicts = context.conflicts;
  std::size_t next = 0;
  domain::QualityReview review([&next](std::string_view kind) { return std::string(kind) + "-" + std::to_string(next++); });
  // The engine lends the index it keeps over the session; without one, indexing the interview
  // costs a few microseconds a requirement: only worth it when there is something new to compare.
  review.useProject(context.project);
  review.useHeld(context.sessionConflicts);
  if (!heard.empty() && context.sessionConflicts == nullptr) review.restore(context.requirements);
  std::vector<std::string> latest;
  for (auto requirement : heard) {
    // Like the session's requirements, those heard earlier in this message count.
    const auto similar = [&](const ExtractedRequirement& r) {
      return text::tokenSimilarity(r.text, requirement.text) >= kDuplicateSimilarity;
    };
    const bool duplicate =
        context.sessionTexts != nullptr
            ? context.sessionTexts->anyAtLeast(requirement.text, kDuplicateSimilarity) ||
                  std::any_of(all.begin() + static_cast<std::ptrdiff_t>(context.requirements.size()), all.end(), similar)
            : std::any_of(all.begin(), all.end(), similar);
    if (duplicate) continue;
    requirement.id = "heard-requirement-" + std::to_string(latest.size());
    latest.push_back(requirement.id);
    all.push_back(requirement);
    (void)review.add(all.back(), {findings, conflicts});
  }

  if (const auto ask = domain::nextQualityQuestion(findings, conflicts, latest, all)) {
    const std::string question = ask->subject == domain::QualityQuestion::Subject::Conflict
                                     ? conflictQuestion(conflicts[ask->index], all)
                                     : findingQuestion(findings[ask->index], all);
    if (!question.empty()) return question;
  }
  std::optional<domain::ReadinessBasics> basics;
  if (context.basics != nullptr) {
    basics = *context.basics;
    for (auto r = all.begin() + static_cast<std::ptrdiff_t>(context.requirements.size()); r != all.end(); ++r) {
      basics->add(*r);
    }
  }
  const Readiness readiness =
      domain::assessReadiness(all, findings, conflicts, context.readyThreshold, basics ? &*basics : nullptr);
  if (readiness.ready && !wasAsked(kReadyOffer, context.askedQuestions)) {
    return "I think we now have enough for a solid first set of requirements, and nothing in them contradicts "
           "another. " +
           std::string(kReadyOffer);
  }
  return {};
}

}  // namespace nexus::analyst
