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

struct ProjectReviewer::Quality {
  std::size_t findings = 0;
  std::size_t conflicts = 0;
  domain::QualityReview review{[this](std::string_view kind) {
    return std::string(kind) + "-" + std::to_string(kind == "finding" ? ++findings : ++conflicts);
  }};
};

ProjectReviewer::ProjectReviewer(double readyThreshold)
    : readyThreshold_(readyThreshold), quality_(std::make_unique<Quality>()) {}

ProjectReviewer::~ProjectReviewer() = default;

void ProjectReviewer::add(const Requirement& requirement) {
  if (requirement.validation == ValidationStatus::Rejected) return;
  analysed_.push_back(analysisView(requirement));
  (void)quality_->review.add(analysed_.back(), {review_.findings, review_.conflicts});
}

ProjectReview ProjectReviewer::finish() {
  review_.readiness = domain::assessReadiness(analysed_, review_.findings, review_.conflicts, readyThreshold_);
  return std::move(review_);
}

ProjectReview reviewRequirements(std::span<const Requirement> requirements, double readyThreshold) {
  ProjectReviewer reviewer(readyThreshold);
  for (const auto& r : requirements) reviewer.add(r);
  return reviewer.finish();
}

Result<ProjectReview> reviewProject(const RequirementsStore& requirements, std::string_view projectId,
                                    double readyThreshold) {
  auto listed = requirements.list(projectId);
  if (!listed) return listed.error();
  return reviewRequirements(*listed, readyThreshold);
}

}  // namespace nexus
