#pragma once
// The engine's in-memory state of one session, shared by the files that implement the engine.

#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <vector>

#include "core/types.hpp"
#include "domain/project_index.hpp"
#include "domain/quality_review.hpp"
#include "interview/interview_engine.hpp"
#include "interview/session_coverage.hpp"
#include "interview/session_review.hpp"

namespace nexus {

// The session is changed only by a holder of both writeMutex and stateMutex, so a holder of
// either one may read it. Store writes hold writeMutex alone: getSession (stateMutex) never
// waits for the database, and writes of one session never overtake each other.
struct InterviewEngine::Slot {
  Slot(InterviewSession loaded, std::shared_ptr<const domain::ProjectIndex> projectIndex, double duplicateSimilarity)
      : session(std::move(loaded)),
        project(std::move(projectIndex)),
        review(reviewOf(session, project)),
        kept(keptOf(session, duplicateSimilarity)) {}

  std::mutex turnMutex;            // held for a whole turn: one turn at a time per session
  std::mutex writeMutex;           // held to change the session and write it; never across a model call
  mutable std::mutex stateMutex;   // held only for work in memory
  InterviewSession session;
  // The project's requirements from other interviews and imports, as they were when the slot was
  // made (projectRequirementsOf); immutable, so it is read without a lock.
  const std::shared_ptr<const domain::ProjectIndex> project;
  domain::QualityReview review;    // the conflict index over those and session's requirements; as the session
  std::optional<Readiness> announcedReadiness;  // the last one published; guarded by writeMutex
  // Derived from the session, updated once per turn (recordTurn) and lent to the interviewer for
  // the turn (InterviewContext); touched only by the thread holding turnMutex.
  KeptSession kept;
  // Set when the person changed requirements between turns (changed under writeMutex and
  // stateMutex, like the session): `kept` is not used until the next turn rebuilds it.
  bool keptStale = false;
  std::stop_source cancel;         // of the turn in flight; guarded by stateMutex

  // The session's conflict index, lent to the interviewer for a turn (InterviewContext::
  // sessionConflicts) so that it need not index the session again: read under stateMutex, since
  // the person's edits may change it while the model call runs.
  class LentConflicts final : public domain::ConflictLookup {
   public:
    explicit LentConflicts(const Slot& slot) : slot_(slot) {}
    std::vector<domain::ConflictDraft> conflictsWith(const ExtractedRequirement& requirement) const override {
      std::lock_guard state(slot_.stateMutex);
      return slot_.review.index().conflictsWith(requirement);
    }

   private:
    const Slot& slot_;
  };
  const LentConflicts lentConflicts{*this};
};

}  // namespace nexus
