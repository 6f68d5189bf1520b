#include "store/memory_requirements_store.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace nexus {

namespace rules = requirement_rules;

Result<AddResult> MemoryRequirementsStore::add(const NewRequirement& requirement) {
  auto checked = rules::checkedNewRequirement(requirement);
  if (!checked) return checked.error();
  const NewRequirement& incoming = *checked;
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  const auto& source = incoming.source;
  if (source.originId) {
    if (const auto it = originHolders_.find({source.source, *source.originId}); it != originHolders_.end())
      return AddResult{requirements_.at(it->second), AddOutcome::AlreadyRecorded};
  }

  std::vector<rules::DuplicateCandidate> candidates;
  for (const auto& [id, stored] : requirements_) {
    if (stored.projectId == incoming.projectId) candidates.push_back({id, stored.text, stored.createdAt});
  }
  const auto chosen = rules::nearDuplicate(candidates, incoming.text, options_.nearDuplicateSimilarity);
  AddResult result;
  if (chosen) {
    Requirement& existing = requirements_.find(candidates[*chosen].id)->second;
    rules::mergeInto(existing, incoming, now);
    result = {existing, AddOutcome::Merged};
  } else {
    Requirement added = rules::created(incoming, newId(), now);
    requirements_.emplace(added.id, added);
    insertionOrder_.emplace(added.id, nextInsertion_++);
    result = {std::move(added), AddOutcome::Added};
  }
  if (source.originId) originHolders_[{source.source, *source.originId}] = result.requirement.id;
  return result;
}

Result<std::optional<Requirement>> MemoryRequirementsStore::get(std::string_view id) const {
  std::lock_guard lock(mutex_);
  const auto it = requirements_.find(id);
  if (it == requirements_.end()) return std::optional<Requirement>{};
  return std::optional<Requirement>{it->second};
}

Result<std::vector<Requirement>> MemoryRequirementsStore::list(std::string_view projectId,
                                                               const RequirementFilter& filter) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  if (auto checked = rules::checkFilter(filter); !checked) return checked.error();
  std::lock_guard lock(mutex_);
  std::vector<Requirement> out;
  for (const auto& [id, requirement] : requirements_) {
    if (requirement.projectId == projectId && rules::matches(requirement, filter)) out.push_back(requirement);
  }
  // Created in the same millisecond (one turn's requirements): in the order they were added.
  std::sort(out.begin(), out.end(), [this](const Requirement& a, const Requirement& b) {
    if (a.createdAt != b.createdAt) return a.createdAt < b.createdAt;
    return insertionOrder_.find(a.id)->second < insertionOrder_.find(b.id)->second;
  });
  return out;
}

template <typename Change>
Result<Requirement> MemoryRequirementsStore::modify(std::string_view id, Change change) {
  std::lock_guard lock(mutex_);
  const auto it = requirements_.find(id);
  if (it == requirements_.end()) return rules::unknownRequirement(id);
  const Timestamp now = clock_.now();
  change(it->second, now);
  it->second.updatedAt = now;
  return it->second;
}

Result<Requirement> MemoryRequirementsStore::update(std::string_view id, const RequirementChanges& changes) {
  auto checked = rules::checkedChanges(changes);
  if (!checked) return checked.error();
  return modify(id, [&](Requirement& r, Timestamp now) { rules::applyChanges(r, *checked, now); });
}

Result<bool> MemoryRequirementsStore::remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = requirements_.find(id);
  if (it == requirements_.end()) return false;
  for (const auto& source : it->second.sources) {
    if (source.originId) originHolders_.erase({source.source, *source.originId});
  }
  insertionOrder_.erase(it->first);
  requirements_.erase(it);
  return true;
}

Result<Requirement> MemoryRequirementsStore::validate(std::string_view id, ValidationStatus status) {
  return modify(id, [&](Requirement& r, Timestamp) { r.validation = status; });
}

Result<Requirement> MemoryRequirementsStore::linkToFeature(std::string_view id,
                                                           std::optional<std::string> featureId) {
  auto checked = rules::checkedFeatureId(featureId);
  if (!checked) return checked.error();
  return modify(id, [&](Requirement& r, Timestamp) { r.featureId = *checked; });
}

Result<RequirementStats> MemoryRequirementsStore::stats(std::string_view projectId) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  std::lock_guard lock(mutex_);
  RequirementStats stats = rules::emptyStats();
  for (const auto& [id, r] : requirements_) {
    if (r.projectId == projectId) rules::count(stats, r.category, r.priority, r.validation);
  }
  return stats;
}

}  // namespace nexus
