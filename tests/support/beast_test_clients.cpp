#include "support/beast_test_clients.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>

namespace nexus::test {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;

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

net::ip::tcp::endpoint endpointOf(const std::string& address, unsigned short port) {
  return {net::ip::make_address(address), port};
}

std::string hostOf(const std::string& address, unsigned short port) {
  const bool v6 = address.find(':') != std::string::npos;
  return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

bool sameName(std::string_view a, std::string_view b) { return beast::iequals(a, b); }

}  // namespace

std::string HttpReply::header(std::string_view name) const {
  const auto found = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return sameName(h.first, name); });
  return found != headers.end() ? found->second : std::string();
}

struct BeastHttpClient::Connection {
  std::string host;
  net::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;

  void close() { stream.close(); }
};

BeastHttpClient::BeastHttpClient(unsigned short port, const std::string& address)
    : connection_(std::make_unique<Connection>()) {
  Connection& c = *connection_;
  c.host = hostOf(address, port);
  const auto error = await(
      c.io, [&](auto handler) { c.stream.async_connect(endpointOf(address, port), std::move(handler)); },
      [&] { c.close(); });
  EXPECT_FALSE(error) << "connect to " << c.host << ": " << error.message();
}

BeastHttpClient::~BeastHttpClient() = default;

HttpReply BeastHttpClient::send(const HttpRequestSpec& spec) {
  Connection& c = *connection_;
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(spec.method), spec.target, 11};
  EXPECT_NE(request.method(), bhttp::verb::unknown) << spec.method;
  for (const auto& [name, value] : spec.headers) request.set(name, value);
  request.body() = spec.body;
  if (request.find(bhttp::field::host) == request.end()) request.set(bhttp::field::host, c.host);
  if (spec.chunked) {
    request.chunked(true);
  } else {
    request.prepare_payload();
  }
  // A server may answer (and close) before it has taken the whole request: read anyway.
  await(
      c.io, [&](auto handler) { bhttp::async_write(c.stream, request, std::move(handler)); }, [&] { c.close(); });
  return receive(request.method() == bhttp::verb::head);
}

bool BeastHttpClient::sendRaw(std::string_view bytes) {
  Connection& c = *connection_;
  return !await(
      c.io, [&](auto handler) { net::async_write(c.stream, net::buffer(bytes), std::move(handler)); },
      [&] { c.close(); });
}

HttpReply BeastHttpClient::receive(bool toHead) {
  Connection& c = *connection_;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(toHead);  // a response to HEAD announces a length but carries no body
  const auto error = await(
      c.io, [&](auto handler) { bhttp::async_read(c.stream, c.buffer, parser, std::move(handler)); },
      [&] { c.close(); });
  if (error) return {};
  auto response = parser.release();
  HttpReply reply{response.result_int(), {}, std::move(response.body())};
  for (const auto& field : response.base()) reply.headers.emplace_back(field.name_string(), field.value());
  return reply;
}

HttpReply BeastHttpClient::get(const std::string& target, const Headers& headers) {
  return send({"GET", target, headers, {}, false});
}

HttpReply BeastHttpClient::post(const std::string& target, std::string body, const Headers& headers) {
  return send({"POST", target, headers, std::move(body), false});
}

bool BeastHttpClient::closedByServer() {
  Connection& c = *connection_;
  char byte = 0;
  const auto error = await(
      c.io, [&](auto handler) { c.stream.async_read_some(net::buffer(&byte, 1), std::move(handler)); },
      [&] { c.close(); });
  return error == net::error::eof || error == net::error::connection_reset;
}

HttpReply httpGet(unsigned short port, const std::string& target, const Headers& headers) {
  return BeastHttpClient(port).get(target, headers);
}

HttpReply httpPost(unsigned short port, const std::string& target, std::string body, const Headers& headers) {
  return BeastHttpClient(port).post(target, std::move(body), headers);
}

struct WebSocketClient::Connection {
  net::io_context io;
  websocket::stream<beast::tcp_stream> socket{io};
  websocket::response_type handshake;
  std::deque<nlohmann::json> kept;  // messages read while another was awaited, in order
  bool open = false;

  void closeTcp() { beast::get_lowest_layer(socket).close(); }
};

WebSocketClient::WebSocketClient(unsigned short port, const WebSocketOptions& options)
    : connection_(std::make_unique<Connection>()) {
  Connection& c = *connection_;
  auto& tcp = beast::get_lowest_layer(c.socket);
  if (options.receiveBufferBytes) {
    tcp.socket().open(net::ip::tcp::v4());
    tcp.socket().set_option(net::socket_base::receive_buffer_size(*options.receiveBufferBytes));
  }
  auto error = await(
      c.io, [&](auto handler) { tcp.async_connect(endpointOf("127.0.0.1", port), std::move(handler)); },
      [&] { tcp.close(); });
  if (error) {
    ADD_FAILURE() << "connect to 127.0.0.1:" << port << ": " << error.message();
    return;
  }
  c.socket.set_option(websocket::stream_base::decorator([headers = options.headers](websocket::request_type& request) {
    for (const auto& [name, value] : headers) request.set(name, value);
  }));
  c.socket.read_message_max(64 * 1024 * 1024);
  const std::string host = options.host.empty() ? "127.0.0.1:" + std::to_string(port) : options.host;
  error = await(
      c.io, [&](auto handler) { c.socket.async_handshake(c.handshake, host, "/rpc", std::move(handler)); },
      [&] { tcp.close(); });
  c.open = !error;
}

WebSocketClient::~WebSocketClient() = default;
WebSocketClient::WebSocketClient(WebSocketClient&&) noexcept = default;
WebSocketClient& WebSocketClient::operator=(WebSocketClient&&) noexcept = default;

bool WebSocketClient::open() const { return connection_->open; }

unsigned WebSocketClient::handshakeStatus() const { return connection_->handshake.result_int(); }

std::string WebSocketClient::handshakeHeader(std::string_view name) const {
  const auto found = connection_->handshake.find(name);
  return found != connection_->handshake.end() ? std::string(found->value()) : std::string();
}

bool WebSocketClient::send(const std::string& text, bool binary) {
  Connection& c = *connection_;
  c.socket.binary(binary);
  return !await(
      c.io, [&](auto handler) { c.socket.async_write(net::buffer(text), std::move(handler)); },
      [&] { c.closeTcp(); });
}

std::optional<std::string> WebSocketClient::read() {
  Connection& c = *connection_;
  beast::flat_buffer message;
  const auto error = await(
      c.io, [&](auto handler) { c.socket.async_read(message, std::move(handler)); }, [&] { c.closeTcp(); });
  if (error) {
    c.open = false;
    return std::nullopt;
  }
  return beast::buffers_to_string(message.data());
}

int WebSocketClient::readUntilClosed() {
  while (read()) {
  }
  return closeCode();
}

int WebSocketClient::closeCode() const {
  const auto code = connection_->socket.reason().code;
  return code == websocket::close_code::none ? -1 : static_cast<int>(code);
}

std::string WebSocketClient::closeReason() const {
  const auto& reason = connection_->socket.reason().reason;
  return std::string(reason.data(), reason.size());
}

nlohmann::json WebSocketClient::call(const std::string& method, nlohmann::json params, int id) {
  nlohmann::json request{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) request["params"] = std::move(params);
  if (!send(request.dump())) return nullptr;
  return responseTo(id);
}

nlohmann::json WebSocketClient::responseTo(int id) {
  auto& kept = connection_->kept;
  const auto answers = [id](const nlohmann::json& message) { return message.contains("id") && message["id"] == id; };
  if (const auto found = std::find_if(kept.begin(), kept.end(), answers); found != kept.end()) {
    nlohmann::json message = std::move(*found);
    kept.erase(found);
    return message;
  }
  while (auto text = read()) {
    nlohmann::json message = nlohmann::json::parse(*text);
    if (answers(message)) return message;
    kept.push_back(std::move(message));
  }
  ADD_FAILURE() << "the connection ended before the response to call " << id;
  return nullptr;
}

nlohmann::json WebSocketClient::nextNotification() {
  auto& kept = connection_->kept;
  const auto isNotification = [](const nlohmann::json& message) { return !message.contains("id"); };
  auto found = std::find_if(kept.begin(), kept.end(), isNotification);
  while (found == kept.end()) {
    auto text = read();
    if (!text) {
      ADD_FAILURE() << "the connection ended while a notification was awaited";
      return nullptr;
    }
    kept.push_back(nlohmann::json::parse(*text));
    found = isNotification(kept.back()) ? std::prev(kept.end()) : kept.end();
  }
  nlohmann::json next = std::move(*found);
  kept.erase(found);
  EXPECT_EQ(next.value("method", ""), "nexus-event") << next.dump();
  return next.value("params", nlohmann::json());
}

std::vector<nlohmann::json> WebSocketClient::takeReceivedNotifications() {
  auto& kept = connection_->kept;
  std::vector<nlohmann::json> taken;
  for (auto it = kept.begin(); it != kept.end();) {
    if (it->contains("id")) {
      ++it;
      continue;
    }
    taken.push_back(it->value("params", nlohmann::json()));
    it = kept.erase(it);
  }
  return taken;
}

nlohmann::json WebSocketClient::nextEvent(std::string_view type) {
  for (nlohmann::json event = nextNotification(); !event.is_null(); event = nextNotification()) {
    if (event.value("type", "") == type) return event;
  }
  return nullptr;
}

void WebSocketClient::close() {
  Connection& c = *connection_;
  await(
      c.io, [&](auto handler) { c.socket.async_close(websocket::close_code::normal, std::move(handler)); },
      [&] { c.closeTcp(); });
  c.open = false;
}

}  // namespace nexus::test
