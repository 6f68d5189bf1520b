#include "analyst/quality_questions.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/asked_questions.hpp"
#include "domain/near_duplicates.hpp"
#include "domain/quality_dialogue.hpp"
#include "domain/quality_review.hpp"
#include "domain/readiness.hpp"
#include "analyst/reply_composer.hpp"

namespace nexus::analyst {
namespace {

constexpr double kDuplicateSimilarity = 0.8;  // the engine's default: such a statement is not captured again

// "We must use PostgreSQL." -> “We must use PostgreSQL”: quoted without its final period.
std::string quote(std::string_view text) {
  std::string_view shown = text::trim(text);
  while (!shown.empty() && shown.back() == '.') shown.remove_suffix(1);
  return "\u201C" + text::truncateUtf8(shown, 200) + "\u201D";
}

std::string conflictQuestion(const RequirementConflict& conflict, const domain::RequirementLookup& present) {
  const auto first = domain::conflictSideText(conflict, 0, present);
  const auto second = domain::conflictSideText(conflict, 1, present);
  if (!first || !second) return {};
  // The explanation quotes both sides again; the person needs them only once.
  const std::string earlier = conflict.isProjectSide(conflict.requirementIds[0])
                                  ? "Another interview in this project recorded " + quote(*first) +
                                        ", and now you said "
                                  : "Earlier you said " + quote(*first) + ", and now ";
  return earlier + quote(*second) + ": the two cannot both hold. Which one holds, or do both apply?";
}

std::string findingQuestion(const RequirementFinding& finding, const domain::RequirementLookup& present) {
  const auto* requirement = present(finding.requirementId);
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
    if (const auto* requirement = domain::findLatestFirst(context.requirements, f.requirementId)) {
      return "All right, I'll keep " + quote(requirement->text) + " as it is.";
    }
  }
  return {};
}

std::string qualityQuestion(const InterviewContext& context, const std::vector<ExtractedRequirement>& heard,
                            const domain::AskedQuestions& asked) {
  // The interview as the engine will hold it after this turn: what the session holds is read
  // where it is; what is new is reviewed here, into lists of its own.
  std::vector<ExtractedRequirement> added;
  std::vector<RequirementFinding> findings;    // of `added`
  std::vector<RequirementConflict> conflicts;  // of `added`
  std::size_t next = 0;
  domain::QualityReview review([&next](std::string_view kind) { return std::string(kind) + "-" + std::to_string(next++); });
  // The engine lends the index it keeps over the session; without one, indexing the interview
  // costs a few microseconds a requirement: only worth it when there is something new to compare.
  review.useProject(context.project);
  review.useHeld(context.sessionConflicts);
  if (!heard.empty() && context.sessionConflicts == nullptr) review.restore(context.requirements);
  std::vector<std::string> latest;
  added.reserve(heard.size());  // review.add and `present` keep pointers into it
  for (auto requirement : heard) {
    // Like the session's requirements, those heard earlier in this message count.
    const auto similar = [&](const ExtractedRequirement& r) {
      return text::tokenSimilarity(r.text, requirement.text) >= kDuplicateSimilarity;
    };
    const bool held = context.sessionTexts != nullptr
                          ? context.sessionTexts->anyAtLeast(requirement.text, kDuplicateSimilarity)
                          : std::any_of(context.requirements.begin(), context.requirements.end(), similar);
    if (held || std::any_of(added.begin(), added.end(), similar)) continue;
    requirement.id = "heard-requirement-" + std::to_string(latest.size());
    latest.push_back(requirement.id);
    added.push_back(std::move(requirement));
    (void)review.add(added.back(), {findings, conflicts});
  }
  const domain::RequirementLookup present = [&](std::string_view id) -> const ExtractedRequirement* {
    for (const auto& r : added) {
      if (r.id == id) return &r;
    }
    return domain::findLatestFirst(context.requirements, id);
  };

  // In the engine's order: the session's open conflicts, then this message's, then its findings
  // (the session's earlier findings are of earlier messages).
  std::string question;
  if (const auto ask = domain::nextQualityQuestion({}, context.conflicts, latest, present)) {
    question = conflictQuestion(context.conflicts[ask->index], present);
  } else if (const auto fresh = domain::nextQualityQuestion(findings, conflicts, latest, present)) {
    question = fresh->subject == domain::QualityQuestion::Subject::Conflict
                   ? conflictQuestion(conflicts[fresh->index], present)
                   : findingQuestion(findings[fresh->index], present);
  }
  if (!question.empty()) return question;

  std::optional<domain::ReadinessTracker> owned;
  if (context.readiness == nullptr) owned.emplace(context.requirements, context.findings, context.conflicts);
  const domain::ReadinessTracker& readiness = context.readiness != nullptr ? *context.readiness : *owned;
  if (readiness.assessmentWith(added, findings, conflicts, context.readyThreshold).ready &&
      !asked.contains(kReadyOffer)) {
    return "I think we now have enough for a solid first set of requirements, and nothing in them contradicts "
           "another. " +
           std::string(kReadyOffer);
  }
  return {};
}

}  // namespace nexus::analyst
