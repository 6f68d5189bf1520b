#pragma once
// What `nexus serve` is told (DESIGN.md §6): where to listen, the token, and the limits that
// keep one client from starving the others.

#include <chrono>
#include <cstddef>
#include <string>

#include "api/http/static_files.hpp"

namespace nexus::api::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // a name or an address; IPv6 with or without brackets
  unsigned short port = 8765;      // 0: any free port (HttpServer::port() tells which)
  std::string token;               // empty: a new random one at start
  bool requireToken = true;        // false (--no-auth) is refused unless the host is loopback

  std::size_t maxRequestBodyBytes = 1024 * 1024;  // POST /rpc (413 beyond)
  std::size_t maxFrameBytes = 1024 * 1024;        // one WebSocket message (closed with 1009 beyond)
  std::size_t maxHeaderBytes = 16 * 1024;         // a request's header (431 beyond)

  std::size_t networkThreads = 2;  // sockets only: calls never run on them
  std::size_t workerThreads = 32;  // calls in progress at once, over all clients

  std::size_t maxQueuedBytesPerClient = 16 * 1024 * 1024;  // unsent output; beyond it a client is too slow
  std::size_t maxCallsInFlightPerClient = 64;              // beyond it, reading from the client pauses
  std::size_t maxConnections = 4096;                       // beyond it, 503 and closed

  // A request's header must arrive within this (and an idle keep-alive connection is closed
  // after it): a client trickling bytes cannot hold a connection forever.
  std::chrono::milliseconds headerTimeout{30'000};
  std::chrono::milliseconds bodyTimeout{30'000};   // the body of POST /rpc
  std::chrono::milliseconds writeTimeout{30'000};  // an HTTP response
  std::chrono::milliseconds closeTimeout{5'000};   // a WebSocket close handshake, before the socket is dropped
  // How long stop() lets connections finish their writes before dropping them; calls in
  // progress are always waited for.
  std::chrono::milliseconds shutdownGrace{10'000};

  // The web UI; must outlive the server.
  const StaticFiles* webFiles = &StaticFiles::webUi();
};

}  // namespace nexus::api::http
