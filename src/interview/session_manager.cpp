#include "interview/session_manager.hpp"

#include <spdlog/spdlog.h>

#include "core/enums.hpp"
#include "core/text.hpp"
#include "events/event_types.hpp"

namespace nexus {

InterviewSessionManager::InterviewSessionManager(InterviewEngine& engine, SessionStore& store,
                                                 RequirementsStore& requirements, EventBus& events,
                                                 Scheduler& scheduler, std::chrono::milliseconds autosaveInterval)
    : engine_(engine), store_(store), requirements_(requirements), events_(events), scheduler_(scheduler),
      interval_(autosaveInterval) {}

InterviewSessionManager::~InterviewSessionManager() {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, task] : autosaves_) ids.push_back(id);
  }
  for (const auto& id : ids) stopAutoSave(id);
}

InterviewSessionManager::Fingerprint InterviewSessionManager::fingerprintOf(const InterviewSession& session) {
  return {session.messages.size(), session.extractedRequirements.size(), session.exploredAreas.size(),
          session.status, session.lastActivityAt};
}

Result<void> InterviewSessionManager::save(const InterviewSession& session) {
  if (auto saved = store_.save(session); !saved) return saved;
  {
    std::lock_guard lock(mutex_);
    lastSaved_[session.id] = fingerprintOf(session);
  }
  events_.emit(events::kSaved, {{"sessionId", session.id},
                                {"messageCount", session.messages.size()},
                                {"requirementCount", session.extractedRequirements.size()}});
  return {};
}

Result<std::optional<InterviewSession>> InterviewSessionManager::load(std::string_view sessionId) const {
  return store_.load(sessionId);
}

Result<std::optional<InterviewSession>> InterviewSessionManager::loadByProject(std::string_view projectId) const {
  return store_.loadLatestOpen(projectId);
}

Result<std::vector<SessionSummary>> InterviewSessionManager::list(std::string_view projectId) const {
  return store_.list(projectId);
}

Result<bool> InterviewSessionManager::remove(std::string_view sessionId) {
  const std::string id(sessionId);
  std::optional<Scheduler::TaskId> task;
  {
    std::lock_guard lock(mutex_);
    if (auto it = autosaves_.find(id); it != autosaves_.end()) {
      task = it->second;
      autosaves_.erase(it);
    }
    lastSaved_.erase(id);
  }
  if (task) scheduler_.cancel(*task);
  engine_.forget(id);
  return store_.remove(id);
}

void InterviewSessionManager::startAutoSave(const std::string& sessionId) {
  std::lock_guard lock(mutex_);
  if (autosaves_.count(sessionId) != 0) return;
  autosaves_[sessionId] = scheduler_.every(interval_, [this, sessionId] { (void)flush(sessionId); });
}

void InterviewSessionManager::stopAutoSave(const std::string& sessionId) {
  std::optional<Scheduler::TaskId> task;
  {
    std::lock_guard lock(mutex_);
    const auto it = autosaves_.find(sessionId);
    if (it == autosaves_.end()) return;
    task = it->second;
    autosaves_.erase(it);
  }
  scheduler_.cancel(*task);
  (void)flush(sessionId);
}

bool InterviewSessionManager::isAutoSaving(const std::string& sessionId) const {
  std::lock_guard lock(mutex_);
  return autosaves_.count(sessionId) != 0;
}

Result<bool> InterviewSessionManager::flush(const std::string& sessionId) {
  auto current = engine_.getSession(sessionId);
  if (!current) return current.error();
  if (!*current) return false;  // deleted meanwhile
  const InterviewSession& session = **current;
  {
    std::lock_guard lock(mutex_);
    const auto it = lastSaved_.find(sessionId);
    if (it != lastSaved_.end() && it->second == fingerprintOf(session)) return false;
  }
  if (auto saved = save(session); !saved) {
    spdlog::error("autosave of session {} failed: {}", sessionId, saved.error().message);
    events_.emit(events::kSystemError, {{"sessionId", sessionId},
                                        {"code", toString(saved.error().code)},
                                        {"message", "Autosave failed: " + saved.error().message},
                                        {"retryable", true}});
    return saved.error();
  }
  return true;
}

Result<ExportCounts> InterviewSessionManager::exportToRequirementsDB(std::string_view sessionId) {
  auto session = engine_.getSession(sessionId);
  if (!session) return session.error();
  if (!*session) {
    return Error::notFound("No interview session with id \"" + text::truncateUtf8(sessionId, 64) + "\"");
  }
  return exportSessionRequirements(**session, requirements_);
}

}  // namespace nexus
