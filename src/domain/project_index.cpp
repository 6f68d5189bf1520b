#include "domain/project_index.hpp"

namespace nexus::domain {

ProjectIndex::ProjectIndex(const std::vector<ExtractedRequirement>& requirements) {
  // How the project's requirements stand with each other is requirements:analyze's business.
  for (const auto& requirement : requirements) {
    (void)index_.add(requirement);
    byId_.insert_or_assign(requirement.id, requirement);
  }
}

std::vector<ConflictDraft> ProjectIndex::conflictsWith(const ExtractedRequirement& requirement) const {
  return index_.conflictsWith(requirement);
}

const ExtractedRequirement* ProjectIndex::find(std::string_view id) const {
  const auto it = byId_.find(std::string(id));
  return it == byId_.end() ? nullptr : &it->second;
}

}  // namespace nexus::domain
