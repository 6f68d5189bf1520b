#pragma once
// The interview lifecycle in one place: start, resume, pause, end, delete and forget, each
// together with the autosave that goes with it and always in the same order. The API's
// dispatcher and the terminal's `nexus interview` both drive interviews through it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/scheduler.hpp"
#include "core/types.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "interview/requirements_export.hpp"
#include "interview/session_manager.hpp"
#include "llm/llm_client.hpp"
#include "store/requirements_store.hpp"
#include "store/session_store.hpp"

namespace nexus {

struct InterviewServiceOptions {
  static constexpr std::chrono::milliseconds kDefaultIdleEviction{15 * 60 * 1000};

  InterviewEngineOptions engine;
  std::chrono::milliseconds autosaveInterval = InterviewSessionManager::kDefaultAutosaveInterval;
  // A session no call has touched for this long is saved and dropped from memory (then loaded
  // again by its next call); zero keeps every session in memory until it ends or is forgotten.
  std::chrono::milliseconds idleEviction = kDefaultIdleEviction;
};

// Thread-safe (as the engine and the manager it owns are). It builds the engine and the
// session manager over the parts it is given, all of which must outlive it; destroying it
// stops the idle sweep, then every autosave after a final flush, then releases the sessions
// the engine holds.
// Every active session the engine holds is autosaved: one loaded again by a call (after an
// eviction, or one another process left) goes back to autosave.
// Idle eviction: a scheduler task sweeps every idleSweepInterval(idleEviction) and evicts the
// sessions that no call touched for idleEviction by the clock (InterviewEngine::evictIdle: never
// under a turn or a write, only once saved), stopping their autosave without a flush.
class InterviewService {
 public:
  InterviewService(LlmClient& llm, SessionStore& store, RequirementsStore& requirements, EventBus& events,
                   const Clock& clock, Scheduler& scheduler, InterviewServiceOptions options = {});
  ~InterviewService();
  InterviewService(const InterviewService&) = delete;
  InterviewService& operator=(const InterviewService&) = delete;

  // A new active session, autosaved from now on.
  Result<InterviewSession> start(std::string_view projectId, StartOptions options = {});
  // One turn (see InterviewEngine::processMessage for its errors).
  Result<ProcessMessageResult> sendMessage(std::string_view sessionId, std::string_view message);
  // From memory, else from the store; nullopt if unknown.
  Result<std::optional<InterviewSession>> getSession(std::string_view sessionId) const;

  // The session made active again (loaded if needed) and autosaved. NotFound when unknown,
  // NotActive when completed, Busy when another process holds it.
  Result<InterviewSession> resume(std::string_view sessionId);
  // The project's most recently active session that is not completed, resumed; nullopt if none.
  Result<std::optional<InterviewSession>> resumeByProject(std::string_view projectId);

  // Paused (a turn in flight is cancelled), then its autosave stops after a final flush. The
  // session stays in memory, so resuming it needs no load. On failure autosave goes on.
  Result<InterviewSession> pause(std::string_view sessionId);
  // Completed, its autosave stopped after a final flush, and dropped from memory: a completed
  // session never changes again, so it is read from the store from now on.
  Result<InterviewSession> end(std::string_view sessionId);
  // Autosave stopped without a flush, dropped from memory, deleted from the store (its
  // requirements stay in the requirements database). False if there was no such session.
  Result<bool> remove(std::string_view sessionId);
  // Autosave stopped after a final flush and dropped from memory (a turn in flight is
  // cancelled); the stored session stays as it is, for another process to take over.
  void forget(std::string_view sessionId);

  // Quality analysis and the person's edits (see InterviewEngine). A completed session is
  // loaded for the change and dropped from memory again afterwards.
  Result<Readiness> getReadiness(std::string_view sessionId) const;
  Result<ExtractedRequirement> updateRequirement(std::string_view sessionId, std::string_view requirementId,
                                                 const RequirementChanges& changes);
  Result<void> removeRequirement(std::string_view sessionId, std::string_view requirementId);
  Result<RequirementConflict> resolveConflict(std::string_view sessionId, std::string_view conflictId,
                                              ConflictResolution resolution);
  Result<RequirementFinding> dismissFinding(std::string_view sessionId, std::string_view findingId);

  Result<std::vector<SessionSummary>> list(std::string_view projectId = {}) const;
  Result<ExportCounts> exportToRequirementsDB(std::string_view sessionId);

  static std::string greeting(InterviewMode mode) { return InterviewEngine::getGreeting(mode); }
  BackendInfo backend() const { return engine_.backend(); }
  const InterviewEngineOptions& engineOptions() const { return engine_.options(); }

  // The parts, for callers that need one directly (tests, benchmarks).
  InterviewEngine& engine() { return engine_; }
  InterviewSessionManager& sessions() { return sessions_; }

  // How often the idle sweep runs for an eviction limit: a quarter of it, between 100 ms and a
  // minute, so a session leaves memory at most that long after it became idle.
  static std::chrono::milliseconds idleSweepInterval(std::chrono::milliseconds idleEviction);
  // One sweep, as the scheduler runs it: the number of sessions evicted.
  std::size_t evictIdleSessions();

 private:
  // Starts autosave when the engine holds the session active and it is not autosaved yet.
  void keepAutosaved(std::string_view sessionId);

  const Clock& clock_;
  Scheduler& scheduler_;
  const std::chrono::milliseconds idleEviction_;
  InterviewEngine engine_;
  InterviewSessionManager sessions_;  // after the engine: destroyed first, its final flush reads the engine
  std::optional<Scheduler::TaskId> sweep_;  // none when idle eviction is off
};

}  // namespace nexus
