#pragma once
// Wraps a requirements store and fails its add() on demand, after a given number of successes.

#include <atomic>

#include "store/requirements_store.hpp"

namespace nexus::testing {

class FailingRequirementsStore final : public RequirementsStore {
 public:
  explicit FailingRequirementsStore(RequirementsStore& inner) : inner_(inner) {}
  // add() succeeds `successes` more times, then fails until allowed again (-1: never fails).
  void failAddsAfter(int successes) { successesLeft_ = successes; }
  void allowAdds() { successesLeft_ = -1; }

  Result<AddResult> add(const NewRequirement& requirement) override {
    if (successesLeft_ == 0) return Error::storageFailed("cannot record a requirement in x.db: the disk is full (injected)");
    if (successesLeft_ > 0) --successesLeft_;
    return inner_.add(requirement);
  }
  Result<std::optional<Requirement>> get(std::string_view id) const override { return inner_.get(id); }
  Result<std::vector<Requirement>> list(std::string_view projectId, const RequirementFilter& filter) const override {
    return inner_.list(projectId, filter);
  }
  Result<Requirement> update(std::string_view id, const RequirementChanges& changes) override {
    return inner_.update(id, changes);
  }
  Result<bool> remove(std::string_view id) override { return inner_.remove(id); }
  Result<Requirement> validate(std::string_view id, ValidationStatus status) override {
    return inner_.validate(id, status);
  }
  Result<Requirement> linkToFeature(std::string_view id, std::optional<std::string> featureId) override {
    return inner_.linkToFeature(id, std::move(featureId));
  }
  Result<RequirementStats> stats(std::string_view projectId) const override { return inner_.stats(projectId); }

 private:
  RequirementsStore& inner_;
  std::atomic<int> successesLeft_{-1};
};

}  // namespace nexus::testing
