#pragma once
// The API over the real interview service and requirements database, with memory stores, a
// scripted model and time moved by hand: what the dispatcher and transport tests call into.

#include <string>

#include <nlohmann/json.hpp>

#include "api/dispatcher.hpp"
#include "api/event_hub.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"
#include "support/failing_session_store.hpp"
#include "support/scripted_llm.hpp"

namespace nexus::test {

struct ApiFixture {
  ManualClock clock{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events{clock};
  MemorySessionStore memory;
  FailingSessionStore store{memory};
  ScriptedLlm llm;
  MemoryRequirementsStore requirements{clock};
  ManualScheduler scheduler;
  InterviewService interviews{llm, store, requirements, events, clock, scheduler};
  InterviewEngine& engine = interviews.engine();
  InterviewSessionManager& manager = interviews.sessions();
  api::EventHub hub{events};
  api::Dispatcher dispatcher{api::ApiServices{interviews, requirements, clock, "test", ":memory:"}};

  // The whole response object of one call with id 1.
  nlohmann::json call(const std::string& method, nlohmann::json params = nullptr,
                      api::CallContext* context = nullptr) {
    nlohmann::json request{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}};
    if (!params.is_null()) request["params"] = std::move(params);
    api::CallContext none;
    return dispatcher.call(request, context != nullptr ? *context : none);
  }

  // A new session's id, started through the API.
  std::string startSession(const std::string& projectId = "demo") {
    return call("interview:start", {projectId}).at("result").at("id").get<std::string>();
  }
};

}  // namespace nexus::test
