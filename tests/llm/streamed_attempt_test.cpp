// runStreamedAttempt against a real server: what only the streamed attempt decides, beside
// what the clients' own tests and the conformance suite cover through it.

#include "llm/streamed_attempt.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "llm/anthropic/anthropic_stream.hpp"
#include "llm/http/curl_http_client.hpp"
#include "support/fake_anthropic_server.hpp"

namespace nexus {
namespace {

class StreamedAttemptTest : public ::testing::Test {
 protected:
  StreamedAttemptTest() {
    server.setFallback([](const nlohmann::json&) { return test::FakeReply{test::StreamedReply{}}; });
    request.url = server.baseUrl() + "/v1/messages";
    request.headers = {{"x-api-key", "sk-test"}, {"content-type", "application/json"}};
    request.body = "{}";
  }

  // Attempt number `attempt` at the fake server's reply; whether it brought the whole reply.
  bool attemptSucceeds(int attempt) {
    const DeltaHandler ignoreDeltas = [](std::string_view) {};
    anthropic::StreamDecoder decoder(ignoreDeltas);
    const AttemptOutcome outcome = runStreamedAttempt(http, request, decoder, endpoint, {}, attempt);
    return std::holds_alternative<LlmResponse>(outcome);
  }

  test::FakeAnthropicServer server;
  http::CurlHttpClient http{"test"};
  http::HttpRequest request;
  StreamedEndpoint endpoint{"Anthropic", "sk-test", {},
                            [](int status, std::string_view) { return "status " + std::to_string(status); }};
};

TEST_F(StreamedAttemptTest, FirstAttemptsReuseTheConnection) {
  ASSERT_TRUE(attemptSucceeds(1));
  ASSERT_TRUE(attemptSucceeds(1));
  EXPECT_EQ(server.connectionCount(), 1u);
}

// The connection the failed attempt went over may be what failed (a half-dead HTTP/2
// connection, a proxy that broke off): a retry does not trust it.
TEST_F(StreamedAttemptTest, ARetryGoesOverAFreshConnection) {
  ASSERT_TRUE(attemptSucceeds(1));
  ASSERT_TRUE(attemptSucceeds(2));
  EXPECT_EQ(server.connectionCount(), 2u);
  ASSERT_TRUE(attemptSucceeds(3));
  EXPECT_EQ(server.connectionCount(), 3u);
}

}  // namespace
}  // namespace nexus
