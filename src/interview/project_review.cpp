#include "interview/project_review.hpp"

#include <algorithm>
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
  domain::ReadinessTally readiness;
};

namespace {

bool isOpen(const auto& entry) { return entry.status == ReviewStatus::Open; }

}  // namespace

ProjectReviewer::ProjectReviewer(double readyThreshold)
    : readyThreshold_(readyThreshold), quality_(std::make_unique<Quality>()) {}

ProjectReviewer::~ProjectReviewer() = default;

void ProjectReviewer::add(const Requirement& requirement) {
  if (requirement.validation == ValidationStatus::Rejected) return;
  const ExtractedRequirement view = analysisView(requirement);
  // An add reports only the findings of the requirement added; none of an earlier one changes.
  const auto delta = quality_->review.add(view, {review_.findings, review_.conflicts});
  quality_->readiness.add(view, std::any_of(delta.findings.begin(), delta.findings.end(), isOpen<RequirementFinding>));
}

ProjectReview ProjectReviewer::finish() {
  const auto openFindings = std::count_if(review_.findings.begin(), review_.findings.end(), isOpen<RequirementFinding>);
  const auto openConflicts =
      std::count_if(review_.conflicts.begin(), review_.conflicts.end(), isOpen<RequirementConflict>);
  review_.readiness = std::move(quality_->readiness)
                          .finish(static_cast<std::size_t>(openFindings), static_cast<std::size_t>(openConflicts),
                                  readyThreshold_);
  return std::move(review_);
}

std::optional<std::string_view> ProjectReviewer::textOf(std::string_view requirementId) const {
  return quality_->review.textOf(requirementId);
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
