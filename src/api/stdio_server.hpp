#pragma once
// `nexus rpc`: newline-delimited JSON-RPC on a pair of streams (stdin/stdout), for a desktop
// shell that spawns nexus as its backend. One request or batch per line in; one response or
// `nexus-event` notification per line out. Nothing else is ever written to `out`.

#include <cstddef>
#include <istream>
#include <ostream>

#include "api/event_hub.hpp"
#include "api/rpc_handler.hpp"

namespace nexus::api {

struct StdioOptions {
  std::size_t maxRequestBytes = 1024 * 1024;  // one line; longer ones are refused and skipped
  std::size_t workers = 4;                     // calls in progress at once
  std::size_t maxQueuedBytes = 64 * 1024 * 1024;  // output waiting for a reader that is slow
};

// Calls run on a pool of workers, so a long turn never holds up another call; answers go out
// in the order they are ready (JSON-RPC matches them by id). Events emitted during a call are
// written before its answer. When the reader stops reading, turns wait for it rather than
// queueing without bound.
class StdioServer {
 public:
  StdioServer(RpcHandler& handler, EventHub& events, StdioOptions options = {});
  // Serves until `in` ends, then waits for the calls in progress and writes their answers.
  // Returns the exit code: 0, or 1 when `out` failed (the reader went away).
  int run(std::istream& in, std::ostream& out);

 private:
  RpcHandler& handler_;
  EventHub& events_;
  StdioOptions options_;
};

}  // namespace nexus::api
