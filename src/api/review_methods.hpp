#pragma once
// The API's quality-analysis and editing methods (DESIGN.md §4: interview:getReadiness,
// interview:updateRequirement, interview:removeRequirement, interview:resolveConflict,
// interview:dismissFinding, requirements:update, requirements:analyze). The dispatcher's table
// lists them; each reads its parameters and turns the answer into the JSON shape.

#include <nlohmann/json.hpp>

#include "api/dispatcher.hpp"
#include "api/params.hpp"
#include "core/result.hpp"

namespace nexus::api::review {

Result<nlohmann::json> getReadiness(ApiServices& services, const Params& params);
Result<nlohmann::json> updateRequirement(ApiServices& services, const Params& params);
Result<nlohmann::json> removeRequirement(ApiServices& services, const Params& params);
Result<nlohmann::json> resolveConflict(ApiServices& services, const Params& params);
Result<nlohmann::json> dismissFinding(ApiServices& services, const Params& params);
Result<nlohmann::json> updateDatabaseRequirement(ApiServices& services, const Params& params);
Result<nlohmann::json> analyzeProject(ApiServices& services, const Params& params);

}  // namespace nexus::api::review
