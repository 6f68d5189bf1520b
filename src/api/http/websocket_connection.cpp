#include "api/http/websocket_connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>

namespace nexus::api::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using beast::error_code;

}  // namespace

WebSocketConnection::WebSocketConnection(net::ip::tcp::socket socket, const ServerContext& context)
    : socket_(std::move(socket)), strand_(socket_.get_executor()), context_(context), closeDeadline_(strand_) {}

void WebSocketConnection::start(Request request, std::string subprotocol) {
  membership_ = context_.connections.add(weak_from_this());
  const ServerOptions& options = context_.options;
  // The sink runs on whichever thread emitted the event: it only queues, and holds no strong
  // reference to the connection (the Listener must never be destroyed from inside its sink).
  outbox_ = std::make_shared<Outbox>(options.maxQueuedBytesPerClient, [weak = weak_from_this(), strand = strand_] {
    net::post(strand, [weak] {
      if (auto self = weak.lock()) self->pump();
    });
  });
  listener_ =
      context_.events.listen([outbox = outbox_](const Notification& notification) { outbox->push(notification); });

  socket_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));  // pings when idle
  socket_.read_message_max(options.maxFrameBytes);
  socket_.set_option(websocket::stream_base::decorator([subprotocol](websocket::response_type& response) {
    response.set(beast_http::field::server, "nexus");
    // A browser fails the connection unless the server picks one of the protocols it offered.
    if (!subprotocol.empty()) response.set(beast_http::field::sec_websocket_protocol, subprotocol);
  }));
  auto upgrade = std::make_shared<Request>(std::move(request));
  socket_.async_accept(*upgrade, [self = shared_from_this(), upgrade](error_code error) { self->onAccepted(error); });
}

void WebSocketConnection::shutdown() {
  net::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    self->finishIfIdle();
  });
}

void WebSocketConnection::abort() {
  net::post(strand_, [self = shared_from_this()] { self->drop(); });
}

void WebSocketConnection::onAccepted(error_code error) {
  if (error) {
    spdlog::debug("WebSocket handshake failed: {}", error.message());
    closing_ = true;
    return;
  }
  open_ = true;
  // A stop() that began meanwhile may have missed this connection: it sees the flag instead.
  if (context_.stopping) stopping_ = true;
  readNext();
  pump();  // events that came during the handshake
}

void WebSocketConnection::readNext() {
  if (reading_ || stopping_ || closing_) return;
  if (callsInFlight_ >= context_.options.maxCallsInFlightPerClient) return;  // onCallFinished reads again
  reading_ = true;
  socket_.async_read(message_, [self = shared_from_this()](error_code error, std::size_t) { self->onRead(error); });
}

void WebSocketConnection::onRead(error_code error) {
  reading_ = false;
  if (error) {
    // Closed by the client, too large (Beast has sent 1009), timed out, or dropped.
    if (error != websocket::error::closed && error != net::error::operation_aborted) {
      spdlog::debug("WebSocket connection ended: {}", error.message());
    }
    closing_ = true;
    outbox_->discard();
    return;
  }
  if (!socket_.got_text()) {
    message_.clear();
    return close({websocket::close_code::unknown_data, "binary messages are not accepted: send JSON-RPC as text"});
  }
  std::string text = beast::buffers_to_string(message_.data());
  message_.clear();
  if (stopping_) return finishIfIdle();  // the server is stopping: no new calls
  startCall(std::move(text));
  readNext();
}

void WebSocketConnection::startCall(std::string text) {
  ++callsInFlight_;
  net::post(context_.workers, [self = shared_from_this(), text = std::move(text)] {
    CallContext call{self->listener_.get()};
    // Pushed from this thread after the call's own events, so they reach the client first.
    if (auto reply = answerCall(self->context_.handler, text, call)) {
      self->outbox_->push(std::make_shared<const std::string>(std::move(*reply)));
    }
    const auto strand = self->strand_;
    net::post(strand, [self = std::move(self)] { self->onCallFinished(); });
  });
}

void WebSocketConnection::onCallFinished() {
  --callsInFlight_;
  readNext();  // resumes a read paused for too many calls in flight
  finishIfIdle();
}

void WebSocketConnection::pump() {
  if (!open_ || closing_) return;
  if (outbox_->overflowed()) {
    spdlog::warn("closing a WebSocket client that does not read: over {} bytes of output were waiting for it",
                 context_.options.maxQueuedBytesPerClient);
    return close({websocket::close_code::policy_error, "too slow: messages were not read"});
  }
  if (writing_) return;  // onWritten comes back here
  Notification message = outbox_->next();
  if (!message) return finishIfIdle();
  writing_ = true;
  socket_.text(true);
  socket_.async_write(net::buffer(*message), [self = shared_from_this(), message](error_code error, std::size_t) {
    self->writing_ = false;
    if (error) {
      self->closing_ = true;
      self->outbox_->discard();
      return;
    }
    self->pump();
  });
}

void WebSocketConnection::finishIfIdle() {
  if (!stopping_ || !open_ || closing_ || callsInFlight_ > 0) return;
  outbox_->seal();       // the answers are all in; later events are not waited for
  if (writing_) return;  // its completion pumps, and the pump comes back here when all is out
  if (!outbox_->empty()) return pump();
  close({websocket::close_code::going_away, "the server is shutting down"});
}

void WebSocketConnection::close(const websocket::close_reason& reason) {
  if (closing_) return;
  closing_ = true;
  outbox_->discard();
  // A client that reads nothing never takes the close frame either: then the socket goes.
  closeDeadline_.expires_after(context_.options.closeTimeout);
  closeDeadline_.async_wait([self = shared_from_this()](error_code error) {
    if (!error) self->drop();
  });
  socket_.async_close(reason, [self = shared_from_this()](error_code) { self->closeDeadline_.cancel(); });
}

void WebSocketConnection::drop() {
  closing_ = true;
  closeDeadline_.cancel();
  beast::get_lowest_layer(socket_).close();
}

}  // namespace nexus::api::http
