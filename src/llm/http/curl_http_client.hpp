#pragma once
// HttpClient on libcurl.

#include <memory>
#include <string>
#include <string_view>

#include "llm/http/http_client.hpp"

namespace nexus::http {

// TLS peers are always verified. Proxies come from the environment (http_proxy, https_proxy,
// no_proxy) — libcurl's default, kept on purpose so that corporate networks work. Redirects
// are not followed (a POST must not be silently re-sent elsewhere). HTTP/2 is used where a TLS
// server offers it, HTTP/1.1 otherwise.
//
// Connections are reused: turn after turn with the same server goes over one kept-alive
// connection (no new TCP and TLS handshake). Each post() runs in a session — a curl easy
// handle in its own multi handle, whose connection cache keeps the connection open afterwards.
// Idle sessions wait in a small pool for the next post(); one whose exchange failed is closed,
// connections and all, never reused. A connection the server has closed meanwhile (idle
// timeout, `Connection: close`) is replaced by libcurl without the caller noticing.
// HttpRequest::freshConnection makes a post() open a new connection.
//
// Thread-safe: several threads may post at once. A session serves one post() at a time: it is
// taken from the pool (or made) and given back under a mutex. The sessions of one client share
// a DNS cache and a TLS session cache (for quicker handshakes on new connections) through a
// libcurl share handle, guarded by its lock callbacks. Connections themselves are not shared
// between sessions: libcurl does not support that across threads. libcurl's global
// initialisation is done once, thread-safely, by the first client constructed.
class CurlHttpClient final : public HttpClient {
 public:
  // `version` goes into the User-Agent: "nexus-interview/<version>". `caFile`, when not empty,
  // is a PEM file of the certificate authorities to trust instead of the system's: for tests
  // and private CAs.
  explicit CurlHttpClient(std::string_view version, std::string caFile = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  HttpOutcome post(const HttpRequest& request, const HeadHandler& onHead, const BodyHandler& onBody,
                   std::stop_token cancel) override;

  const std::string& userAgent() const { return userAgent_; }

 private:
  class SessionPool;  // libcurl's handles; only the .cpp includes curl.h

  std::string userAgent_;
  std::string caFile_;
  std::unique_ptr<SessionPool> sessions_;
};

}  // namespace nexus::http
