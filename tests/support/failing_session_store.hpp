#pragma once
// A session store whose writes fail on demand (leveldb's ErrorEnv idea): it overrides save()
// and forwards everything else.

#include <atomic>

#include "store/session_store_wrapper.hpp"

namespace nexus::test {

class FailingSessionStore final : public SessionStoreWrapper {
 public:
  using SessionStoreWrapper::SessionStoreWrapper;
  void failSaves(bool fail) { failSaves_ = fail; }
  int saves() const { return saves_; }

  Result<void> save(const InterviewSession& session) override {
    ++saves_;
    if (failSaves_) return Error::storageFailed("disk full (injected)");
    return SessionStoreWrapper::save(session);
  }

 private:
  std::atomic<bool> failSaves_{false};
  std::atomic<int> saves_{0};
};

}  // namespace nexus::test
