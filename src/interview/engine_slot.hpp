#pragma once
// The engine's in-memory state of one session, shared by the files that implement the engine.

#include <atomic>
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
// Everything here but the session itself is derived from it (or from the store) when the slot
// is made, so a session evicted when idle and loaded again has it all back as it was.
struct InterviewEngine::Slot {
  Slot(InterviewSession loaded, std::shared_ptr<const domain::ProjectIndex> projectIndex, double duplicateSimilarity,
       Timestamp made)
      : session(std::move(loaded)),
        project(std::move(projectIndex)),
        review(reviewOf(session, project)),
        kept(keptOf(session, duplicateSimilarity)),
        lastTouched(made.time_since_epoch().count()) {}

  void touch(Timestamp now) { lastTouched.store(now.time_since_epoch().count(), std::memory_order_relaxed); }
  Timestamp touchedAt() const {
    return Timestamp{std::chrono::milliseconds{lastTouched.load(std::memory_order_relaxed)}};
  }

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
  // When a call for the session last came or ended (the engine's Clock): what the idle sweep
  // reads. Atomic, so that a reader of the session (getSession) records its touch under no lock.
  std::atomic<Timestamp::rep> lastTouched;
  // The session in memory is ahead of the store: a turn's write failed (applyReply) and no write
  // has succeeded since. Guarded by writeMutex, which every write holds.
  bool unsaved = false;
  // Set by evictIdle, under turnMutex, writeMutex and stateMutex, before the slot leaves slots_:
  // a call that found the slot before and takes one of those locks after sees it and loads the
  // session again from the store (where the eviction left it), so nothing is written to a slot
  // that is gone. Readers may go on reading it: the session in it no longer changes.
  bool evicted = false;

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
