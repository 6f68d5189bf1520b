#pragma once
// Quality analysis over a project's requirements database (`requirements:analyze`, `nexus
// requirements analyze`): the findings of every requirement, the conflicts between them, and the
// project's readiness, worked out afresh on each call (the database keeps no verdicts on them).

#include <memory>
#include <optional>
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

// The review worked out as the requirements pass by, one at a time, for a document written in
// one walk over the store (RequirementsStore::forEach). It keeps what the conflict index needs of
// each (its text and claims) and each area's requirement ids, not the requirements. Not
// thread-safe.
class ProjectReviewer {
 public:
  explicit ProjectReviewer(double readyThreshold);
  ~ProjectReviewer();
  ProjectReviewer(const ProjectReviewer&) = delete;
  ProjectReviewer& operator=(const ProjectReviewer&) = delete;

  // In the order of the project (oldest first); rejected ones are left out.
  void add(const Requirement& requirement);
  // The review of those added, once.
  ProjectReview finish();
  // The text of a requirement added, for what the review reports about it; nullopt for an id
  // not added (or rejected). Valid while the reviewer lives.
  std::optional<std::string_view> textOf(std::string_view requirementId) const;

 private:
  struct Quality;
  double readyThreshold_;
  ProjectReview review_;
  std::unique_ptr<Quality> quality_;
};

// The same over requirements already listed; pure: findings and conflicts are numbered in the
// order found ("finding-1", "conflict-1"), so the same list gives the same review.
ProjectReview reviewRequirements(std::span<const Requirement> requirements, double readyThreshold);

// A requirement of the database as the analysis sees it.
ExtractedRequirement analysisView(const Requirement& requirement);

}  // namespace nexus
