#pragma once
// Real HTTP and WebSocket clients (Boost.Beast) for tests of `nexus serve`, compiled once in
// nexus::test_clients so that the tests using them need no Beast headers. Each client owns
// its io_context and runs it on the calling thread only while one of its operations is in
// progress: no thread of its own, so a client is used by one thread at a time and nothing
// races. An operation that hangs fails the test after kPatience, which guards against hangs
// only; no test asserts how fast anything is.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace nexus::test {

inline constexpr std::chrono::seconds kPatience{30};

using Headers = std::map<std::string, std::string>;

struct HttpReply {
  unsigned status = 0;  // 0: no response came
  std::vector<std::pair<std::string, std::string>> headers;  // as received, in order
  std::string body;

  // The first header of that name (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

struct HttpRequestSpec {
  std::string method = "GET";
  std::string target = "/";
  Headers headers;   // Host is 127.0.0.1:PORT unless given
  std::string body;  // sent with Content-Length, or in chunks when `chunked`
  bool chunked = false;
};

// One HTTP/1.1 connection; requests go one after another over it (keep-alive).
class BeastHttpClient {
 public:
  explicit BeastHttpClient(unsigned short port, const std::string& address = "127.0.0.1");
  ~BeastHttpClient();
  BeastHttpClient(const BeastHttpClient&) = delete;
  BeastHttpClient& operator=(const BeastHttpClient&) = delete;

  // Sends the request and reads the response; status 0 when none came.
  HttpReply send(const HttpRequestSpec& request);
  // Bytes as they are, for requests no well-behaved client sends.
  bool sendRaw(std::string_view bytes);
  // The next response; status 0 when none came.
  HttpReply receive(bool toHead = false);

  HttpReply get(const std::string& target, const Headers& headers = {});
  HttpReply post(const std::string& target, std::string body, const Headers& headers = {});

  // True when the server closed the connection (reading finds its end).
  bool closedByServer();

 private:
  struct Connection;
  std::unique_ptr<Connection> connection_;
};

// A single request on a connection of its own.
HttpReply httpGet(unsigned short port, const std::string& target, const Headers& headers = {});
HttpReply httpPost(unsigned short port, const std::string& target, std::string body, const Headers& headers = {});

struct WebSocketOptions {
  Headers headers{};                        // Authorization, Cookie, Origin, Sec-WebSocket-Protocol, …
  std::string host{};                       // the Host header; empty: 127.0.0.1:PORT
  std::optional<int> receiveBufferBytes{};  // SO_RCVBUF, for a client that fills up quickly
};

// A WebSocket connection to /rpc that speaks JSON-RPC: calls, their answers, and the
// nexus-event notifications that arrive meanwhile.
class WebSocketClient {
 public:
  WebSocketClient(unsigned short port, const WebSocketOptions& options = {});
  ~WebSocketClient();
  WebSocketClient(WebSocketClient&&) noexcept;
  WebSocketClient& operator=(WebSocketClient&&) noexcept;

  // The handshake succeeded (101); else the handshake's status and headers say why not.
  bool open() const;
  unsigned handshakeStatus() const;
  std::string handshakeHeader(std::string_view name) const;

  bool send(const std::string& text, bool binary = false);
  // The next message, or nullopt once the connection ended (closeCode() says how).
  std::optional<std::string> read();
  // Reads until the connection ends; the close frame's code, or -1 without one.
  int readUntilClosed();
  // The close frame's code (-1 without one) and reason.
  int closeCode() const;
  std::string closeReason() const;

  // Sends a request with this id and reads until its response; what arrives meanwhile is kept
  // for nextNotification() and responseTo().
  nlohmann::json call(const std::string& method, nlohmann::json params = nullptr, int id = 1);
  // The response with this id, which may have come already (answers arrive as they are ready).
  nlohmann::json responseTo(int id);
  // The next `nexus-event` notification's params ({type, payload, timestamp}).
  nlohmann::json nextNotification();
  // The notifications' params read so far while calls awaited their answers, taken from the
  // client; never waits for more.
  std::vector<nlohmann::json> takeReceivedNotifications();
  // The next notification of `type`, skipping others.
  nlohmann::json nextEvent(std::string_view type);

  void close();

 private:
  struct Connection;
  std::unique_ptr<Connection> connection_;
};

}  // namespace nexus::test
