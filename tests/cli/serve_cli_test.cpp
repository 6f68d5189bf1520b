// `nexus serve` end to end: the real binary on a free port, a WebSocket client with the printed
// token running a whole interview and seeing its events, and the doors that stay shut.

#include <gtest/gtest.h>

#include <csignal>
#include <regex>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "support/nexus_cli.hpp"

namespace nexus {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;
using namespace std::chrono_literals;

// A running `nexus serve --port 0` and what its start line says.
class ServeProcess {
 public:
  explicit ServeProcess(const testing::NexusCli& cli, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{NEXUS_BINARY_PATH, "serve", "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    child_ = std::make_unique<testing::ChildProcess>(argv, cli.environment());
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
  testing::ChildProcess& process() { return *child_; }

 private:
  std::unique_ptr<testing::ChildProcess> child_;
  std::string url_, token_;
  unsigned short port_ = 0;
};

class WebSocketClient {
 public:
  // Throws beast::system_error when the server refuses the handshake.
  WebSocketClient(unsigned short port, const std::string& subprotocol) : ws_(io_) {
    tcp::resolver resolver(io_);
    asio::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port)));
    ws_.set_option(websocket::stream_base::timeout{30s, 30s, false});
    if (!subprotocol.empty()) {
      ws_.set_option(websocket::stream_base::decorator([subprotocol](websocket::request_type& request) {
        request.set(beast::http::field::sec_websocket_protocol, subprotocol);
      }));
    }
    ws_.handshake(response_, "127.0.0.1:" + std::to_string(port), "/rpc");
  }

  json call(const std::string& method, const json& params) {
    const int id = ++lastId_;
    ws_.write(asio::buffer(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump()));
    while (true) {
      beast::flat_buffer buffer;
      ws_.read(buffer);
      json message = json::parse(beast::buffers_to_string(buffer.data()));
      if (message.value("method", "") == "nexus-event") {
        events_.push_back(message["params"]);
      } else if (message.value("id", 0) == id) {
        return message;
      }
    }
  }

  const std::vector<json>& events() const { return events_; }
  const websocket::response_type& handshakeResponse() const { return response_; }

 private:
  asio::io_context io_;
  websocket::stream<tcp::socket> ws_;
  websocket::response_type response_;
  std::vector<json> events_;
  int lastId_ = 0;
};

bool handshakeAccepted(unsigned short port, const std::string& subprotocol) {
  try {
    WebSocketClient client(port, subprotocol);
    return true;
  } catch (const beast::system_error&) {
    return false;
  }
}

beast::http::response<beast::http::string_body> post(unsigned short port, const std::string& authorization,
                                                     const std::string& body) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  tcp::resolver resolver(io);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  beast::http::request<beast::http::string_body> request{beast::http::verb::post, "/rpc", 11};
  request.set(beast::http::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(beast::http::field::content_type, "application/json");
  if (!authorization.empty()) request.set(beast::http::field::authorization, authorization);
  request.body() = body;
  request.prepare_payload();
  beast::http::write(stream, request);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> response;
  beast::http::read(stream, buffer, response);
  return response;
}

class ServeEndToEnd : public ::testing::Test {
 protected:
  testing::NexusCli cli_;
};

TEST_F(ServeEndToEnd, AClientWithTheTokenRunsAWholeInterviewAndSeesItsEvents) {
  ServeProcess server(cli_);
  ASSERT_NE(server.port(), 0) << server.process().output();
  EXPECT_EQ(server.token().size(), 43u) << server.url();  // 256 bits of the id alphabet

  std::string id;
  {
    WebSocketClient client(server.port(), "nexus.token." + server.token());
    EXPECT_EQ(client.handshakeResponse()[beast::http::field::sec_websocket_protocol], "nexus.token." + server.token());
    const json session = client.call("interview:start", {"shop"})["result"];
    id = session["id"];
    std::size_t captured = 0;
    for (const char* message : {"Customers must log in with their email address and a password.",
                                "The checkout has to respond within two seconds."}) {
      const json reply = client.call("interview:sendMessage", {id, message});
      ASSERT_TRUE(reply.contains("result")) << reply.dump();
      captured += reply["result"]["extractedRequirements"].size();
    }
    EXPECT_GE(captured, 2u);
    EXPECT_TRUE(client.call("interview:end", {id})["result"].is_null());

    std::set<std::string> types;
    for (const json& event : client.events()) types.insert(event["type"]);
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
  EXPECT_EQ(post(server.port(), "", ping).result_int(), 401);
  EXPECT_EQ(post(server.port(), "Bearer nope", ping).result_int(), 401);
  const auto allowed = post(server.port(), "Bearer " + server.token(), ping);
  EXPECT_EQ(allowed.result_int(), 200);
  EXPECT_EQ(json::parse(allowed.body())["result"], "pong");
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
