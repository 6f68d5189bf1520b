#include "interview/project_review.hpp"

#include <string>

#include "domain/quality_review.hpp"
#include "domain/readiness.hpp"

namespace nexus {

ExtractedRequirement analysisView(const Requirement& requirement) {
  ExtractedRequirement view;
  view.id = requirement.id;
  view.text = requirement.text;
  view.category = requirement.category;
  view.priority = requirement.priority;
  view.confidence = requirement.confidence;
  view.area = requirement.area;
  return view;
}

ProjectReview reviewRequirements(std::span<const Requirement> requirements, double readyThreshold) {
  std::vector<ExtractedRequirement> analysed;
  analysed.reserve(requirements.size());
  for (const auto& r : requirements) {
    if (r.validation != ValidationStatus::Rejected) analysed.push_back(analysisView(r));
  }
  ProjectReview review;
  std::size_t findings = 0;
  std::size_t conflicts = 0;
  domain::QualityReview quality([&](std::string_view kind) {
    return std::string(kind) + "-" + std::to_string(kind == "finding" ? ++findings : ++conflicts);
  });
  for (const auto& r : analysed) (void)quality.add(r, {review.findings, review.conflicts});
  review.readiness = domain::assessReadiness(analysed, review.findings, review.conflicts, readyThreshold);
  return review;
}

Result<ProjectReview> reviewProject(const RequirementsStore& requirements, std::string_view projectId,
                                    double readyThreshold) {
  auto listed = requirements.list(projectId);
  if (!listed) return listed.error();
  return reviewRequirements(*listed, readyThreshold);
}

}  // namespace nexus
