#include "store/memory_session_store.hpp"

#include <algorithm>

namespace nexus {

SessionSummary summarize(const InterviewSession& session) {
  return {session.id,           session.projectId,
          session.status,       session.mode,
          session.messages.size(), session.extractedRequirements.size(),
          session.startedAt,    session.lastActivityAt};
}

Result<void> MemorySessionStore::save(const InterviewSession& session) {
  std::lock_guard lock(mutex_);
  sessions_.insert_or_assign(session.id, session);
  return {};
}

Result<std::optional<InterviewSession>> MemorySessionStore::load(std::string_view sessionId) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(sessionId);
  if (it == sessions_.end()) return std::optional<InterviewSession>{};
  return std::optional<InterviewSession>{it->second};
}

Result<std::optional<InterviewSession>> MemorySessionStore::loadLatestOpen(std::string_view projectId) const {
  std::lock_guard lock(mutex_);
  const InterviewSession* latest = nullptr;
  for (const auto& [id, session] : sessions_) {
    if (session.projectId != projectId || session.status == SessionStatus::Completed) continue;
    if (latest == nullptr || session.lastActivityAt > latest->lastActivityAt) latest = &session;
  }
  if (latest == nullptr) return std::optional<InterviewSession>{};
  return std::optional<InterviewSession>{*latest};
}

Result<std::vector<SessionSummary>> MemorySessionStore::list(std::string_view projectId) const {
  std::lock_guard lock(mutex_);
  std::vector<SessionSummary> summaries;
  for (const auto& [id, session] : sessions_) {
    if (projectId.empty() || session.projectId == projectId) summaries.push_back(summarize(session));
  }
  std::stable_sort(summaries.begin(), summaries.end(),
                   [](const SessionSummary& a, const SessionSummary& b) { return a.lastActivityAt > b.lastActivityAt; });
  return summaries;
}

Result<bool> MemorySessionStore::remove(std::string_view sessionId) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(sessionId);
  if (it == sessions_.end()) return false;
  sessions_.erase(it);
  return true;
}

}  // namespace nexus
