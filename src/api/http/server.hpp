#pragma once
// `nexus serve` (DESIGN.md §4, §5): HTTP and WebSocket on Boost.Beast.
//
//   GET  /healthz      {"status":"ok"}, no token needed
//   POST /rpc          one JSON-RPC text (Content-Type: application/json), token required
//   GET  /rpc          WebSocket JSON-RPC with `nexus-event` notifications, token required
//   GET  /?token=T     sets the token cookie and redirects to /
//   GET  /…            the web UI (StaticFiles)
//
// Every request must name this server in Host and, when a browser sends one, come from a page
// of this server (Origin); see AccessPolicy. Sockets are served by a few network threads; every
// call runs on a pool of workers, so a long model turn never holds up another client.

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

#include "api/event_hub.hpp"
#include "api/http/server_options.hpp"
#include "api/rpc_handler.hpp"

namespace nexus::api::http {

// The server could not start; what() is one line naming host:port and the cause
// ("127.0.0.1:8765 is already in use").
class StartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// start() and stop() are called from one controlling thread; the accessors from any thread
// once start() has returned. The handler and the hub must outlive the server.
class HttpServer {
 public:
  HttpServer(RpcHandler& handler, EventHub& events, ServerOptions options);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; throws StartError. Refuses requireToken=false unless the host
  // is a loopback one.
  void start();
  // Graceful: stops accepting; closes idle connections; answers the requests and WebSocket
  // calls in progress, then closes WebSockets with 1001 (connections still busy after
  // ServerOptions::shutdownGrace are dropped, yet their calls still run to the end). Returns
  // once every call has finished. Idempotent.
  void stop();

  unsigned short port() const;       // the bound port (the free one chosen for port 0)
  const std::string& token() const;  // the one required, given or made
  // Where a browser starts: http://HOST:PORT/?token=TOKEN (no token when none is required).
  std::string url() const;
  std::size_t connectionCount() const;  // open HTTP and WebSocket connections

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nexus::api::http
