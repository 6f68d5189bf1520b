#include "api/review_methods.hpp"

#include <array>
#include <string>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "interview/project_review.hpp"

namespace nexus::api::review {
namespace {

using nlohmann::json;

// {text?, category?, priority?, area?}: what the person may change. "" for area clears it.
Result<RequirementChanges> changesFrom(const Params& params) {
  const json* given = params.find("changes");
  if (given == nullptr) return Error::invalidArgument("\"changes\" is required: {text?, category?, priority?, area?}");
  if (!given->is_object()) {
    return Error::invalidArgument("\"changes\" must be an object, not " + std::string(describeKind(*given)));
  }
  static constexpr std::array<std::string_view, 4> kFields{"text", "category", "priority", "area"};
  auto fields = Params::bind(*given, kFields);
  if (!fields) return Error{fields.error().code, "changes: " + fields.error().message, false};
  RequirementChanges changes;
  const auto text = [&](std::string_view name) -> Result<std::optional<std::string>> {
    const json* value = fields->find(name);
    if (value == nullptr) return std::optional<std::string>{};
    if (!value->is_string()) {
      return Error::invalidArgument("changes: \"" + std::string(name) + "\" must be a string, not " +
                                    std::string(describeKind(*value)));
    }
    return std::optional<std::string>{value->get<std::string>()};
  };
  auto newText = text("text");
  if (!newText) return newText.error();
  changes.text = std::move(*newText);
  auto category = text("category");
  if (!category) return category.error();
  if (*category) {
    changes.category = parseCategory(**category);
    if (!changes.category) {
      return Error::invalidArgument("changes: \"" + **category +
                                    "\" is not a category (functional, non-functional, technical, constraint, "
                                    "assumption)");
    }
  }
  auto priority = text("priority");
  if (!priority) return priority.error();
  if (*priority) {
    changes.priority = parsePriority(**priority);
    if (!changes.priority) {
      return Error::invalidArgument("changes: \"" + **priority + "\" is not a priority (must, should, could, wont)");
    }
  }
  auto area = text("area");
  if (!area) return area.error();
  changes.area = std::move(*area);
  if (!changes.text && !changes.category && !changes.priority && !changes.area) {
    return Error::invalidArgument("\"changes\" names nothing to change: give text, category, priority or area");
  }
  return changes;
}

struct Ids {
  std::string session;
  std::string item;
};

Result<Ids> sessionAnd(const Params& params, std::string_view itemName) {
  auto sessionId = params.requiredString("sessionId");
  if (!sessionId) return sessionId.error();
  auto item = params.requiredString(itemName);
  if (!item) return item.error();
  return Ids{std::move(*sessionId), std::move(*item)};
}

}  // namespace

Result<json> getReadiness(ApiServices& services, const Params& params) {
  auto sessionId = params.requiredString("sessionId");
  if (!sessionId) return sessionId.error();
  auto readiness = services.interviews.getReadiness(*sessionId);
  if (!readiness) return readiness.error();
  return json(*readiness);
}

Result<json> updateRequirement(ApiServices& services, const Params& params) {
  auto ids = sessionAnd(params, "requirementId");
  if (!ids) return ids.error();
  auto changes = changesFrom(params);
  if (!changes) return changes.error();
  auto updated = services.interviews.updateRequirement(ids->session, ids->item, *changes);
  if (!updated) return updated.error();
  return json(*updated);
}

Result<json> removeRequirement(ApiServices& services, const Params& params) {
  auto ids = sessionAnd(params, "requirementId");
  if (!ids) return ids.error();
  if (auto removed = services.interviews.removeRequirement(ids->session, ids->item); !removed) return removed.error();
  return json(nullptr);
}

Result<json> resolveConflict(ApiServices& services, const Params& params) {
  auto ids = sessionAnd(params, "conflictId");
  if (!ids) return ids.error();
  auto resolution = params.requiredString("resolution");
  if (!resolution) return resolution.error();
  const auto parsed = parseConflictResolution(*resolution);
  if (!parsed) {
    return Error::invalidArgument("\"resolution\" must be keep-first, keep-second, keep-both or dismissed, not \"" +
                                  *resolution + "\"");
  }
  auto resolved = services.interviews.resolveConflict(ids->session, ids->item, *parsed);
  if (!resolved) return resolved.error();
  return json(*resolved);
}

Result<json> dismissFinding(ApiServices& services, const Params& params) {
  auto ids = sessionAnd(params, "findingId");
  if (!ids) return ids.error();
  auto dismissed = services.interviews.dismissFinding(ids->session, ids->item);
  if (!dismissed) return dismissed.error();
  return json(*dismissed);
}

Result<json> updateDatabaseRequirement(ApiServices& services, const Params& params) {
  auto requirementId = params.requiredString("requirementId");
  if (!requirementId) return requirementId.error();
  auto changes = changesFrom(params);
  if (!changes) return changes.error();
  auto updated = services.requirements.update(*requirementId, *changes);
  if (!updated) return updated.error();
  return json(*updated);
}

Result<json> analyzeProject(ApiServices& services, const Params& params) {
  auto projectId = params.requiredString("projectId");
  if (!projectId) return projectId.error();
  auto review = reviewProject(services.requirements, *projectId, services.interviews.engineOptions().readyThreshold);
  if (!review) return review.error();
  return json{{"conflicts", review->conflicts}, {"findings", review->findings}, {"readiness", review->readiness}};
}

}  // namespace nexus::api::review
