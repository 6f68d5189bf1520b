#include "interview/session_manager.hpp"

#include <spdlog/spdlog.h>

#include "core/text.hpp"
#include "events/event_types.hpp"
#include "interview/system_error.hpp"

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
  std::size_t settled = 0;
  for (const auto& f : session.findings) settled += f.status != ReviewStatus::Open || f.askedInMessageId ? 1 : 0;
  for (const auto& c : session.conflicts) settled += c.status != ReviewStatus::Open || c.askedInMessageId ? 1 : 0;
  return {session.messages.size(), session.extractedRequirements.size(), session.exploredAreas.size(),
          session.requirementEdits.size(), session.findings.size() + session.conflicts.size(), settled,
          session.status, session.lastActivityAt};
}

Result<void> InterviewSessionManager::save(const InterviewSession& session) {
  if (auto saved = store_.save(session); !saved) return saved;
  announceSaved(session.id, fingerprintOf(session));
  return {};
}

void InterviewSessionManager::announceSaved(const std::string& sessionId, const Fingerprint& saved) {
  {
    std::lock_guard lock(mutex_);
    lastSaved_[sessionId] = saved;
  }
  events_.emit(events::kSaved, {{"sessionId", sessionId},
                                {"messageCount", saved.messages},
                                {"requirementCount", saved.requirements}});
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
  cancelAutoSave(id);
  {
    std::lock_guard lock(mutex_);
    lastSaved_.erase(id);
  }
  return store_.remove(id);
}

void InterviewSessionManager::startAutoSave(const std::string& sessionId) {
  std::lock_guard lock(mutex_);
  if (autosaves_.count(sessionId) != 0) return;
  autosaves_[sessionId] = scheduler_.every(interval_, [this, sessionId] { (void)flush(sessionId); });
}

void InterviewSessionManager::stopAutoSave(const std::string& sessionId) {
  if (cancelAutoSave(sessionId)) (void)flush(sessionId);
}

bool InterviewSessionManager::cancelAutoSave(const std::string& sessionId) {
  std::optional<Scheduler::TaskId> task;
  {
    std::lock_guard lock(mutex_);
    const auto it = autosaves_.find(sessionId);
    if (it == autosaves_.end()) return false;
    task = it->second;
    autosaves_.erase(it);
  }
  scheduler_.cancel(*task);
  return true;
}

void InterviewSessionManager::forgetSession(const std::string& sessionId) {
  cancelAutoSave(sessionId);
  std::lock_guard lock(mutex_);
  lastSaved_.erase(sessionId);
}

bool InterviewSessionManager::isAutoSaving(const std::string& sessionId) const {
  std::lock_guard lock(mutex_);
  return autosaves_.count(sessionId) != 0;
}

Result<bool> InterviewSessionManager::flush(const std::string& sessionId) {
  Fingerprint written;
  auto wrote = engine_.saveIfWanted(sessionId, [&](const InterviewSession& session) {
    written = fingerprintOf(session);
    std::lock_guard lock(mutex_);
    const auto it = lastSaved_.find(sessionId);
    return it == lastSaved_.end() || it->second != written;
  });
  if (!wrote) {
    spdlog::error("autosave of session {} failed: {}", sessionId, wrote.error().message);
    events_.emit(events::kSystemError, systemErrorPayload(sessionId, wrote.error(), "Autosave failed"));
    return wrote.error();
  }
  if (*wrote) announceSaved(sessionId, written);
  return *wrote;
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
