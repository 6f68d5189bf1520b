// Spawns the real `nexus` binary, talks to it through a pipe, and checks what it printed.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "support/nexus_cli.hpp"

#include <nlohmann/json.hpp>

namespace nexus {
namespace {

using test::ProcessOutput;

// Every test gets its own data directory, so the default database lands in a fresh place.
class CliEndToEnd : public ::testing::Test {
 protected:
  ProcessOutput nexus(const std::vector<std::string>& args, const std::string& input = {}) {
    return cli_.run(args, input);
  }
  std::string defaultDatabase() const { return cli_.defaultDatabase(); }
  const std::string& dataDir() const { return cli_.dataDir(); }

  test::NexusCli cli_;
};

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

// The requirement lines the CLI prints: "  + TEXT" then "    CATEGORY · PRIORITY · CONFIDENCE · AREA".
struct Printed {
  std::string text, category, priority, area;
  double confidence;
};

std::vector<Printed> capturedRequirements(const std::string& out) {
  static const std::regex pattern(R"(\n  \+ ([^\n]+)\n    ([a-z-]+) · ([a-z]+) · ([0-9.]+) · ([^\n]+)\n)");
  std::vector<Printed> found;
  const std::string transcript = out.substr(0, out.find("\nSummary"));
  for (std::sregex_iterator it(transcript.begin(), transcript.end(), pattern), end; it != end; ++it) {
    found.push_back({(*it)[1], (*it)[2], (*it)[3], (*it)[5], std::stod((*it)[4])});
  }
  return found;
}

TEST_F(CliEndToEnd, VersionAndHelp) {
  const auto version = nexus({"--version"});
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_EQ(version.out, "nexus 0.1.0\n");

  const auto help = nexus({"--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.out.find("interview"), std::string::npos);
  EXPECT_NE(help.out.find("--llm"), std::string::npos);

  const auto interviewHelp = nexus({"interview", "--help"});
  EXPECT_EQ(interviewHelp.exitCode, 0);
  EXPECT_NE(interviewHelp.out.find("--project"), std::string::npos);
}

TEST_F(CliEndToEnd, TheReadmeConversationCapturesFourSensibleRequirements) {
  const auto run = nexus({"interview"}, "I want to build a todo app for small teams\n"
                                        "Users must sign in with Google\n"
                                        "Pages should load in under 2 seconds\n"
                                        "We must use PostgreSQL\n"
                                        "/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos) << "no colour codes when stdout is not a terminal";
  EXPECT_NE(run.out.find("backend: offline"), std::string::npos);
  EXPECT_EQ(count(run.out, "Nexus: "), 5u) << run.out;  // the greeting and one reply per message
  EXPECT_EQ(count(run.out, "you> "), 5u);  // four messages and /end, echoed because stdin is a pipe

  const auto captured = capturedRequirements(run.out);
  ASSERT_GE(captured.size(), 4u) << run.out;
  auto find = [&](const std::string& words) -> const Printed* {
    for (const auto& p : captured) {
      if (p.text.find(words) != std::string::npos) return &p;
    }
    return nullptr;
  };
  const Printed* todo = find("todo app");
  const Printed* google = find("Google");
  const Printed* pages = find("2 seconds");
  const Printed* postgres = find("PostgreSQL");
  ASSERT_TRUE(todo && google && pages && postgres) << run.out;
  EXPECT_EQ(todo->category, "functional");
  EXPECT_EQ(google->category, "functional");
  EXPECT_EQ(google->priority, "must");
  EXPECT_EQ(google->area, "authentication");
  EXPECT_EQ(pages->category, "non-functional");
  EXPECT_EQ(pages->area, "performance");
  EXPECT_TRUE(postgres->category == "constraint" || postgres->category == "technical") << postgres->category;
  EXPECT_EQ(postgres->priority, "must");
  for (const auto& p : captured) EXPECT_GE(p.confidence, 0.7) << p.text;

  EXPECT_NE(run.out.find("Summary: 4 requirements"), std::string::npos) << run.out;
}

TEST_F(CliEndToEnd, EndOfInputEndsCleanlyWithASummary) {
  const auto run = nexus({"interview", "--project", "shop"}, "Customers can pay by card\n");
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("project shop"), std::string::npos);
  EXPECT_NE(run.out.find("Summary: 1 requirement "), std::string::npos) << run.out;
}

TEST_F(CliEndToEnd, CommandsListRequirementsAndAreas) {
  const auto run = nexus({"interview"}, "Users must sign in with Google\n/reqs\n/areas\n/help\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("Requirements (1)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Explored\n  authentication (1)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Not explored\n  authorization, data model"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("/pause"), std::string::npos);  // the help text
}

TEST_F(CliEndToEnd, ChitChatCapturesNothing) {
  const auto run = nexus({"interview"}, "hi\nthanks!\nwhat do you mean?\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(count(run.out, "Nexus: "), 4u);
  EXPECT_TRUE(capturedRequirements(run.out).empty()) << run.out;
  EXPECT_NE(run.out.find("Summary: 0 requirements"), std::string::npos);
}

TEST_F(CliEndToEnd, GapsArePrintedWhenTheyChangeNotEveryTurn) {
  const auto run = nexus({"interview"}, "Users must sign in with Google\n"
                                        "Pages should load in under 2 seconds\n"
                                        "Passwords must be at least 12 characters long\n"
                                        "thanks!\nok\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(count(run.out, "Not covered yet: "), 1u) << run.out;
  EXPECT_NE(run.out.find("Not covered yet: authorization, data model, API"), std::string::npos) << run.out;
}

TEST_F(CliEndToEnd, PauseStopsWithoutASummary) {
  const auto run = nexus({"interview"}, "Users can export reports as PDF\n/pause\nthis is never read\n");
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("Paused session "), std::string::npos);
  EXPECT_EQ(run.out.find("Summary"), std::string::npos);
  EXPECT_EQ(run.out.find("never read"), std::string::npos);
}

TEST_F(CliEndToEnd, UnknownCommandIsNamedAndTheInterviewGoesOn) {
  const auto run = nexus({"interview"}, "/frobnicate\nUsers can export reports as PDF\n/end\n");
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_NE(run.err.find("unknown command /frobnicate"), std::string::npos) << run.err;
  EXPECT_EQ(count(run.out, "Nexus: "), 2u);
}

TEST_F(CliEndToEnd, AnOversizedMessageIsRefusedAndTheExitSaysSo) {
  const auto run = nexus({"interview"}, std::string(70000, 'a') + "\nUsers can export reports as PDF\n/end\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.err.find("Message is 70000 bytes; the limit is 65536 bytes"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("Summary: 1 requirement "), std::string::npos);  // the rest still went through
}

TEST_F(CliEndToEnd, BadOptionsFailWithOneClearLine) {
  const auto badLlm = nexus({"interview", "--llm", "gpt-9"});
  EXPECT_EQ(badLlm.exitCode, 2);
  EXPECT_NE(badLlm.err.find("gpt-9"), std::string::npos) << badLlm.err;

  const auto badProject = nexus({"interview", "--project", "has spaces"}, "/end\n");
  EXPECT_EQ(badProject.exitCode, 1);
  EXPECT_NE(badProject.err.find("Project id \"has spaces\" is not valid"), std::string::npos) << badProject.err;

  const auto notADatabase = dataDir() + "/notes.txt";
  std::ofstream(notADatabase) << "hello, these are my notes";
  const auto refused = nexus({"--db", notADatabase, "sessions", "list"});
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.err.find(notADatabase), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("not a database"), std::string::npos) << refused.err;
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  std::ifstream kept(notADatabase);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "hello, these are my notes");

  const auto unwritable = nexus({"--db", "/proc/nexus-cannot-be-here/nexus.db", "sessions", "list"});
  EXPECT_EQ(unwritable.exitCode, 1);
  EXPECT_NE(unwritable.err.find("/proc/nexus-cannot-be-here"), std::string::npos) << unwritable.err;

  const auto badAutosave = nexus({"--autosave-ms", "5", "interview"}, "/end\n");
  EXPECT_NE(badAutosave.exitCode, 0);
  EXPECT_NE(badAutosave.err.find("--autosave-ms"), std::string::npos) << badAutosave.err;

  const auto noCommand = nexus({});
  EXPECT_NE(noCommand.exitCode, 0);
  EXPECT_NE(noCommand.err.find("subcommand"), std::string::npos) << noCommand.err;
}

TEST_F(CliEndToEnd, TheIdleEvictionLimitIsAWholeNumberOfMillisecondsOrOneLineSaysSo) {
  for (const std::string bad : {"-5", "abc", "1.5", "", "99999999999999999999"}) {
    SCOPED_TRACE("--idle-evict-ms \"" + bad + "\"");
    const auto refused = nexus({"--idle-evict-ms", bad, "rpc"});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.out.empty()) << refused.out;
    EXPECT_NE(refused.err.find("--idle-evict-ms"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("milliseconds"), std::string::npos) << refused.err;
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  }
  const auto afterTheCommand = nexus({"rpc", "--idle-evict-ms", "-1"});
  EXPECT_EQ(afterTheCommand.exitCode, 2) << afterTheCommand.err;
  cli_.setEnvironment("NEXUS_IDLE_EVICT_MS", "soon");
  const auto byEnvironment = nexus({"rpc"});
  EXPECT_EQ(byEnvironment.exitCode, 2);
  EXPECT_NE(byEnvironment.err.find("NEXUS_IDLE_EVICT_MS"), std::string::npos) << byEnvironment.err;
  EXPECT_EQ(std::count(byEnvironment.err.begin(), byEnvironment.err.end(), '\n'), 1) << byEnvironment.err;
  for (const std::string good : {"0", "2000"}) {
    cli_.setEnvironment("NEXUS_IDLE_EVICT_MS", good);
    const auto accepted = nexus({"rpc"}, R"({"jsonrpc":"2.0","id":1,"method":"system:ping","params":[]})"
                                         "\n");
    EXPECT_EQ(accepted.exitCode, 0) << good << ": " << accepted.err;
    EXPECT_NE(accepted.out.find("\"id\":1"), std::string::npos) << accepted.out;
  }
  const auto help = nexus({"--help"});
  EXPECT_NE(help.out.find("--idle-evict-ms"), std::string::npos);
  EXPECT_NE(help.out.find("NEXUS_IDLE_EVICT_MS"), std::string::npos);
  EXPECT_NE(help.out.find("900000"), std::string::npos) << "the default, 15 minutes";
}

std::string sessionIdIn(const std::string& out) {
  static const std::regex pattern(R"(Session ([A-Za-z0-9_-]{21}) )");
  std::smatch match;
  return std::regex_search(out, match, pattern) ? match[1].str() : std::string();
}

TEST_F(CliEndToEnd, TheDatabaseIsCreatedInTheDefaultPlaceOnFirstUse) {
  ASSERT_FALSE(std::filesystem::exists(defaultDatabase()));
  const auto run = nexus({"interview"}, "Users can export reports as PDF\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(defaultDatabase()));
  EXPECT_NE(run.out.find("database: " + defaultDatabase()), std::string::npos) << run.out;
}

TEST_F(CliEndToEnd, APausedInterviewContinuesInTheNextRun) {
  const auto first = nexus({"interview", "--project", "demo"}, "Users must sign in with Google\n/pause\n");
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const std::string id = sessionIdIn(first.out);
  ASSERT_FALSE(id.empty()) << first.out;
  EXPECT_NE(first.out.find("nexus interview --resume " + id), std::string::npos);

  const auto second = nexus({"interview", "--project", "demo"}, "Pages should load in under 2 seconds\n/end\n");
  ASSERT_EQ(second.exitCode, 0) << second.err;
  EXPECT_EQ(sessionIdIn(second.out), id);
  EXPECT_NE(second.out.find("Resuming session " + id + " (3 messages, 1 requirement)"), std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("Summary: 2 requirements"), std::string::npos) << second.out;

  // Completed now: the next run starts afresh.
  const auto third = nexus({"interview", "--project", "demo"}, "/end\n");
  EXPECT_NE(sessionIdIn(third.out), id);
  EXPECT_EQ(third.out.find("Resuming"), std::string::npos);
}

TEST_F(CliEndToEnd, ASecondProcessOnTheSameSessionIsRefused) {
  test::ChildProcess first({NEXUS_BINARY_PATH, "interview", "--project", "twin"}, cli_.environment());
  ASSERT_TRUE(first.waitFor("Nexus: ", 1, std::chrono::seconds{20})) << first.output();
  const std::string id = sessionIdIn(first.output());

  const auto second = nexus({"interview", "--project", "twin"}, "Users can export reports\n/end\n");
  EXPECT_EQ(second.exitCode, 1);
  EXPECT_NE(second.err.find("nexus: cannot continue project twin: Session \"" + id +
                            "\" is open in another nexus process (pid "),
            std::string::npos)
      << second.err;
  EXPECT_EQ(nexus({"interview", "--resume", id}, "/end\n").exitCode, 1);

  // Once the first one is done with it, the session is free again.
  ASSERT_TRUE(first.write("Users must sign in with Google\n/pause\n"));
  first.closeInput();
  EXPECT_EQ(first.wait(), 0);
  const auto third = nexus({"interview", "--project", "twin"}, "/reqs\n/end\n");
  EXPECT_EQ(third.exitCode, 0) << third.err;
  EXPECT_NE(third.out.find("Resuming session " + id), std::string::npos) << third.out;
}

TEST_F(CliEndToEnd, ResumeBySessionId) {
  const auto first = nexus({"interview"}, "Users must sign in with Google\n/pause\n");
  const std::string id = sessionIdIn(first.out);
  const auto again = nexus({"interview", "--resume", id}, "/reqs\n/pause\n");
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.out.find("Requirements (1)"), std::string::npos) << again.out;

  const auto unknown = nexus({"interview", "--resume", "no-such-session"}, "/end\n");
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_NE(unknown.err.find("cannot resume: No interview session with id \"no-such-session\""),
            std::string::npos)
      << unknown.err;
}

TEST_F(CliEndToEnd, SessionsListShowAndDelete) {
  const auto run = nexus({"interview", "--project", "shop"}, "Customers can pay by card\n/end\n");
  const std::string id = sessionIdIn(run.out);
  ASSERT_FALSE(id.empty());

  const auto list = nexus({"sessions", "list", "--json"});
  ASSERT_EQ(list.exitCode, 0) << list.err;
  const auto summaries = nlohmann::json::parse(list.out);
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].at("id"), id);
  EXPECT_EQ(summaries[0].at("projectId"), "shop");
  EXPECT_EQ(summaries[0].at("status"), "completed");
  EXPECT_EQ(summaries[0].at("messageCount"), 3);
  EXPECT_EQ(summaries[0].at("requirementCount"), 1);
  EXPECT_EQ(nexus({"sessions", "list", "--project", "other"}).out, "No sessions for project other.\n");
  EXPECT_NE(nexus({"sessions", "list"}).out.find(id), std::string::npos);

  const auto show = nexus({"sessions", "show", id, "--json"});
  ASSERT_EQ(show.exitCode, 0) << show.err;
  const auto session = nlohmann::json::parse(show.out);
  EXPECT_EQ(session.at("id"), id);
  EXPECT_EQ(session.at("messages").size(), 3u);
  EXPECT_EQ(session.at("messages")[1].at("requirementsExtracted").size(), 1u);
  EXPECT_EQ(session.at("extractedRequirements")[0].at("sourceMessageId"), session.at("messages")[1].at("id"));
  EXPECT_TRUE(session.contains("completedAt"));
  EXPECT_NE(nexus({"sessions", "show", id}).out.find("Customers can pay by card"), std::string::npos);

  EXPECT_EQ(nexus({"sessions", "delete", id}).out, "Deleted session " + id + ".\n");
  const auto gone = nexus({"sessions", "show", id});
  EXPECT_EQ(gone.exitCode, 1);
  EXPECT_EQ(gone.err, "nexus: no interview session with id \"" + id + "\"\n");
  EXPECT_EQ(nexus({"sessions", "delete", id}).exitCode, 1);

  // An id that starts with '-' (earlier versions made some) goes after "--".
  const auto dashed = nexus({"sessions", "show", "--", "-abc"});
  EXPECT_EQ(dashed.exitCode, 1);
  EXPECT_EQ(dashed.err, "nexus: no interview session with id \"-abc\"\n");
}

TEST_F(CliEndToEnd, EditDropReadyAndConflictsDuringAnInterview) {
  const auto run = nexus({"interview"},
                         "We must use PostgreSQL.\nThe database will be MySQL.\n/conflicts\n/edit 2 priority could\n"
                         "/edit 9 priority must\n/edit 1 colour red\n/drop 1\n/reqs\n/ready\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("Conflicts\n  ! exclusive-choice #1 We must use PostgreSQL.\n    vs #2 The database will be MySQL."),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("Changed:\n  + The database will be MySQL.\n    functional · could"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("no requirement number 9 (see /reqs for the numbers)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("cannot change \"colour\""), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("Removed: We must use PostgreSQL."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Requirements (1)\n  1. The database will be MySQL.\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("· edited"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Readiness "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("[clear]   data model (1)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0 open conflicts"), std::string::npos) << run.out;  // its other side was removed
}

}  // namespace
}  // namespace nexus
