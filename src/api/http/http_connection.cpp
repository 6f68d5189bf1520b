#include "api/http/http_connection.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cstdint>
#include <limits>

#include "api/http/static_files.hpp"
#include "api/http/websocket_connection.hpp"

namespace nexus::api::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using beast::error_code;
using beast_http::status;

constexpr std::string_view kRpcPath = "/rpc";
constexpr std::string_view kHealthPath = "/healthz";
constexpr std::size_t kDrainChunkBytes = 64 * 1024;

// A field's value with repeated fields joined as HTTP joins them; nullopt when absent.
std::optional<std::string> joinedField(const Request& request, beast_http::field name, std::string_view separator) {
  std::optional<std::string> joined;
  for (auto [field, end] = request.equal_range(name); field != end; ++field) {
    if (joined) {
      joined->append(separator);
    } else {
      joined.emplace();
    }
    joined->append(field->value());
  }
  return joined;
}

// The header values an AccessPolicy reads, owned here while its RequestFacts view them.
class CallerHeaders {
 public:
  explicit CallerHeaders(const Request& request)
      : host_(joinedField(request, beast_http::field::host, ", ")),
        origin_(joinedField(request, beast_http::field::origin, ", ")),
        authorization_(joinedField(request, beast_http::field::authorization, ", ")),
        cookie_(joinedField(request, beast_http::field::cookie, "; ")),
        protocols_(joinedField(request, beast_http::field::sec_websocket_protocol, ", ")) {}

  RequestFacts facts() const {
    return {view(host_), view(origin_), view(authorization_), view(cookie_), view(protocols_)};
  }

 private:
  static std::optional<std::string_view> view(const std::optional<std::string>& value) {
    return value ? std::optional<std::string_view>(*value) : std::nullopt;
  }
  std::optional<std::string> host_, origin_, authorization_, cookie_, protocols_;
};

// "/?token=T" as the path "/" and the query "token=T".
std::pair<std::string_view, std::string_view> splitTarget(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

std::optional<std::string_view> queryParameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view{} : query.substr(end + 1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
  }
  return std::nullopt;
}

// "application/json", with parameters ("; charset=utf-8") and in any case.
bool isJsonContentType(std::string_view contentType) {
  const std::string_view mediaType = contentType.substr(0, contentType.find(';'));
  const auto first = mediaType.find_first_not_of(" \t");
  const auto last = mediaType.find_last_not_of(" \t");
  return first != std::string_view::npos &&
         beast::iequals(mediaType.substr(first, last - first + 1), "application/json");
}

bool isRead(beast_http::verb method) { return method == beast_http::verb::get || method == beast_http::verb::head; }

// A fault of the request itself (malformed, over a limit), which gets an answer; not one of the
// connection (closed, timed out, cancelled), which does not.
bool isFaultOfTheRequest(const error_code& error) {
  return error.category() == beast_http::make_error_code(beast_http::error::bad_method).category() &&
         error != beast_http::error::end_of_stream && error != beast_http::error::partial_message;
}

}  // namespace

HttpConnection::HttpConnection(net::ip::tcp::socket socket, const ServerContext& context)
    : stream_(std::move(socket)), strand_(stream_.get_executor()), context_(context) {}

void HttpConnection::start() {
  membership_ = context_.connections.add(weak_from_this());
  net::dispatch(strand_, [self = shared_from_this()] {
    // A stop() that began meanwhile may have missed this connection: it sees the flag instead.
    if (self->context_.stopping) self->stopping_ = true;
    self->readHeader();
  });
}

void HttpConnection::shutdown() {
  net::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    if (!self->busy_) self->closeNow();
  });
}

void HttpConnection::abort() {
  net::post(strand_, [self = shared_from_this()] { self->closeNow(); });
}

void HttpConnection::readHeader() {
  if (stopping_) return closeNow();
  const ServerOptions& options = context_.options;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.maxHeaderBytes, std::numeric_limits<std::uint32_t>::max())));
  parser_->body_limit(options.maxRequestBodyBytes);
  // Also the keep-alive idle limit: a client that sends nothing, or a byte at a time, is let go.
  stream_.expires_after(options.headerTimeout);
  beast_http::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](error_code error, std::size_t) { self->onHeader(error); });
}

void HttpConnection::onHeader(error_code error) {
  // The client closed, went quiet past the header timeout, or the server is stopping.
  if (error && !isFaultOfTheRequest(error)) return closeNow();
  busy_ = true;
  if (error == beast_http::error::header_limit) {
    return send(plainText(
        status::request_header_fields_too_large,
        "The request's header is larger than " + std::to_string(context_.options.maxHeaderBytes) + " bytes."));
  }
  if (error == beast_http::error::body_limit) return refuseLargeBody();  // its Content-Length says so
  if (error) return send(plainText(status::bad_request, "The request is not valid HTTP/1.1."));
  route();
}

void HttpConnection::route() {
  const Request& request = parser_->get();
  const CallerHeaders headers(request);
  const RequestFacts facts = headers.facts();
  if (const AccessDecision caller = context_.access.checkCaller(facts); !caller.allowed()) return refuse(caller);

  const auto [path, query] = splitTarget(request.target());
  if (path == kRpcPath) return serveRpc(facts);
  if (path == kHealthPath) {
    if (!isRead(request.method())) return refuseMethod("GET, HEAD");
    return send(jsonBody(R"({"status":"ok"})"));
  }
  serveFile(path, query);
}

void HttpConnection::serveRpc(const RequestFacts& facts) {
  const Request& request = parser_->get();
  const bool upgrade = beast::websocket::is_upgrade(request);
  if (!upgrade && request.method() == beast_http::verb::get) {
    TextResponse response = plainText(status::upgrade_required,
                                      "GET /rpc is a WebSocket; a single call is POST /rpc with Content-Type: "
                                      "application/json.");
    response.set(beast_http::field::upgrade, "websocket");
    return send(std::move(response));
  }
  if (!upgrade && request.method() != beast_http::verb::post) return refuseMethod("GET, POST");

  AccessDecision token = context_.access.checkToken(facts);
  if (!token.allowed()) return refuse(token);
  if (upgrade) return upgradeToWebSocket(std::move(token.subprotocol));
  // Also what keeps a cross-site HTML form out: a form cannot send application/json.
  if (!isJsonContentType(request[beast_http::field::content_type])) {
    return send(plainText(status::unsupported_media_type,
                          "POST /rpc takes a JSON-RPC text with Content-Type: application/json."));
  }
  if (beast::iequals(request[beast_http::field::expect], "100-continue")) return continueThenReadBody();
  readBody();
}

void HttpConnection::serveFile(std::string_view path, std::string_view query) {
  const Request& request = parser_->get();
  if (path == "/") {
    if (const auto token = queryParameter(query, "token")) {
      if (!isRead(request.method())) return refuseMethod("GET, HEAD");
      return landWithToken(*token);
    }
  }
  const StaticFile* file = context_.options.webFiles->find(path);
  if (file == nullptr) return send(plainText(status::not_found, "Nothing is served at this address."));
  if (!isRead(request.method())) return refuseMethod("GET, HEAD");

  const bool unchanged = request[beast_http::field::if_none_match] == file->etag;
  beast_http::response<beast_http::span_body<const char>> response{unchanged ? status::not_modified : status::ok, 11};
  response.set(beast_http::field::content_type, file->contentType);
  if (file->isHtml()) {
    addPageHeaders(response, context_.access.webSocketOrigin(request[beast_http::field::host]));
  } else {
    response.set(beast_http::field::etag, file->etag);
    response.set(beast_http::field::cache_control, "no-cache");  // kept, but checked again each time
  }
  if (unchanged) return send(std::move(response));
  response.body() = {file->body.data(), file->body.size()};
  response.prepare_payload();
  send(std::move(response));
}

void HttpConnection::landWithToken(std::string_view token) {
  const AccessDecision decision = context_.access.checkTokenValue(token);
  if (!decision.allowed()) return refuse(decision);
  // The token moves from the address bar (and history) into a cookie scripts cannot read and
  // other sites' requests do not carry.
  TextResponse response = plainText(status::see_other, "Signed in; continue at /.");
  response.set(beast_http::field::location, "/");
  response.set(beast_http::field::set_cookie,
               context_.access.cookieName() + "=" + context_.access.token() + "; HttpOnly; SameSite=Strict; Path=/");
  send(std::move(response));
}

void HttpConnection::continueThenReadBody() {
  auto interim = std::make_shared<beast_http::response<beast_http::empty_body>>(status::continue_, 11);
  stream_.expires_after(context_.options.writeTimeout);
  beast_http::async_write(stream_, *interim, [self = shared_from_this(), interim](error_code error, std::size_t) {
    if (error) return self->closeNow();
    self->readBody();
  });
}

void HttpConnection::readBody() {
  stream_.expires_after(context_.options.bodyTimeout);
  beast_http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code error, std::size_t) {
    if (error == beast_http::error::body_limit) return self->refuseLargeBody();  // found while reading
    if (error) return self->closeNow();
    self->callHandler();
  });
}

void HttpConnection::callHandler() {
  net::post(context_.workers, [self = shared_from_this(), text = std::move(parser_->get().body())] {
    CallContext noEvents;  // a single POST carries no events
    auto reply = answerCall(self->context_.handler, text, noEvents);
    const auto strand = self->strand_;
    net::post(strand, [self = std::move(self), reply = std::move(reply)]() mutable {
      if (!reply) return self->send(TextResponse{status::no_content, 11});  // notifications only
      self->send(jsonBody(std::move(*reply)));
    });
  });
}

void HttpConnection::upgradeToWebSocket(std::string subprotocol) {
  stream_.expires_never();  // the WebSocket keeps time itself
  auto connection = std::make_shared<WebSocketConnection>(stream_.release_socket(), context_);
  connection->start(parser_->release(), std::move(subprotocol));
}

void HttpConnection::refuse(const AccessDecision& decision) {
  send(plainText(static_cast<status>(decision.status()), decision.reason));
}

void HttpConnection::refuseLargeBody() {
  send(plainText(status::payload_too_large,
                 "A request body holds at most " + std::to_string(context_.options.maxRequestBodyBytes) + " bytes."));
}

void HttpConnection::refuseMethod(std::string_view allowed) {
  TextResponse response =
      plainText(status::method_not_allowed, "This address answers " + std::string(allowed) + " only.");
  response.set(beast_http::field::allow, allowed);
  send(std::move(response));
}

template <typename Body>
void HttpConnection::send(beast_http::response<Body> response) {
  const Request& request = parser_->get();
  // A body left unread stands in the way of the next request: close after this answer.
  const bool close = stopping_ || !request.keep_alive() || !parser_->is_done();
  response.version(request.version() == 10 ? 10 : 11);
  response.keep_alive(!close);
  response.set(beast_http::field::server, "nexus");
  addSecurityHeaders(response);
  if (request.method() == beast_http::verb::head) response.body() = typename Body::value_type{};  // the length stays
  auto held = std::make_shared<beast_http::response<Body>>(std::move(response));
  stream_.expires_after(context_.options.writeTimeout);
  beast_http::async_write(stream_, *held, [self = shared_from_this(), held, close](error_code error, std::size_t) {
    self->onWritten(error, close);
  });
}

void HttpConnection::onWritten(error_code error, bool close) {
  busy_ = false;
  if (error) return closeNow();
  if (close) return closeGracefully();
  readHeader();
}

void HttpConnection::closeGracefully() {
  // Half-close, then read and discard what the client still sends (a body that was refused)
  // until it closes too: closing with unread bytes would reset the connection, and the reset
  // can destroy the response before the client has read it. closeTimeout bounds the wait.
  error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(context_.options.closeTimeout);
  struct Drain {
    std::shared_ptr<HttpConnection> self;
    void operator()(error_code error = {}, std::size_t = 0) {
      if (error) return self->closeNow();
      self->buffer_.clear();
      auto& stream = self->stream_;
      auto space = self->buffer_.prepare(kDrainChunkBytes);
      stream.async_read_some(space, std::move(*this));
    }
  };
  Drain{shared_from_this()}();
}

void HttpConnection::closeNow() {
  error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace nexus::api::http
