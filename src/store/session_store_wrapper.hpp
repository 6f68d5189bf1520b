#pragma once
// A SessionStore that forwards every call to another one (leveldb's EnvWrapper idea): derive
// from it and override only what you change — a store that fails its writes on demand, one that
// counts or delays calls — and the rest keeps working as the wrapped store does.

#include "store/session_store.hpp"

namespace nexus {

// As thread-safe as the wrapped store; `inner` must outlive the wrapper.
class SessionStoreWrapper : public SessionStore {
 public:
  explicit SessionStoreWrapper(SessionStore& inner) : inner_(inner) {}

  Result<void> save(const InterviewSession& session) override { return inner_.save(session); }
  Result<std::optional<InterviewSession>> load(std::string_view sessionId) const override {
    return inner_.load(sessionId);
  }
  Result<std::optional<InterviewSession>> loadLatestOpen(std::string_view projectId) const override {
    return inner_.loadLatestOpen(projectId);
  }
  Result<std::vector<SessionSummary>> list(std::string_view projectId) const override {
    return inner_.list(projectId);
  }
  Result<bool> remove(std::string_view sessionId) override { return inner_.remove(sessionId); }
  Result<void> claim(std::string_view sessionId) override { return inner_.claim(sessionId); }
  Result<void> release(std::string_view sessionId) override { return inner_.release(sessionId); }

  SessionStore& inner() const { return inner_; }

 private:
  SessionStore& inner_;
};

}  // namespace nexus
