#include "core/json.hpp"

#include <map>
#include <stdexcept>
#include <string>

#include "core/enums.hpp"
#include "core/time.hpp"

namespace nexus {
namespace {

using nlohmann::json;

template <typename Enum, typename Parse>
Enum enumFromJson(const json& j, Parse parse, std::string_view what) {
  const auto& text = j.get_ref<const std::string&>();
  if (auto value = parse(text)) return *value;
  throw std::invalid_argument("unknown " + std::string(what) + " \"" + text + "\"");
}

template <typename T>
void putOptional(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

// {spelling: count} of an enum-keyed map, e.g. {"must": 3, "should": 0}.
template <typename Enum>
json countsToJson(const std::map<Enum, std::size_t>& counts) {
  json out = json::object();
  for (const auto& [key, count] : counts) out[std::string(toString(key))] = count;
  return out;
}

template <typename Enum, typename Parse>
std::map<Enum, std::size_t> countsFromJson(const json& j, Parse parse, std::string_view what) {
  std::map<Enum, std::size_t> out;
  for (const auto& [key, count] : j.items()) {
    out[enumFromJson<Enum>(json(key), parse, what)] = count.template get<std::size_t>();
  }
  return out;
}

template <typename T>
void getOptional(const json& j, const char* key, std::optional<T>& out) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out.reset();
  } else {
    out = it->template get<T>();
  }
}

// An optional list: absent (or null) reads as empty.
template <typename T>
void getList(const json& j, const char* key, std::vector<T>& out) {
  const auto it = j.find(key);
  out = it == j.end() || it->is_null() ? std::vector<T>{} : it->template get<std::vector<T>>();
}

}  // namespace

void to_json(json& j, SessionStatus value) { j = toString(value); }
void from_json(const json& j, SessionStatus& value) { value = enumFromJson<SessionStatus>(j, parseSessionStatus, "status"); }
void to_json(json& j, InterviewMode value) { j = toString(value); }
void from_json(const json& j, InterviewMode& value) { value = enumFromJson<InterviewMode>(j, parseInterviewMode, "mode"); }
void to_json(json& j, MessageRole value) { j = toString(value); }
void from_json(const json& j, MessageRole& value) { value = enumFromJson<MessageRole>(j, parseMessageRole, "role"); }
void to_json(json& j, RequirementCategory value) { j = toString(value); }
void from_json(const json& j, RequirementCategory& value) {
  value = enumFromJson<RequirementCategory>(j, parseCategory, "category");
}
void to_json(json& j, Priority value) { j = toString(value); }
void from_json(const json& j, Priority& value) { value = enumFromJson<Priority>(j, parsePriority, "priority"); }
void to_json(json& j, ValidationStatus value) { j = toString(value); }
void from_json(const json& j, ValidationStatus& value) {
  value = enumFromJson<ValidationStatus>(j, parseValidationStatus, "validation");
}

void to_json(json& j, FindingKind value) { j = toString(value); }
void from_json(const json& j, FindingKind& value) { value = enumFromJson<FindingKind>(j, parseFindingKind, "finding kind"); }
void to_json(json& j, ConflictKind value) { j = toString(value); }
void from_json(const json& j, ConflictKind& value) {
  value = enumFromJson<ConflictKind>(j, parseConflictKind, "conflict kind");
}
void to_json(json& j, ReviewStatus value) { j = toString(value); }
void from_json(const json& j, ReviewStatus& value) {
  value = enumFromJson<ReviewStatus>(j, parseReviewStatus, "review status");
}
void to_json(json& j, ConflictResolution value) { j = toString(value); }
void from_json(const json& j, ConflictResolution& value) {
  value = enumFromJson<ConflictResolution>(j, parseConflictResolution, "resolution");
}
void to_json(json& j, AreaStatus value) { j = toString(value); }
void from_json(const json& j, AreaStatus& value) { value = enumFromJson<AreaStatus>(j, parseAreaStatus, "area status"); }

json timestampToJson(Timestamp time) { return formatIso8601(time); }

Timestamp timestampFromJson(const json& j, std::string_view field) {
  const auto& text = j.get_ref<const std::string&>();
  if (auto time = parseIso8601(text)) return *time;
  throw std::invalid_argument(std::string(field) + " is not an ISO-8601 date: \"" + text + "\"");
}

void to_json(json& j, const EvolutionContext& value) {
  j = json{{"projectPath", value.projectPath}, {"repoMapContext", value.repoMapContext}};
  putOptional(j, "projectSummary", value.projectSummary);
}

void from_json(const json& j, EvolutionContext& value) {
  j.at("projectPath").get_to(value.projectPath);
  j.at("repoMapContext").get_to(value.repoMapContext);
  getOptional(j, "projectSummary", value.projectSummary);
}

void to_json(json& j, const InterviewMessage& value) {
  j = json{{"id", value.id},
           {"role", value.role},
           {"content", value.content},
           {"timestamp", timestampToJson(value.timestamp)}};
  putOptional(j, "requirementsExtracted", value.requirementsExtracted);
}

void from_json(const json& j, InterviewMessage& value) {
  j.at("id").get_to(value.id);
  j.at("role").get_to(value.role);
  j.at("content").get_to(value.content);
  value.timestamp = timestampFromJson(j.at("timestamp"), "timestamp");
  getOptional(j, "requirementsExtracted", value.requirementsExtracted);
}

void to_json(json& j, const ExtractedRequirement& value) {
  j = json{{"id", value.id},
           {"text", value.text},
           {"category", value.category},
           {"priority", value.priority},
           {"confidence", value.confidence}};
  putOptional(j, "area", value.area);
  j["sourceMessageId"] = value.sourceMessageId;
  putOptional(j, "editedFields", value.editedFields);
}

void from_json(const json& j, ExtractedRequirement& value) {
  j.at("id").get_to(value.id);
  j.at("text").get_to(value.text);
  j.at("category").get_to(value.category);
  j.at("priority").get_to(value.priority);
  j.at("confidence").get_to(value.confidence);
  if (value.confidence < 0.0 || value.confidence > 1.0) {
    throw std::invalid_argument("confidence must be between 0 and 1");
  }
  getOptional(j, "area", value.area);
  j.at("sourceMessageId").get_to(value.sourceMessageId);
  getOptional(j, "editedFields", value.editedFields);
}

void to_json(json& j, const RequirementEdit& value) {
  j = json{{"requirementId", value.requirementId}, {"field", value.field}};
  putOptional(j, "oldValue", value.oldValue);
  putOptional(j, "newValue", value.newValue);
  j["editedAt"] = timestampToJson(value.editedAt);
}

void from_json(const json& j, RequirementEdit& value) {
  j.at("requirementId").get_to(value.requirementId);
  j.at("field").get_to(value.field);
  getOptional(j, "oldValue", value.oldValue);
  getOptional(j, "newValue", value.newValue);
  value.editedAt = timestampFromJson(j.at("editedAt"), "editedAt");
}

void to_json(json& j, const RequirementFinding& value) {
  j = json{{"id", value.id}, {"requirementId", value.requirementId}, {"kind", value.kind}};
  putOptional(j, "term", value.term);
  j["message"] = value.message;
  putOptional(j, "suggestion", value.suggestion);
  j["status"] = value.status;
  putOptional(j, "askedInMessageId", value.askedInMessageId);
}

void from_json(const json& j, RequirementFinding& value) {
  j.at("id").get_to(value.id);
  j.at("requirementId").get_to(value.requirementId);
  j.at("kind").get_to(value.kind);
  getOptional(j, "term", value.term);
  j.at("message").get_to(value.message);
  getOptional(j, "suggestion", value.suggestion);
  j.at("status").get_to(value.status);
  getOptional(j, "askedInMessageId", value.askedInMessageId);
}

void to_json(json& j, const RequirementConflict& value) {
  j = json{{"id", value.id},
           {"requirementIds", value.requirementIds},
           {"kind", value.kind},
           {"explanation", value.explanation},
           {"status", value.status}};
  putOptional(j, "resolution", value.resolution);
  putOptional(j, "askedInMessageId", value.askedInMessageId);
  putOptional(j, "projectRequirement", value.projectRequirement);
}

void from_json(const json& j, RequirementConflict& value) {
  j.at("id").get_to(value.id);
  j.at("requirementIds").get_to(value.requirementIds);
  j.at("kind").get_to(value.kind);
  j.at("explanation").get_to(value.explanation);
  j.at("status").get_to(value.status);
  getOptional(j, "resolution", value.resolution);
  getOptional(j, "askedInMessageId", value.askedInMessageId);
  getOptional(j, "projectRequirement", value.projectRequirement);
}

void to_json(json& j, const ProjectRequirementRef& value) { j = json{{"id", value.id}, {"text", value.text}}; }

void from_json(const json& j, ProjectRequirementRef& value) {
  j.at("id").get_to(value.id);
  j.at("text").get_to(value.text);
}

void to_json(json& j, const AreaReadiness& value) {
  j = json{{"area", value.area}, {"status", value.status}, {"requirementIds", value.requirementIds}};
}

void from_json(const json& j, AreaReadiness& value) {
  j.at("area").get_to(value.area);
  j.at("status").get_to(value.status);
  j.at("requirementIds").get_to(value.requirementIds);
}

void to_json(json& j, const Readiness& value) {
  j = json{{"score", value.score},         {"ready", value.ready},
           {"threshold", value.threshold}, {"areas", value.areas},
           {"openConflicts", value.openConflicts}, {"openFindings", value.openFindings}};
}

void from_json(const json& j, Readiness& value) {
  j.at("score").get_to(value.score);
  j.at("ready").get_to(value.ready);
  j.at("threshold").get_to(value.threshold);
  j.at("areas").get_to(value.areas);
  j.at("openConflicts").get_to(value.openConflicts);
  j.at("openFindings").get_to(value.openFindings);
}

void to_json(json& j, const InterviewSession& value) {
  j = json{{"id", value.id}, {"projectId", value.projectId}, {"status", value.status}, {"mode", value.mode}};
  putOptional(j, "evolutionContext", value.evolutionContext);
  j["messages"] = value.messages;
  j["extractedRequirements"] = value.extractedRequirements;
  j["exploredAreas"] = value.exploredAreas;
  j["startedAt"] = timestampToJson(value.startedAt);
  j["lastActivityAt"] = timestampToJson(value.lastActivityAt);
  if (value.completedAt) j["completedAt"] = timestampToJson(*value.completedAt);
  if (!value.findings.empty()) j["findings"] = value.findings;
  if (!value.conflicts.empty()) j["conflicts"] = value.conflicts;
  if (!value.requirementEdits.empty()) j["requirementEdits"] = value.requirementEdits;
}


void from_json(const json& j, InterviewSession& value) {
  j.at("id").get_to(value.id);
  j.at("projectId").get_to(value.projectId);
  j.at("status").get_to(value.status);
  j.at("mode").get_to(value.mode);
  getOptional(j, "evolutionContext", value.evolutionContext);
  j.at("messages").get_to(value.messages);
  j.at("extractedRequirements").get_to(value.extractedRequirements);
  j.at("exploredAreas").get_to(value.exploredAreas);
  value.startedAt = timestampFromJson(j.at("startedAt"), "startedAt");
  value.lastActivityAt = timestampFromJson(j.at("lastActivityAt"), "lastActivityAt");
  if (const auto it = j.find("completedAt"); it != j.end() && !it->is_null()) {
    value.completedAt = timestampFromJson(*it, "completedAt");
  } else {
    value.completedAt.reset();
  }
  getList(j, "findings", value.findings);
  getList(j, "conflicts", value.conflicts);
  getList(j, "requirementEdits", value.requirementEdits);
}

void to_json(json& j, const SessionSummary& value) {
  j = json{{"id", value.id},
           {"projectId", value.projectId},
           {"status", value.status},
           {"mode", value.mode},
           {"messageCount", value.messageCount},
           {"requirementCount", value.requirementCount},
           {"startedAt", timestampToJson(value.startedAt)},
           {"lastActivityAt", timestampToJson(value.lastActivityAt)}};
}

void from_json(const json& j, SessionSummary& value) {
  j.at("id").get_to(value.id);
  j.at("projectId").get_to(value.projectId);
  j.at("status").get_to(value.status);
  j.at("mode").get_to(value.mode);
  j.at("messageCount").get_to(value.messageCount);
  j.at("requirementCount").get_to(value.requirementCount);
  value.startedAt = timestampFromJson(j.at("startedAt"), "startedAt");
  value.lastActivityAt = timestampFromJson(j.at("lastActivityAt"), "lastActivityAt");
}

void to_json(json& j, const ProcessMessageResult& value) {
  j = json{{"response", value.response},
           {"extractedRequirements", value.extractedRequirements},
           {"suggestedGaps", value.suggestedGaps}};
  if (!value.findings.empty()) j["findings"] = value.findings;
  if (!value.conflicts.empty()) j["conflicts"] = value.conflicts;
  putOptional(j, "readiness", value.readiness);
}

void from_json(const json& j, ProcessMessageResult& value) {
  j.at("response").get_to(value.response);
  j.at("extractedRequirements").get_to(value.extractedRequirements);
  j.at("suggestedGaps").get_to(value.suggestedGaps);
  getList(j, "findings", value.findings);
  getList(j, "conflicts", value.conflicts);
  getOptional(j, "readiness", value.readiness);
}

void to_json(json& j, const RequirementSource& value) {
  j = json{{"source", value.source}};
  putOptional(j, "messageId", value.messageId);
  putOptional(j, "originId", value.originId);
  j["addedAt"] = timestampToJson(value.addedAt);
}

void from_json(const json& j, RequirementSource& value) {
  j.at("source").get_to(value.source);
  getOptional(j, "messageId", value.messageId);
  getOptional(j, "originId", value.originId);
  value.addedAt = timestampFromJson(j.at("addedAt"), "addedAt");
}

void to_json(json& j, const Requirement& value) {
  j = json{{"id", value.id},
           {"projectId", value.projectId},
           {"text", value.text},
           {"category", value.category},
           {"priority", value.priority},
           {"confidence", value.confidence}};
  putOptional(j, "area", value.area);
  j["validation"] = value.validation;
  putOptional(j, "featureId", value.featureId);
  j["sources"] = value.sources;
  j["createdAt"] = timestampToJson(value.createdAt);
  j["updatedAt"] = timestampToJson(value.updatedAt);
  if (!value.editedFields.empty()) j["editedFields"] = value.editedFields;
  if (!value.history.empty()) j["history"] = value.history;
}

void from_json(const json& j, Requirement& value) {
  j.at("id").get_to(value.id);
  j.at("projectId").get_to(value.projectId);
  j.at("text").get_to(value.text);
  j.at("category").get_to(value.category);
  j.at("priority").get_to(value.priority);
  j.at("confidence").get_to(value.confidence);
  if (!(value.confidence >= 0.0 && value.confidence <= 1.0)) {
    throw std::invalid_argument("confidence must be between 0 and 1");
  }
  getOptional(j, "area", value.area);
  j.at("validation").get_to(value.validation);
  getOptional(j, "featureId", value.featureId);
  j.at("sources").get_to(value.sources);
  if (value.sources.empty()) throw std::invalid_argument("sources must not be empty");
  value.createdAt = timestampFromJson(j.at("createdAt"), "createdAt");
  value.updatedAt = timestampFromJson(j.at("updatedAt"), "updatedAt");
  getList(j, "editedFields", value.editedFields);
  getList(j, "history", value.history);
}

void to_json(json& j, const RequirementStats& value) {
  j = json{{"total", value.total},
           {"byCategory", countsToJson(value.byCategory)},
           {"byPriority", countsToJson(value.byPriority)},
           {"byValidation", countsToJson(value.byValidation)}};
}

void from_json(const json& j, RequirementStats& value) {
  j.at("total").get_to(value.total);
  value.byCategory = countsFromJson<RequirementCategory>(j.at("byCategory"), parseCategory, "category");
  value.byPriority = countsFromJson<Priority>(j.at("byPriority"), parsePriority, "priority");
  value.byValidation =
      countsFromJson<ValidationStatus>(j.at("byValidation"), parseValidationStatus, "validation");
}

}  // namespace nexus
