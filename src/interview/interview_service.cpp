#include "interview/interview_service.hpp"

namespace nexus {

InterviewService::InterviewService(LlmClient& llm, SessionStore& store, RequirementsStore& requirements,
                                   EventBus& events, const Clock& clock, Scheduler& scheduler,
                                   InterviewServiceOptions options)
    : engine_(llm, store, requirements, events, clock, options.engine),
      sessions_(engine_, store, requirements, events, scheduler, options.autosaveInterval) {}

Result<InterviewSession> InterviewService::start(std::string_view projectId, StartOptions options) {
  auto session = engine_.startSession(projectId, std::move(options));
  if (session) sessions_.startAutoSave(session->id);
  return session;
}

Result<ProcessMessageResult> InterviewService::sendMessage(std::string_view sessionId, std::string_view message) {
  return engine_.processMessage(sessionId, message);
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
}

Result<Readiness> InterviewService::getReadiness(std::string_view sessionId) const {
  return engine_.getReadiness(sessionId);
}

Result<ExtractedRequirement> InterviewService::updateRequirement(std::string_view sessionId,
                                                                 std::string_view requirementId,
                                                                 const RequirementChanges& changes) {
  auto updated = engine_.updateRequirement(sessionId, requirementId, changes);
  engine_.forgetIfCompleted(sessionId);
  return updated;
}

Result<void> InterviewService::removeRequirement(std::string_view sessionId, std::string_view requirementId) {
  auto removed = engine_.removeRequirement(sessionId, requirementId);
  engine_.forgetIfCompleted(sessionId);
  return removed;
}

Result<RequirementConflict> InterviewService::resolveConflict(std::string_view sessionId,
                                                              std::string_view conflictId,
                                                              ConflictResolution resolution) {
  auto resolved = engine_.resolveConflict(sessionId, conflictId, resolution);
  engine_.forgetIfCompleted(sessionId);
  return resolved;
}

Result<RequirementFinding> InterviewService::dismissFinding(std::string_view sessionId, std::string_view findingId) {
  auto dismissed = engine_.dismissFinding(sessionId, findingId);
  engine_.forgetIfCompleted(sessionId);
  return dismissed;
}

Result<std::vector<SessionSummary>> InterviewService::list(std::string_view projectId) const {
  return sessions_.list(projectId);
}

Result<ExportCounts> InterviewService::exportToRequirementsDB(std::string_view sessionId) {
  return sessions_.exportToRequirementsDB(sessionId);
}

}  // namespace nexus
