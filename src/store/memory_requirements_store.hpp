#pragma once
// Requirements in maps: for tests, and the reference model the persistent stores are checked
// against. The near-duplicate scan is the plain one (tokenSimilarity against every requirement
// of the project), so that the model check also checks SQLite's faster index.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "store/requirements_store.hpp"

namespace nexus {

// Thread-safe (one mutex). Never fails with StorageFailed.
class MemoryRequirementsStore final : public RequirementsStore {
 public:
  // `clock` must outlive the store.
  explicit MemoryRequirementsStore(const Clock& clock, RequirementsStoreOptions options = {})
      : clock_(clock), options_(options) {}

  Result<AddResult> add(const NewRequirement& requirement) override;
  Result<std::optional<Requirement>> get(std::string_view id) const override;
  Result<std::vector<Requirement>> list(std::string_view projectId,
                                        const RequirementFilter& filter = {}) const override;
  Result<void> forEach(std::string_view projectId, const RequirementFilter& filter,
                       const RequirementVisitor& visit) const override;
  Result<Requirement> update(std::string_view id, const RequirementChanges& changes) override;
  Result<bool> remove(std::string_view id) override;
  Result<Requirement> validate(std::string_view id,
                               ValidationStatus status = ValidationStatus::Validated) override;
  Result<Requirement> linkToFeature(std::string_view id, std::optional<std::string> featureId) override;
  Result<RequirementStats> stats(std::string_view projectId) const override;
  Result<std::vector<AddResult>> importRequirements(std::string_view projectId,
                                                    std::span<const Requirement> requirements) override;

 private:
  // Applies `change(requirement, now)` to the stored requirement and stamps updatedAt = now;
  // NotFound if there is none.
  template <typename Change>
  Result<Requirement> modify(std::string_view id, Change change);

  const Clock& clock_;
  const RequirementsStoreOptions options_;
  mutable std::mutex mutex_;
  std::map<std::string, Requirement, std::less<>> requirements_;              // by id
  // (project, source, originId) -> the id of the requirement holding it
  using OriginKey = std::tuple<std::string, std::string, std::string>;

  // The project's requirements that match `filter`, in list() order. The caller holds mutex_.
  std::vector<const Requirement*> listed(std::string_view projectId, const RequirementFilter& filter) const;
  // The project's requirement holding one of `sources`' origins, if any.
  const Requirement* originHolder(const std::string& projectId, std::span<const RequirementSource> sources) const;
  void holdOrigins(const Requirement& requirement);
  Requirement& insert(Requirement requirement);

  std::map<OriginKey, std::string> originHolders_;
  std::map<std::string, std::uint64_t, std::less<>> insertionOrder_;         // id -> when it was added
  std::uint64_t nextInsertion_ = 0;
};

}  // namespace nexus
