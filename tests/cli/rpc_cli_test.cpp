// `nexus rpc` end to end: the real binary spawned as a desktop shell would, JSON-RPC over its
// stdin and stdout, a whole interview with the offline analyst and its events observed.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/nexus_cli.hpp"
#include "support/raw_sqlite.hpp"

#include <thread>

namespace nexus {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string request(int id, const std::string& method, const json& params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump() + "\n";
}

std::vector<json> jsonLines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    json parsed = json::parse(line, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << "stdout carries something that is not JSON: " << line;
    lines.push_back(std::move(parsed));
  }
  return lines;
}

// A `nexus rpc` process and the calls made to it, one at a time.
class RpcPeer {
 public:
  explicit RpcPeer(const test::NexusCli& cli, const std::vector<std::string>& options = {})
      : child_(argv(options), cli.environment()) {}

  // The whole response to one call.
  json call(const std::string& method, const json& params) {
    const int id = ++lastId_;
    EXPECT_TRUE(child_.write(request(id, method, params)));
    // Responses are written with sorted keys, so "id" is followed by "jsonrpc" in results and errors.
    const std::string marker = "\"id\":" + std::to_string(id) + ",\"jsonrpc\"";
    EXPECT_TRUE(child_.waitFor(marker, 1, 30s)) << "no answer to " << method << "; output:\n" << child_.output();
    for (const json& line : jsonLines(child_.output())) {
      if (line.contains("id") && line["id"] == id) return line;
    }
    return json();
  }

  json result(const std::string& method, const json& params) {
    json response = call(method, params);
    EXPECT_TRUE(response.contains("result")) << method << ": " << response.dump();
    return response.value("result", json());
  }

  // The events written so far, as {type, payload, timestamp}.
  std::vector<json> events() const {
    std::vector<json> found;
    for (const json& line : jsonLines(child_.output())) {
      if (line.value("method", "") == "nexus-event") found.push_back(line["params"]);
    }
    return found;
  }

  int finish() {
    child_.closeInput();
    return child_.wait();
  }

 private:
  static std::vector<std::string> argv(const std::vector<std::string>& options) {
    std::vector<std::string> args{NEXUS_BINARY_PATH};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back("rpc");
    return args;
  }

  test::ChildProcess child_;
  int lastId_ = 0;
};

std::size_t countEvents(const std::vector<json>& events, const std::string& type, const std::string& sessionId) {
  return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const json& e) {
    return e["type"] == type && e["payload"].value("sessionId", "") == sessionId;
  }));
}

class RpcEndToEnd : public ::testing::Test {
 protected:
  test::NexusCli cli_;
};

// The issue's "done when": one line in, a session in the documented shape out.
TEST_F(RpcEndToEnd, StartFromAPipeAnswersWithASession) {
  const auto run = cli_.run({"rpc"}, R"({"jsonrpc":"2.0","id":1,"method":"interview:start","params":["demo"]})"
                                     "\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto lines = jsonLines(run.out);
  const auto answer = std::find_if(lines.begin(), lines.end(), [](const json& l) { return l.contains("id"); });
  ASSERT_NE(answer, lines.end()) << run.out;
  const json& session = (*answer)["result"];
  EXPECT_EQ(session["id"].get<std::string>().size(), 21u);
  EXPECT_EQ(session["projectId"], "demo");
  EXPECT_EQ(session["status"], "active");
  EXPECT_EQ(session["mode"], "genesis");
  EXPECT_EQ(session["messages"][0]["role"], "assistant");
  for (const char* field : {"extractedRequirements", "exploredAreas", "startedAt", "lastActivityAt"}) {
    EXPECT_TRUE(session.contains(field)) << field;
  }
  // Logs and the start line go to stderr; stdout is the channel only.
  EXPECT_NE(run.err.find("backend: offline"), std::string::npos) << run.err;
}

TEST_F(RpcEndToEnd, AWholeInterviewWithItsEvents) {
  RpcPeer nexus(cli_);
  const json session = nexus.result("interview:start", {"shop"});
  const std::string id = session["id"];
  const std::vector<std::string> said{
      "We want an online shop where customers can browse products and pay by card.",
      "Customers must log in with their email address and a password.",
      "The checkout has to respond within two seconds, even on Black Friday.",
  };
  std::size_t captured = 0;
  for (const std::string& message : said) {
    const json reply = nexus.result("interview:sendMessage", {id, message});
    EXPECT_FALSE(reply["response"].get<std::string>().empty());
    EXPECT_TRUE(reply["suggestedGaps"].is_array());
    captured += reply["extractedRequirements"].size();
  }
  EXPECT_GE(captured, 3u);
  EXPECT_TRUE(nexus.result("interview:pause", {id}).is_null());
  EXPECT_EQ(nexus.call("interview:sendMessage", {id, "one more"})["error"]["code"], -32002);
  EXPECT_EQ(nexus.result("interview:resume", {id})["status"], "active");
  const json stored = nexus.result("interview:getSession", {id});
  EXPECT_EQ(stored["messages"].size(), 1 + 2 * said.size());
  EXPECT_EQ(stored["extractedRequirements"].size(), captured);
  EXPECT_EQ(nexus.result("interview:exportToRequirementsDB", {id}), captured);
  EXPECT_TRUE(nexus.result("interview:end", {id}).is_null());
  EXPECT_EQ(nexus.finish(), 0);

  const std::vector<json> events = nexus.events();
  EXPECT_EQ(countEvents(events, "interview:started", id), 1u);
  EXPECT_GE(countEvents(events, "interview:delta", id), said.size());  // each reply streamed
  EXPECT_EQ(countEvents(events, "interview:question-asked", id), 1 + 2 * said.size());
  EXPECT_EQ(countEvents(events, "interview:requirement-captured", id), captured);
  EXPECT_EQ(countEvents(events, "interview:paused", id), 1u);
  EXPECT_EQ(countEvents(events, "interview:completed", id), 1u);
  for (const json& event : events) EXPECT_TRUE(event.contains("timestamp")) << event.dump();

  // It is all in the database the next process opens.
  const auto shown = cli_.run({"sessions", "show", id, "--json"});
  ASSERT_EQ(shown.exitCode, 0) << shown.err;
  const json reloaded = json::parse(shown.out);
  EXPECT_EQ(reloaded["status"], "completed");
  EXPECT_EQ(reloaded["messages"], stored["messages"]);
}

TEST_F(RpcEndToEnd, ASessionContinuesInTheNextProcess) {
  std::string id;
  {
    RpcPeer first(cli_);
    id = first.result("interview:start", {"notes"})["id"];
    first.result("interview:sendMessage", {id, "Users must be able to share notes with a link."});
    EXPECT_EQ(first.finish(), 0);
  }
  RpcPeer second(cli_);
  const json resumed = second.result("interview:resumeByProject", {"notes"});
  EXPECT_EQ(resumed["id"], id);
  EXPECT_EQ(resumed["messages"].size(), 3u);
  second.result("interview:sendMessage", {id, "Notes can be exported as PDF."});
  EXPECT_EQ(second.result("interview:getSession", {id})["messages"].size(), 5u);
  EXPECT_EQ(second.finish(), 0);
}

TEST_F(RpcEndToEnd, BadLinesAreAnsweredAndTheChannelGoesOn) {
  const auto run = cli_.run({"rpc"}, "this is not json\n" + request(2, "interview:bogus", json::array()) +
                                         request(3, "interview:getGreeting", json::array()));
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto lines = jsonLines(run.out);
  ASSERT_EQ(lines.size(), 3u) << run.out;
  std::map<json, json> byId;
  for (const json& line : lines) byId[line["id"]] = line;
  EXPECT_EQ(byId[json(nullptr)]["error"]["code"], -32700);
  EXPECT_EQ(byId[json(2)]["error"]["code"], -32601);
  EXPECT_TRUE(byId[json(3)]["result"].is_string());
}

// Idle eviction through the flag and through the environment: the process gives up its claim on
// the idle session (it left memory, saved) and takes it again on the session's next call.
TEST_F(RpcEndToEnd, AnIdleSessionLeavesMemoryAndComesBackOnItsNextCall) {
  for (const bool byEnvironment : {false, true}) {
    SCOPED_TRACE(byEnvironment ? "NEXUS_IDLE_EVICT_MS=200" : "--idle-evict-ms 200");
    test::NexusCli cli;
    if (byEnvironment) cli.setEnvironment("NEXUS_IDLE_EVICT_MS", "200");
    RpcPeer nexus(cli, byEnvironment ? std::vector<std::string>{} : std::vector<std::string>{"--idle-evict-ms", "200"});
    const std::string id = nexus.result("interview:start", {"notes"})["id"];
    nexus.result("interview:sendMessage", {id, "Users must be able to share notes with a link."});
    test::RawSqlite db(cli.defaultDatabase());
    const std::string claimed = "SELECT count(*) FROM session_claims WHERE session_id = '" + id + "'";
    // Waits for the sweep (every 100 ms here), not a measured time: the figure is never asserted.
    const auto giveUp = std::chrono::steady_clock::now() + 30s;
    while (db.text(claimed) != "0" && std::chrono::steady_clock::now() < giveUp) {
      std::this_thread::sleep_for(20ms);
    }
    ASSERT_EQ(db.text(claimed), "0") << "the idle session was not let go";
    const json reply = nexus.result("interview:sendMessage", {id, "Notes can be exported as PDF."});
    EXPECT_FALSE(reply["response"].get<std::string>().empty());
    EXPECT_EQ(db.text(claimed), "1") << "its next call took it again";
    const json session = nexus.result("interview:getSession", {id});
    ASSERT_EQ(session["messages"].size(), 5u);
    EXPECT_EQ(session["messages"][1]["content"], "Users must be able to share notes with a link.");
    EXPECT_EQ(nexus.finish(), 0);
  }
}

TEST_F(RpcEndToEnd, AnUnusableDatabaseIsOneLineAndExitOne) {
  cli_.setEnvironment("NEXUS_DB", "/proc/no-such-place/nexus.db");
  const auto run = cli_.run({"rpc"}, request(1, "system:ping", json::array()));
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;  // nothing that a JSON-RPC reader would misread
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

}  // namespace
}  // namespace nexus

namespace nexus {
namespace {

std::size_t countOf(const std::vector<json>& events, const std::string& type) {
  return static_cast<std::size_t>(
      std::count_if(events.begin(), events.end(), [&](const json& e) { return e["type"] == type; }));
}

// The issue's "done when" for quality analysis: over `nexus rpc` with the offline analyst, two
// databases are one exclusive-choice conflict that the next reply asks about; a vague statement
// gets a finding quoting its word; the answers close both; readiness rises as areas are covered
// until the session is ready; and an edited priority survives another turn, a restart and an
// export.
TEST_F(RpcEndToEnd, AConflictAndAVagueRequirementAreAskedAboutSettledAndTheSessionBecomesReady) {
  RpcPeer nexus(cli_);
  const std::string id = nexus.result("interview:start", {"clinic"})["id"];
  json readiness = nexus.result("interview:getReadiness", {id});
  // Readiness never goes down, except when a message opens a conflict.
  const auto say = [&](const std::string& message) {
    const json reply = nexus.result("interview:sendMessage", {id, message});
    const json now = nexus.result("interview:getReadiness", {id});
    if (now["openConflicts"] <= readiness["openConflicts"]) {
      EXPECT_GE(now["score"].get<double>(), readiness["score"].get<double>()) << message;
    }
    readiness = now;
    return reply;
  };
  say("I want to build a booking app for small clinics, so that patients can book appointments online.");
  const json postgres = say("We must use PostgreSQL.");
  const json mysql = say("The database will be MySQL.");
  ASSERT_EQ(mysql["conflicts"].size(), 1u) << mysql.dump(2);
  const json conflict = mysql["conflicts"][0];
  EXPECT_EQ(conflict["kind"], "exclusive-choice");
  EXPECT_EQ(conflict["requirementIds"][0], postgres["extractedRequirements"][0]["id"]);
  EXPECT_EQ(conflict["requirementIds"][1], mysql["extractedRequirements"][0]["id"]);
  const std::string askedConflict = mysql["response"];
  EXPECT_NE(askedConflict.find("PostgreSQL"), std::string::npos) << askedConflict;
  EXPECT_NE(askedConflict.find("MySQL"), std::string::npos) << askedConflict;
  EXPECT_NE(askedConflict.find("Which one holds"), std::string::npos) << askedConflict;
  EXPECT_LT(nexus.result("interview:getReadiness", {id})["openConflicts"], 2);

  say("PostgreSQL.");
  json session = nexus.result("interview:getSession", {id});
  EXPECT_EQ(session["conflicts"][0]["status"], "resolved");
  EXPECT_EQ(session["conflicts"][0]["resolution"], "keep-first");

  const json fast = say("The app should be fast.");
  ASSERT_FALSE(fast["findings"].empty()) << fast.dump(2);
  EXPECT_EQ(fast["findings"][0]["kind"], "vague-term");
  EXPECT_EQ(fast["findings"][0]["term"], "fast");
  EXPECT_NE(fast["response"].get<std::string>().find("fast"), std::string::npos) << fast["response"];
  say("Search results must appear in under 1 second for 95% of searches.");
  session = nexus.result("interview:getSession", {id});
  EXPECT_EQ(session["findings"][0]["status"], "resolved") << session["findings"].dump(2);

  const std::vector<std::string> rest{
      "Patients must sign in with their email address and a password.",
      "Only receptionists can cancel appointments.",
      "Each appointment has a patient, a doctor, a room and a time.",
      "The lab system must get a REST API to read appointments.",
      "The calendar must work on phones and tablets.",
      "Passwords must be hashed with bcrypt.",
      "Reminders must be sent by SMS through Twilio.",
      "We will host it on AWS in the EU region.",
  };
  json last;
  for (const auto& message : rest) last = say(message);
  const json ready = nexus.result("interview:getReadiness", {id});
  EXPECT_TRUE(ready["ready"]) << ready.dump(2);
  EXPECT_EQ(ready["threshold"], 0.8);
  EXPECT_EQ(ready["areas"].size(), 9u);
  EXPECT_EQ(ready["openConflicts"], 0);
  session = nexus.result("interview:getSession", {id});
  std::size_t offers = 0;
  for (const auto& m : session["messages"]) {
    offers += m["content"].get<std::string>().find("Shall we wrap up here") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(offers, 1u) << session["messages"].dump(2);

  // The person's edit wins, through another turn, a restart and an export.
  const std::string requirementId = postgres["extractedRequirements"][0]["id"];
  const json edited =
      nexus.result("interview:updateRequirement", {id, requirementId, {{"priority", "could"}}});
  EXPECT_EQ(edited["priority"], "could");
  EXPECT_EQ(edited["editedFields"], json::array({"priority"}));
  say("We must use PostgreSQL, really.");
  EXPECT_EQ(nexus.result("interview:pause", {id}), nullptr);
  EXPECT_EQ(nexus.finish(), 0);
  const std::vector<json> events = nexus.events();
  EXPECT_GE(countOf(events, "interview:conflict-detected"), 2u);  // found, then resolved
  EXPECT_GE(countOf(events, "interview:finding-detected"), 2u);
  EXPECT_GE(countOf(events, "interview:readiness-changed"), 3u);
  EXPECT_EQ(countOf(events, "interview:requirement-updated"), 2u);  // the verdict's wont, then the edit

  RpcPeer again(cli_);
  const json resumed = again.result("interview:resume", {id});
  const auto& requirements = resumed["extractedRequirements"];
  const auto it = std::find_if(requirements.begin(), requirements.end(),
                               [&](const json& r) { return r["id"] == requirementId; });
  ASSERT_NE(it, requirements.end());
  EXPECT_EQ((*it)["priority"], "could");
  const std::string document = again.result("requirements:export", {{{"sessionId", id}}, "json"});
  const json exported = json::parse(document);
  for (const auto& r : exported["requirements"]) {
    if (r["id"] == requirementId) {
      EXPECT_EQ(r["priority"], "could");
    }
  }
  EXPECT_FALSE(exported["conflicts"].empty());
  EXPECT_FALSE(exported["requirementEdits"].empty());
  EXPECT_TRUE(exported["readiness"]["ready"]);
  const json database = again.result("requirements:list", {"clinic"});
  bool found = false;
  for (const auto& r : database) {
    if (r["text"] == "We must use PostgreSQL.") {
      EXPECT_EQ(r["priority"], "could");
      found = true;
    }
  }
  EXPECT_TRUE(found) << database.dump(2);
  const std::string markdown = again.result("requirements:export", {{{"sessionId", id}}, "markdown"});
  EXPECT_NE(markdown.find("## Readiness"), std::string::npos);
  EXPECT_EQ(again.finish(), 0);
}

// Two interviews of one project, in two processes over one database: the second contradicts
// what the first recorded, the analyst asks about it, and the answer settles it in the database.
TEST_F(RpcEndToEnd, AConflictWithAnEarlierInterviewOfTheProjectIsAskedAboutAndSettled) {
  RpcPeer first(cli_);
  const std::string firstId = first.result("interview:start", {"clinic"})["id"];
  first.result("interview:sendMessage", {firstId, "We must use PostgreSQL."});
  first.result("interview:end", {firstId});
  EXPECT_EQ(first.finish(), 0);

  RpcPeer second(cli_);
  const std::string id = second.result("interview:start", {"clinic"})["id"];
  const json mysql = second.result("interview:sendMessage", {id, "The database will be MySQL."});
  ASSERT_EQ(mysql["conflicts"].size(), 1u) << mysql.dump(2);
  const json conflict = mysql["conflicts"][0];
  EXPECT_EQ(conflict["kind"], "exclusive-choice");
  EXPECT_EQ(conflict["projectRequirement"]["text"], "We must use PostgreSQL.");
  EXPECT_EQ(conflict["requirementIds"][0], conflict["projectRequirement"]["id"]);
  EXPECT_EQ(conflict["requirementIds"][1], mysql["extractedRequirements"][0]["id"]);
  const std::string asked = mysql["response"];
  EXPECT_NE(asked.find("Another interview in this project"), std::string::npos) << asked;
  EXPECT_NE(asked.find("PostgreSQL"), std::string::npos) << asked;
  EXPECT_EQ(second.result("interview:getReadiness", {id})["openConflicts"], 1);

  const json answer = second.result("interview:sendMessage", {id, "MySQL."});
  EXPECT_NE(answer["response"].get<std::string>().find("won't have in the project's requirements"),
            std::string::npos)
      << answer["response"];
  const json session = second.result("interview:getSession", {id});
  EXPECT_EQ(session["conflicts"][0]["resolution"], "keep-second");
  EXPECT_EQ(second.result("interview:getReadiness", {id})["openConflicts"], 0);
  const json database = second.result("requirements:list", {"clinic"});
  std::size_t checked = 0;
  for (const auto& r : database) {
    if (r["text"] == "We must use PostgreSQL.") {
      EXPECT_EQ(r["priority"], "wont");
      ++checked;
    }
    if (r["text"] == "The database will be MySQL.") {
      EXPECT_NE(r["priority"], "wont");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2u) << database.dump(2);
  const std::string markdown = second.result("requirements:export", {{{"sessionId", id}}, "markdown"});
  EXPECT_EQ(markdown.find("## Open conflicts"), std::string::npos);  // settled
  EXPECT_EQ(second.finish(), 0);
}

}  // namespace
}  // namespace nexus
