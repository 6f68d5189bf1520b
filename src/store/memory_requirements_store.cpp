#include "store/memory_requirements_store.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace nexus {

namespace rules = requirement_rules;

namespace {

std::vector<rules::DuplicateCandidate> candidatesOf(const std::map<std::string, Requirement, std::less<>>& requirements,
                                                    std::string_view projectId) {
  std::vector<rules::DuplicateCandidate> candidates;
  for (const auto& [id, stored] : requirements) {
    if (stored.projectId == projectId) candidates.push_back({id, stored.text, stored.createdAt});
  }
  return candidates;
}

}  // namespace

const Requirement* MemoryRequirementsStore::originHolder(const std::string& projectId,
                                                         std::span<const RequirementSource> sources) const {
  for (const auto& source : sources) {
    if (!source.originId) continue;
    const auto it = originHolders_.find({projectId, source.source, *source.originId});
    if (it != originHolders_.end()) return &requirements_.at(it->second);
  }
  return nullptr;
}

void MemoryRequirementsStore::holdOrigins(const Requirement& requirement) {
  for (const auto& source : requirement.sources) {
    if (source.originId) originHolders_[{requirement.projectId, source.source, *source.originId}] = requirement.id;
  }
}

Requirement& MemoryRequirementsStore::insert(Requirement requirement) {
  insertionOrder_.emplace(requirement.id, nextInsertion_++);
  const auto [it, inserted] = requirements_.emplace(requirement.id, std::move(requirement));
  return it->second;
}

Result<AddResult> MemoryRequirementsStore::add(const NewRequirement& requirement) {
  auto checked = rules::checkedNewRequirement(requirement);
  if (!checked) return checked.error();
  const NewRequirement& incoming = *checked;
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (const Requirement* holder = originHolder(incoming.projectId, std::span(&incoming.source, 1))) {
    return AddResult{*holder, AddOutcome::AlreadyRecorded};
  }

  const auto candidates = candidatesOf(requirements_, incoming.projectId);
  const auto chosen = rules::nearDuplicate(candidates, incoming.text, options_.nearDuplicateSimilarity);
  AddResult result;
  if (chosen) {
    Requirement& existing = requirements_.find(candidates[*chosen].id)->second;
    rules::mergeInto(existing, incoming, now);
    result = {existing, AddOutcome::Merged};
  } else {
    result = {insert(rules::created(incoming, newId(), now)), AddOutcome::Added};
  }
  holdOrigins(result.requirement);
  return result;
}

Result<std::vector<AddResult>> MemoryRequirementsStore::importRequirements(std::string_view projectId,
                                                                           std::span<const Requirement> requirements) {
  std::vector<Requirement> checked;
  for (std::size_t i = 0; i < requirements.size(); ++i) {
    auto one = rules::checkedImport(requirements[i], projectId, i);
    if (!one) return one.error();
    checked.push_back(std::move(*one));
  }
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  const std::string project(projectId);
  // The project as it was before: a document's requirements never merge with each other. The
  // views stay valid, as the map's nodes do when others are inserted.
  const auto candidates = candidatesOf(requirements_, projectId);
  std::vector<AddResult> results;
  for (const Requirement& incoming : checked) {
    if (const Requirement* holder = originHolder(project, incoming.sources)) {
      results.push_back({*holder, AddOutcome::AlreadyRecorded});
      continue;
    }
    const auto chosen = rules::nearDuplicate(candidates, incoming.text, options_.nearDuplicateSimilarity);
    if (chosen) {
      Requirement& existing = requirements_.find(candidates[*chosen].id)->second;
      const bool changed = rules::mergeImport(existing, incoming, now);
      holdOrigins(existing);
      results.push_back({existing, changed ? AddOutcome::Merged : AddOutcome::AlreadyRecorded});
      continue;
    }
    const bool idIsFree = !incoming.id.empty() && !requirements_.contains(incoming.id);
    Requirement& added = insert(rules::createdFromImport(incoming, idIsFree ? incoming.id : newId(), now));
    holdOrigins(added);
    results.push_back({added, AddOutcome::Added});
  }
  return results;
}

Result<std::optional<Requirement>> MemoryRequirementsStore::get(std::string_view id) const {
  std::lock_guard lock(mutex_);
  const auto it = requirements_.find(id);
  if (it == requirements_.end()) return std::optional<Requirement>{};
  return std::optional<Requirement>{it->second};
}

std::vector<const Requirement*> MemoryRequirementsStore::listed(std::string_view projectId,
                                                                 const RequirementFilter& filter) const {
  std::vector<const Requirement*> out;
  for (const auto& [id, requirement] : requirements_) {
    if (requirement.projectId == projectId && rules::matches(requirement, filter)) out.push_back(&requirement);
  }
  // Created in the same millisecond (one turn's requirements): in the order they were added.
  std::sort(out.begin(), out.end(), [this](const Requirement* a, const Requirement* b) {
    if (a->createdAt != b->createdAt) return a->createdAt < b->createdAt;
    return insertionOrder_.find(a->id)->second < insertionOrder_.find(b->id)->second;
  });
  return out;
}

Result<std::vector<Requirement>> MemoryRequirementsStore::list(std::string_view projectId,
                                                               const RequirementFilter& filter) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  if (auto checked = rules::checkFilter(filter); !checked) return checked.error();
  std::lock_guard lock(mutex_);
  const auto chosen = listed(projectId, filter);
  std::vector<Requirement> out;
  out.reserve(chosen.size());
  for (const Requirement* requirement : chosen) out.push_back(*requirement);
  return out;
}

Result<void> MemoryRequirementsStore::forEach(std::string_view projectId, const RequirementFilter& filter,
                                              const RequirementVisitor& visit) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  if (auto checked = rules::checkFilter(filter); !checked) return checked.error();
  std::lock_guard lock(mutex_);
  // The stored requirements themselves, not copies: only pointers to them are held together.
  for (const Requirement* requirement : listed(projectId, filter)) {
    if (!visit(*requirement)) break;
  }
  return {};
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
    if (source.originId) originHolders_.erase({it->second.projectId, source.source, *source.originId});
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
