#pragma once
// The seam between the transports (stdio, HTTP, WebSocket) and what answers the calls: a
// transport frames texts and hands each to an RpcHandler; the Dispatcher is the real one, a
// benchmark's echo is another.

#include <optional>
#include <string>
#include <string_view>

#include "api/event_hub.hpp"

namespace nexus::api {

// What a call knows of the connection it came in on.
struct CallContext {
  // The connection's event stream, which events:subscribe narrows; null on transports that
  // carry no events (a single POST /rpc).
  EventHub::Listener* events = nullptr;
};

class RpcHandler {
 public:
  virtual ~RpcHandler() = default;
  // Answers one JSON-RPC text (a request, a notification or a batch): the response text, or
  // nullopt when nothing is to be sent back (notifications only). Thread-safe. May block for
  // as long as a model call takes, so transports call it off their I/O threads.
  virtual std::optional<std::string> handle(std::string_view text, CallContext& context) = 0;
};

}  // namespace nexus::api
