#include "llm/http/transport_error.hpp"

namespace nexus::http {

std::string_view toString(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::InvalidRequest: return "invalid request";
    case TransportErrorKind::DnsFailed: return "host name not resolved";
    case TransportErrorKind::ConnectFailed: return "connection failed";
    case TransportErrorKind::ConnectTimeout: return "connect timeout";
    case TransportErrorKind::IdleTimeout: return "idle timeout";
    case TransportErrorKind::TotalTimeout: return "total timeout";
    case TransportErrorKind::Dropped: return "connection dropped";
    case TransportErrorKind::Tls: return "TLS failure";
    case TransportErrorKind::Cancelled: return "cancelled";
    case TransportErrorKind::Aborted: return "aborted by the caller";
    case TransportErrorKind::Other: return "transport failure";
  }
  return "transport failure";
}

bool TransportError::retryable() const {
  switch (kind) {
    case TransportErrorKind::DnsFailed:      // often transient (resolver hiccup); retries are bounded
    case TransportErrorKind::ConnectFailed:
    case TransportErrorKind::ConnectTimeout:
    case TransportErrorKind::IdleTimeout:
    case TransportErrorKind::TotalTimeout:
    case TransportErrorKind::Dropped:
      return true;
    case TransportErrorKind::InvalidRequest:
    case TransportErrorKind::Tls:            // certificate problems do not fix themselves
    case TransportErrorKind::Cancelled:
    case TransportErrorKind::Aborted:
    case TransportErrorKind::Other:
      return false;
  }
  return false;
}

Error TransportError::toError() const {
  if (kind == TransportErrorKind::Cancelled) return Error::cancelled(message);
  return Error::modelFailed(message, retryable());
}

}  // namespace nexus::http
