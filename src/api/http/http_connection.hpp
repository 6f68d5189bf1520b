#pragma once
// One HTTP/1.1 client of `nexus serve`: reads its requests one after another (keep-alive),
// checks each against the AccessPolicy, answers /healthz, POST /rpc and the web UI's files, and
// hands a WebSocket upgrade of /rpc over to a WebSocketConnection.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/responses.hpp"
#include "api/http/server_context.hpp"

namespace nexus::api::http {

// Lives while an operation holds it (shared_ptr). Its state is touched on its strand only;
// shutdown() and abort() post there, so they may be called from any thread.
class HttpConnection final : public Connection, public std::enable_shared_from_this<HttpConnection> {
 public:
  // `socket` runs on a strand of its own; `context` outlives the connection.
  HttpConnection(boost::asio::ip::tcp::socket socket, const ServerContext& context);

  // Joins the server's connections and reads the first request.
  void start();
  // An idle connection closes now; one in the middle of a request answers it first.
  void shutdown() override;
  void abort() override;

 private:
  void readHeader();
  void onHeader(boost::beast::error_code error);
  void route();
  void serveRpc(const RequestFacts& facts);
  void serveFile(std::string_view path, std::string_view query);
  void landWithToken(std::string_view token);
  void continueThenReadBody();
  void readBody();
  void callHandler();
  void upgradeToWebSocket(std::string subprotocol);

  void refuse(const AccessDecision& decision);
  void refuseMethod(std::string_view allowed);
  void refuseLargeBody();
  template <typename Body>
  void send(boost::beast::http::response<Body> response);
  void onWritten(boost::beast::error_code error, bool close);
  void closeGracefully();
  void closeNow();

  ConnectionRegistry::Membership membership_;  // first: it leaves the registry once all else is gone
  boost::beast::tcp_stream stream_;
  const boost::asio::any_io_executor strand_;
  const ServerContext& context_;
  boost::beast::flat_buffer buffer_;
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;  // a new one per request
  bool busy_ = false;      // from a request's header until its response is written
  bool stopping_ = false;  // the server is stopping: no request after the current one
};

}  // namespace nexus::api::http
