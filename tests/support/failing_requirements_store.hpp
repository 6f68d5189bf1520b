#pragma once
// A requirements store whose add() fails on demand, after a given number of successes; it
// forwards everything else.

#include <atomic>

#include "store/requirements_store_wrapper.hpp"

namespace nexus::test {

class FailingRequirementsStore final : public RequirementsStoreWrapper {
 public:
  using RequirementsStoreWrapper::RequirementsStoreWrapper;
  // add() succeeds `successes` more times, then fails until allowed again (-1: never fails).
  void failAddsAfter(int successes) { successesLeft_ = successes; }
  void allowAdds() { successesLeft_ = -1; }

  Result<AddResult> add(const NewRequirement& requirement) override {
    if (successesLeft_ == 0) return Error::storageFailed("cannot record a requirement in x.db: the disk is full (injected)");
    if (successesLeft_ > 0) --successesLeft_;
    return RequirementsStoreWrapper::add(requirement);
  }

 private:
  std::atomic<int> successesLeft_{-1};
};

}  // namespace nexus::test
