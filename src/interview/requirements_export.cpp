#include "interview/requirements_export.hpp"

namespace nexus {

std::string interviewSource(std::string_view sessionId) { return "interview:" + std::string(sessionId); }

NewRequirement newRequirementFrom(std::string_view projectId, std::string_view sessionId,
                                  const ExtractedRequirement& requirement) {
  NewRequirement record;
  record.projectId = std::string(projectId);
  record.text = requirement.text;
  record.category = requirement.category;
  record.priority = requirement.priority;
  record.confidence = requirement.confidence;
  record.area = requirement.area;
  record.source.source = interviewSource(sessionId);
  record.source.messageId = requirement.sourceMessageId;
  record.source.originId = requirement.id;
  return record;
}

Result<ExportCounts> exportSessionRequirements(const InterviewSession& session, RequirementsStore& requirements) {
  ExportCounts counts;
  for (const ExtractedRequirement& requirement : session.extractedRequirements) {
    auto recorded = requirements.add(newRequirementFrom(session.projectId, session.id, requirement));
    if (!recorded) return recorded.error();
    switch (recorded->outcome) {
      case AddOutcome::Added:
        ++counts.added;
        break;
      case AddOutcome::Merged:
        ++counts.merged;
        break;
      case AddOutcome::AlreadyRecorded:
        ++counts.alreadyRecorded;
        break;
    }
  }
  return counts;
}

}  // namespace nexus
