#include "api/http/responses.hpp"

namespace nexus::api::http {

TextResponse plainText(beast_http::status status, std::string_view sentence) {
  TextResponse response{status, 11};
  response.set(beast_http::field::content_type, "text/plain; charset=utf-8");
  response.set(beast_http::field::cache_control, "no-store");
  response.body() = std::string(sentence) + "\n";
  response.prepare_payload();
  return response;
}

TextResponse jsonBody(std::string body) {
  TextResponse response{beast_http::status::ok, 11};
  response.set(beast_http::field::content_type, "application/json");
  response.set(beast_http::field::cache_control, "no-store");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

void addSecurityHeaders(beast_http::fields& fields) {
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("Referrer-Policy", "no-referrer");
}

void addPageHeaders(beast_http::fields& fields, std::string_view webSocketOrigin) {
  fields.set(beast_http::field::cache_control, "no-store");
  fields.set("Content-Security-Policy", "default-src 'self'; connect-src 'self' " + std::string(webSocketOrigin) +
                                            "; base-uri 'none'; frame-ancestors 'none'");
}

}  // namespace nexus::api::http
