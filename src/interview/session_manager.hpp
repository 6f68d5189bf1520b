#pragma once
// The original plan's InterviewSessionManager: the store's face towards front ends, and
// autosave. The engine already writes every turn through; autosave is the safety net that
// retries what a failed write left only in memory, and the final flush at shutdown. It reads
// sessions from the engine but never changes their lifecycle: InterviewService pairs the two.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/scheduler.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "interview/requirements_export.hpp"
#include "store/requirements_store.hpp"
#include "store/session_store.hpp"

namespace nexus {

// Thread-safe. All references must outlive the manager.
class InterviewSessionManager {
 public:
  static constexpr std::chrono::milliseconds kDefaultAutosaveInterval{30000};

  InterviewSessionManager(InterviewEngine& engine, SessionStore& store, RequirementsStore& requirements,
                          EventBus& events, Scheduler& scheduler,
                          std::chrono::milliseconds autosaveInterval = kDefaultAutosaveInterval);
  ~InterviewSessionManager();  // stops every autosave after a final flush
  InterviewSessionManager(const InterviewSessionManager&) = delete;
  InterviewSessionManager& operator=(const InterviewSessionManager&) = delete;

  // Writes the given session and emits interview:saved. For a session the engine does not hold:
  // one it holds is written by flush(), which goes through the engine's write lock so that an
  // older state is never written after a newer one.
  Result<void> save(const InterviewSession& session);
  Result<std::optional<InterviewSession>> load(std::string_view sessionId) const;
  // The project's most recently active session that is not completed.
  Result<std::optional<InterviewSession>> loadByProject(std::string_view projectId) const;
  // Stops its autosave (no flush) and deletes it from the store; false if there was none.
  Result<bool> remove(std::string_view sessionId);
  Result<std::vector<SessionSummary>> list(std::string_view projectId = {}) const;

  // Saves the session every interval while it changes; starting twice is harmless.
  void startAutoSave(const std::string& sessionId);
  // Stops it after a final flush; nothing happens if it was not autosaving.
  void stopAutoSave(const std::string& sessionId);
  // Stops it without a flush (the session is going away); false if it was not autosaving.
  bool cancelAutoSave(const std::string& sessionId);
  bool isAutoSaving(const std::string& sessionId) const;
  // For a session the engine no longer holds (evicted, ended, forgotten; saved already): stops its
  // autosave without a flush and drops what the manager remembers of its last save.
  void forgetSession(const std::string& sessionId);

  // Saves the engine's current state of the session if it changed since the last save this
  // manager made; true when it wrote, false also when the engine does not hold the session. A
  // failure is reported (system:error) and retried by the next flush.
  Result<bool> flush(const std::string& sessionId);

  // Records every requirement of the session (the engine's current state, else the stored one)
  // in the requirements database with its source; idempotent: exporting again adds nothing and
  // gives the same total(). NotFound for an unknown session.
  Result<ExportCounts> exportToRequirementsDB(std::string_view sessionId);

 private:
  // What tells two states of a session apart cheaply: a session grows, changes status, or has
  // its findings and conflicts asked about and settled; every edit of the person's is counted.
  struct Fingerprint {
    std::size_t messages = 0;
    std::size_t requirements = 0;
    std::size_t exploredAreas = 0;
    std::size_t edits = 0;
    std::size_t reviewed = 0;  // findings and conflicts
    std::size_t settled = 0;   // of those, asked about or no longer open
    SessionStatus status = SessionStatus::Active;
    Timestamp lastActivityAt{};
    bool operator==(const Fingerprint&) const = default;
  };
  static Fingerprint fingerprintOf(const InterviewSession& session);
  // Remembers what was written and emits interview:saved.
  void announceSaved(const std::string& sessionId, const Fingerprint& saved);

  InterviewEngine& engine_;
  SessionStore& store_;
  RequirementsStore& requirements_;
  EventBus& events_;
  Scheduler& scheduler_;
  std::chrono::milliseconds interval_;

  mutable std::mutex mutex_;
  std::map<std::string, Scheduler::TaskId, std::less<>> autosaves_;
  std::map<std::string, Fingerprint, std::less<>> lastSaved_;
};

}  // namespace nexus
