#pragma once
// The HTTP transport the model clients talk through. An interface so that the clients know no
// HTTP library (the executable's wiring creates the CurlHttpClient) and so that a wrapper can
// stand in front of one (the delta-latency benchmark times body pieces that way); tests use
// CurlHttpClient itself, against real servers on 127.0.0.1. Streaming: the response head is
// handed over as soon as it is complete, the body in pieces as they arrive.

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "llm/http/http_headers.hpp"
#include "llm/http/transport_error.hpp"

namespace nexus::http {

struct HttpRequest {
  std::string url;  // http:// or https:// only
  HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds connectTimeout{10'000};  // name resolution, TCP and TLS
  std::chrono::milliseconds idleTimeout{60'000};     // once connected: longest silence allowed
  std::optional<std::chrono::milliseconds> totalTimeout;  // the whole exchange; none by default
  // Open a new connection instead of reusing an idle one: for a retry, in case the connection
  // the failed attempt went over (or an HTTP/2 connection it shared) is what went wrong. The
  // new connection is kept for later exchanges like any other.
  bool freshConnection = false;
};

struct HttpResponseHead {
  int status = 0;
  HttpHeaders headers;
};

// How one exchange ended. A response with any status is a completed exchange; `error` is set
// only when none completed. `head` may be set together with `error` (a stream dropped mid-body).
struct HttpOutcome {
  std::optional<HttpResponseHead> head;
  std::optional<TransportError> error;
  bool ok() const { return !error.has_value(); }
};

// Called once, with the final (non-1xx) response head, before any body piece. Return false to
// stop the exchange (reported as TransportErrorKind::Aborted): no handler is called again. An
// implementation may still read the rest of the response for a moment, unseen, so that its
// connection can be reused.
using HeadHandler = std::function<bool(const HttpResponseHead&)>;
// Called with each piece of the (de-chunked) body as it arrives. Return false to stop, as above.
using BodyHandler = std::function<bool(std::string_view)>;

// Implementations are thread-safe: several threads may post at once. Handlers run on the
// calling thread, inside post().
class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // Sends a POST and streams the response into the handlers. Returns once the response is
  // complete, failed, or `cancel` was requested (then promptly, with kind Cancelled).
  // Exceptions thrown by a handler stop the exchange and propagate out of post().
  virtual HttpOutcome post(const HttpRequest& request, const HeadHandler& onHead, const BodyHandler& onBody,
                           std::stop_token cancel) = 0;
};

}  // namespace nexus::http
