#pragma once
// HttpClient on libcurl.

#include <string>
#include <string_view>

#include "llm/http/http_client.hpp"

namespace nexus::http {

// TLS peers are always verified. Proxies come from the environment (http_proxy, https_proxy,
// no_proxy) — libcurl's default, kept on purpose so that corporate networks work. Redirects
// are not followed (a POST must not be silently re-sent elsewhere).
// Thread-safe: every post() uses its own curl handles; libcurl's global initialisation is done
// once, thread-safely, by the first client constructed.
class CurlHttpClient final : public HttpClient {
 public:
  // `version` goes into the User-Agent: "nexus-interview/<version>".
  explicit CurlHttpClient(std::string_view version);

  HttpOutcome post(const HttpRequest& request, const HeadHandler& onHead, const BodyHandler& onBody,
                   std::stop_token cancel) override;

  const std::string& userAgent() const { return userAgent_; }

 private:
  std::string userAgent_;
};

}  // namespace nexus::http
