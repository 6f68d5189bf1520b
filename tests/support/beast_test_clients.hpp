#pragma once
// Real HTTP and WebSocket clients (Beast) for tests of `nexus serve`. Each client owns its
// io_context and runs it on the calling thread only while one of its operations is in
// progress: no thread of its own, so a client is used by one thread at a time and nothing
// races. An operation that hangs fails the test after kPatience, which guards against hangs
// only; no test asserts how fast anything is.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nexus::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;

inline constexpr std::chrono::seconds kPatience{30};

using Headers = std::map<std::string, std::string>;

// Starts an operation with `initiate(handler)` and runs `io` until it completes; after
// kPatience the test fails and `cancel` stops the operation. Returns the operation's error.
template <typename Initiate, typename Cancel>
beast::error_code await(net::io_context& io, Initiate&& initiate, Cancel&& cancel) {
  std::optional<beast::error_code> result;
  initiate([&result](beast::error_code error, auto&&...) { result = error; });
  io.restart();
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!result && io.run_one_until(deadline) > 0) {
  }
  if (!result) {
    ADD_FAILURE() << "a client operation did not complete within " << kPatience.count() << " s";
    cancel();
    io.restart();
    while (!result && io.run_one() > 0) {
    }
  }
  return result.value_or(net::error::timed_out);
}

inline net::ip::tcp::endpoint loopback(unsigned short port) { return {net::ip::make_address("127.0.0.1"), port}; }

struct HttpReply {
  unsigned status = 0;  // 0: no response came
  bhttp::fields headers;
  std::string body;

  std::string header(std::string_view name) const {
    const auto found = headers.find(name);
    return found != headers.end() ? std::string(found->value()) : std::string();
  }
};

// One HTTP/1.1 connection; requests go one after another over it (keep-alive).
class BeastHttpClient {
 public:
  explicit BeastHttpClient(unsigned short port) : port_(port), stream_(io_) {
    const auto error = await(
        io_, [&](auto handler) { stream_.async_connect(loopback(port), std::move(handler)); },
        [&] { stream_.close(); });
    EXPECT_FALSE(error) << "connect to 127.0.0.1:" << port << ": " << error.message();
  }

  // Sends `request` (Host 127.0.0.1:PORT unless it names one, Content-Length set) and reads
  // the response; status 0 when none came.
  HttpReply send(bhttp::request<bhttp::string_body> request) {
    if (request.find(bhttp::field::host) == request.end())
      request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    if (!request.chunked()) request.prepare_payload();
    // A server may answer (and close) before it has taken the whole request: read anyway.
    await(
        io_, [&](auto handler) { bhttp::async_write(stream_, request, std::move(handler)); }, [&] { stream_.close(); });
    return receive(request.method() == bhttp::verb::head);
  }

  // Bytes as they are, for requests no well-behaved client sends.
  bool sendRaw(std::string_view bytes) {
    return !await(
        io_, [&](auto handler) { net::async_write(stream_, net::buffer(bytes), std::move(handler)); },
        [&] { stream_.close(); });
  }

  // The next response; status 0 when none came.
  HttpReply receive(bool toHead = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(toHead);  // a response to HEAD announces a length but carries no body
    const auto error = await(
        io_, [&](auto handler) { bhttp::async_read(stream_, buffer_, parser, std::move(handler)); },
        [&] { stream_.close(); });
    if (error) return {};
    auto response = parser.release();
    return {response.result_int(), static_cast<bhttp::fields>(response.base()), std::move(response.body())};
  }

  HttpReply get(const std::string& target, const Headers& headers = {}) {
    return send(makeRequest(bhttp::verb::get, target, headers, {}));
  }
  HttpReply post(const std::string& target, std::string body, const Headers& headers = {}) {
    return send(makeRequest(bhttp::verb::post, target, headers, std::move(body)));
  }

  // True when the server closed the connection (reading finds its end).
  bool closedByServer() {
    char byte = 0;
    const auto error = await(
        io_, [&](auto handler) { stream_.async_read_some(net::buffer(&byte, 1), std::move(handler)); },
        [&] { stream_.close(); });
    return error == net::error::eof || error == net::error::connection_reset;
  }

  static bhttp::request<bhttp::string_body> makeRequest(bhttp::verb method, const std::string& target,
                                                        const Headers& headers, std::string body) {
    bhttp::request<bhttp::string_body> request{method, target, 11};
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    return request;
  }

 private:
  unsigned short port_;
  net::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

// A single request on a connection of its own.
inline HttpReply httpGet(unsigned short port, const std::string& target, const Headers& headers = {}) {
  return BeastHttpClient(port).get(target, headers);
}
inline HttpReply httpPost(unsigned short port, const std::string& target, std::string body,
                          const Headers& headers = {}) {
  return BeastHttpClient(port).post(target, std::move(body), headers);
}

struct WebSocketOptions {
  Headers headers{};                        // Authorization, Cookie, Origin, Sec-WebSocket-Protocol, …
  std::string host{};                       // the Host header; empty: 127.0.0.1:PORT
  std::optional<int> receiveBufferBytes{};  // SO_RCVBUF, for a client that fills up quickly
};

class WebSocketClient {
 public:
  WebSocketClient(unsigned short port, const WebSocketOptions& options = {}) : socket_(io_) {
    auto& tcp = beast::get_lowest_layer(socket_);
    if (options.receiveBufferBytes) {
      tcp.socket().open(net::ip::tcp::v4());
      tcp.socket().set_option(net::socket_base::receive_buffer_size(*options.receiveBufferBytes));
    }
    auto error = await(
        io_, [&](auto handler) { tcp.async_connect(loopback(port), std::move(handler)); }, [&] { tcp.close(); });
    if (error) {
      ADD_FAILURE() << "connect to 127.0.0.1:" << port << ": " << error.message();
      return;
    }
    socket_.set_option(websocket::stream_base::decorator([headers = options.headers](websocket::request_type& request) {
      for (const auto& [name, value] : headers) request.set(name, value);
    }));
    socket_.read_message_max(64 * 1024 * 1024);
    const std::string host = options.host.empty() ? "127.0.0.1:" + std::to_string(port) : options.host;
    error = await(
        io_, [&](auto handler) { socket_.async_handshake(handshake_, host, "/rpc", std::move(handler)); },
        [&] { tcp.close(); });
    open_ = !error;
  }

  // The handshake succeeded (101); else handshakeResponse() holds the refusal.
  bool open() const { return open_; }
  const websocket::response_type& handshakeResponse() const { return handshake_; }

  bool send(const std::string& text, bool binary = false) {
    socket_.binary(binary);
    return !await(
        io_, [&](auto handler) { socket_.async_write(net::buffer(text), std::move(handler)); },
        [&] { beast::get_lowest_layer(socket_).close(); });
  }

  // The next message, or nullopt once the connection ended (closeReason() says how).
  std::optional<std::string> read() {
    beast::flat_buffer message;
    const auto error = await(
        io_, [&](auto handler) { socket_.async_read(message, std::move(handler)); },
        [&] { beast::get_lowest_layer(socket_).close(); });
    if (error) {
      open_ = false;
      return std::nullopt;
    }
    return beast::buffers_to_string(message.data());
  }

  // Reads until the connection ends; the close frame's code, or -1 without one.
  int readUntilClosed() {
    while (read()) {
    }
    return socket_.reason().code == websocket::close_code::none ? -1 : static_cast<int>(socket_.reason().code);
  }
  const websocket::close_reason& closeReason() const { return socket_.reason(); }

  // Sends a request with this id and reads until its response; what arrives meanwhile is kept
  // for nextNotification() and responseTo().
  nlohmann::json call(const std::string& method, nlohmann::json params = nullptr, int id = 1) {
    nlohmann::json request{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) request["params"] = std::move(params);
    if (!send(request.dump())) return nullptr;
    return responseTo(id);
  }

  // The response with this id, which may have come already (answers arrive as they are ready).
  nlohmann::json responseTo(int id) {
    const auto answers = [id](const nlohmann::json& message) { return message.contains("id") && message["id"] == id; };
    if (const auto kept = std::find_if(kept_.begin(), kept_.end(), answers); kept != kept_.end()) {
      nlohmann::json message = std::move(*kept);
      kept_.erase(kept);
      return message;
    }
    while (auto text = read()) {
      nlohmann::json message = nlohmann::json::parse(*text);
      if (answers(message)) return message;
      kept_.push_back(std::move(message));
    }
    ADD_FAILURE() << "the connection ended before the response to call " << id;
    return nullptr;
  }

  // The next `nexus-event` notification's params ({type, payload, timestamp}).
  nlohmann::json nextNotification() {
    const auto isNotification = [](const nlohmann::json& message) { return !message.contains("id"); };
    auto kept = std::find_if(kept_.begin(), kept_.end(), isNotification);
    while (kept == kept_.end()) {
      auto text = read();
      if (!text) {
        ADD_FAILURE() << "the connection ended while a notification was awaited";
        return nullptr;
      }
      kept_.push_back(nlohmann::json::parse(*text));
      kept = isNotification(kept_.back()) ? std::prev(kept_.end()) : kept_.end();
    }
    nlohmann::json next = std::move(*kept);
    kept_.erase(kept);
    EXPECT_EQ(next.value("method", ""), "nexus-event") << next.dump();
    return next.value("params", nlohmann::json());
  }

  // The notifications' params read so far while calls awaited their answers, taken from the
  // client; never waits for more.
  std::vector<nlohmann::json> takeReceivedNotifications() {
    std::vector<nlohmann::json> taken;
    for (auto it = kept_.begin(); it != kept_.end();) {
      if (it->contains("id")) {
        ++it;
        continue;
      }
      taken.push_back(it->value("params", nlohmann::json()));
      it = kept_.erase(it);
    }
    return taken;
  }

  // The next notification of `type`, skipping others.
  nlohmann::json nextEvent(std::string_view type) {
    for (nlohmann::json event = nextNotification(); !event.is_null(); event = nextNotification()) {
      if (event.value("type", "") == type) return event;
    }
    return nullptr;
  }

  void close() {
    await(
        io_, [&](auto handler) { socket_.async_close(websocket::close_code::normal, std::move(handler)); },
        [&] { beast::get_lowest_layer(socket_).close(); });
    open_ = false;
  }

 private:
  net::io_context io_;
  websocket::stream<beast::tcp_stream> socket_;
  websocket::response_type handshake_;
  std::deque<nlohmann::json> kept_;  // messages read while another was awaited, in order
  bool open_ = false;
};

}  // namespace nexus::test
