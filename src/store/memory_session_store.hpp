#pragma once
// Sessions in a map: for tests, for `--db :memory:`-style throwaway runs, and as the reference
// model the persistent stores are checked against.

#include <map>
#include <mutex>

#include "store/session_store.hpp"

namespace nexus {

// Thread-safe (one mutex).
class MemorySessionStore final : public SessionStore {
 public:
  Result<void> save(const InterviewSession& session) override;
  Result<std::optional<InterviewSession>> load(std::string_view sessionId) const override;
  Result<std::optional<InterviewSession>> loadLatestOpen(std::string_view projectId) const override;
  Result<std::vector<SessionSummary>> list(std::string_view projectId) const override;
  Result<bool> remove(std::string_view sessionId) override;
  // One process only: there is nobody to refuse.
  Result<void> claim(std::string_view) override { return {}; }
  Result<void> release(std::string_view) override { return {}; }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, InterviewSession, std::less<>> sessions_;
};

}  // namespace nexus
