// Spawns the real `nexus` binary, talks to it through a pipe, and checks what it printed.

#include <gtest/gtest.h>

#include <regex>

#include "support/child_process.hpp"

namespace nexus {
namespace {

using testing::ProcessOutput;
using testing::runProcess;

const std::map<std::string, std::string> kOfflineEnv{{"NEXUS_LLM", "offline"}, {"ANTHROPIC_API_KEY", ""}};

ProcessOutput nexus(const std::vector<std::string>& args, const std::string& input = {}) {
  std::vector<std::string> argv{NEXUS_BINARY_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return runProcess(argv, input, kOfflineEnv);
}

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

TEST(CliEndToEnd, VersionAndHelp) {
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

TEST(CliEndToEnd, TheReadmeConversationCapturesFourSensibleRequirements) {
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

TEST(CliEndToEnd, EndOfInputEndsCleanlyWithASummary) {
  const auto run = nexus({"interview", "--project", "shop"}, "Customers can pay by card\n");
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("project shop"), std::string::npos);
  EXPECT_NE(run.out.find("Summary: 1 requirement "), std::string::npos) << run.out;
}

TEST(CliEndToEnd, CommandsListRequirementsAndAreas) {
  const auto run = nexus({"interview"}, "Users must sign in with Google\n/reqs\n/areas\n/help\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("Requirements (1)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Explored\n  authentication (1)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Not explored\n  authorization, data model"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("/pause"), std::string::npos);  // the help text
}

TEST(CliEndToEnd, ChitChatCapturesNothing) {
  const auto run = nexus({"interview"}, "hi\nthanks!\nwhat do you mean?\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(count(run.out, "Nexus: "), 4u);
  EXPECT_TRUE(capturedRequirements(run.out).empty()) << run.out;
  EXPECT_NE(run.out.find("Summary: 0 requirements"), std::string::npos);
}

TEST(CliEndToEnd, GapsArePrintedWhenTheyChangeNotEveryTurn) {
  const auto run = nexus({"interview"}, "Users must sign in with Google\n"
                                        "Pages should load in under 2 seconds\n"
                                        "Passwords must be at least 12 characters long\n"
                                        "thanks!\nok\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(count(run.out, "Not covered yet: "), 1u) << run.out;
  EXPECT_NE(run.out.find("Not covered yet: authorization, data model, API"), std::string::npos) << run.out;
}

TEST(CliEndToEnd, PauseStopsWithoutASummary) {
  const auto run = nexus({"interview"}, "Users can export reports as PDF\n/pause\nthis is never read\n");
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("Paused session "), std::string::npos);
  EXPECT_EQ(run.out.find("Summary"), std::string::npos);
  EXPECT_EQ(run.out.find("never read"), std::string::npos);
}

TEST(CliEndToEnd, UnknownCommandIsNamedAndTheInterviewGoesOn) {
  const auto run = nexus({"interview"}, "/frobnicate\nUsers can export reports as PDF\n/end\n");
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_NE(run.err.find("unknown command /frobnicate"), std::string::npos) << run.err;
  EXPECT_EQ(count(run.out, "Nexus: "), 2u);
}

TEST(CliEndToEnd, AnOversizedMessageIsRefusedAndTheExitSaysSo) {
  const auto run = nexus({"interview"}, std::string(70000, 'a') + "\nUsers can export reports as PDF\n/end\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.err.find("Message is 70000 bytes; the limit is 65536 bytes"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("Summary: 1 requirement "), std::string::npos);  // the rest still went through
}

TEST(CliEndToEnd, BadOptionsFailWithOneClearLine) {
  const auto badLlm = nexus({"interview", "--llm", "gpt-9"});
  EXPECT_NE(badLlm.exitCode, 0);
  EXPECT_NE(badLlm.err.find("gpt-9"), std::string::npos) << badLlm.err;

  const auto badProject = nexus({"interview", "--project", "has spaces"}, "/end\n");
  EXPECT_EQ(badProject.exitCode, 1);
  EXPECT_NE(badProject.err.find("Project id \"has spaces\" is not valid"), std::string::npos) << badProject.err;

  const auto noCommand = nexus({});
  EXPECT_NE(noCommand.exitCode, 0);
  EXPECT_NE(noCommand.err.find("subcommand"), std::string::npos) << noCommand.err;
}

}  // namespace
}  // namespace nexus
