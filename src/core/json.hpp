#pragma once
// JSON mapping of the data model, field for field the TypeScript shapes of the original plan:
// camelCase names, ISO-8601 dates with milliseconds, optional fields omitted when absent.
// from_json throws nlohmann::json::exception (type_error/out_of_range) or std::invalid_argument
// with the offending field named.

#include <nlohmann/json.hpp>

#include "core/requirement.hpp"
#include "core/types.hpp"

namespace nexus {

void to_json(nlohmann::json& j, SessionStatus value);
void from_json(const nlohmann::json& j, SessionStatus& value);
void to_json(nlohmann::json& j, InterviewMode value);
void from_json(const nlohmann::json& j, InterviewMode& value);
void to_json(nlohmann::json& j, MessageRole value);
void from_json(const nlohmann::json& j, MessageRole& value);
void to_json(nlohmann::json& j, RequirementCategory value);
void from_json(const nlohmann::json& j, RequirementCategory& value);
void to_json(nlohmann::json& j, Priority value);
void from_json(const nlohmann::json& j, Priority& value);
void to_json(nlohmann::json& j, ValidationStatus value);
void from_json(const nlohmann::json& j, ValidationStatus& value);

void to_json(nlohmann::json& j, FindingKind value);
void from_json(const nlohmann::json& j, FindingKind& value);
void to_json(nlohmann::json& j, ConflictKind value);
void from_json(const nlohmann::json& j, ConflictKind& value);
void to_json(nlohmann::json& j, ReviewStatus value);
void from_json(const nlohmann::json& j, ReviewStatus& value);
void to_json(nlohmann::json& j, ConflictResolution value);
void from_json(const nlohmann::json& j, ConflictResolution& value);
void to_json(nlohmann::json& j, AreaStatus value);
void from_json(const nlohmann::json& j, AreaStatus& value);

void to_json(nlohmann::json& j, const EvolutionContext& value);
void from_json(const nlohmann::json& j, EvolutionContext& value);
void to_json(nlohmann::json& j, const InterviewMessage& value);
void from_json(const nlohmann::json& j, InterviewMessage& value);
void to_json(nlohmann::json& j, const ExtractedRequirement& value);
void from_json(const nlohmann::json& j, ExtractedRequirement& value);
void to_json(nlohmann::json& j, const RequirementEdit& value);
void from_json(const nlohmann::json& j, RequirementEdit& value);
void to_json(nlohmann::json& j, const RequirementFinding& value);
void from_json(const nlohmann::json& j, RequirementFinding& value);
void to_json(nlohmann::json& j, const ProjectRequirementRef& value);
void from_json(const nlohmann::json& j, ProjectRequirementRef& value);
void to_json(nlohmann::json& j, const RequirementConflict& value);
void from_json(const nlohmann::json& j, RequirementConflict& value);
void to_json(nlohmann::json& j, const AreaReadiness& value);
void from_json(const nlohmann::json& j, AreaReadiness& value);
void to_json(nlohmann::json& j, const Readiness& value);
void from_json(const nlohmann::json& j, Readiness& value);
void to_json(nlohmann::json& j, const InterviewSession& value);
void from_json(const nlohmann::json& j, InterviewSession& value);
void to_json(nlohmann::json& j, const SessionSummary& value);
void from_json(const nlohmann::json& j, SessionSummary& value);
void to_json(nlohmann::json& j, const ProcessMessageResult& value);
void from_json(const nlohmann::json& j, ProcessMessageResult& value);

// The requirements database. Stats are {total, byCategory: {functional: n, ...}, byPriority:
// {must: n, ...}, byValidation: {pending: n, ...}}; from_json takes the counts it is given.
void to_json(nlohmann::json& j, const RequirementSource& value);
void from_json(const nlohmann::json& j, RequirementSource& value);
void to_json(nlohmann::json& j, const Requirement& value);
void from_json(const nlohmann::json& j, Requirement& value);
void to_json(nlohmann::json& j, const RequirementStats& value);
void from_json(const nlohmann::json& j, RequirementStats& value);

nlohmann::json timestampToJson(Timestamp time);
Timestamp timestampFromJson(const nlohmann::json& j, std::string_view field);

}  // namespace nexus
