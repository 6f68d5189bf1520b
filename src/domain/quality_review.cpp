#include "domain/quality_review.hpp"

#include <algorithm>

#include "domain/requirement_findings.hpp"

namespace nexus::domain {
namespace {

bool involves(const RequirementConflict& conflict, std::string_view requirementId) {
  return conflict.requirementIds[0] == requirementId || conflict.requirementIds[1] == requirementId;
}

bool samePair(const RequirementConflict& conflict, const ConflictDraft& draft) {
  return (conflict.requirementIds[0] == draft.firstId && conflict.requirementIds[1] == draft.secondId) ||
         (conflict.requirementIds[0] == draft.secondId && conflict.requirementIds[1] == draft.firstId);
}

}  // namespace

void QualityDelta::append(QualityDelta other) {
  for (auto& finding : other.findings) findings.push_back(std::move(finding));
  for (auto& conflict : other.conflicts) conflicts.push_back(std::move(conflict));
}

QualityReview::QualityReview(IdSource newId) : newId_(std::move(newId)) {}

void QualityReview::restore(const std::vector<ExtractedRequirement>& requirements) {
  for (const auto& requirement : requirements) (void)index_.add(requirement);
}

void QualityReview::useProject(std::shared_ptr<const ProjectIndex> project) { project_ = std::move(project); }

void QualityReview::decideAgainstProject(std::string_view projectRequirementId) {
  if (project_ && project_->find(projectRequirementId)) decidedAgainst_.emplace(projectRequirementId);
}

std::vector<ConflictDraft> QualityReview::conflictsOf(const ExtractedRequirement& requirement) {
  std::vector<ConflictDraft> drafts;
  if (project_) {
    for (auto& draft : project_->conflictsWith(requirement)) {
      if (!decidedAgainst_.contains(draft.firstId)) drafts.push_back(std::move(draft));
    }
  }
  if (held_) {
    for (auto& draft : held_->conflictsWith(requirement)) drafts.push_back(std::move(draft));
  }
  for (auto& draft : index_.add(requirement)) drafts.push_back(std::move(draft));
  return drafts;
}

RequirementConflict QualityReview::opened(ConflictDraft draft) {
  RequirementConflict conflict{newId_("conflict"), {std::move(draft.firstId), std::move(draft.secondId)}, draft.kind,
                               std::move(draft.explanation), ReviewStatus::Open, std::nullopt, std::nullopt,
                               std::nullopt};
  if (project_) {
    for (const auto& side : conflict.requirementIds) {
      if (const auto* other = project_->find(side)) conflict.projectRequirement = ProjectRequirementRef{side, other->text};
    }
  }
  return conflict;
}

QualityDelta QualityReview::add(const ExtractedRequirement& requirement, QualityRecord record) {
  QualityDelta delta = reportFindings(requirement, record);
  delta.append(reportConflicts(requirement, record));
  return delta;
}

QualityDelta QualityReview::reexamine(const ExtractedRequirement& requirement, QualityRecord record) {
  QualityDelta delta;
  const auto drafts = findIssues(requirement);
  for (auto& finding : record.findings) {
    if (finding.requirementId != requirement.id || finding.status != ReviewStatus::Open) continue;
    const bool stillFound = std::any_of(drafts.begin(), drafts.end(), [&](const FindingDraft& draft) {
      return draft.kind == finding.kind;
    });
    if (stillFound) continue;
    finding.status = ReviewStatus::Resolved;
    delta.findings.push_back(finding);
  }
  // The index re-reads the text (add replaces the entry); what it no longer reports is settled.
  const auto found = conflictsOf(requirement);
  for (auto& conflict : record.conflicts) {
    if (conflict.status != ReviewStatus::Open || !involves(conflict, requirement.id)) continue;
    const bool stillHolds = std::any_of(found.begin(), found.end(), [&](const ConflictDraft& draft) {
      return samePair(conflict, draft) && draft.kind == conflict.kind;
    });
    if (stillHolds) continue;
    conflict.status = ReviewStatus::Resolved;
    conflict.resolution = ConflictResolution::KeepBoth;
    delta.conflicts.push_back(conflict);
  }
  delta.append(reportFindings(requirement, record));
  for (const auto& draft : found) {
    const bool known = std::any_of(record.conflicts.begin(), record.conflicts.end(), [&](const RequirementConflict& c) {
      return samePair(c, draft) && c.kind == draft.kind;
    });
    if (known) continue;
    record.conflicts.push_back(opened(draft));
    delta.conflicts.push_back(record.conflicts.back());
  }
  return delta;
}

QualityDelta QualityReview::remove(std::string_view requirementId, QualityRecord record) {
  index_.remove(requirementId);
  QualityDelta delta;
  for (auto& finding : record.findings) {
    if (finding.requirementId != requirementId || finding.status != ReviewStatus::Open) continue;
    finding.status = ReviewStatus::Resolved;
    delta.findings.push_back(finding);
  }
  for (auto& conflict : record.conflicts) {
    if (conflict.status != ReviewStatus::Open || !involves(conflict, requirementId)) continue;
    conflict.status = ReviewStatus::Resolved;
    conflict.resolution =
        conflict.requirementIds[0] == requirementId ? ConflictResolution::KeepSecond : ConflictResolution::KeepFirst;
    delta.conflicts.push_back(conflict);
  }
  return delta;
}

QualityDelta QualityReview::reportFindings(const ExtractedRequirement& requirement, QualityRecord record) {
  QualityDelta delta;
  for (auto& draft : findIssues(requirement)) {
    const bool known = std::any_of(record.findings.begin(), record.findings.end(), [&](const RequirementFinding& f) {
      return f.requirementId == requirement.id && f.kind == draft.kind;
    });
    if (known) continue;
    RequirementFinding finding;
    finding.id = newId_("finding");
    finding.requirementId = requirement.id;
    finding.kind = draft.kind;
    if (!draft.term.empty()) finding.term = std::move(draft.term);
    finding.message = std::move(draft.message);
    if (!draft.suggestion.empty()) finding.suggestion = std::move(draft.suggestion);
    record.findings.push_back(finding);
    delta.findings.push_back(std::move(finding));
  }
  return delta;
}

QualityDelta QualityReview::reportConflicts(const ExtractedRequirement& requirement, QualityRecord record) {
  QualityDelta delta;
  for (auto& draft : conflictsOf(requirement)) {
    const bool known = std::any_of(record.conflicts.begin(), record.conflicts.end(), [&](const RequirementConflict& c) {
      return samePair(c, draft) && c.kind == draft.kind;
    });
    if (known) continue;
    record.conflicts.push_back(opened(std::move(draft)));
    delta.conflicts.push_back(record.conflicts.back());
  }
  return delta;
}

Result<RequirementConflict> resolveConflict(std::vector<RequirementConflict>& conflicts, std::string_view conflictId,
                                            ConflictResolution resolution) {
  const auto it = std::find_if(conflicts.begin(), conflicts.end(),
                               [&](const RequirementConflict& c) { return c.id == conflictId; });
  if (it == conflicts.end()) return Error::notFound("No conflict with id \"" + std::string(conflictId) + "\"");
  it->status = resolution == ConflictResolution::Dismissed ? ReviewStatus::Dismissed : ReviewStatus::Resolved;
  it->resolution = resolution;
  return *it;
}

Result<RequirementFinding> dismissFinding(std::vector<RequirementFinding>& findings, std::string_view findingId) {
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [&](const RequirementFinding& f) { return f.id == findingId; });
  if (it == findings.end()) return Error::notFound("No finding with id \"" + std::string(findingId) + "\"");
  it->status = ReviewStatus::Dismissed;
  return *it;
}

}  // namespace nexus::domain
