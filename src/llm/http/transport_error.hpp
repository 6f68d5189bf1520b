#pragma once
// Why an HTTP exchange produced no complete response, in the terms retry logic needs. An HTTP
// status (401, 429, 529, ...) is a response, not a transport error: the caller judges it.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace nexus::http {

enum class TransportErrorKind {
  InvalidRequest,  // the URL or request cannot be sent (not http/https, malformed)
  DnsFailed,       // the host name did not resolve
  ConnectFailed,   // refused or unreachable
  ConnectTimeout,  // no connection (incl. TLS handshake) within HttpRequest::connectTimeout
  IdleTimeout,     // connected, but nothing arrived for HttpRequest::idleTimeout
  TotalTimeout,    // the whole exchange outlasted HttpRequest::totalTimeout
  Dropped,         // the connection broke or closed before the response was complete
  Tls,             // TLS handshake or certificate verification failed
  Cancelled,       // the caller's stop_token was requested
  Aborted,         // the caller's head or body handler asked to stop
  Other,
};

std::string_view toString(TransportErrorKind kind);

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::Other;
  // One line naming the host and the cause; never the URL's path or query, never a header
  // value (headers carry API keys).
  std::string message;

  // Sending the same request again may succeed: DNS, connect, timeouts, dropped connections.
  bool retryable() const;
  // The project-wide error: Cancelled for Cancelled, else ModelFailed with retryable() — the
  // model clients are this layer's only users.
  Error toError() const;
};

}  // namespace nexus::http
