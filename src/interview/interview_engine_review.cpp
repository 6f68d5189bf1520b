// InterviewEngine: quality analysis and the person's edits (the turn is in interview_engine.cpp).

#include <spdlog/spdlog.h>

#include "core/enums.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/json.hpp"
#include "domain/readiness.hpp"
#include "events/event_types.hpp"
#include "interview/engine_slot.hpp"
#include "interview/interview_engine.hpp"
#include "interview/requirements_export.hpp"
#include "interview/session_review.hpp"
#include "interview/system_error.hpp"

namespace nexus {
namespace {

Readiness readinessOf(const InterviewSession& session, double threshold,
                      const domain::ReadinessBasics* basics = nullptr) {
  return domain::assessReadiness(session.extractedRequirements, session.findings, session.conflicts, threshold,
                                 basics);
}

// The database's changes for the fields the person changed.
RequirementChanges changesOf(const UpdatedRequirement& updated) {
  RequirementChanges changes;
  const auto& r = updated.requirement;
  for (const auto& field : updated.changedFields) {
    if (field == "text") changes.text = r.text;
    if (field == "category") changes.category = r.category;
    if (field == "priority") changes.priority = r.priority;
    if (field == "area") changes.area = r.area.value_or("");
  }
  return changes;
}

}  // namespace

bool InterviewEngine::refreshReadiness(Slot& slot, double threshold) {
  if (slot.keptStale) {
    Readiness now = readinessOf(slot.session, threshold);
    const bool moved = !slot.announcedReadiness || !domain::sameAssessment(*slot.announcedReadiness, now);
    if (moved) slot.announcedReadiness = std::move(now);
    return moved;
  }
  // The kept assessment costs the same however many requirements there are; the areas'
  // requirement ids, which do not, are listed only when it moved.
  const bool moved = !slot.announcedReadiness ||
                     !domain::sameAssessment(*slot.announcedReadiness, slot.kept.readiness.assessment(threshold));
  if (moved) slot.announcedReadiness = readinessOf(slot.session, threshold, &slot.kept.readiness.basics());
  return moved;
}

Result<Readiness> InterviewEngine::getReadiness(std::string_view sessionId) const {
  // Like getSession: a session the engine does not hold is read, not claimed.
  if (auto slot = find(sessionId)) {
    std::lock_guard state(slot->stateMutex);
    return readinessOf(slot->session, options_.readyThreshold);
  }
  const auto unknown = [&] {
    return Error::notFound("No interview session with id \"" + text::truncateUtf8(sessionId, 64) + "\"");
  };
  if (!isWellFormedId(sessionId)) return unknown();
  auto stored = store_.load(sessionId);
  if (!stored) return stored.error();
  if (!*stored) return unknown();
  return readinessOf(**stored, options_.readyThreshold);
}

Result<ExtractedRequirement> InterviewEngine::updateRequirement(std::string_view sessionId,
                                                                std::string_view requirementId,
                                                                const RequirementChanges& changes) {
  ExtractedRequirement after;
  auto changed = changeSession(sessionId, [&](InterviewSession& session, Slot& slot) -> Result<ReviewUpdate> {
    auto update = editRequirement(session, slot.review, requirementId, changes, clock_.now());
    if (update) {
      for (const auto& r : session.extractedRequirements) {
        if (r.id == requirementId) after = r;
      }
    }
    return update;
  });
  if (!changed) return changed.error();
  return after;
}

Result<void> InterviewEngine::removeRequirement(std::string_view sessionId, std::string_view requirementId) {
  auto changed = changeSession(sessionId, [&](InterviewSession& session, Slot& slot) {
    return nexus::removeRequirement(session, slot.review, requirementId, clock_.now());
  });
  if (!changed) return changed.error();
  return {};
}

Result<RequirementConflict> InterviewEngine::resolveConflict(std::string_view sessionId, std::string_view conflictId,
                                                             ConflictResolution resolution) {
  auto changed = changeSession(sessionId, [&](InterviewSession& session, Slot& slot) {
    return nexus::resolveConflict(session, slot.review, conflictId, resolution, clock_.now());
  });
  if (!changed) return changed.error();
  for (const auto& conflict : changed->quality.conflicts) {
    if (conflict.id == conflictId) return conflict;
  }
  return Error::internal("the resolved conflict was not reported");
}

Result<RequirementFinding> InterviewEngine::dismissFinding(std::string_view sessionId, std::string_view findingId) {
  auto changed = changeSession(sessionId, [&](InterviewSession& session, Slot&) {
    return nexus::dismissFinding(session, findingId);
  });
  if (!changed) return changed.error();
  for (const auto& finding : changed->quality.findings) {
    if (finding.id == findingId) return finding;
  }
  return Error::internal("the dismissed finding was not reported");
}

Result<ReviewUpdate> InterviewEngine::changeSession(std::string_view sessionId, const SessionChange& change) {
  auto found = findOrLoadLocked(sessionId, &Slot::writeMutex);
  if (!found) return found.error();
  Slot& slot = *found->slot;
  ReviewUpdate update;
  std::optional<Readiness> readiness;
  std::string id;
  std::string projectId;
  {
    const std::unique_lock write = std::move(found->lock);
    InterviewSession& session = slot.session;
    id = session.id;
    projectId = session.projectId;
    InterviewSession before = session;  // what a failed save puts back
    Result<ReviewUpdate> changed = ReviewUpdate{};
    {
      std::lock_guard state(slot.stateMutex);
      changed = change(session, slot);
    }
    if (!changed) return changed.error();  // refused before anything changed
    update = std::move(*changed);
    if (update.empty()) return update;
    {
      std::lock_guard state(slot.stateMutex);
      slot.keptStale = true;
    }
    if (auto saved = store_.save(session); !saved) {
      std::lock_guard state(slot.stateMutex);
      session = std::move(before);
      slot.review = reviewOf(session, slot.project);
      slot.keptStale = true;
      return saved.error();
    }
    slot.unsaved = false;
    if (refreshReadiness(slot, options_.readyThreshold)) readiness = slot.announcedReadiness;
  }
  publishReview(id, update, readiness);
  syncRequirementsDatabase(projectId, id, update);
  return update;
}

void InterviewEngine::publishReview(const std::string& sessionId, const ReviewUpdate& update,
                                    const std::optional<Readiness>& readiness) {
  for (const auto& updated : update.updated) {
    events_.emit(events::kRequirementUpdated, {{"sessionId", sessionId},
                                               {"requirement", updated.requirement},
                                               {"changedFields", updated.changedFields}});
  }
  for (const auto& removed : update.removed) {
    events_.emit(events::kRequirementUpdated, {{"sessionId", sessionId},
                                               {"requirement", removed},
                                               {"changedFields", std::vector<std::string>{"removed"}}});
  }
  for (const auto& finding : update.quality.findings) {
    events_.emit(events::kFindingDetected, {{"sessionId", sessionId}, {"finding", finding}});
  }
  for (const auto& conflict : update.quality.conflicts) {
    events_.emit(events::kConflictDetected, {{"sessionId", sessionId}, {"conflict", conflict}});
  }
  if (readiness) events_.emit(events::kReadinessChanged, {{"sessionId", sessionId}, {"readiness", *readiness}});
}

void InterviewEngine::syncRequirementsDatabase(const std::string& projectId, const std::string& sessionId,
                                               const ReviewUpdate& update) {
  const auto report = [&](const Error& error) {
    spdlog::error("session {}: the requirements database was not updated: {}", sessionId, error.message);
    events_.emit(events::kSystemError,
                 systemErrorPayload(sessionId, error,
                                    "The requirements database was not updated with your change (the session "
                                    "keeps it; export the session to retry)"));
  };
  for (const auto& updated : update.updated) {
    // Recorded already (the usual case): found by its origin; else recorded now, as it is.
    auto recorded = requirements_.add(newRequirementFrom(projectId, sessionId, updated.requirement));
    if (!recorded) return report(recorded.error());
    if (recorded->outcome == AddOutcome::Added) continue;
    if (auto changed = requirements_.update(recorded->requirement.id, changesOf(updated)); !changed) {
      return report(changed.error());
    }
  }
  for (const auto& change : update.projectChanges) {
    if (auto changed = requirements_.update(change.requirementId, change.changes); !changed) {
      return report(changed.error());
    }
  }
  if (update.removed.empty()) return;
  auto listed = requirements_.list(projectId);
  if (!listed) return report(listed.error());
  const std::string source = interviewSource(sessionId);
  for (const auto& removed : update.removed) {
    for (const auto& entry : *listed) {
      // Stated only here: it goes. Stated elsewhere too: those statements still stand.
      if (entry.sources.size() != 1 || entry.sources[0].source != source || entry.sources[0].originId != removed.id) {
        continue;
      }
      if (auto gone = requirements_.remove(entry.id); !gone) return report(gone.error());
    }
  }
}

}  // namespace nexus
