// What only the OpenAI-compatible wire has: the request's shape (Bearer key or none, base-URL
// joining, the system message, no model when unset), its stream's endings (no usage, a finish
// without [DONE]) and the error dialects of OpenAI, Ollama, vLLM and llama.cpp. Everything a
// model client must do whatever its wire is in model_client_conformance_test.cpp, run for this
// client too.

#include "llm/openai/openai_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "llm/http/curl_http_client.hpp"
#include "model_client_backends.hpp"
#include "support/fake_openai_server.hpp"
#include "support/llm_client_testing.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using test::interviewRequest;
using test::OpenAiCompatibleBackend;
using test::openai::FakeOpenAiServer;
using test::openai::StreamedReply;
using ::testing::HasSubstr;

class OpenAiClientTest : public ::testing::Test {
 protected:
  static OpenAiConfig config(std::string baseUrl, std::string key = OpenAiCompatibleBackend::kKey) {
    return OpenAiCompatibleBackend::config(std::move(baseUrl), std::move(key));
  }
  OpenAiCompatibleClient client() { return clientWith(config(server.baseUrl())); }
  OpenAiCompatibleClient clientWith(OpenAiConfig settings) {
    return OpenAiCompatibleClient(http, std::move(settings), waits.waiter());
  }
  Result<LlmResponse> complete(OpenAiCompatibleClient& openai) { return openai.complete(interviewRequest(), {}, {}); }
  // "127.0.0.1:PORT", as the client names the server in its messages.
  std::string host() const {
    const std::string url = server.baseUrl();  // http://127.0.0.1:PORT/v1
    return url.substr(7, url.size() - 7 - 3);
  }

  FakeOpenAiServer server;
  http::CurlHttpClient http{"test"};
  test::RecordingWaiter waits;
};

// ---- the request ----

TEST_F(OpenAiClientTest, SendsTheDocumentedRequestWithTheKey) {
  server.enqueue(StreamedReply{});
  auto openai = client();
  ASSERT_OK(complete(openai));

  const auto calls = server.calls();
  ASSERT_EQ(calls.size(), 1u);
  const auto& request = calls[0].request;
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v1/chat/completions");
  EXPECT_EQ(request.headers.find("authorization"), std::string("Bearer ") + OpenAiCompatibleBackend::kKey);
  EXPECT_EQ(request.headers.find("content-type"), "application/json");

  const nlohmann::json& body = calls[0].body;
  ASSERT_FALSE(body.is_discarded());
  EXPECT_EQ(body["model"], "llama3.2");
  EXPECT_EQ(body["max_tokens"], 900);
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.3);
  EXPECT_EQ(body["stream"], true);
  EXPECT_EQ(body["stream_options"], nlohmann::json::parse(R"({"include_usage": true})"));
  nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "system"},
    {"role": "user", "content": "I want a todo app"},
    {"role": "assistant", "content": "Who will use it?"},
    {"role": "user", "content": "Small teams"}
  ])");
  expectedMessages[0]["content"] = "You are Nexus, a requirements analyst.\n\n" + std::string(test::kInterviewContextProse);
  EXPECT_EQ(body["messages"], expectedMessages);
}

TEST_F(OpenAiClientTest, SendsNoAuthorizationWithoutAKey) {
  server.enqueue(StreamedReply{});
  auto openai = clientWith(config(server.baseUrl(), ""));
  ASSERT_OK(complete(openai));
  EXPECT_FALSE(server.calls().at(0).request.headers.contains("authorization"));
}

TEST_F(OpenAiClientTest, JoinsTheBaseUrlWithoutDoubleSlashAndAcceptsAFullEndpoint) {
  server.enqueue(StreamedReply{});
  server.enqueue(StreamedReply{});
  auto slashed = clientWith(config(server.baseUrl() + "/"));
  ASSERT_OK(complete(slashed));
  auto full = clientWith(config(server.baseUrl() + "/chat/completions"));
  ASSERT_OK(complete(full));
  const auto calls = server.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].request.target, "/v1/chat/completions");
  EXPECT_EQ(calls[1].request.target, "/v1/chat/completions");
}

TEST_F(OpenAiClientTest, OneSystemMessageFirstAlternatingRolesAndNoModelWhenUnset) {
  server.enqueue(StreamedReply{});
  OpenAiConfig settings = config(server.baseUrl());
  settings.model.clear();
  auto openai = clientWith(settings);
  LlmRequest request = interviewRequest();
  request.messages = {{MessageRole::Assistant, "Hi! What do you want to build?"},
                      {MessageRole::User, "A shop"},
                      {MessageRole::User, "For bikes"},
                      {MessageRole::Assistant, "Who buys?"},
                      {MessageRole::User, "Anyone"}};
  ASSERT_OK(openai.complete(request, {}, {}));

  const nlohmann::json body = server.calls().at(0).body;
  EXPECT_FALSE(body.contains("model")) << "the server's loaded model answers";
  nlohmann::json expectedMessages = nlohmann::json::parse(R"([
    {"role": "system"},
    {"role": "user", "content": "A shop\n\nFor bikes"},
    {"role": "assistant", "content": "Who buys?"},
    {"role": "user", "content": "Anyone"}
  ])");
  expectedMessages[0]["content"] = "You are Nexus, a requirements analyst.\n\n" + std::string(test::kInterviewContextProse);
  EXPECT_EQ(body["messages"], expectedMessages);
  EXPECT_EQ(openai.info().model, "server default");
}

TEST_F(OpenAiClientTest, RefusesWithoutABaseUrl) {
  auto nowhere = clientWith(config(""));
  auto unset = complete(nowhere);
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(server.callCount(), 0u);
}

// ---- the stream ----

TEST_F(OpenAiClientTest, UsageStaysZeroWhenTheServerSendsNone) {
  StreamedReply reply;
  reply.usage.reset();
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(result->usage, TokenUsage{});
  EXPECT_EQ(result->stopReason, "stop");
}

TEST_F(OpenAiClientTest, FinishReasonWithoutDoneStillCompletes) {
  StreamedReply reply;
  reply.ending = StreamedReply::Ending::FinishWithoutDone;
  server.enqueue(reply);
  auto openai = client();
  auto result = complete(openai);
  ASSERT_OK(result);
  EXPECT_EQ(result->text, "Hello, how can I help?");
  EXPECT_EQ(result->usage.outputTokens, 12);
}

TEST_F(OpenAiClientTest, ErrorChunkBlamingTheRequestIsNotRetried) {
  StreamedReply refused;
  refused.textDeltas = {};
  refused.ending = StreamedReply::Ending::ErrorChunk;
  refused.errorChunk = {{"object", "error"}, {"message", "prompt is too long"}, {"type", "BadRequestError"},
                        {"code", 400}};  // vLLM's older flat shape
  server.enqueue(refused);
  server.enqueue(StreamedReply{});
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.error().retryable);
  EXPECT_THAT(result.error().message, HasSubstr("refused the request (400: prompt is too long)"));
  EXPECT_EQ(server.callCount(), 1u);
}

// ---- the error dialects ----

TEST_F(OpenAiClientTest, MissingKeyIsNamedAsSuch) {
  server.enqueue(FakeOpenAiServer::plainText(401, "Unauthorized"));
  auto openai = clientWith(config(server.baseUrl(), ""));
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "The model server at " + host() + " requires an API key, and none was set (401)");
}

TEST_F(OpenAiClientTest, UnknownModelIsNamed) {
  server.enqueue(FakeOpenAiServer::unknownModel("llama3.2"));
  auto openai = client();
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(server.callCount(), 1u);
  EXPECT_EQ(result.error().message, "The model server at " + host() +
                                        " does not know the model \"llama3.2\" (404: model \"llama3.2\" not found, "
                                        "try pulling it first)");
}

TEST_F(OpenAiClientTest, WrongPathSuggestsTheV1Suffix) {
  auto openai = clientWith(config(server.baseUrl().substr(0, server.baseUrl().size() - 3)));  // no /v1
  auto result = complete(openai);
  ASSERT_FALSE(result.ok());
  EXPECT_FALSE(result.error().retryable);
  EXPECT_EQ(result.error().message, "The model server at " + host() +
                                        " has no chat completions endpoint at this address (404: 404 page not "
                                        "found); check that the base URL ends in /v1");
}

TEST_F(OpenAiClientTest, PlainTextErrorBodiesBecomeOneLine) {
  server.enqueue(FakeOpenAiServer::plainText(400, "Invalid request:\n  'messages' must not be empty"));
  server.enqueue(FakeOpenAiServer::plainText(400, "<html><body><h1>400 Bad Request</h1></body></html>"));
  auto openai = client();
  auto text = complete(openai);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "The model server at " + host() +
                                      " refused the request (400: Invalid request: 'messages' must not be empty)");
  auto html = complete(openai);
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().message, "The model server at " + host() + " refused the request (400)");
}

}  // namespace
}  // namespace nexus
