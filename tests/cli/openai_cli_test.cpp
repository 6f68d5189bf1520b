// `nexus interview --llm openai` against a fake OpenAI-compatible server (as Ollama, llama.cpp
// or vLLM speak it) on loopback: replies, requirements, a 503 ridden out, and a whole session.

#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "support/fake_openai_server.hpp"
#include "support/nexus_cli.hpp"

namespace nexus {
namespace {

using nlohmann::json;
using test::openai::FakeOpenAiServer;
using test::openai::StreamedReply;

StreamedReply reply(std::vector<std::string> deltas) {
  StreamedReply r;
  r.textDeltas = std::move(deltas);
  r.model = "llama3.2";
  return r;
}

class OpenAiCli : public ::testing::Test {
 protected:
  OpenAiCli() {
    cli_.setEnvironment("NEXUS_LLM", "auto");  // OPENAI_BASE_URL alone picks it
    cli_.setEnvironment("OPENAI_BASE_URL", server_.baseUrl());
  }
  FakeOpenAiServer server_;
  test::NexusCli cli_;
};

TEST_F(OpenAiCli, ALocalModelServerInterviewsAndItsRequirementsAreCaptured) {
  server_.enqueue(FakeOpenAiServer::unavailable());  // still loading the model: retried
  server_.enqueue(reply({"Google sign-in, noted. ", "Which other providers?\n<requirement><text>Users sign in with",
                         " Google</text><category>functional</category><priority>must</priority>"
                         "<confidence>0.9</confidence><area>authentication</area></requirement>"}));
  const auto run = cli_.run({"interview", "--project", "local", "--model", "llama3.2"},
                            "Users must sign in with Google\n/end\n");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_NE(run.out.find("backend: openai (llama3.2) at " + server_.baseUrl()), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Nexus: Google sign-in, noted. Which other providers?\n  + Users sign in with Google\n"
                         "    functional · must · 0.90 · authentication\n"),
            std::string::npos)
      << run.out;
  const auto calls = server_.calls();
  ASSERT_EQ(calls.size(), 2u);
  const json& body = calls[1].body;
  EXPECT_EQ(body.at("model"), "llama3.2");
  EXPECT_EQ(body.at("messages")[0].at("role"), "system");
  EXPECT_EQ(body.at("messages").back().at("content"), "Users must sign in with Google");
  EXPECT_FALSE(calls[1].request.headers.contains("authorization"));  // no key, no header

  const auto listed = cli_.run({"requirements", "list", "--project", "local", "--json"});
  ASSERT_EQ(listed.exitCode, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out).size(), 1u);
}

TEST_F(OpenAiCli, OpenAiWithoutAnAddressIsRefusedAtStart) {
  cli_.setEnvironment("NEXUS_LLM", "openai");
  cli_.setEnvironment("OPENAI_BASE_URL", "");
  const auto run = cli_.run({"interview"}, "/end\n");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_EQ(run.err,
            "nexus: --llm openai needs the server's address in OPENAI_BASE_URL (e.g. http://localhost:11434/v1)\n");
}

}  // namespace
}  // namespace nexus
