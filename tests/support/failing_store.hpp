#pragma once
// Wraps a store and fails its writes on demand (leveldb's ErrorEnv idea).

#include <atomic>

#include "store/session_store.hpp"

namespace nexus::testing {

class FailingStore final : public SessionStore {
 public:
  explicit FailingStore(SessionStore& inner) : inner_(inner) {}
  void failSaves(bool fail) { failSaves_ = fail; }
  int saves() const { return saves_; }

  Result<void> save(const InterviewSession& session) override {
    ++saves_;
    if (failSaves_) return Error::storageFailed("disk full (injected)");
    return inner_.save(session);
  }
  Result<std::optional<InterviewSession>> load(std::string_view id) const override { return inner_.load(id); }
  Result<std::optional<InterviewSession>> loadLatestOpen(std::string_view projectId) const override {
    return inner_.loadLatestOpen(projectId);
  }
  Result<std::vector<SessionSummary>> list(std::string_view projectId) const override { return inner_.list(projectId); }
  Result<bool> remove(std::string_view id) override { return inner_.remove(id); }
  Result<void> claim(std::string_view id) override { return inner_.claim(id); }
  Result<void> release(std::string_view id) override { return inner_.release(id); }

 private:
  SessionStore& inner_;
  std::atomic<bool> failSaves_{false};
  std::atomic<int> saves_{0};
};

}  // namespace nexus::testing
