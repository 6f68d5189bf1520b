#include "api/dispatcher.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "domain/areas.hpp"
#include "events/event_types.hpp"
#include "api/review_methods.hpp"
#include "interview/requirements_document.hpp"
#include "interview/requirements_import.hpp"

namespace nexus::api {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 2> kSubscribeNames{"sessionIds", "types"};

// An error about the inner object `what` (options, filters): says where it was.
Error inside(std::string_view what, const Error& error) {
  return {error.code, std::string(what) + ": " + error.message, error.retryable};
}

// The handlers: each reads its parameters and turns the service's answer into the JSON shape.
class Methods {
 public:
  explicit Methods(ApiServices& services) : s_(services) {}

  Result<json> start(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (!projectId) return projectId.error();
    auto options = startOptions(params);
    if (!options) return options.error();
    auto session = s_.interviews.start(*projectId, std::move(*options));
    if (!session) return session.error();
    return json(*session);
  }

  Result<json> sendMessage(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    const json* message = params.find("message");
    if (message == nullptr) return Error::invalidArgument("\"message\" is required");
    if (!message->is_string()) {
      return Error::invalidArgument("\"message\" must be a string, not " + std::string(describeKind(*message)));
    }
    auto result = s_.interviews.sendMessage(*sessionId, message->get_ref<const std::string&>());
    if (!result) return result.error();
    return json(*result);
  }

  Result<json> getSession(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    auto session = s_.interviews.getSession(*sessionId);
    if (!session) return session.error();
    return *session ? json(**session) : json(nullptr);
  }

  Result<json> resume(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    auto session = s_.interviews.resume(*sessionId);
    if (!session) {
      if (session.error().code == ErrorCode::NotFound) return json(nullptr);
      return session.error();
    }
    return json(*session);
  }

  Result<json> resumeByProject(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (!projectId) return projectId.error();
    auto session = s_.interviews.resumeByProject(*projectId);
    if (!session) return session.error();
    return *session ? json(**session) : json(nullptr);
  }

  Result<json> pause(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    if (auto paused = s_.interviews.pause(*sessionId); !paused) return paused.error();
    return json(nullptr);
  }

  Result<json> end(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    if (auto ended = s_.interviews.end(*sessionId); !ended) return ended.error();
    return json(nullptr);
  }

  Result<json> getGreeting(const Params& params, CallContext&) {
    auto mode = optionalMode(params);
    if (!mode) return mode.error();
    return json(InterviewService::greeting(*mode));
  }

  Result<json> list(const Params& params, CallContext&) {
    auto projectId = params.optionalString("projectId");
    if (!projectId) return projectId.error();
    auto summaries = s_.interviews.list(projectId->value_or(""));
    if (!summaries) return summaries.error();
    return json(*summaries);
  }

  Result<json> remove(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    auto removed = s_.interviews.remove(*sessionId);
    if (!removed) return removed.error();
    if (!*removed) return Error::notFound("no session " + *sessionId);
    return json(nullptr);
  }

  Result<json> exportToRequirementsDB(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (!sessionId) return sessionId.error();
    auto counts = s_.interviews.exportToRequirementsDB(*sessionId);
    if (!counts) return counts.error();
    return json(counts->total());
  }

  Result<json> getReadiness(const Params& params, CallContext&) { return review::getReadiness(s_, params); }
  Result<json> updateRequirement(const Params& params, CallContext&) { return review::updateRequirement(s_, params); }
  Result<json> removeRequirement(const Params& params, CallContext&) { return review::removeRequirement(s_, params); }
  Result<json> resolveConflict(const Params& params, CallContext&) { return review::resolveConflict(s_, params); }
  Result<json> dismissFinding(const Params& params, CallContext&) { return review::dismissFinding(s_, params); }
  Result<json> updateDatabaseRequirement(const Params& params, CallContext&) {
    return review::updateDatabaseRequirement(s_, params);
  }
  Result<json> analyzeProject(const Params& params, CallContext&) { return review::analyzeProject(s_, params); }

  Result<json> listRequirements(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (!projectId) return projectId.error();
    auto filter = requirementFilter(params);
    if (!filter) return filter.error();
    auto requirements = s_.requirements.list(*projectId, *filter);
    if (!requirements) return requirements.error();
    return json(*requirements);
  }

  // The source is a project id or {sessionId}; by name, projectId or sessionId.
  Result<json> exportRequirements(const Params& params, CallContext&) {
    auto format = params.optionalString("format");
    if (!format) return format.error();
    const auto documentFormat = parseDocumentFormat(format->value_or("markdown"));
    if (!documentFormat) {
      return Error::invalidArgument("\"format\" must be markdown, json, csv or reqif, not \"" + **format + "\"");
    }
    auto style = exportStyle(params);
    if (!style) return style.error();
    const json* source = params.find("projectId");
    const json* sessionId = params.find("sessionId");
    if (source != nullptr && source->is_object() && sessionId == nullptr) {
      static constexpr std::array<std::string_view, 1> kSource{"sessionId"};
      auto inner = Params::bind(*source, kSource);
      if (!inner) return inner.error();
      auto id = inner->requiredString("sessionId");
      if (!id) return id.error();
      return exportSession(*id, *documentFormat, *style);
    }
    if ((source == nullptr) == (sessionId == nullptr)) {
      return Error::invalidArgument("name what to export: a project id, or {\"sessionId\": …}");
    }
    if (sessionId != nullptr) {
      auto id = params.requiredString("sessionId");
      if (!id) return id.error();
      return exportSession(*id, *documentFormat, *style);
    }
    auto projectId = params.requiredString("projectId");
    if (!projectId) return projectId.error();
    // The reply carries the document as one string: written straight into it, not into a list
    // of every requirement first.
    const SourceQuotes quotes([&](std::string_view id) { return s_.interviews.getSession(id); });
    std::ostringstream document;
    auto written = writeProjectDocument(document, *projectId, walkOf(s_.requirements, *projectId), *documentFormat,
                                        s_.clock.now(), s_.interviews.engineOptions().readyThreshold, quotes, *style);
    if (!written) return written.error();
    return json(std::move(document).str());
  }

  // projectId, format (json or reqif), document: the document's text.
  Result<json> importRequirements(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (!projectId) return projectId.error();
    auto format = params.requiredString("format");
    if (!format) return format.error();
    const auto importFormat = parseImportFormat(*format);
    if (!importFormat) return Error::invalidArgument("\"format\" must be json or reqif, not \"" + *format + "\"");
    auto document = params.requiredString("document");
    if (!document) return document.error();
    auto counts = importDocument(s_.requirements, *projectId, *importFormat, *document);
    if (!counts) return counts.error();
    return json{{"added", counts->added},
                {"merged", counts->merged},
                {"alreadyThere", counts->alreadyThere},
                {"skipped", counts->skipped}};
  }

  // {sessionIds?, types?}: by name, by position, or as one positional object (as the JS
  // client's subscribe(filter) sends it).
  Result<json> subscribe(const Params& given, CallContext& context) {
    if (context.events == nullptr) return noEventStream();
    const json* first = given.find("sessionIds");
    auto unwrapped = first != nullptr && first->is_object() && given.find("types") == nullptr
                         ? Params::bind(*first, kSubscribeNames)
                         : Result<Params>(given);
    if (!unwrapped) return unwrapped.error();
    auto sessionIds = stringSet(*unwrapped, "sessionIds");
    if (!sessionIds) return sessionIds.error();
    auto types = stringSet(*unwrapped, "types");
    if (!types) return types.error();
    for (const auto& type : *types) {
      if (std::find(events::kAll.begin(), events::kAll.end(), type) == events::kAll.end()) {
        return Error::invalidArgument("unknown event type \"" + type + "\"");
      }
    }
    EventFilter filter;
    filter.sessionIds = std::move(*sessionIds);
    filter.types = std::move(*types);
    context.events->setFilter(std::move(filter));
    return json(true);
  }

  Result<json> unsubscribe(const Params&, CallContext& context) {
    if (context.events == nullptr) return noEventStream();
    EventFilter none;
    none.silent = true;
    context.events->setFilter(std::move(none));
    return json(true);
  }

  Result<json> info(const Params&, CallContext&) {
    const BackendInfo backend = s_.interviews.backend();
    json described{{"name", backend.name}, {"model", backend.model}};
    if (!backend.endpoint.empty()) described["endpoint"] = backend.endpoint;
    return json{{"name", "nexus"},
                {"version", s_.version},
                {"backend", std::move(described)},
                {"database", s_.database},
                {"maxMessageBytes", s_.interviews.engineOptions().maxMessageBytes}};
  }

  Result<json> discover(const Params&, CallContext&) { return describeApi(s_.version); }

 private:
  // options: {style: "as-stated" (the default) or "ears"}.
  static Result<DocumentStyle> exportStyle(const Params& params) {
    auto options = params.optionalObject("options");
    if (!options) return options.error();
    if (*options == nullptr) return DocumentStyle::AsStated;
    static constexpr std::array<std::string_view, 1> kOptions{"style"};
    auto inner = Params::bind(**options, kOptions);
    if (!inner) return inner.error();
    auto style = inner->optionalString("style");
    if (!style) return style.error();
    if (!*style) return DocumentStyle::AsStated;
    const auto parsed = parseDocumentStyle(**style);
    if (!parsed) return Error::invalidArgument("\"style\" must be as-stated or ears, not \"" + **style + "\"");
    return *parsed;
  }

  Result<json> exportSession(const std::string& sessionId, DocumentFormat format, DocumentStyle style) {
    auto session = s_.interviews.getSession(sessionId);
    if (!session) return session.error();
    if (!*session) return Error::notFound("no session " + sessionId);
    return json(renderSessionDocument(**session, format, s_.clock.now(),
                                      s_.interviews.engineOptions().readyThreshold, style));
  }

  static Error noEventStream() {
    return Error::invalidRequest("this connection carries no events: subscribe over the WebSocket at /rpc or "
                                 "over `nexus rpc`");
  }

  static Result<InterviewMode> optionalMode(const Params& params) {
    auto mode = params.optionalString("mode");
    if (!mode) return mode.error();
    if (!*mode) return InterviewMode::Genesis;
    const auto parsed = parseInterviewMode(**mode);
    if (!parsed) return Error::invalidArgument("\"mode\" must be \"genesis\" or \"evolution\", not \"" + **mode + "\"");
    return *parsed;
  }

  static Result<StartOptions> startOptions(const Params& params) {
    auto object = params.optionalObject("options");
    if (!object) return object.error();
    StartOptions options;
    if (*object == nullptr) return options;
    static constexpr std::array<std::string_view, 2> kNames{"mode", "evolutionContext"};
    auto inner = Params::bind(**object, kNames);
    if (!inner) return inside("options", inner.error());
    auto mode = optionalMode(*inner);
    if (!mode) return inside("options", mode.error());
    options.mode = *mode;
    if (const json* context = inner->find("evolutionContext")) {
      try {
        options.evolutionContext = context->get<EvolutionContext>();
      } catch (const std::exception& e) {
        return Error::invalidArgument(std::string("options.evolutionContext: ") + e.what());
      }
    }
    return options;
  }

  static Result<std::set<std::string, std::less<>>> stringSet(const Params& params, std::string_view name) {
    std::set<std::string, std::less<>> out;
    const json* value = params.find(name);
    if (value == nullptr) return out;
    if (!value->is_array()) {
      return Error::invalidArgument("\"" + std::string(name) + "\" must be an array of strings, not " +
                                    std::string(describeKind(*value)));
    }
    for (const json& item : *value) {
      if (!item.is_string()) return Error::invalidArgument("\"" + std::string(name) + "\" must hold only strings");
      out.insert(item.get<std::string>());
    }
    return out;
  }

  static Result<RequirementFilter> requirementFilter(const Params& params) {
    auto object = params.optionalObject("filters");
    if (!object) return object.error();
    RequirementFilter filter;
    if (*object == nullptr) return filter;
    static constexpr std::array<std::string_view, 6> kNames{"category", "priority",   "area",
                                                            "minConfidence", "validation", "featureId"};
    auto fields = Params::bind(**object, kNames);
    if (!fields) return inside("filters", fields.error());
    const auto invalid = [](std::string_view name, const std::string& value) {
      return Error::invalidArgument("filters: \"" + value + "\" is not a " + std::string(name));
    };
    std::optional<std::string> category, priority, validation, area, featureId;
    const std::pair<std::string_view, std::optional<std::string>*> texts[] = {
        {"category", &category}, {"priority", &priority}, {"validation", &validation},
        {"area", &area},         {"featureId", &featureId}};
    for (const auto& [name, into] : texts) {
      auto value = fields->optionalString(name);
      if (!value) return inside("filters", value.error());
      *into = std::move(*value);
    }
    if (category) {
      filter.category = parseCategory(*category);
      if (!filter.category) return invalid("category", *category);
    }
    if (priority) {
      filter.priority = parsePriority(*priority);
      if (!filter.priority) return invalid("priority (must, should, could or wont)", *priority);
    }
    if (validation) {
      filter.validation = parseValidationStatus(*validation);
      if (!filter.validation) return invalid("validation state (pending, validated or rejected)", *validation);
    }
    if (area) filter.area = domain::normalizeArea(*area);
    filter.featureId = std::move(featureId);
    if (const json* confidence = fields->find("minConfidence")) {
      if (!confidence->is_number()) return Error::invalidArgument("filters: \"minConfidence\" must be a number");
      filter.minConfidence = confidence->get<double>();
    }
    return filter;
  }

  ApiServices& s_;
};

using Handler = Result<json> (Methods::*)(const Params&, CallContext&);

struct Method {
  std::string_view name;
  std::span<const std::string_view> params;  // in positional order
  Handler handler;                           // null: answered without work (system:ping)
  std::string_view summary;                  // for rpc.discover
};

constexpr std::string_view kSessionId[]{"sessionId"};
constexpr std::string_view kProjectId[]{"projectId"};
constexpr std::string_view kStart[]{"projectId", "options"};
constexpr std::string_view kSend[]{"sessionId", "message"};
constexpr std::string_view kMode[]{"mode"};
constexpr std::string_view kRequirementsList[]{"projectId", "filters"};
constexpr std::string_view kRequirementsExport[]{"projectId", "format", "options", "sessionId"};
constexpr std::string_view kRequirementsImport[]{"projectId", "format", "document"};
constexpr std::string_view kUpdateRequirement[]{"sessionId", "requirementId", "changes"};
constexpr std::string_view kRemoveRequirement[]{"sessionId", "requirementId"};
constexpr std::string_view kResolveConflict[]{"sessionId", "conflictId", "resolution"};
constexpr std::string_view kDismissFinding[]{"sessionId", "findingId"};
constexpr std::string_view kDatabaseUpdate[]{"requirementId", "changes"};

// The API: DESIGN.md §4, in its order, then the extensions a front end needs (events,
// system:info, rpc.discover). Everything else that lists methods is checked against this.
const std::array<Method, 26> kMethods{{
    {"interview:start", kStart, &Methods::start, "Start an interview of a project (autosaved)"},
    {"interview:sendMessage", kSend, &Methods::sendMessage, "One turn: the person's message in, the reply out"},
    {"interview:getSession", kSessionId, &Methods::getSession, "The session, or null"},
    {"interview:resume", kSessionId, &Methods::resume, "Make a paused session active again, or null"},
    {"interview:resumeByProject", kProjectId, &Methods::resumeByProject,
     "Resume the project's latest session that is not completed, or null"},
    {"interview:pause", kSessionId, &Methods::pause, "Pause a session (saved)"},
    {"interview:end", kSessionId, &Methods::end, "Complete a session (saved)"},
    {"interview:getGreeting", kMode, &Methods::getGreeting, "The interviewer's opening line"},
    {"interview:list", kProjectId, &Methods::list, "Session summaries, newest first"},
    {"interview:delete", kSessionId, &Methods::remove, "Delete a session"},
    {"interview:exportToRequirementsDB", kSessionId, &Methods::exportToRequirementsDB,
     "Record a session's requirements in the requirements database"},
    {"interview:getReadiness", kSessionId, &Methods::getReadiness,
     "How ready the session's requirements are: score, per-area status, open conflicts and findings"},
    {"interview:updateRequirement", kUpdateRequirement, &Methods::updateRequirement,
     "Change a captured requirement's text, category, priority or area (the person's value wins)"},
    {"interview:removeRequirement", kRemoveRequirement, &Methods::removeRequirement,
     "Remove a captured requirement from the session"},
    {"interview:resolveConflict", kResolveConflict, &Methods::resolveConflict,
     "Settle a conflict: keep-first, keep-second, keep-both or dismissed"},
    {"interview:dismissFinding", kDismissFinding, &Methods::dismissFinding,
     "Accept a requirement as it is despite a finding"},
    {"requirements:list", kRequirementsList, &Methods::listRequirements, "A project's requirements"},
    {"requirements:update", kDatabaseUpdate, &Methods::updateDatabaseRequirement,
     "Change a requirement of the requirements database (kept as its history)"},
    {"requirements:analyze", kProjectId, &Methods::analyzeProject,
     "Findings, conflicts and readiness over a project's requirements database"},
    {"requirements:export", kRequirementsExport, &Methods::exportRequirements,
     "A requirements document of a project or a session"},
    {"requirements:import", kRequirementsImport, &Methods::importRequirements,
     "Requirements from a JSON export or a ReqIF file into a project, all or none"},
    {"events:subscribe", kSubscribeNames, &Methods::subscribe, "Narrow the events this connection receives"},
    {"events:unsubscribe", {}, &Methods::unsubscribe, "Receive no events on this connection"},
    {"system:info", {}, &Methods::info, "Version, backend, model and database"},
    {"system:ping", {}, nullptr, "\"pong\""},
    {"rpc.discover", {}, &Methods::discover, "This description of the API (OpenRPC)"},
}};

const Method* findMethod(std::string_view name) {
  const auto it = std::find_if(kMethods.begin(), kMethods.end(), [&](const Method& m) { return m.name == name; });
  return it == kMethods.end() ? nullptr : &*it;
}

json errorObject(const Error& error) {
  const RpcError rpc = toRpcError(error);
  return {{"code", rpc.code}, {"message", rpc.message}, {"data", rpc.data}};
}

}  // namespace

// An OpenRPC document (https://spec.open-rpc.org, service discovery by rpc.discover): the
// methods with their parameters in positional order, every error the API answers with and,
// as an extension, the event types of the nexus-event notification.
json describeApi(std::string_view version) {
  json methods = json::array();
  for (const Method& method : kMethods) {
    json params = json::array();
    for (const auto name : method.params) params.push_back({{"name", name}, {"schema", json::object()}});
    methods.push_back({{"name", method.name},
                       {"summary", method.summary},
                       {"paramStructure", "either"},
                       {"params", std::move(params)},
                       {"result", {{"name", "result"}, {"schema", json::object()}}}});
  }
  json errors = json::object();
  for (const ErrorCode code : allErrorCodes()) {
    errors[std::string(toString(code))] = errorObject(Error{code, std::string(meaningOf(code)), false});
  }
  return {{"openrpc", "1.3.2"},
          {"info", {{"title", "Nexus Interview"}, {"version", version}}},
          {"methods", std::move(methods)},
          {"components", {{"errors", std::move(errors)}}},
          {"x-notification", rpc::kEventNotification},
          {"x-events", events::kAll}};
}

Dispatcher::Dispatcher(ApiServices services, DispatcherOptions options)
    : services_(std::move(services)), options_(options) {}

std::vector<std::string_view> Dispatcher::methodNames() {
  std::vector<std::string_view> names;
  for (const auto& method : kMethods) names.push_back(method.name);
  return names;
}

std::optional<std::string> Dispatcher::handle(std::string_view text, CallContext& context) {
  json message = json::parse(text, nullptr, false);
  if (message.is_discarded()) {
    return serialize(errorResponse(nullptr, toRpcError({ErrorCode::ParseError, "the request is not valid JSON"})));
  }
  json response = call(message, context);
  if (response.is_null()) return std::nullopt;
  return serialize(response);
}

json Dispatcher::call(const json& message, CallContext& context) {
  if (!message.is_array()) return callOne(message, context);
  if (message.empty()) return errorResponse(nullptr, toRpcError(Error::invalidRequest("the batch is empty")));
  if (message.size() > options_.maxBatchSize) {
    return errorResponse(nullptr, toRpcError(Error::tooLarge("a batch holds at most " +
                                                             std::to_string(options_.maxBatchSize) +
                                                             " calls, got " + std::to_string(message.size()))));
  }
  json responses = json::array();
  for (const json& request : message) {
    json response = callOne(request, context);
    if (!response.is_null()) responses.push_back(std::move(response));
  }
  // A batch of notifications only is answered with nothing at all.
  return responses.empty() ? json(nullptr) : responses;
}

json Dispatcher::callOne(const json& request, CallContext& context) {
  if (!request.is_object()) {
    return errorResponse(nullptr, toRpcError(Error::invalidRequest("a request must be a JSON object, not " +
                                                                   std::string(describeKind(request)))));
  }
  const auto idField = request.find("id");
  const bool isNotification = idField == request.end();
  const json id = isNotification ? json(nullptr) : *idField;
  if (!isValidId(id)) {
    return errorResponse(nullptr, toRpcError(Error::invalidRequest("\"id\" must be a string or a number")));
  }
  const auto version = request.find("jsonrpc");
  if (version == request.end() || *version != "2.0") {
    return errorResponse(id, toRpcError(Error::invalidRequest("\"jsonrpc\" must be \"2.0\"")));
  }
  const auto methodField = request.find("method");
  if (methodField == request.end() || !methodField->is_string()) {
    return errorResponse(id, toRpcError(Error::invalidRequest("\"method\" must be a string")));
  }
  const std::string& name = methodField->get_ref<const std::string&>();
  const Method* method = findMethod(name);
  if (method == nullptr) {
    if (isNotification) return nullptr;
    return errorResponse(id, toRpcError({ErrorCode::UnknownMethod, "unknown method \"" + name + "\""}));
  }
  const auto paramsField = request.find("params");
  auto params = Params::bind(paramsField == request.end() ? json(nullptr) : *paramsField, method->params);

  Result<json> outcome = json(nullptr);
  if (!params) {
    outcome = params.error();
  } else if (method->handler == nullptr) {
    outcome = json("pong");  // system:ping: the transport's round trip with no work behind it
  } else {
    try {
      Methods methods(services_);
      outcome = (methods.*(method->handler))(*params, context);
    } catch (const std::exception& e) {
      spdlog::error("{} failed: {}", name, e.what());
      outcome = Error::internal(name + " failed unexpectedly: " + e.what());
    }
  }
  if (isNotification) return nullptr;
  if (!outcome) {
    Error error = outcome.error();
    // Which call's parameters were wrong matters most in a batch: say it.
    if (error.code == ErrorCode::InvalidArgument) error.message = name + ": " + error.message;
    return errorResponse(id, toRpcError(error));
  }
  return successResponse(id, std::move(*outcome));
}

}  // namespace nexus::api
