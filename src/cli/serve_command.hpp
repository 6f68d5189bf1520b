#pragma once
// `nexus serve`: the HTTP/WebSocket server in the foreground until SIGINT or SIGTERM.

#include <iosfwd>

#include "api/event_hub.hpp"
#include "api/http/server_options.hpp"
#include "api/rpc_handler.hpp"

namespace nexus::cli {

// Starts the server and prints one line to `out`: the address to open, token included. Serves
// until SIGINT or SIGTERM, then stops gracefully (calls in progress finish; a second signal
// ends the process at once) and returns 0. A server that cannot start (the port is in use, a
// non-loopback host without a token) prints one line to `err` and returns 1.
int serve(api::RpcHandler& handler, api::EventHub& events, const api::http::ServerOptions& options, std::ostream& out,
          std::ostream& err);

}  // namespace nexus::cli
