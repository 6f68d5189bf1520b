#pragma once
// The interview turn of DESIGN.md §3, and the session lifecycle around it.

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/types.hpp"
#include "events/event_bus.hpp"
#include "interview/requirement_extractor.hpp"
#include "llm/llm_client.hpp"
#include "store/requirements_store.hpp"
#include "store/session_store.hpp"

namespace nexus {

struct InterviewEngineOptions {
  std::size_t maxMessageBytes = 64 * 1024;
  double confidenceThreshold = RequirementExtractor::kDefaultThreshold;
  // Tokens of verbatim history per request; older turns travel only as the summary.
  std::size_t historyTokenBudget = 16000;
  // A new requirement this similar (content-word Jaccard) to one already captured is the same one.
  double duplicateSimilarity = 0.8;
  int maxReplyTokens = 1024;
  // Readiness (domain/readiness.hpp) at which the session counts as ready to hand over.
  double readyThreshold = kDefaultReadyThreshold;
};

struct TurnUpdate;    // interview/turn_merge.hpp
struct ReviewUpdate;  // interview/session_review.hpp

struct StartOptions {
  InterviewMode mode = InterviewMode::Genesis;
  std::optional<EvolutionContext> evolutionContext;
};

// Thread-safe. Turns of one session run one at a time, in call order as the mutex grants it;
// turns of different sessions run in parallel. getSession never waits for a model call or a
// store write.
// The engine keeps the sessions it started or resumed in memory, claimed in the store so that
// no other process talks in them meanwhile (released by forget(), evictIdle() and the
// destructor), and writes each through the SessionStore: the user's message before the model is
// called, the whole turn before processMessage returns. Each turn's new requirements are then
// recorded in the requirements database (merged with near-duplicates of the project); if that
// fails the turn still stands, system:error says so, and exporting the session later records
// them. A session dropped from memory (forget, evictIdle) is loaded again by the next call that
// changes it. All references must outlive the engine.
class InterviewEngine {
 public:
  InterviewEngine(LlmClient& llm, SessionStore& store, RequirementsStore& requirements, EventBus& events,
                  const Clock& clock, InterviewEngineOptions options = {});
  ~InterviewEngine();
  InterviewEngine(const InterviewEngine&) = delete;
  InterviewEngine& operator=(const InterviewEngine&) = delete;

  // A new active session whose first message is the greeting. Emits interview:started.
  Result<InterviewSession> startSession(std::string_view projectId, StartOptions options = {});

  // One turn: the person's message in, the interviewer's reply, captured requirements and
  // suggested gaps out. Errors: NotFound, NotActive, InvalidArgument (empty, not UTF-8),
  // PayloadTooLarge, ModelFailed (retryable as the backend says; the user message stays),
  // Cancelled (paused or ended meanwhile), StorageFailed (the message was not accepted).
  Result<ProcessMessageResult> processMessage(std::string_view sessionId, std::string_view message);

  // A snapshot: from memory, else from the store; nullopt if unknown. Never waits for a turn's
  // store write, so it may show a message whose write is still under way (and would be taken
  // back if that write failed).
  Result<std::optional<InterviewSession>> getSession(std::string_view sessionId) const;

  // Cancel a turn in flight and stop accepting messages. Emit interview:paused / completed.
  Result<InterviewSession> pauseSession(std::string_view sessionId);
  Result<InterviewSession> endSession(std::string_view sessionId);
  // Loads the session if needed and makes it active again. A completed session stays
  // completed (NotActive). Emits interview:resumed.
  Result<InterviewSession> resumeSession(std::string_view sessionId);

  // The project's most recently active session that is not completed, resumed; nullopt when
  // there is none.
  Result<std::optional<InterviewSession>> resumeByProject(std::string_view projectId);

  // Writes the session as it is in memory through the store when `wanted(session)` says so,
  // serialised with the turns' own writes, so that an older state is never written after a
  // newer one (autosave's flush). False when it is not in memory or not wanted; `wanted` runs
  // under the session's write lock and must not call back into the engine.
  Result<bool> saveIfWanted(std::string_view sessionId, const std::function<bool(const InterviewSession&)>& wanted);

  // Quality analysis and the person's edits (DESIGN.md §4). Each change is saved before it is
  // announced (interview:finding-detected, conflict-detected, requirement-updated,
  // readiness-changed) and then reaches the requirements database entry of the requirement;
  // if the save fails nothing changes. They work on sessions in any status (a completed
  // interview can still be corrected) and wait only for a store write, never for a model call.
  // From memory, else from the store (never claiming it, like getSession).
  Result<Readiness> getReadiness(std::string_view sessionId) const;
  // The requirement after the change; fields the person sets are listed in editedFields and are
  // never overwritten afterwards. NotFound (session or requirement), InvalidArgument.
  Result<ExtractedRequirement> updateRequirement(std::string_view sessionId, std::string_view requirementId,
                                                 const RequirementChanges& changes);
  Result<void> removeRequirement(std::string_view sessionId, std::string_view requirementId);
  // keep-first / keep-second make the other requirement "wont" (an edit of the person's).
  Result<RequirementConflict> resolveConflict(std::string_view sessionId, std::string_view conflictId,
                                              ConflictResolution resolution);
  Result<RequirementFinding> dismissFinding(std::string_view sessionId, std::string_view findingId);

  // Idle eviction (InterviewService runs the sweep). Every call for a session above touches it
  // (getSession and getReadiness too; saveIfWanted, the autosave's, does not).
  // The sessions held whose last call came at or before `cutoff`.
  std::vector<std::string> idleSessions(Timestamp cutoff) const;
  // Drops the session from memory, as forget() does, when no call for it came after `cutoff`
  // and none is under way (a turn or a write: then it is left for the next sweep). What only
  // memory has (a turn whose write failed) is saved first; when that save fails the session
  // stays in memory, system:error says so, and the error is returned. True when it was dropped.
  // A call that found the session before and locks it after loads it again, so none is lost.
  Result<bool> evictIdle(std::string_view sessionId, Timestamp cutoff);
  // Whether the engine holds the session in memory and it is active (what is autosaved).
  bool holdsActive(std::string_view sessionId) const;

  // Drops a session from memory (not from the store), cancelling a turn in flight.
  void forget(std::string_view sessionId);
  // forget() when the engine holds the session and it is completed (loaded only for a change).
  void forgetIfCompleted(std::string_view sessionId);

  BackendInfo backend() const { return llm_.info(); }
  const InterviewEngineOptions& options() const { return options_; }

  static std::string getGreeting(InterviewMode mode);

 private:
  struct Slot;

  // The slot held for the session, touched: for the calls of a person (or a front end).
  std::shared_ptr<Slot> find(std::string_view sessionId) const;
  // The same without touching it: for the engine's own bookkeeping (autosave, the sweep).
  std::shared_ptr<Slot> held(std::string_view sessionId) const;
  Result<std::shared_ptr<Slot>> findOrLoad(std::string_view sessionId);
  // A slot with one of its locks held: the lock is released before the slot is let go.
  struct LockedSlot {
    std::shared_ptr<Slot> slot;
    std::unique_lock<std::mutex> lock;
  };
  // findOrLoad, holding the slot's `mutex` (turnMutex or writeMutex); the session is loaded
  // again when the slot found was evicted before the lock was granted.
  Result<LockedSlot> findOrLoadLocked(std::string_view sessionId, std::mutex Slot::*mutex);
  Result<void> validateMessage(std::string_view message) const;
  Result<InterviewSession> transition(std::string_view sessionId, SessionStatus to);
  LlmRequest buildRequest(Slot& slot) const;
  // For a new slot: the project's requirements that other interviews recorded (or were imported).
  std::shared_ptr<const domain::ProjectIndex> projectIndex(const std::string& projectId,
                                                           std::string_view sessionId) const;
  // The reply merged into the session (turn_merge), applied and persisted under the session's
  // write lock, then published outside every lock.
  ProcessMessageResult applyReply(Slot& slot, const std::string& userMessageId, const LlmResponse& reply);
  void publishTurn(const std::string& projectId, const std::string& sessionId, const TurnUpdate& update,
                   const std::optional<Error>& saveError);
  void emitMessage(const std::string& sessionId, const InterviewMessage& message);

  // Runs `change` on the session under its write lock, saves, and on success publishes the
  // update and carries it to the requirements database; on a failed save the session is as before.
  using SessionChange = std::function<Result<ReviewUpdate>(InterviewSession&, Slot&)>;
  Result<ReviewUpdate> changeSession(std::string_view sessionId, const SessionChange& change);
  // Events for what the review changed; readiness-changed when the score or verdict moved.
  void publishReview(const std::string& sessionId, const ReviewUpdate& update, const std::optional<Readiness>& readiness);
  // True when the session's readiness moved from slot.announcedReadiness (its score, verdict,
  // open counts or an area's status; not only the areas' requirement ids), which then becomes
  // the readiness now. Called under the slot's writeMutex.
  static bool refreshReadiness(Slot& slot, double threshold);
  void syncRequirementsDatabase(const std::string& projectId, const std::string& sessionId, const ReviewUpdate& update);

  void recordRequirements(const std::string& projectId, const std::string& sessionId,
                          const std::vector<ExtractedRequirement>& captured);

  LlmClient& llm_;
  SessionStore& store_;
  RequirementsStore& requirements_;
  EventBus& events_;
  const Clock& clock_;
  InterviewEngineOptions options_;
  RequirementExtractor extractor_;

  mutable std::mutex slotsMutex_;
  std::unordered_map<std::string, std::shared_ptr<Slot>> slots_;
};

}  // namespace nexus
