#pragma once
// The engine's in-memory state of one session, shared by the files that implement the engine.

#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>

#include "core/types.hpp"
#include "domain/project_index.hpp"
#include "domain/quality_review.hpp"
#include "interview/interview_engine.hpp"
#include "interview/session_review.hpp"

namespace nexus {

// The session is changed only by a holder of both writeMutex and stateMutex, so a holder of
// either one may read it. Store writes hold writeMutex alone: getSession (stateMutex) never
// waits for the database, and writes of one session never overtake each other.
struct InterviewEngine::Slot {
  Slot(InterviewSession loaded, std::shared_ptr<const domain::ProjectIndex> projectIndex)
      : session(std::move(loaded)), project(std::move(projectIndex)), review(reviewOf(session, project)) {}

  std::mutex turnMutex;            // held for a whole turn: one turn at a time per session
  std::mutex writeMutex;           // held to change the session and write it; never across a model call
  mutable std::mutex stateMutex;   // held only for work in memory
  InterviewSession session;
  // The project's requirements from other interviews and imports, as they were when the slot was
  // made (projectRequirementsOf); immutable, so it is read without a lock.
  const std::shared_ptr<const domain::ProjectIndex> project;
  domain::QualityReview review;    // the conflict index over those and session's requirements; as the session
  std::optional<Readiness> announcedReadiness;  // the last one published; guarded by writeMutex
  std::stop_source cancel;         // of the turn in flight; guarded by stateMutex
};

}  // namespace nexus
