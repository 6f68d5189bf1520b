// What only the Anthropic Messages API has: the request's shape (headers, the system prompt as
// cached blocks, merged turns). Everything a model client must do whatever its wire is in
// model_client_conformance_test.cpp, run for Claude too.

#include "llm/anthropic/anthropic_client.hpp"

#include <gtest/gtest.h>

#include "llm/http/curl_http_client.hpp"
#include "model_client_backends.hpp"
#include "support/fake_anthropic_server.hpp"
#include "support/llm_client_testing.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using test::ClaudeBackend;
using test::FakeAnthropicServer;
using test::interviewRequest;
using test::StreamedReply;

class AnthropicClientTest : public ::testing::Test {
 protected:
  AnthropicClient client() { return AnthropicClient(http, ClaudeBackend::config(server.baseUrl()), waits.waiter()); }

  FakeAnthropicServer server;
  http::CurlHttpClient http{"test"};
  test::RecordingWaiter waits;
};

TEST_F(AnthropicClientTest, SendsTheDocumentedRequest) {
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  ASSERT_OK(anthropic.complete(interviewRequest(), {}, {}));

  const auto calls = server.calls();
  ASSERT_EQ(calls.size(), 1u);
  const auto& request = calls[0].request;
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v1/messages");
  EXPECT_EQ(request.headers.find("x-api-key"), ClaudeBackend::kKey);
  EXPECT_EQ(request.headers.find("anthropic-version"), "2023-06-01");
  EXPECT_EQ(request.headers.find("content-type"), "application/json");

  const nlohmann::json& body = calls[0].body;
  ASSERT_FALSE(body.is_discarded());
  EXPECT_EQ(body["model"], "claude-test-model");
  EXPECT_EQ(body["max_tokens"], 900);
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.3);
  EXPECT_EQ(body["stream"], true);
  nlohmann::json expectedSystem = nlohmann::json::parse(R"([
    {"type": "text", "text": "You are Nexus, a requirements analyst.", "cache_control": {"type": "ephemeral"}},
    {"type": "text"}
  ])");
  expectedSystem[1]["text"] = test::kInterviewContextProse;
  EXPECT_EQ(body["system"], expectedSystem);
  const nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "user", "content": "I want a todo app"},
    {"role": "assistant", "content": "Who will use it?"},
    {"role": "user", "content": "Small teams"}
  ])");
  EXPECT_EQ(body["messages"], expectedMessages);
}

TEST_F(AnthropicClientTest, MergesSameRoleMessagesAndStartsWithTheUser) {
  server.enqueue(StreamedReply{});
  auto anthropic = client();
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hi! What do you want to build?"},
                      {MessageRole::User, "A shop"},
                      {MessageRole::User, "For bikes"},
                      {MessageRole::Assistant, "Who buys?"},
                      {MessageRole::Assistant, "And who sells?"},
                      {MessageRole::User, "Anyone"}};
  ASSERT_OK(anthropic.complete(request, {}, {}));

  const nlohmann::json body = server.calls().at(0).body;
  ASSERT_EQ(body["system"].size(), 2u) << "the cached prompt, then the context summary";
  EXPECT_EQ(body["system"][0]["cache_control"]["type"], "ephemeral");
  EXPECT_FALSE(body["system"][1].contains("cache_control")) << "the summary changes every turn";
  const nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "user", "content": "A shop\n\nFor bikes"},
    {"role": "assistant", "content": "Who buys?\n\nAnd who sells?"},
    {"role": "user", "content": "Anyone"}
  ])");
  EXPECT_EQ(body["messages"], expectedMessages);
}

}  // namespace
}  // namespace nexus
