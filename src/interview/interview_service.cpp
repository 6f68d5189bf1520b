#include "interview/interview_service.hpp"

#include <algorithm>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nexus {

using namespace std::chrono_literals;

InterviewService::InterviewService(LlmClient& llm, SessionStore& store, RequirementsStore& requirements,
                                   EventBus& events, const Clock& clock, Scheduler& scheduler,
                                   InterviewServiceOptions options)
    : clock_(clock),
      scheduler_(scheduler),
      idleEviction_(options.idleEviction),
      engine_(llm, store, requirements, events, clock, options.engine),
      sessions_(engine_, store, requirements, events, scheduler, options.autosaveInterval) {
  if (idleEviction_ > 0ms) {
    sweep_ = scheduler_.every(idleSweepInterval(idleEviction_), [this] { (void)evictIdleSessions(); });
  }
}

InterviewService::~InterviewService() {
  if (sweep_) scheduler_.cancel(*sweep_);  // waits out a sweep in progress
}

std::chrono::milliseconds InterviewService::idleSweepInterval(std::chrono::milliseconds idleEviction) {
  return std::clamp(idleEviction / 4, std::chrono::milliseconds{100}, std::chrono::milliseconds{60'000});
}

std::size_t InterviewService::evictIdleSessions() {
  if (idleEviction_ <= 0ms) return 0;  // off
  const Timestamp cutoff = clock_.now() - idleEviction_;
  std::size_t evicted = 0;
  for (const auto& id : engine_.idleSessions(cutoff)) {
    auto dropped = engine_.evictIdle(id, cutoff);
    if (!dropped || !*dropped) continue;  // busy, touched meanwhile, or its save failed (reported)
    sessions_.forgetSession(id);
    keepAutosaved(id);  // a call that came meanwhile has loaded it again
    ++evicted;
  }
#if defined(__GLIBC__)
  // glibc keeps what the evicted sessions freed for the process (bench/RESULTS.md: 10,000
  // sessions evicted at once left the RSS at its peak, 175 MiB); this gives the free pages back.
  if (evicted > 0) malloc_trim(0);
#endif
  return evicted;
}

void InterviewService::keepAutosaved(std::string_view sessionId) {
  if (engine_.holdsActive(sessionId)) sessions_.startAutoSave(std::string(sessionId));
}

Result<InterviewSession> InterviewService::start(std::string_view projectId, StartOptions options) {
  auto session = engine_.startSession(projectId, std::move(options));
  if (session) sessions_.startAutoSave(session->id);
  return session;
}

Result<ProcessMessageResult> InterviewService::sendMessage(std::string_view sessionId, std::string_view message) {
  auto result = engine_.processMessage(sessionId, message);
  keepAutosaved(sessionId);  // the turn may have loaded the session
  return result;
}

Result<std::optional<InterviewSession>> InterviewService::getSession(std::string_view sessionId) const {
  return engine_.getSession(sessionId);
}

Result<InterviewSession> InterviewService::resume(std::string_view sessionId) {
  auto session = engine_.resumeSession(sessionId);
  if (session) sessions_.startAutoSave(session->id);
  return session;
}

Result<std::optional<InterviewSession>> InterviewService::resumeByProject(std::string_view projectId) {
  auto session = engine_.resumeByProject(projectId);
  if (session && *session) sessions_.startAutoSave((*session)->id);
  return session;
}

Result<InterviewSession> InterviewService::pause(std::string_view sessionId) {
  auto paused = engine_.pauseSession(sessionId);
  if (paused) sessions_.stopAutoSave(paused->id);  // the final flush writes whatever autosave had pending
  return paused;
}

Result<InterviewSession> InterviewService::end(std::string_view sessionId) {
  auto ended = engine_.endSession(sessionId);
  if (!ended) return ended;
  sessions_.stopAutoSave(ended->id);
  engine_.forget(ended->id);
  sessions_.forgetSession(ended->id);
  return ended;
}

Result<bool> InterviewService::remove(std::string_view sessionId) {
  const std::string id(sessionId);
  sessions_.cancelAutoSave(id);
  engine_.forget(id);
  return sessions_.remove(id);
}

void InterviewService::forget(std::string_view sessionId) {
  const std::string id(sessionId);
  sessions_.stopAutoSave(id);
  engine_.forget(id);
  sessions_.forgetSession(id);
}

Result<Readiness> InterviewService::getReadiness(std::string_view sessionId) const {
  return engine_.getReadiness(sessionId);
}

Result<ExtractedRequirement> InterviewService::updateRequirement(std::string_view sessionId,
                                                                 std::string_view requirementId,
                                                                 const RequirementChanges& changes) {
  auto updated = engine_.updateRequirement(sessionId, requirementId, changes);
  engine_.forgetIfCompleted(sessionId);
  keepAutosaved(sessionId);
  return updated;
}

Result<void> InterviewService::removeRequirement(std::string_view sessionId, std::string_view requirementId) {
  auto removed = engine_.removeRequirement(sessionId, requirementId);
  engine_.forgetIfCompleted(sessionId);
  keepAutosaved(sessionId);
  return removed;
}

Result<RequirementConflict> InterviewService::resolveConflict(std::string_view sessionId,
                                                              std::string_view conflictId,
                                                              ConflictResolution resolution) {
  auto resolved = engine_.resolveConflict(sessionId, conflictId, resolution);
  engine_.forgetIfCompleted(sessionId);
  keepAutosaved(sessionId);
  return resolved;
}

Result<RequirementFinding> InterviewService::dismissFinding(std::string_view sessionId, std::string_view findingId) {
  auto dismissed = engine_.dismissFinding(sessionId, findingId);
  engine_.forgetIfCompleted(sessionId);
  keepAutosaved(sessionId);
  return dismissed;
}

Result<std::vector<SessionSummary>> InterviewService::list(std::string_view projectId) const {
  return sessions_.list(projectId);
}

Result<ExportCounts> InterviewService::exportToRequirementsDB(std::string_view sessionId) {
  return sessions_.exportToRequirementsDB(sessionId);
}

}  // namespace nexus
