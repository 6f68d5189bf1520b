#include "api/dispatcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/enums.hpp"
#include "events/event_types.hpp"
#include "support/api_fixture.hpp"

namespace nexus::api {
namespace {

using nlohmann::json;

class DispatcherTest : public ::testing::Test {
 protected:
  json result(const std::string& method, json params = nullptr) {
    json response = api_.call(method, std::move(params));
    EXPECT_FALSE(response.contains("error")) << method << ": " << response.dump();
    return response.value("result", json());
  }
  json error(const std::string& method, json params = nullptr) {
    json response = api_.call(method, std::move(params));
    EXPECT_TRUE(response.contains("error")) << method << ": " << response.dump();
    return response.value("error", json::object());
  }
  std::string raw(std::string_view text) {
    CallContext context;
    return api_.dispatcher.handle(text, context).value_or("<nothing>");
  }

  test::ApiFixture api_;
};

// ---- JSON-RPC framing: every malformed message gets the standard code and a plain reason.

struct FramingCase {
  const char* name;
  const char* request;
  int code;
  const char* says;
  const char* spelling;  // data.code
};

class FramingErrors : public DispatcherTest, public ::testing::WithParamInterface<FramingCase> {};

TEST_P(FramingErrors, AnswerWithTheStandardCode) {
  const json response = json::parse(raw(GetParam().request));
  ASSERT_TRUE(response.contains("error")) << response.dump();
  EXPECT_EQ(response["jsonrpc"], "2.0");
  EXPECT_EQ(response["error"]["code"], GetParam().code) << response.dump();
  EXPECT_NE(response["error"]["message"].get<std::string>().find(GetParam().says), std::string::npos)
      << response["error"]["message"];
  EXPECT_EQ(response["error"]["data"], json({{"code", GetParam().spelling}, {"retryable", false}}));
}

INSTANTIATE_TEST_SUITE_P(
    Dispatcher, FramingErrors,
    ::testing::Values(
        FramingCase{"NotJson", R"({"jsonrpc":"2.0","id":1,"method")", rpc::kParseError, "not valid JSON", "parse-error"},
        FramingCase{"NotAnObject", "42", rpc::kInvalidRequest, "not a number", "invalid-request"},
        FramingCase{"NoVersion", R"({"id":1,"method":"system:ping"})", rpc::kInvalidRequest, "\"jsonrpc\"", "invalid-request"},
        FramingCase{"WrongVersion", R"({"jsonrpc":"1.0","id":1,"method":"system:ping"})", rpc::kInvalidRequest,
                    "\"2.0\"", "invalid-request"},
        FramingCase{"MethodNotAString", R"({"jsonrpc":"2.0","id":1,"method":7})", rpc::kInvalidRequest,
                    "\"method\"", "invalid-request"},
        FramingCase{"IdAnObject", R"({"jsonrpc":"2.0","id":{},"method":"system:ping"})", rpc::kInvalidRequest,
                    "\"id\"", "invalid-request"},
        FramingCase{"UnknownMethod", R"({"jsonrpc":"2.0","id":1,"method":"interview:strat"})",
                    rpc::kMethodNotFound, "interview:strat", "unknown-method"},
        FramingCase{"ParamsAString", R"({"jsonrpc":"2.0","id":1,"method":"interview:list","params":"demo"})",
                    rpc::kInvalidRequest, "array or an object", "invalid-request"},
        FramingCase{"TooManyPositions",
                    R"({"jsonrpc":"2.0","id":1,"method":"interview:getSession","params":["a","b"]})",
                    rpc::kInvalidParams, "at most 1 parameter", "invalid-argument"},
        FramingCase{"UnknownName",
                    R"({"jsonrpc":"2.0","id":1,"method":"interview:getSession","params":{"session":"a"}})",
                    rpc::kInvalidParams, "unknown parameter \"session\" (it takes sessionId)", "invalid-argument"},
        FramingCase{"EmptyBatch", "[]", rpc::kInvalidRequest, "batch is empty", "invalid-request"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(DispatcherTest, KeepsTheCallersIdOfAnyKind) {
  EXPECT_EQ(json::parse(raw(R"({"jsonrpc":"2.0","id":"abc","method":"system:ping"})")),
            json::parse(R"({"jsonrpc":"2.0","id":"abc","result":"pong"})"));
  EXPECT_EQ(json::parse(raw(R"({"jsonrpc":"2.0","id":7.5,"method":"system:ping"})"))["id"], 7.5);
  EXPECT_EQ(json::parse(raw(R"({"jsonrpc":"2.0","id":null,"method":"system:ping"})"))["result"], "pong");
}

TEST_F(DispatcherTest, NotificationsAreNeverAnswered) {
  EXPECT_EQ(raw(R"({"jsonrpc":"2.0","method":"system:ping"})"), "<nothing>");
  EXPECT_EQ(raw(R"({"jsonrpc":"2.0","method":"no:such"})"), "<nothing>");
  EXPECT_EQ(raw(R"({"jsonrpc":"2.0","method":"interview:getSession","params":[]})"), "<nothing>");
  // ...but what they ask for still happens.
  raw(R"({"jsonrpc":"2.0","method":"interview:start","params":["quiet"]})");
  EXPECT_EQ(result("interview:list", {"quiet"}).size(), 1u);
}

TEST_F(DispatcherTest, ABatchIsAnsweredInOrderWithoutItsNotifications) {
  const json responses = json::parse(raw(R"([
      {"jsonrpc":"2.0","id":1,"method":"system:ping"},
      {"jsonrpc":"2.0","method":"system:ping"},
      {"jsonrpc":"2.0","id":2,"method":"no:such"},
      5
    ])"));
  ASSERT_TRUE(responses.is_array());
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0]["result"], "pong");
  EXPECT_EQ(responses[1]["id"], 2);
  EXPECT_EQ(responses[1]["error"]["code"], rpc::kMethodNotFound);
  EXPECT_EQ(responses[2]["error"]["code"], rpc::kInvalidRequest);
  EXPECT_EQ(raw(R"([{"jsonrpc":"2.0","method":"system:ping"}])"), "<nothing>");
}

TEST_F(DispatcherTest, RefusesAnOversizedBatch) {
  json batch = json::array();
  for (int i = 0; i < 101; ++i) batch.push_back({{"jsonrpc", "2.0"}, {"id", i}, {"method", "system:ping"}});
  const json response = json::parse(raw(batch.dump()));
  EXPECT_EQ(response["error"]["code"], rpc::kPayloadTooLarge);
}

// ---- Parameter checks: each names the parameter and the method.

struct ParamsCase {
  const char* name;
  const char* method;
  const char* params;
  int code;
  const char* says;
};

class InvalidParams : public DispatcherTest, public ::testing::WithParamInterface<ParamsCase> {};

TEST_P(InvalidParams, NameWhatIsWrong) {
  const json e = error(GetParam().method, json::parse(GetParam().params));
  EXPECT_EQ(e["code"], GetParam().code) << e.dump();
  EXPECT_NE(e["message"].get<std::string>().find(GetParam().says), std::string::npos) << e["message"];
}

INSTANTIATE_TEST_SUITE_P(
    Dispatcher, InvalidParams,
    ::testing::Values(
        ParamsCase{"StartWithoutProject", "interview:start", "[]", rpc::kInvalidParams,
                   "interview:start: \"projectId\" is required"},
        ParamsCase{"StartProjectANumber", "interview:start", "[5]", rpc::kInvalidParams,
                   "\"projectId\" must be a string, not a number"},
        ParamsCase{"StartEmptyProject", "interview:start", R"({"projectId":""})", rpc::kInvalidParams,
                   "\"projectId\" is empty"},
        ParamsCase{"StartOptionsNotObject", "interview:start", R"(["demo", "genesis"])", rpc::kInvalidParams,
                   "\"options\" must be an object"},
        ParamsCase{"StartUnknownMode", "interview:start", R"(["demo", {"mode":"brainstorm"}])",
                   rpc::kInvalidParams, "\"brainstorm\""},
        ParamsCase{"StartUnknownOption", "interview:start", R"(["demo", {"modus":"genesis"}])",
                   rpc::kInvalidParams, "options: unknown parameter \"modus\""},
        ParamsCase{"StartBadEvolutionContext", "interview:start",
                   R"(["demo", {"mode":"evolution","evolutionContext":{"projectPath":3}}])", rpc::kInvalidParams,
                   "options.evolutionContext"},
        ParamsCase{"EvolutionWithoutContext", "interview:start", R"(["demo", {"mode":"evolution"}])",
                   rpc::kInvalidParams, "evolution"},
        ParamsCase{"SendWithoutMessage", "interview:sendMessage", R"(["s"])", rpc::kInvalidParams,
                   "\"message\" is required"},
        ParamsCase{"SendMessageNotString", "interview:sendMessage", R"(["s", ["hi"]])", rpc::kInvalidParams,
                   "\"message\" must be a string, not an array"},
        ParamsCase{"SendToUnknownSession", "interview:sendMessage", R"(["nope", "hello"])",
                   rpc::kSessionNotFound, "nope"},
        ParamsCase{"GreetingUnknownMode", "interview:getGreeting", R"(["other"])", rpc::kInvalidParams,
                   "\"genesis\" or \"evolution\""},
        ParamsCase{"ListProjectNotString", "interview:list", R"([true])", rpc::kInvalidParams,
                   "\"projectId\" must be a string, not a boolean"},
        ParamsCase{"PauseUnknown", "interview:pause", R"(["nope"])", rpc::kSessionNotFound, "nope"},
        ParamsCase{"EndUnknown", "interview:end", R"(["nope"])", rpc::kSessionNotFound, "nope"},
        ParamsCase{"DeleteUnknown", "interview:delete", R"(["nope"])", rpc::kSessionNotFound, "nope"},
        ParamsCase{"ExportUnknown", "interview:exportToRequirementsDB", R"(["nope"])", rpc::kSessionNotFound,
                   "nope"},
        ParamsCase{"RequirementsWithoutProject", "requirements:list", "[]", rpc::kInvalidParams,
                   "\"projectId\" is required"},
        ParamsCase{"RequirementsBadPriority", "requirements:list", R"(["demo", {"priority":"urgent"}])",
                   rpc::kInvalidParams, "\"urgent\" is not a priority"},
        ParamsCase{"RequirementsBadStatus", "requirements:list", R"(["demo", {"validation":"ok"}])",
                   rpc::kInvalidParams, "\"ok\" is not a validation state"},
        ParamsCase{"RequirementsConfidenceText", "requirements:list", R"(["demo", {"minConfidence":"high"}])",
                   rpc::kInvalidParams, "\"minConfidence\" must be a number"},
        ParamsCase{"RequirementsConfidenceOutOfRange", "requirements:list", R"(["demo", {"minConfidence":2}])",
                   rpc::kInvalidParams, "confidence must be between 0 and 1"},
        ParamsCase{"RequirementsUnknownFilter", "requirements:list", R"(["demo", {"state":"pending"}])",
                   rpc::kInvalidParams, "filters: unknown parameter \"state\""},
        ParamsCase{"SubscribeWithoutStream", "events:subscribe", "[]", rpc::kInvalidRequest,
                   "carries no events"}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- The methods of DESIGN.md §4.

TEST_F(DispatcherTest, StartReturnsTheSessionAndStartsAutosave) {
  const json session = result("interview:start", {"demo"});
  EXPECT_EQ(session["projectId"], "demo");
  EXPECT_EQ(session["status"], "active");
  EXPECT_EQ(session["mode"], "genesis");
  ASSERT_EQ(session["messages"].size(), 1u);
  EXPECT_EQ(session["messages"][0]["role"], "assistant");
  EXPECT_EQ(session["messages"][0]["content"], InterviewEngine::getGreeting(InterviewMode::Genesis));
  EXPECT_FALSE(session.contains("completedAt"));  // absent, not null
  EXPECT_TRUE(api_.manager.isAutoSaving(session["id"]));
}

TEST_F(DispatcherTest, StartTakesItsOptionsByPositionOrByName) {
  const json context{{"projectPath", "/src/app"}, {"repoMapContext", "src/main.cpp"}};
  const json byPosition = result("interview:start", {"legacy", {{"mode", "evolution"}, {"evolutionContext", context}}});
  const json byName = result("interview:start", {{"projectId", "legacy"},
                                                 {"options", {{"mode", "evolution"}, {"evolutionContext", context}}}});
  for (const json& session : {byPosition, byName}) {
    EXPECT_EQ(session["mode"], "evolution");
    EXPECT_EQ(session["evolutionContext"], context);
  }
}

TEST_F(DispatcherTest, SendMessageAnswersWithTheProcessMessageResult) {
  const std::string id = api_.startSession();
  api_.llm.reply(
      "Who signs in? <requirement category=\"functional\" priority=\"must\" confidence=\"0.9\" "
      "area=\"authentication\">Users sign in with email</requirement>");
  const json reply = result("interview:sendMessage", {id, "Users sign in with their email"});
  EXPECT_EQ(reply["response"], "Who signs in?");
  ASSERT_EQ(reply["extractedRequirements"].size(), 1u);
  EXPECT_EQ(reply["extractedRequirements"][0]["priority"], "must");
  EXPECT_TRUE(reply["suggestedGaps"].is_array());
  // By name too, and the session holds both turns.
  result("interview:sendMessage", {{"sessionId", id}, {"message", "And reset passwords"}});
  EXPECT_EQ(result("interview:getSession", {id})["messages"].size(), 5u);
}

TEST_F(DispatcherTest, SendMessageRefusesWhatTheEngineRefuses) {
  const std::string id = api_.startSession();
  EXPECT_EQ(error("interview:sendMessage", {id, "   "})["code"], rpc::kInvalidParams);
  EXPECT_EQ(error("interview:sendMessage", {id, std::string(64 * 1024 + 1, 'a')})["code"], rpc::kPayloadTooLarge);
  result("interview:pause", {id});
  EXPECT_EQ(error("interview:sendMessage", {id, "hello"})["code"], rpc::kSessionNotActive);
}

TEST_F(DispatcherTest, AModelFailureSaysWhetherToSendAgain) {
  const std::string id = api_.startSession();
  api_.llm.fail(Error::modelFailed("Anthropic is overloaded (529)", true));
  const json e = error("interview:sendMessage", {id, "hello"});
  EXPECT_EQ(e["code"], rpc::kModelFailed);
  EXPECT_EQ(e["message"], "Anthropic is overloaded (529)");
  EXPECT_EQ(e["data"], json({{"code", "model-failed"}, {"retryable", true}}));
  api_.llm.fail(Error::modelFailed("Anthropic rejected the API key (401)", false));
  EXPECT_EQ(error("interview:sendMessage", {id, "hello"})["data"]["retryable"], false);
  // The user's messages stayed; sending again works.
  EXPECT_EQ(result("interview:sendMessage", {id, "hello"})["response"], "Tell me more?");
}

TEST_F(DispatcherTest, AStorageFailureIsReportedAsSuch) {
  const std::string id = api_.startSession();
  api_.store.failSaves(true);
  const json e = error("interview:sendMessage", {id, "hello"});
  EXPECT_EQ(e["code"], rpc::kStorageFailed);
  EXPECT_NE(e["message"].get<std::string>().find("disk full"), std::string::npos);
  EXPECT_EQ(e["data"], json({{"code", "storage-failed"}, {"retryable", true}}));
}

TEST_F(DispatcherTest, GetSessionIsNullForAnUnknownId) {
  EXPECT_TRUE(result("interview:getSession", {"unknown"}).is_null());
  const std::string id = api_.startSession();
  EXPECT_EQ(result("interview:getSession", {{"sessionId", id}})["id"], id);
}

TEST_F(DispatcherTest, PauseStopsAutosaveAndResumeStartsItAgain) {
  const std::string id = api_.startSession();
  EXPECT_TRUE(result("interview:pause", {id}).is_null());
  EXPECT_FALSE(api_.manager.isAutoSaving(id));
  EXPECT_EQ((*api_.memory.load(id))->status, SessionStatus::Paused);  // saved
  const json resumed = result("interview:resume", {id});
  EXPECT_EQ(resumed["status"], "active");
  EXPECT_TRUE(api_.manager.isAutoSaving(id));
  EXPECT_TRUE(result("interview:resume", {"unknown"}).is_null());
}

TEST_F(DispatcherTest, EndCompletesSavesAndAnnouncesIt) {
  const std::string id = api_.startSession();
  std::vector<json> completed;
  auto subscription = api_.events.subscribe(std::string(events::kCompleted),
                                            [&](const Event& event) { completed.push_back(event.payload); });
  EXPECT_TRUE(result("interview:end", {id}).is_null());
  EXPECT_FALSE(api_.manager.isAutoSaving(id));
  EXPECT_EQ((*api_.memory.load(id))->status, SessionStatus::Completed);
  ASSERT_EQ(completed.size(), 1u);
  EXPECT_EQ(completed[0]["sessionId"], id);
  EXPECT_EQ(completed[0]["projectId"], "demo");
  // Still readable, and it cannot be resumed.
  EXPECT_EQ(result("interview:getSession", {id})["status"], "completed");
  EXPECT_EQ(error("interview:resume", {id})["code"], rpc::kSessionNotActive);
  EXPECT_EQ(error("interview:end", {id})["code"], rpc::kSessionNotActive);
}

TEST_F(DispatcherTest, ResumeByProjectFindsTheOpenSessionOrNull) {
  EXPECT_TRUE(result("interview:resumeByProject", {"demo"}).is_null());
  const std::string id = api_.startSession();
  result("interview:pause", {id});
  const json resumed = result("interview:resumeByProject", {"demo"});
  EXPECT_EQ(resumed["id"], id);
  EXPECT_EQ(resumed["status"], "active");
  EXPECT_TRUE(api_.manager.isAutoSaving(id));
}

TEST_F(DispatcherTest, GreetingDependsOnTheMode) {
  EXPECT_EQ(result("interview:getGreeting"), InterviewEngine::getGreeting(InterviewMode::Genesis));
  EXPECT_EQ(result("interview:getGreeting", {"evolution"}), InterviewEngine::getGreeting(InterviewMode::Evolution));
}

TEST_F(DispatcherTest, ListGivesSummariesOfOneProjectOrAll) {
  api_.startSession("alpha");
  api_.clock.advance(std::chrono::milliseconds{5});
  const std::string beta = api_.startSession("beta");
  const json all = result("interview:list");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["id"], beta);  // newest first
  EXPECT_EQ(all[0]["messageCount"], 1);
  const json alpha = result("interview:list", {"alpha"});
  ASSERT_EQ(alpha.size(), 1u);
  EXPECT_EQ(alpha[0]["projectId"], "alpha");
}

TEST_F(DispatcherTest, DeleteRemovesTheSession) {
  const std::string id = api_.startSession();
  EXPECT_TRUE(result("interview:delete", {id}).is_null());
  EXPECT_TRUE(result("interview:getSession", {id}).is_null());
  EXPECT_FALSE(api_.manager.isAutoSaving(id));
}

TEST_F(DispatcherTest, ExportAndListRequirements) {
  const std::string id = api_.startSession();
  api_.llm.reply(
      "Noted. <requirement category=\"functional\" priority=\"must\" confidence=\"0.9\" area=\"api\">"
      "Orders can be exported as CSV</requirement><requirement category=\"non-functional\" priority=\"could\" "
      "confidence=\"0.8\" area=\"performance\">Exports finish within a minute</requirement>");
  result("interview:sendMessage", {id, "Orders can be exported as CSV, ideally within a minute"});
  EXPECT_EQ(result("interview:exportToRequirementsDB", {id}), 2);
  EXPECT_EQ(result("interview:exportToRequirementsDB", {id}), 2);  // again: the same total
  const json all = result("requirements:list", {"demo"});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["sources"][0]["source"], "interview:" + id);
  const json must = result("requirements:list", {"demo", {{"priority", "must"}, {"minConfidence", 0.5}}});
  ASSERT_EQ(must.size(), 1u);
  EXPECT_EQ(must[0]["text"], "Orders can be exported as CSV");
  EXPECT_EQ(result("requirements:list", {{"projectId", "demo"}, {"filters", {{"area", "performance"}}}}).size(), 1u);
  EXPECT_TRUE(result("requirements:list", {"other"}).empty());
}

TEST_F(DispatcherTest, ExportsADocumentOfAProjectOrASession) {
  const std::string id = api_.startSession();
  api_.llm.reply(
      "Noted. <requirement category=\"functional\" priority=\"must\" confidence=\"0.9\">"
      "Invoices are numbered without gaps</requirement>");
  result("interview:sendMessage", {id, "Invoices are numbered without gaps"});

  const std::string markdown = result("requirements:export", {"demo"});
  EXPECT_NE(markdown.find("Invoices are numbered without gaps"), std::string::npos) << markdown;
  EXPECT_EQ(markdown, result("requirements:export", {"demo", "markdown"}));

  const json document = json::parse(result("requirements:export", {"demo", "json"}).get<std::string>());
  EXPECT_EQ(document["requirements"], result("requirements:list", {"demo"}));

  const json session = json::parse(result("requirements:export", {{{"sessionId", id}}, "json"}).get<std::string>());
  EXPECT_EQ(session["sessionId"], id);
  EXPECT_EQ(session["requirements"], result("interview:getSession", {id})["extractedRequirements"]);
  EXPECT_EQ(result("requirements:export", {{"sessionId", id}, {"format", "csv"}}).get<std::string>().rfind("id,", 0), 0u);

  EXPECT_EQ(error("requirements:export", {{{"sessionId", "nope"}}})["code"], rpc::kSessionNotFound);
  EXPECT_EQ(error("requirements:export", {"demo", "pdf"})["code"], rpc::kInvalidParams);
  EXPECT_EQ(error("requirements:export", json::array())["code"], rpc::kInvalidParams);
  EXPECT_EQ(error("requirements:export", {{"projectId", "demo"}, {"sessionId", id}})["code"], rpc::kInvalidParams);
}

TEST_F(DispatcherTest, SubscribeNarrowsTheCallersEventStream) {
  std::vector<std::string> received;
  auto listener = api_.hub.listen([&](const Notification& n) {
    received.push_back(json::parse(*n)["params"]["type"].get<std::string>());
  });
  CallContext context{listener.get()};
  const json ok = api_.call("events:subscribe", {json::array(), {"interview:started"}}, &context);
  EXPECT_EQ(ok["result"], true) << ok.dump();
  const std::string id = api_.startSession();
  result("interview:pause", {id});
  EXPECT_EQ(received, std::vector<std::string>{"interview:started"});

  received.clear();
  const json filterObject{{"sessionIds", {"someone-else"}}};
  EXPECT_EQ(api_.call("events:subscribe", json::array({filterObject}), &context)["result"], true);  // one object
  EXPECT_EQ(api_.call("events:subscribe", filterObject, &context)["result"], true);                 // by name
  result("interview:resume", {id});
  EXPECT_TRUE(received.empty());

  EXPECT_EQ(api_.call("events:subscribe", {{"types", {"interview:exploded"}}}, &context)["error"]["code"],
            rpc::kInvalidParams);
  api_.call("events:unsubscribe", nullptr, &context);
  api_.startSession();
  EXPECT_TRUE(received.empty());
}

TEST_F(DispatcherTest, InfoDescribesTheBackendAndDatabase) {
  const json info = result("system:info");
  EXPECT_EQ(info["name"], "nexus");
  EXPECT_EQ(info["version"], "test");
  EXPECT_EQ(info["backend"]["name"], "scripted");
  EXPECT_EQ(info["backend"]["model"], "scripted-model");
  EXPECT_FALSE(info["backend"].contains("endpoint"));
  EXPECT_EQ(info["database"], ":memory:");
  EXPECT_EQ(info["maxMessageBytes"], 64 * 1024);
}

// rpc.discover is the table itself, so what a client is checked against is what the server has.
TEST_F(DispatcherTest, DiscoverDescribesEveryMethodErrorAndEvent) {
  const json document = result("rpc.discover");
  EXPECT_EQ(document["openrpc"], "1.3.2");
  EXPECT_EQ(document["info"]["version"], "test");
  std::vector<std::string> names;
  for (const json& method : document["methods"]) {
    names.push_back(method["name"]);
    EXPECT_TRUE(method["params"].is_array()) << method.dump();
    EXPECT_FALSE(method["summary"].get<std::string>().empty()) << method.dump();
  }
  const std::vector<std::string_view> table = Dispatcher::methodNames();
  EXPECT_EQ(names, std::vector<std::string>(table.begin(), table.end()));
  const json& start = document["methods"][0];
  EXPECT_EQ(start["name"], "interview:start");
  EXPECT_EQ(start["params"], json::parse(R"([{"name":"projectId","schema":{}},{"name":"options","schema":{}}])"));

  const json& errors = document["components"]["errors"];
  EXPECT_EQ(errors.size(), allErrorCodes().size());
  EXPECT_EQ(errors["busy"]["code"], rpc::kSessionBusy);
  EXPECT_EQ(errors["busy"]["message"], "The session is open in another nexus process");
  EXPECT_EQ(errors["model-failed"]["code"], rpc::kModelFailed);
  EXPECT_EQ(errors["model-failed"]["data"]["code"], "model-failed");
  EXPECT_EQ(errors["cancelled"]["code"], rpc::kSessionNotActive);
  EXPECT_EQ(errors["unknown-method"]["code"], rpc::kMethodNotFound);
  EXPECT_EQ(document["x-notification"], "nexus-event");
  EXPECT_EQ(document["x-events"].size(), events::kAll.size());
}

TEST_F(DispatcherTest, EveryDesignMethodIsInTheTable) {
  const std::vector<std::string_view> names = Dispatcher::methodNames();
  const std::set<std::string_view> table(names.begin(), names.end());
  for (const char* method :
       {"interview:start", "interview:sendMessage", "interview:getSession", "interview:resume",
        "interview:resumeByProject", "interview:pause", "interview:end", "interview:getGreeting", "interview:list",
        "interview:delete", "interview:exportToRequirementsDB", "requirements:list", "requirements:export"}) {
    EXPECT_EQ(table.count(method), 1u) << method;
  }
  EXPECT_EQ(table.size(), names.size()) << "a method is listed twice";
}

}  // namespace
}  // namespace nexus::api
