#pragma once
// A RequirementsStore that forwards every call to another one (leveldb's EnvWrapper idea):
// derive from it and override only what you change.

#include "store/requirements_store.hpp"

namespace nexus {

// As thread-safe as the wrapped store; `inner` must outlive the wrapper.
class RequirementsStoreWrapper : public RequirementsStore {
 public:
  explicit RequirementsStoreWrapper(RequirementsStore& inner) : inner_(inner) {}

  Result<AddResult> add(const NewRequirement& requirement) override { return inner_.add(requirement); }
  Result<std::optional<Requirement>> get(std::string_view id) const override { return inner_.get(id); }
  Result<std::vector<Requirement>> list(std::string_view projectId, const RequirementFilter& filter) const override {
    return inner_.list(projectId, filter);
  }
  Result<void> forEach(std::string_view projectId, const RequirementFilter& filter,
                       const RequirementVisitor& visit) const override {
    return inner_.forEach(projectId, filter, visit);
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
  Result<std::vector<AddResult>> importRequirements(std::string_view projectId,
                                                    std::span<const Requirement> requirements) override {
    return inner_.importRequirements(projectId, requirements);
  }

  RequirementsStore& inner() const { return inner_; }

 private:
  RequirementsStore& inner_;
};

}  // namespace nexus
