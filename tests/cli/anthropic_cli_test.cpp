// `nexus interview --llm anthropic` against a fake Anthropic Messages API on loopback: the real
// binary gets streamed replies, captures the tagged requirements, rides out a 529 and a dropped
// stream, and leaves the session whole in the database. (Its output is a pipe here, so each
// reply is printed whole; reply_printer_test covers what a terminal sees.)

#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "support/fake_anthropic_server.hpp"
#include "support/nexus_cli.hpp"

namespace nexus {
namespace {

using nlohmann::json;
using test::FakeAnthropicServer;
using test::StreamedReply;

constexpr const char* kKey = "sk-ant-test-0123456789-secret";

std::string requirementTag(const std::string& text, const std::string& category, const std::string& priority,
                           const std::string& area) {
  return "<requirement><text>" + text + "</text><category>" + category + "</category><priority>" + priority +
         "</priority><confidence>0.9</confidence><area>" + area + "</area></requirement>";
}

// The reply in several deltas, the requirement tag cut across two of them.
StreamedReply reply(const std::string& shown, const std::string& tag) {
  StreamedReply r;
  const std::size_t tagCut = tag.size() / 2;
  r.textDeltas = {shown.substr(0, shown.size() / 2), shown.substr(shown.size() / 2) + "\n" + tag.substr(0, tagCut),
                  tag.substr(tagCut)};
  r.model = "claude-test-1";
  r.usage = {1200, 80, 1000, 150};
  return r;
}

class AnthropicCli : public ::testing::Test {
 protected:
  AnthropicCli() {
    cli_.setEnvironment("NEXUS_LLM", "anthropic");
    cli_.setEnvironment("ANTHROPIC_API_KEY", kKey);
    cli_.setEnvironment("ANTHROPIC_BASE_URL", server_.baseUrl());
  }
  std::string sessionOf(const std::string& out) {
    static const std::regex pattern(R"(Session ([A-Za-z0-9_-]{21}) )");
    std::smatch match;
    return std::regex_search(out, match, pattern) ? match[1].str() : std::string();
  }

  FakeAnthropicServer server_;
  test::NexusCli cli_;
};

TEST_F(AnthropicCli, StreamsRepliesCapturesRequirementsAndSurvivesAnOverloadAndADroppedStream) {
  server_.enqueue(reply("Got it: Google sign-in. Which other providers?",
                        requirementTag("Users sign in with Google", "functional", "must", "authentication")));
  server_.enqueue(FakeAnthropicServer::overloaded());  // retried by the client
  StreamedReply dropped;
  dropped.textDeltas = {"Pages in under two"};
  dropped.ending = StreamedReply::Ending::Drop;  // after text reached the terminal: not retried
  server_.enqueue(dropped);
  server_.enqueue(reply("Two seconds it is. How many users at once?",
                        requirementTag("Pages load in under 2 seconds", "non-functional", "should", "performance")));

  const auto run = cli_.run({"interview", "--project", "shop", "--model", "claude-test-1"},
                            "Users must sign in with Google\n"
                            "Pages should load in under 2 seconds\n"
                            "Pages should load in under 2 seconds\n"
                            "/pause\n");
  EXPECT_EQ(run.exitCode, 1) << run.err;  // one message was refused (the dropped stream)
  EXPECT_NE(run.out.find("backend: anthropic (claude-test-1) at " + server_.baseUrl()), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("Nexus: Got it: Google sign-in. Which other providers?\n"
                         "  + Users sign in with Google\n"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("Pages in under two"), std::string::npos) << "a broken reply is not shown as one";
  EXPECT_NE(run.err.find("The connection to Anthropic broke off during the reply"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("Nexus: Two seconds it is. How many users at once?\n"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("<requirement"), std::string::npos) << "tags never reach the terminal";
  EXPECT_EQ(run.err.find(kKey), std::string::npos);
  EXPECT_EQ(run.out.find(kKey), std::string::npos);
  ASSERT_EQ(server_.callCount(), 4u);
  const auto calls = server_.calls();
  EXPECT_EQ(calls[0].body.at("model"), "claude-test-1");
  EXPECT_EQ(calls[0].body.at("stream"), true);

  // The session: three user messages, two replies (the broken one is not stored as a reply).
  const std::string id = sessionOf(run.out);
  const auto shown = cli_.run({"sessions", "show", id, "--json"});
  ASSERT_EQ(shown.exitCode, 0) << shown.err;
  const json session = json::parse(shown.out);
  std::vector<std::string> roles;
  for (const auto& m : session.at("messages")) roles.push_back(m.at("role"));
  EXPECT_EQ(roles, (std::vector<std::string>{"assistant", "user", "assistant", "user", "user", "assistant"}));
  ASSERT_EQ(session.at("extractedRequirements").size(), 2u);
  EXPECT_EQ(session.at("extractedRequirements")[1].at("area"), "performance");
  EXPECT_EQ(session.dump().find(kKey), std::string::npos);

  const auto listed = cli_.run({"requirements", "list", "--project", "shop", "--json"});
  EXPECT_EQ(json::parse(listed.out).size(), 2u) << listed.out;
}

TEST_F(AnthropicCli, ARejectedKeyIsOneUnderstandableLineAndTheMessageStays) {
  server_.enqueue(FakeAnthropicServer::badKey());
  const auto run = cli_.run({"interview"}, "Users must sign in with Google\n/pause\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.err.find("Anthropic rejected the API key (401"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(kKey), std::string::npos);
  EXPECT_EQ(server_.callCount(), 1u);  // not retried
  EXPECT_NE(run.out.find("Paused session"), std::string::npos) << run.out;
}

TEST_F(AnthropicCli, AnthropicWithoutAKeyIsRefusedAtStart) {
  cli_.setEnvironment("ANTHROPIC_API_KEY", "");
  const auto run = cli_.run({"interview"}, "/end\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_EQ(run.err, "nexus: --llm anthropic needs an API key in ANTHROPIC_API_KEY\n");
  EXPECT_EQ(server_.callCount(), 0u);
}

TEST_F(AnthropicCli, AutoPicksAnthropicWhenTheKeyIsSet) {
  cli_.setEnvironment("NEXUS_LLM", "auto");
  server_.enqueue(reply("Noted. Anything else?", ""));
  const auto run = cli_.run({"interview"}, "Users can export reports\n/pause\n");
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("backend: anthropic"), std::string::npos) << run.out;
  EXPECT_EQ(server_.callCount(), 1u);
}

}  // namespace
}  // namespace nexus
