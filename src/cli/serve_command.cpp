#include "cli/serve_command.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <ostream>

#include "api/http/server.hpp"

namespace nexus::cli {

int serve(api::RpcHandler& handler, api::EventHub& events, const api::http::ServerOptions& options, std::ostream& out,
          std::ostream& err) {
  // Caught from before the server starts, so that no signal in between kills the process
  // without a graceful stop. (Sockets never raise SIGPIPE: Asio sends with MSG_NOSIGNAL.)
  boost::asio::io_context signalContext;
  boost::asio::signal_set signals(signalContext, SIGINT, SIGTERM);

  api::http::HttpServer server(handler, events, options);
  try {
    server.start();
  } catch (const api::http::StartError& error) {
    err << "nexus: " << error.what() << std::endl;
    return 1;
  }
  out << "Nexus Interview is serving at " << server.url() << std::endl;

  signals.async_wait([](const boost::system::error_code&, int) {});
  signalContext.run();
  signals.clear();  // the default action again: a second Ctrl-C ends a stop that waits too long
  err << "nexus: stopping; calls in progress are finished first (Ctrl-C again quits at once)" << std::endl;
  server.stop();
  return 0;
}

}  // namespace nexus::cli
