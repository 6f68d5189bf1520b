#include "interview/session_review.hpp"

#include <algorithm>

#include "core/enums.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/quality_dialogue.hpp"
#include "interview/project_review.hpp"
#include "interview/requirements_export.hpp"

namespace nexus {
namespace {

constexpr std::size_t kMaxRequirementTextBytes = 4096;

ExtractedRequirement* findRequirement(InterviewSession& session, std::string_view id) {
  const auto it = std::find_if(session.extractedRequirements.begin(), session.extractedRequirements.end(),
                               [&](const ExtractedRequirement& r) { return r.id == id; });
  return it == session.extractedRequirements.end() ? nullptr : &*it;
}

Error unknownRequirement(std::string_view id) {
  return Error::notFound("No requirement with id \"" + text::truncateUtf8(id, 64) + "\" in this session");
}

domain::QualityRecord recordOf(InterviewSession& session) { return {session.findings, session.conflicts}; }

// The assistant message the person's latest message answers.
const InterviewMessage* previousReply(const InterviewSession& session) {
  if (session.messages.size() < 2) return nullptr;
  for (auto it = session.messages.rbegin() + 1; it != session.messages.rend(); ++it) {
    if (it->role == MessageRole::Assistant) return &*it;
  }
  return nullptr;
}

void markEdited(ExtractedRequirement& requirement, const std::string& field) {
  if (!requirement.editedFields) requirement.editedFields.emplace();
  auto& fields = *requirement.editedFields;
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
}

// Changes one field if the value differs, keeping the edit in the session's history.
template <typename T, typename Spell>
void change(InterviewSession& session, ExtractedRequirement& requirement, const char* field, T& current,
            const T& wanted, Spell spell, Timestamp now, std::vector<std::string>& changed) {
  if (current == wanted) return;
  session.requirementEdits.push_back({requirement.id, field, spell(current), spell(wanted), now});
  current = wanted;
  markEdited(requirement, field);
  changed.emplace_back(field);
}

std::optional<std::string> spellText(const std::string& value) { return value; }
std::optional<std::string> spellOptional(const std::optional<std::string>& value) { return value; }
template <typename Enum>
std::optional<std::string> spellEnum(Enum value) {
  return std::string(toString(value));
}

// Applies the checked changes; the fields that changed, in a fixed order.
std::vector<std::string> applyChanges(InterviewSession& session, ExtractedRequirement& requirement,
                                      const RequirementChanges& changes, Timestamp now) {
  std::vector<std::string> changed;
  if (changes.text) change(session, requirement, "text", requirement.text, *changes.text, spellText, now, changed);
  if (changes.category) {
    change(session, requirement, "category", requirement.category, *changes.category,
           spellEnum<RequirementCategory>, now, changed);
  }
  if (changes.priority) {
    change(session, requirement, "priority", requirement.priority, *changes.priority, spellEnum<Priority>, now,
           changed);
  }
  if (changes.area) {
    const std::optional<std::string> area =
        changes.area->empty() ? std::nullopt : domain::normalizeArea(*changes.area);
    change(session, requirement, "area", requirement.area, area, spellOptional, now, changed);
    if (area && domain::isStandardArea(*area) &&
        std::find(session.exploredAreas.begin(), session.exploredAreas.end(), *area) == session.exploredAreas.end()) {
      session.exploredAreas.push_back(*area);
    }
  }
  return changed;
}

Result<RequirementChanges> checked(const RequirementChanges& changes) {
  if (changes.confidence) return Error::invalidArgument("confidence is not something to edit; set text, category, priority or area");
  RequirementChanges out = changes;
  if (out.text) {
    if (!text::isValidUtf8(*out.text)) return Error::invalidArgument("text is not valid UTF-8");
    out.text = text::collapseWhitespace(*out.text);
    if (out.text->empty()) return Error::invalidArgument("text must not be empty");
    if (out.text->size() > kMaxRequirementTextBytes) {
      return Error::tooLarge("text is " + std::to_string(out.text->size()) + " bytes; the limit is " +
                             std::to_string(kMaxRequirementTextBytes));
    }
  }
  if (out.area && !text::trim(*out.area).empty() && !domain::normalizeArea(*out.area)) {
    return Error::invalidArgument("area \"" + text::truncateUtf8(*out.area, 64) +
                                  "\" is not usable: use a name such as security or ui_ux");
  }
  if (out.area && text::trim(*out.area).empty()) out.area = "";
  return out;
}

// Re-reads the requirement after a change and reports what it did.
ReviewUpdate reexamined(InterviewSession& session, domain::QualityReview& review, ExtractedRequirement& requirement,
                        std::vector<std::string> changed) {
  ReviewUpdate update;
  if (changed.empty()) return update;
  update.quality = review.reexamine(requirement, recordOf(session));
  update.updated.push_back({requirement, std::move(changed)});
  return update;
}

}  // namespace

void ReviewUpdate::append(ReviewUpdate other) {
  quality.append(std::move(other.quality));
  for (auto& u : other.updated) updated.push_back(std::move(u));
  for (auto& r : other.removed) removed.push_back(std::move(r));
  for (auto& c : other.projectChanges) projectChanges.push_back(std::move(c));
}

domain::QualityReview reviewOf(const InterviewSession& session, std::shared_ptr<const domain::ProjectIndex> project) {
  domain::QualityReview review([](std::string_view) { return newId(); });
  review.useProject(std::move(project));
  review.restore(session.extractedRequirements);
  return review;
}

std::vector<ExtractedRequirement> projectRequirementsOf(const std::vector<Requirement>& database,
                                                        std::string_view sessionId) {
  const std::string own = interviewSource(sessionId);
  std::vector<ExtractedRequirement> others;
  for (const auto& entry : database) {
    const bool stated = std::any_of(entry.sources.begin(), entry.sources.end(),
                                    [&](const RequirementSource& s) { return s.source == own; });
    if (stated) continue;  // the session holds its own copy
    others.push_back(analysisView(entry));
  }
  return others;
}

bool awaitsVerdict(const InterviewSession& session) {
  const InterviewMessage* reply = previousReply(session);
  if (reply == nullptr) return false;
  const auto askedNow = [&](const auto& entry) {
    return entry.status == ReviewStatus::Open && entry.askedInMessageId == reply->id;
  };
  return std::any_of(session.conflicts.begin(), session.conflicts.end(), askedNow) ||
         std::any_of(session.findings.begin(), session.findings.end(), askedNow);
}

ReviewUpdate settleAnswer(InterviewSession& session, domain::QualityReview& review, Timestamp now) {
  ReviewUpdate update;
  const InterviewMessage* reply = previousReply(session);
  if (reply == nullptr || session.messages.back().role != MessageRole::User) return update;
  const std::string replyId = reply->id;
  const std::string answer = session.messages.back().content;
  for (std::size_t i = 0; i < session.conflicts.size(); ++i) {
    const RequirementConflict conflict = session.conflicts[i];
    if (conflict.status != ReviewStatus::Open || conflict.askedInMessageId != replyId) continue;
    const auto first = domain::conflictSideText(conflict, 0, session.extractedRequirements);
    const auto second = domain::conflictSideText(conflict, 1, session.extractedRequirements);
    if (!first || !second) continue;
    const auto verdict = domain::readConflictAnswer(answer, *first, *second);
    std::optional<ConflictResolution> resolution;
    switch (verdict) {
      case domain::Verdict::KeepFirst:
        resolution = ConflictResolution::KeepFirst;
        break;
      case domain::Verdict::KeepSecond:
        resolution = ConflictResolution::KeepSecond;
        break;
      case domain::Verdict::KeepBoth:
        resolution = ConflictResolution::KeepBoth;
        break;
      case domain::Verdict::Dismiss:
        resolution = ConflictResolution::Dismissed;
        break;
      case domain::Verdict::None:
        break;
    }
    if (!resolution) continue;
    if (auto settled = resolveConflict(session, review, conflict.id, *resolution, now)) update.append(std::move(*settled));
  }
  if (domain::readFindingAnswer(answer) == domain::Verdict::Dismiss) {
    for (auto& finding : session.findings) {
      if (finding.status != ReviewStatus::Open || finding.askedInMessageId != replyId) continue;
      finding.status = ReviewStatus::Dismissed;
      update.quality.findings.push_back(finding);
    }
  }
  return update;
}

ReviewUpdate reviewTurn(InterviewSession& session, domain::QualityReview& review,
                        const std::vector<ExtractedRequirement>& captured, std::string_view answerId,
                        std::string_view replyId) {
  ReviewUpdate update;
  for (const auto& requirement : captured) update.quality.append(review.add(requirement, recordOf(session)));

  // A finding asked about in the reply the person just answered, made precise by what they said.
  const InterviewMessage* asked = nullptr;
  for (auto it = session.messages.rbegin(); it != session.messages.rend(); ++it) {
    if (it->id == answerId) {
      for (auto before = std::next(it); before != session.messages.rend(); ++before) {
        if (before->role == MessageRole::Assistant) {
          asked = &*before;
          break;
        }
      }
      break;
    }
  }
  if (asked != nullptr) {
    for (auto& finding : session.findings) {
      if (finding.status != ReviewStatus::Open || finding.askedInMessageId != asked->id) continue;
      const auto* original = findRequirement(session, finding.requirementId);
      if (original == nullptr) continue;
      const bool refined = std::any_of(captured.begin(), captured.end(), [&](const ExtractedRequirement& c) {
        const bool sameProblem = std::any_of(session.findings.begin(), session.findings.end(), [&](const RequirementFinding& f) {
          return f.requirementId == c.id && f.kind == finding.kind && f.status == ReviewStatus::Open;
        });
        return !sameProblem && domain::refines(c, *original);
      });
      if (!refined) continue;
      finding.status = ReviewStatus::Resolved;
      update.quality.findings.push_back(finding);
    }
  }

  std::vector<std::string> latest;
  for (const auto& requirement : captured) latest.push_back(requirement.id);
  if (const auto next = domain::nextQualityQuestion(session.findings, session.conflicts, latest,
                                                    session.extractedRequirements)) {
    if (next->subject == domain::QualityQuestion::Subject::Conflict) {
      session.conflicts[next->index].askedInMessageId = std::string(replyId);
    } else {
      session.findings[next->index].askedInMessageId = std::string(replyId);
    }
    update.recordChanged = true;
  }
  update.recordChanged = update.recordChanged || !update.quality.empty();
  return update;
}

Result<ReviewUpdate> editRequirement(InterviewSession& session, domain::QualityReview& review,
                                     std::string_view requirementId, const RequirementChanges& changes,
                                     Timestamp now) {
  auto valid = checked(changes);
  if (!valid) return valid.error();
  ExtractedRequirement* requirement = findRequirement(session, requirementId);
  if (requirement == nullptr) return unknownRequirement(requirementId);
  auto changed = applyChanges(session, *requirement, *valid, now);
  return reexamined(session, review, *requirement, std::move(changed));
}

Result<ReviewUpdate> removeRequirement(InterviewSession& session, domain::QualityReview& review,
                                       std::string_view requirementId, Timestamp now) {
  const auto it = std::find_if(session.extractedRequirements.begin(), session.extractedRequirements.end(),
                               [&](const ExtractedRequirement& r) { return r.id == requirementId; });
  if (it == session.extractedRequirements.end()) return unknownRequirement(requirementId);
  session.requirementEdits.push_back({it->id, "removed", it->text, std::nullopt, now});
  for (auto& message : session.messages) {
    if (!message.requirementsExtracted) continue;
    auto& ids = *message.requirementsExtracted;
    ids.erase(std::remove(ids.begin(), ids.end(), it->id), ids.end());
    if (ids.empty()) message.requirementsExtracted.reset();
  }
  ReviewUpdate update;
  update.removed.push_back(*it);
  update.quality = review.remove(it->id, recordOf(session));
  session.extractedRequirements.erase(it);
  return update;
}

Result<ReviewUpdate> resolveConflict(InterviewSession& session, domain::QualityReview& review,
                                     std::string_view conflictId, ConflictResolution resolution, Timestamp now) {
  auto resolved = domain::resolveConflict(session.conflicts, conflictId, resolution);
  if (!resolved) return resolved.error();
  ReviewUpdate update;
  update.quality.conflicts.push_back(*resolved);
  if (resolution != ConflictResolution::KeepFirst && resolution != ConflictResolution::KeepSecond) return update;
  // The side not kept stays on record as decided against, which keeps what it says traceable.
  const std::string& loserId = resolved->requirementIds[resolution == ConflictResolution::KeepFirst ? 1 : 0];
  if (resolved->isProjectSide(loserId)) {
    review.decideAgainstProject(loserId);
    RequirementChanges wont;
    wont.priority = Priority::Wont;
    update.projectChanges.push_back({loserId, wont});
  } else if (ExtractedRequirement* loser = findRequirement(session, loserId)) {
    std::vector<std::string> changed;
    change(session, *loser, "priority", loser->priority, Priority::Wont, spellEnum<Priority>, now, changed);
    update.append(reexamined(session, review, *loser, std::move(changed)));
  }
  return update;
}

Result<ReviewUpdate> dismissFinding(InterviewSession& session, std::string_view findingId) {
  auto dismissed = domain::dismissFinding(session.findings, findingId);
  if (!dismissed) return dismissed.error();
  ReviewUpdate update;
  update.quality.findings.push_back(*dismissed);
  return update;
}

}  // namespace nexus
