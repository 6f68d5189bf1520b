// `nexus serve` end to end: the real binary on a free port, a WebSocket client with the printed
// token running a whole interview and seeing its events, and the doors that stay shut.

#include <gtest/gtest.h>

#include <csignal>
#include <regex>

#include <nlohmann/json.hpp>

#include "support/beast_test_clients.hpp"
#include "support/nexus_cli.hpp"

namespace nexus {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// A running `nexus serve --port 0` and what its start line says.
class ServeProcess {
 public:
  explicit ServeProcess(const test::NexusCli& cli, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{NEXUS_BINARY_PATH, "serve", "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    child_ = std::make_unique<test::ChildProcess>(argv, cli.environment());
    EXPECT_TRUE(child_->waitFor("\n", 1, 30s)) << child_->output();
    static const std::regex startLine(R"(serving at (http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)))");
    std::smatch match;
    if (std::regex_search(child_->output(), match, startLine)) {
      url_ = match[1];
      port_ = static_cast<unsigned short>(std::stoi(match[2]));
      token_ = match[3];
    }
  }

  unsigned short port() const { return port_; }
  const std::string& token() const { return token_; }
  const std::string& url() const { return url_; }
  test::ChildProcess& process() { return *child_; }

 private:
  std::unique_ptr<test::ChildProcess> child_;
  std::string url_, token_;
  unsigned short port_ = 0;
};

// The handshake succeeded with this Sec-WebSocket-Protocol (none when empty).
bool handshakeAccepted(unsigned short port, const std::string& subprotocol) {
  test::WebSocketOptions options;
  if (!subprotocol.empty()) options.headers["Sec-WebSocket-Protocol"] = subprotocol;
  return test::WebSocketClient(port, options).open();
}

class ServeEndToEnd : public ::testing::Test {
 protected:
  test::NexusCli cli_;
};

TEST_F(ServeEndToEnd, AClientWithTheTokenRunsAWholeInterviewAndSeesItsEvents) {
  ServeProcess server(cli_);
  ASSERT_NE(server.port(), 0) << server.process().output();
  EXPECT_EQ(server.token().size(), 43u) << server.url();  // 256 bits of the id alphabet

  std::string id;
  {
    test::WebSocketOptions withToken;
    withToken.headers["Sec-WebSocket-Protocol"] = "nexus.token." + server.token();
    test::WebSocketClient client(server.port(), withToken);
    ASSERT_TRUE(client.open());
    EXPECT_EQ(client.handshakeHeader("Sec-WebSocket-Protocol"), "nexus.token." + server.token());
    int callId = 1;
    const json session = client.call("interview:start", {"shop"}, callId)["result"];
    id = session["id"];
    std::size_t captured = 0;
    for (const char* message : {"Customers must log in with their email address and a password.",
                                "The checkout has to respond within two seconds."}) {
      const json reply = client.call("interview:sendMessage", {id, message}, ++callId);
      ASSERT_TRUE(reply.contains("result")) << reply.dump();
      captured += reply["result"]["extractedRequirements"].size();
    }
    EXPECT_GE(captured, 2u);
    EXPECT_TRUE(client.call("interview:end", {id}, ++callId)["result"].is_null());

    std::set<std::string> types;
    for (const json& event : client.takeReceivedNotifications()) types.insert(event["type"]);
    for (const char* type : {"interview:started", "interview:question-asked", "interview:delta",
                             "interview:requirement-captured", "interview:completed"}) {
      EXPECT_EQ(types.count(type), 1u) << type;
    }
  }

  // SIGTERM stops it gracefully; everything is in the database.
  server.process().kill(SIGTERM);
  EXPECT_EQ(server.process().wait(), 0);
  const auto shown = cli_.run({"sessions", "show", id, "--json"});
  ASSERT_EQ(shown.exitCode, 0) << shown.err;
  EXPECT_EQ(json::parse(shown.out)["status"], "completed");
  EXPECT_EQ(json::parse(shown.out)["messages"].size(), 5u);
}

TEST_F(ServeEndToEnd, WithoutTheRightTokenTheDoorStaysShut) {
  ServeProcess server(cli_);
  ASSERT_NE(server.port(), 0) << server.process().output();
  EXPECT_FALSE(handshakeAccepted(server.port(), ""));
  EXPECT_FALSE(handshakeAccepted(server.port(), "nexus.token.wrong"));
  EXPECT_TRUE(handshakeAccepted(server.port(), "nexus.token." + server.token()));

  const std::string ping = R"({"jsonrpc":"2.0","id":1,"method":"system:ping"})";
  const auto post = [&](const std::string& authorization) {
    test::Headers headers{{"Content-Type", "application/json"}};
    if (!authorization.empty()) headers["Authorization"] = authorization;
    return test::httpPost(server.port(), "/rpc", ping, headers);
  };
  EXPECT_EQ(post("").status, 401u);
  EXPECT_EQ(post("Bearer nope").status, 401u);
  const auto allowed = post("Bearer " + server.token());
  EXPECT_EQ(allowed.status, 200u);
  EXPECT_EQ(json::parse(allowed.body)["result"], "pong");
}

TEST_F(ServeEndToEnd, AGivenTokenIsUsedAndNoAuthIsRefusedOffLoopback) {
  cli_.setEnvironment("NEXUS_TOKEN", "a-token-from-the-environment-that-is-long-enough");
  {
    ServeProcess server(cli_);
    EXPECT_EQ(server.token(), "a-token-from-the-environment-that-is-long-enough") << server.process().output();
  }
  const auto refused = cli_.run({"serve", "--host", "0.0.0.0", "--port", "0", "--no-auth"});
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_NE(refused.err.find("--no-auth is allowed only on a loopback address"), std::string::npos) << refused.err;
}

TEST_F(ServeEndToEnd, APortInUseIsOneLineAndExitOne) {
  ServeProcess first(cli_);
  ASSERT_NE(first.port(), 0);
  const auto second = cli_.run({"serve", "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exitCode, 1);
  EXPECT_NE(second.err.find("in use"), std::string::npos) << second.err;
  EXPECT_TRUE(second.out.empty()) << second.out;
}

}  // namespace
}  // namespace nexus
