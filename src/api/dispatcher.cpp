#include "api/dispatcher.hpp"

#include <algorithm>
#include <array>
#include <exception>

#include <spdlog/spdlog.h>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "domain/areas.hpp"
#include "events/event_types.hpp"
#include "interview/requirements_document.hpp"

namespace nexus::api {
namespace {

using nlohmann::json;

template <typename T>
const RpcError* failed(const Checked<T>& checked) {
  return std::get_if<RpcError>(&checked);
}
template <typename T>
T& valueOf(Checked<T>& checked) {
  return std::get<T>(checked);
}

constexpr std::array<std::string_view, 2> kSubscribeNames{"sessionIds", "types"};

// The handlers: each reads its parameters and turns the engine's answer into the JSON shape.
class Methods {
 public:
  explicit Methods(ApiServices& services) : s_(services) {}

  Checked<json> start(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (auto* e = failed(projectId)) return *e;
    auto options = startOptions(params);
    if (auto* e = failed(options)) return *e;
    auto session = s_.engine.startSession(valueOf(projectId), std::move(valueOf(options)));
    if (!session) return toRpcError(session.error());
    s_.sessions.startAutoSave(session->id);
    return json(*session);
  }

  Checked<json> sendMessage(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    const json* message = params.find("message");
    if (message == nullptr) return RpcError::invalidParams("\"message\" is required");
    if (!message->is_string()) {
      return RpcError::invalidParams("\"message\" must be a string, not " + std::string(describeKind(*message)));
    }
    auto result = s_.engine.processMessage(valueOf(sessionId), message->get_ref<const std::string&>());
    if (!result) return toRpcError(result.error());
    return json(*result);
  }

  Checked<json> getSession(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    auto session = s_.engine.getSession(valueOf(sessionId));
    if (!session) return toRpcError(session.error());
    return *session ? json(**session) : json(nullptr);
  }

  Checked<json> resume(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    auto session = s_.engine.resumeSession(valueOf(sessionId));
    if (!session) {
      if (session.error().code == ErrorCode::NotFound) return json(nullptr);
      return toRpcError(session.error());
    }
    s_.sessions.startAutoSave(session->id);
    return json(*session);
  }

  Checked<json> resumeByProject(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (auto* e = failed(projectId)) return *e;
    auto session = s_.engine.resumeByProject(valueOf(projectId));
    if (!session) return toRpcError(session.error());
    if (!*session) return json(nullptr);
    s_.sessions.startAutoSave((*session)->id);
    return json(**session);
  }

  Checked<json> pause(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    auto paused = s_.engine.pauseSession(valueOf(sessionId));
    if (!paused) return toRpcError(paused.error());
    s_.sessions.stopAutoSave(paused->id);  // its final flush writes whatever autosave had pending
    return json(nullptr);
  }

  Checked<json> end(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    auto ended = s_.engine.endSession(valueOf(sessionId));
    if (!ended) return toRpcError(ended.error());
    s_.sessions.stopAutoSave(ended->id);
    // A completed session never changes again: it is read from the store from now on, which
    // keeps a long-running server's memory to the sessions still in use.
    s_.engine.forget(ended->id);
    return json(nullptr);
  }

  Checked<json> getGreeting(const Params& params, CallContext&) {
    auto mode = optionalMode(params);
    if (auto* e = failed(mode)) return *e;
    return json(InterviewEngine::getGreeting(valueOf(mode)));
  }

  Checked<json> list(const Params& params, CallContext&) {
    auto projectId = params.optionalString("projectId");
    if (auto* e = failed(projectId)) return *e;
    auto summaries = s_.sessions.list(valueOf(projectId).value_or(""));
    if (!summaries) return toRpcError(summaries.error());
    return json(*summaries);
  }

  Checked<json> remove(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    auto removed = s_.sessions.remove(valueOf(sessionId));
    if (!removed) return toRpcError(removed.error());
    if (!*removed) return toRpcError(Error::notFound("no session " + valueOf(sessionId)));
    return json(nullptr);
  }

  Checked<json> exportToRequirementsDB(const Params& params, CallContext&) {
    auto sessionId = params.requiredString("sessionId");
    if (auto* e = failed(sessionId)) return *e;
    auto counts = s_.sessions.exportToRequirementsDB(valueOf(sessionId));
    if (!counts) return toRpcError(counts.error());
    return json(counts->total());
  }

  Checked<json> listRequirements(const Params& params, CallContext&) {
    auto projectId = params.requiredString("projectId");
    if (auto* e = failed(projectId)) return *e;
    auto filter = requirementFilter(params);
    if (auto* e = failed(filter)) return *e;
    auto requirements = s_.requirements.list(valueOf(projectId), valueOf(filter));
    if (!requirements) return toRpcError(requirements.error());
    return json(*requirements);
  }

  // The source is a project id or {sessionId}; by name, projectId or sessionId.
  Checked<json> exportRequirements(const Params& params, CallContext&) {
    auto format = params.optionalString("format");
    if (auto* e = failed(format)) return *e;
    const auto documentFormat = parseDocumentFormat(valueOf(format).value_or("markdown"));
    if (!documentFormat) {
      return RpcError::invalidParams("\"format\" must be markdown, json or csv, not \"" + *valueOf(format) + "\"");
    }
    const json* source = params.find("projectId");
    const json* sessionId = params.find("sessionId");
    if (source != nullptr && source->is_object() && sessionId == nullptr) {
      static constexpr std::array<std::string_view, 1> kSource{"sessionId"};
      auto inner = Params::bind(*source, kSource);
      if (auto* e = failed(inner)) return *e;
      auto id = valueOf(inner).requiredString("sessionId");
      if (auto* e = failed(id)) return *e;
      return exportSession(valueOf(id), *documentFormat);
    }
    if ((source == nullptr) == (sessionId == nullptr)) {
      return RpcError::invalidParams("name what to export: a project id, or {\"sessionId\": …}");
    }
    if (sessionId != nullptr) {
      auto id = params.requiredString("sessionId");
      if (auto* e = failed(id)) return *e;
      return exportSession(valueOf(id), *documentFormat);
    }
    auto projectId = params.requiredString("projectId");
    if (auto* e = failed(projectId)) return *e;
    auto requirements = s_.requirements.list(valueOf(projectId));
    if (!requirements) return toRpcError(requirements.error());
    return json(renderProjectDocument(valueOf(projectId), *requirements, *documentFormat, s_.clock.now()));
  }

  // {sessionIds?, types?}: by name, by position, or as one positional object (as the JS
  // client's subscribe(filter) sends it).
  Checked<json> subscribe(const Params& given, CallContext& context) {
    if (context.events == nullptr) return noEventStream();
    const json* first = given.find("sessionIds");
    auto unwrapped = first != nullptr && first->is_object() && given.find("types") == nullptr
                         ? Params::bind(*first, kSubscribeNames)
                         : Checked<Params>(given);
    if (auto* e = failed(unwrapped)) return *e;
    const Params& params = valueOf(unwrapped);
    EventFilter filter;
    auto sessionIds = stringSet(params, "sessionIds");
    if (auto* e = failed(sessionIds)) return *e;
    auto types = stringSet(params, "types");
    if (auto* e = failed(types)) return *e;
    for (const auto& type : valueOf(types)) {
      if (std::find(events::kAll.begin(), events::kAll.end(), type) == events::kAll.end()) {
        return RpcError::invalidParams("unknown event type \"" + type + "\"");
      }
    }
    filter.sessionIds = std::move(valueOf(sessionIds));
    filter.types = std::move(valueOf(types));
    context.events->setFilter(std::move(filter));
    return json(true);
  }

  Checked<json> unsubscribe(const Params&, CallContext& context) {
    if (context.events == nullptr) return noEventStream();
    EventFilter none;
    none.silent = true;
    context.events->setFilter(std::move(none));
    return json(true);
  }

  Checked<json> info(const Params&, CallContext&) {
    const BackendInfo backend = s_.engine.backend();
    json described{{"name", backend.name}, {"model", backend.model}};
    if (!backend.endpoint.empty()) described["endpoint"] = backend.endpoint;
    return json{{"name", "nexus"},
                {"version", s_.version},
                {"backend", std::move(described)},
                {"database", s_.database},
                {"maxMessageBytes", s_.engine.options().maxMessageBytes}};
  }

 private:
  Checked<json> exportSession(const std::string& sessionId, DocumentFormat format) {
    auto session = s_.engine.getSession(sessionId);
    if (!session) return toRpcError(session.error());
    if (!*session) return toRpcError(Error::notFound("no session " + sessionId));
    return json(renderSessionDocument(**session, format, s_.clock.now()));
  }

  static RpcError noEventStream() {
    return RpcError::invalidRequest("this connection carries no events: subscribe over the WebSocket at /rpc or "
                                    "over `nexus rpc`");
  }

  static Checked<InterviewMode> optionalMode(const Params& params) {
    auto mode = params.optionalString("mode");
    if (auto* e = failed(mode)) return *e;
    if (!valueOf(mode)) return InterviewMode::Genesis;
    const auto parsed = parseInterviewMode(*valueOf(mode));
    if (!parsed) return RpcError::invalidParams("\"mode\" must be \"genesis\" or \"evolution\", not \"" + *valueOf(mode) + "\"");
    return *parsed;
  }

  static Checked<StartOptions> startOptions(const Params& params) {
    auto object = params.optionalObject("options");
    if (auto* e = failed(object)) return *e;
    StartOptions options;
    if (valueOf(object) == nullptr) return options;
    static constexpr std::array<std::string_view, 2> kNames{"mode", "evolutionContext"};
    auto inner = Params::bind(*valueOf(object), kNames);
    if (auto* e = failed(inner)) return RpcError::invalidParams("options: " + e->message);
    auto mode = optionalMode(valueOf(inner));
    if (auto* e = failed(mode)) return RpcError::invalidParams("options: " + e->message);
    options.mode = valueOf(mode);
    if (const json* context = valueOf(inner).find("evolutionContext")) {
      try {
        options.evolutionContext = context->get<EvolutionContext>();
      } catch (const std::exception& e) {
        return RpcError::invalidParams(std::string("options.evolutionContext: ") + e.what());
      }
    }
    return options;
  }

  static Checked<std::set<std::string, std::less<>>> stringSet(const Params& params, std::string_view name) {
    std::set<std::string, std::less<>> out;
    const json* value = params.find(name);
    if (value == nullptr) return out;
    if (!value->is_array()) {
      return RpcError::invalidParams("\"" + std::string(name) + "\" must be an array of strings, not " +
                                     std::string(describeKind(*value)));
    }
    for (const json& item : *value) {
      if (!item.is_string()) return RpcError::invalidParams("\"" + std::string(name) + "\" must hold only strings");
      out.insert(item.get<std::string>());
    }
    return out;
  }

  static Checked<RequirementFilter> requirementFilter(const Params& params) {
    auto object = params.optionalObject("filters");
    if (auto* e = failed(object)) return *e;
    RequirementFilter filter;
    if (valueOf(object) == nullptr) return filter;
    static constexpr std::array<std::string_view, 6> kNames{"category", "priority",   "area",
                                                            "minConfidence", "validation", "featureId"};
    auto bound = Params::bind(*valueOf(object), kNames);
    if (auto* e = failed(bound)) return RpcError::invalidParams("filters: " + e->message);
    const Params& fields = valueOf(bound);
    const auto text = [&](std::string_view name) -> Checked<std::optional<std::string>> {
      auto value = fields.optionalString(name);
      if (auto* e = failed(value)) return RpcError::invalidParams("filters: " + e->message);
      return value;
    };
    const auto invalid = [](std::string_view name, const std::string& value) {
      return RpcError::invalidParams("filters: \"" + value + "\" is not a " + std::string(name));
    };
    auto category = text("category");
    if (auto* e = failed(category)) return *e;
    if (valueOf(category)) {
      filter.category = parseCategory(*valueOf(category));
      if (!filter.category) return invalid("category", *valueOf(category));
    }
    auto priority = text("priority");
    if (auto* e = failed(priority)) return *e;
    if (valueOf(priority)) {
      filter.priority = parsePriority(*valueOf(priority));
      if (!filter.priority) return invalid("priority (must, should, could or wont)", *valueOf(priority));
    }
    auto validation = text("validation");
    if (auto* e = failed(validation)) return *e;
    if (valueOf(validation)) {
      filter.validation = parseValidationStatus(*valueOf(validation));
      if (!filter.validation) return invalid("validation state (pending, validated or rejected)", *valueOf(validation));
    }
    auto area = text("area");
    if (auto* e = failed(area)) return *e;
    if (valueOf(area)) filter.area = domain::normalizeArea(*valueOf(area));
    auto featureId = text("featureId");
    if (auto* e = failed(featureId)) return *e;
    filter.featureId = valueOf(featureId);
    if (const json* confidence = fields.find("minConfidence")) {
      if (!confidence->is_number()) return RpcError::invalidParams("filters: \"minConfidence\" must be a number");
      filter.minConfidence = confidence->get<double>();
    }
    return filter;
  }

  ApiServices& s_;
};

using Handler = Checked<json> (Methods::*)(const Params&, CallContext&);

struct Method {
  std::string_view name;
  std::span<const std::string_view> params;  // in positional order
  Handler handler;
};

constexpr std::string_view kSessionId[]{"sessionId"};
constexpr std::string_view kProjectId[]{"projectId"};
constexpr std::string_view kStart[]{"projectId", "options"};
constexpr std::string_view kSend[]{"sessionId", "message"};
constexpr std::string_view kMode[]{"mode"};
constexpr std::string_view kRequirementsList[]{"projectId", "filters"};
constexpr std::string_view kRequirementsExport[]{"projectId", "format", "sessionId"};

// DESIGN.md §4, in its order, then the extensions a front end needs (events, system:info).
const std::array<Method, 17> kMethods{{
    {"interview:start", kStart, &Methods::start},
    {"interview:sendMessage", kSend, &Methods::sendMessage},
    {"interview:getSession", kSessionId, &Methods::getSession},
    {"interview:resume", kSessionId, &Methods::resume},
    {"interview:resumeByProject", kProjectId, &Methods::resumeByProject},
    {"interview:pause", kSessionId, &Methods::pause},
    {"interview:end", kSessionId, &Methods::end},
    {"interview:getGreeting", kMode, &Methods::getGreeting},
    {"interview:list", kProjectId, &Methods::list},
    {"interview:delete", kSessionId, &Methods::remove},
    {"interview:exportToRequirementsDB", kSessionId, &Methods::exportToRequirementsDB},
    {"requirements:list", kRequirementsList, &Methods::listRequirements},
    {"requirements:export", kRequirementsExport, &Methods::exportRequirements},
    {"events:subscribe", kSubscribeNames, &Methods::subscribe},
    {"events:unsubscribe", {}, &Methods::unsubscribe},
    {"system:info", {}, &Methods::info},
    {"system:ping", {}, nullptr},
}};

const Method* findMethod(std::string_view name) {
  const auto it = std::find_if(kMethods.begin(), kMethods.end(), [&](const Method& m) { return m.name == name; });
  return it == kMethods.end() ? nullptr : &*it;
}

}  // namespace

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
    return serialize(errorResponse(nullptr, {rpc::kParseError, "the request is not valid JSON", nullptr}));
  }
  json response = call(message, context);
  if (response.is_null()) return std::nullopt;
  return serialize(response);
}

json Dispatcher::call(const json& message, CallContext& context) {
  if (!message.is_array()) return callOne(message, context);
  if (message.empty()) return errorResponse(nullptr, RpcError::invalidRequest("the batch is empty"));
  if (message.size() > options_.maxBatchSize) {
    return errorResponse(nullptr, {rpc::kPayloadTooLarge,
                                   "a batch holds at most " + std::to_string(options_.maxBatchSize) + " calls, got " +
                                       std::to_string(message.size()),
                                   nullptr});
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
    return errorResponse(nullptr, RpcError::invalidRequest("a request must be a JSON object, not " +
                                                           std::string(describeKind(request))));
  }
  const auto idField = request.find("id");
  const bool isNotification = idField == request.end();
  const json id = isNotification ? json(nullptr) : *idField;
  if (!isValidId(id)) return errorResponse(nullptr, RpcError::invalidRequest("\"id\" must be a string or a number"));
  const auto version = request.find("jsonrpc");
  if (version == request.end() || *version != "2.0") {
    return errorResponse(id, RpcError::invalidRequest("\"jsonrpc\" must be \"2.0\""));
  }
  const auto methodField = request.find("method");
  if (methodField == request.end() || !methodField->is_string()) {
    return errorResponse(id, RpcError::invalidRequest("\"method\" must be a string"));
  }
  const std::string& name = methodField->get_ref<const std::string&>();
  const Method* method = findMethod(name);
  if (method == nullptr) {
    if (isNotification) return nullptr;
    return errorResponse(id, {rpc::kMethodNotFound, "unknown method \"" + name + "\"", nullptr});
  }
  const auto paramsField = request.find("params");
  auto params = Params::bind(paramsField == request.end() ? json(nullptr) : *paramsField, method->params);

  Checked<json> outcome = json(nullptr);
  if (auto* e = failed(params)) {
    outcome = *e;
  } else if (method->handler == nullptr) {
    outcome = json("pong");  // system:ping: the transport's round trip with no work behind it
  } else {
    try {
      Methods methods(services_);
      outcome = (methods.*(method->handler))(valueOf(params), context);
    } catch (const std::exception& e) {
      spdlog::error("{} failed: {}", name, e.what());
      outcome = RpcError{rpc::kInternalError, name + " failed unexpectedly: " + e.what(), nullptr};
    }
  }
  if (isNotification) return nullptr;
  if (auto* e = std::get_if<RpcError>(&outcome)) {
    // Which call's parameters were wrong matters most in a batch: say it.
    if (e->code == rpc::kInvalidParams) e->message = name + ": " + e->message;
    return errorResponse(id, *e);
  }
  return successResponse(id, std::move(valueOf(outcome)));
}

}  // namespace nexus::api
