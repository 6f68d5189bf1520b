#pragma once
// A WebSocket client at /rpc: each text message is one JSON-RPC text, answered on the worker
// pool; answers and the client's event notifications leave through one bounded Outbox, one
// message at a time.
//
// Limits: a message over maxFrameBytes closes the connection with 1009; a binary message with
// 1003; output piling up past maxQueuedBytesPerClient (a client that does not read) with 1008,
// and the socket is dropped if even the close frame cannot get through; with
// maxCallsInFlightPerClient calls unanswered, reading pauses until one is answered.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstddef>
#include <memory>
#include <string>

#include "api/event_hub.hpp"
#include "api/http/outbox.hpp"
#include "api/http/responses.hpp"
#include "api/http/server_context.hpp"

namespace nexus::api::http {

// Lives while an operation or a call in flight holds it (shared_ptr). Its state is touched on
// its strand only; shutdown() and abort() post there, so they may be called from any thread.
class WebSocketConnection final : public Connection, public std::enable_shared_from_this<WebSocketConnection> {
 public:
  // `socket` runs on a strand of its own; `context` outlives the connection.
  WebSocketConnection(boost::asio::ip::tcp::socket socket, const ServerContext& context);

  // Joins the server's connections, starts listening to events, and answers the upgrade
  // `request` (echoing `subprotocol` unless empty). Called on the socket's strand.
  void start(Request request, std::string subprotocol);
  // Takes no more calls; once those in flight are answered and sent, closes with 1001.
  void shutdown() override;
  void abort() override;

 private:
  void onAccepted(boost::beast::error_code error);
  void readNext();
  void onRead(boost::beast::error_code error);
  void startCall(std::string text);
  void onCallFinished();
  void pump();
  void finishIfIdle();
  void close(const boost::beast::websocket::close_reason& reason);
  void drop();

  ConnectionRegistry::Membership membership_;  // first: it leaves the registry once all else is gone
  boost::beast::websocket::stream<boost::beast::tcp_stream> socket_;
  const boost::asio::any_io_executor strand_;
  const ServerContext& context_;
  boost::beast::flat_buffer message_;
  boost::asio::steady_timer closeDeadline_;
  std::shared_ptr<Outbox> outbox_;                // shared with the event sink
  std::unique_ptr<EventHub::Listener> listener_;  // every event, until events:subscribe narrows it
  std::size_t callsInFlight_ = 0;
  bool open_ = false;  // the handshake is done
  bool reading_ = false;
  bool writing_ = false;
  bool stopping_ = false;  // no new calls; close once the ones in flight are answered
  bool closing_ = false;   // a close began, or the connection failed: nothing more is sent
};

}  // namespace nexus::api::http
