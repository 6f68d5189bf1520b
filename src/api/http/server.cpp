#include "api/http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "api/http/access_policy.hpp"
#include "api/http/connection_registry.hpp"
#include "api/http/http_connection.hpp"
#include "api/http/server_context.hpp"
#include "core/ids.hpp"

namespace nexus::api::http {
namespace {

namespace net = boost::asio;
using boost::system::error_code;
using net::ip::tcp;

// How long accepting pauses after a failure such as "too many open files", rather than spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

std::string authorityText(std::string_view host, unsigned short port) {
  return urlHost(host) + ":" + std::to_string(port);
}

std::string bindFailure(std::string_view host, unsigned short port, const error_code& error) {
  const std::string where = authorityText(host, port);
  if (error == boost::system::errc::address_in_use) return where + " is already in use";
  if (error == boost::system::errc::permission_denied)
    return where + " cannot be used: permission denied (ports below 1024 need privileges)";
  if (error == boost::system::errc::address_not_available)
    return where + " cannot be used: it is not an address of this machine";
  return where + " cannot be used: " + error.message();
}

// Answered without a connection object: a fixed response in one non-blocking write, then closed.
void refuseAsBusy(tcp::socket& socket) {
  static const std::string kBusy = [] {
    const std::string body = "The server has too many connections; try it again.\n";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
           std::to_string(body.size()) +
           "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\r\n" + body;
  }();
  error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(net::buffer(kBusy), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(RpcHandler& handler, EventHub& events, ServerOptions options)
      : handler_(handler),
        events_(events),
        options_(std::move(options)),
        acceptor_(net::make_strand(io_)),
        retryTimer_(acceptor_.get_executor()),
        workers_(std::max<std::size_t>(options_.workerThreads, 1)) {}

  ~Impl() { stop(); }

  void start();
  void stop();

  unsigned short port() const { return options_.port; }
  const std::string& token() const { return options_.token; }
  std::string url() const;
  std::size_t connectionCount() const { return connections_.size(); }

 private:
  tcp::endpoint resolve();
  void bind(const tcp::endpoint& endpoint);
  void accept();
  void onAccept(const error_code& error, tcp::socket socket);

  RpcHandler& handler_;
  EventHub& events_;
  ServerOptions options_;  // the port and token as bound and made, once started
  net::io_context io_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> keepRunning_;
  tcp::acceptor acceptor_;
  net::steady_timer retryTimer_;
  net::thread_pool workers_;
  ConnectionRegistry connections_;
  std::atomic<bool> stopping_{false};
  std::optional<AccessPolicy> access_;
  std::optional<ServerContext> context_;
  std::vector<std::thread> networkThreads_;
  std::mutex lifecycle_;
  bool started_ = false;
  bool stopped_ = false;
};

tcp::endpoint HttpServer::Impl::resolve() {
  error_code error;
  tcp::resolver resolver(io_.get_executor());
  const auto results = resolver.resolve(std::string(bareHost(options_.host)), std::to_string(options_.port),
                                        tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || results.empty()) {
    throw StartError(authorityText(options_.host, options_.port) + " cannot be used: the host name does not resolve (" +
                     error.message() + ")");
  }
  return results.begin()->endpoint();
}

void HttpServer::Impl::bind(const tcp::endpoint& endpoint) {
  error_code error;
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);  // a restart need not wait out TIME_WAIT
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    acceptor_.close();
    throw StartError(bindFailure(options_.host, options_.port, error));
  }
}

void HttpServer::Impl::start() {
  std::lock_guard lock(lifecycle_);
  if (started_) return;
  if (!options_.requireToken && !isLoopbackHost(options_.host)) {
    throw StartError(authorityText(options_.host, options_.port) +
                     " is not a loopback address: serving without a token (--no-auth) is allowed on 127.0.0.1, ::1 "
                     "or localhost only");
  }
  const tcp::endpoint endpoint = resolve();
  if (!options_.requireToken && !endpoint.address().is_loopback()) {
    throw StartError(authorityText(options_.host, options_.port) + " resolves to " + endpoint.address().to_string() +
                     ", not a loopback address: serving without a token (--no-auth) is refused");
  }
  bind(endpoint);
  options_.port = acceptor_.local_endpoint().port();
  if (options_.token.empty()) options_.token = newSecret();
  access_.emplace(options_.host, options_.port, options_.token, options_.requireToken);
  context_.emplace(ServerContext{handler_, events_, options_, *access_, workers_, connections_, stopping_});

  keepRunning_.emplace(io_.get_executor());
  accept();
  const std::size_t threads = std::max<std::size_t>(options_.networkThreads, 1);
  for (std::size_t i = 0; i < threads; ++i) networkThreads_.emplace_back([this] { io_.run(); });
  started_ = true;
}

void HttpServer::Impl::stop() {
  std::lock_guard lock(lifecycle_);
  if (!started_ || stopped_) return;
  stopped_ = true;
  stopping_ = true;
  net::post(acceptor_.get_executor(), [this] {
    error_code ignored;
    acceptor_.close(ignored);
    retryTimer_.cancel();
  });
  for (const auto& connection : connections_.snapshot()) connection->shutdown();
  // Past the grace, what is still open is dropped: sockets close, and a connection then ends
  // as soon as its calls in flight do. Checked again each second for connections that were
  // being handed from HTTP to WebSocket at the moment of the snapshot.
  auto deadline = std::chrono::steady_clock::now() + options_.shutdownGrace;
  while (!connections_.waitUntilEmpty(deadline)) {
    for (const auto& connection : connections_.snapshot()) connection->abort();
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  }
  workers_.join();  // no connection is left to post a call
  keepRunning_.reset();
  for (auto& thread : networkThreads_) thread.join();
}

std::string HttpServer::Impl::url() const {
  // Bound to every interface, the server is reached here through loopback.
  const std::string host = isWildcardHost(options_.host)
                               ? (bareHost(options_.host).find(':') != std::string_view::npos ? "::1" : "127.0.0.1")
                               : options_.host;
  const std::string base = "http://" + authorityText(host, options_.port) + "/";
  return options_.requireToken ? base + "?token=" + options_.token : base;
}

void HttpServer::Impl::accept() {
  acceptor_.async_accept(net::make_strand(io_),
                         [this](const error_code& error, tcp::socket socket) { onAccept(error, std::move(socket)); });
}

void HttpServer::Impl::onAccept(const error_code& error, tcp::socket socket) {
  if (stopping_ || !acceptor_.is_open()) return;
  if (error) {
    spdlog::warn("accepting a connection failed: {}", error.message());
    retryTimer_.expires_after(kAcceptRetryDelay);
    retryTimer_.async_wait([this](const error_code& cancelled) {
      if (!cancelled) accept();
    });
    return;
  }
  if (connections_.size() >= options_.maxConnections) {
    spdlog::warn("refused a connection: {} are open, the most allowed", options_.maxConnections);
    refuseAsBusy(socket);
  } else {
    // Answers and events are small writes that must go out at once: with Nagle's algorithm a
    // reply written in two pieces waits for the client's delayed ACK (40 ms on Linux).
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<HttpConnection>(std::move(socket), *context_)->start();
  }
  accept();
}

HttpServer::HttpServer(RpcHandler& handler, EventHub& events, ServerOptions options)
    : impl_(std::make_unique<Impl>(handler, events, std::move(options))) {}
HttpServer::~HttpServer() = default;
void HttpServer::start() { impl_->start(); }
void HttpServer::stop() { impl_->stop(); }
unsigned short HttpServer::port() const { return impl_->port(); }
const std::string& HttpServer::token() const { return impl_->token(); }
std::string HttpServer::url() const { return impl_->url(); }
std::size_t HttpServer::connectionCount() const { return impl_->connectionCount(); }

}  // namespace nexus::api::http
