#pragma once
// Quality analysis over a project's requirements database (`requirements:analyze`, `nexus
// requirements analyze`): the findings of every requirement, the conflicts between them, and the
// project's readiness, worked out afresh on each call (the database keeps no verdicts on them).

#include <span>
#include <string_view>
#include <vector>

#include "core/quality.hpp"
#include "core/result.hpp"
#include "store/requirements_store.hpp"

namespace nexus {

struct ProjectReview {
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;
  Readiness readiness;
};

// Requirements the team rejected are left out. InvalidArgument for an empty project id.
Result<ProjectReview> reviewProject(const RequirementsStore& requirements, std::string_view projectId,
                                    double readyThreshold);

// The same over requirements already listed; pure: findings and conflicts are numbered in the
// order found ("finding-1", "conflict-1"), so the same list gives the same review.
ProjectReview reviewRequirements(std::span<const Requirement> requirements, double readyThreshold);

// A requirement of the database as the analysis sees it.
ExtractedRequirement analysisView(const Requirement& requirement);

}  // namespace nexus
