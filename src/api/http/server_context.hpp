#pragma once
// What every connection of one server shares. The server owns all of it and outlives its
// connections (stop() waits for them), so connections hold it by reference. Fixed once the
// server has started; each part is thread-safe on its own.

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/event_hub.hpp"
#include "api/http/access_policy.hpp"
#include "api/http/connection_registry.hpp"
#include "api/http/server_options.hpp"
#include "api/rpc_handler.hpp"

namespace nexus::api::http {

struct ServerContext {
  RpcHandler& handler;
  EventHub& events;
  const ServerOptions& options;  // the port and token as bound and made
  const AccessPolicy& access;
  boost::asio::thread_pool& workers;  // every call runs here, never on a network thread
  ConnectionRegistry& connections;
  const std::atomic<bool>& stopping;  // set once by stop(): connections made later close at once
};

// The handler's answer to one text. A handler that throws (a bug) is answered with an internal
// error rather than taking the server down. Runs on a worker thread.
std::optional<std::string> answerCall(RpcHandler& handler, std::string_view text, CallContext& context) noexcept;

}  // namespace nexus::api::http
