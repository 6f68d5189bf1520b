#pragma once
// `nexus requirements ...`: the requirements database of a project, from the terminal, and
// `nexus sessions export`, which records a session's requirements in it.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/terminal.hpp"
#include "core/requirement.hpp"
#include "interview/interview_service.hpp"
#include "store/requirements_store.hpp"

namespace nexus::cli {

// Each returns the process exit code (0, or 1 with one line on `err`).
int listRequirements(const RequirementsStore& store, const std::string& projectId, const RequirementFilter& filter,
                     bool json, std::ostream& out, std::ostream& err, const Style& style);
int showRequirementStats(const RequirementsStore& store, const std::string& projectId, bool json, std::ostream& out,
                         std::ostream& err);
int setValidation(RequirementsStore& store, const std::string& id, ValidationStatus status, std::ostream& out,
                  std::ostream& err);
int linkRequirement(RequirementsStore& store, const std::string& id, const std::optional<std::string>& featureId,
                    std::ostream& out, std::ostream& err);
// The person's edit (kept as the requirement's history).
int updateRequirement(RequirementsStore& store, const std::string& id, const RequirementChanges& changes,
                      std::ostream& out, std::ostream& err, const Style& style);
// Findings, conflicts and readiness over the project's requirements database.
int analyzeRequirements(const RequirementsStore& store, const std::string& projectId, double readyThreshold,
                        bool json, std::ostream& out, std::ostream& err, const Style& style);
int deleteRequirement(RequirementsStore& store, const std::string& id, std::ostream& out, std::ostream& err);
int exportSession(InterviewService& interviews, const std::string& sessionId, std::ostream& out,
                  std::ostream& err);

}  // namespace nexus::cli
