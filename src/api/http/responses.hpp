#pragma once
// The shapes of the server's HTTP responses and the headers every one of them carries.

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

namespace nexus::api::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using TextResponse = beast_http::response<beast_http::string_body>;

// A refusal or an error: its body is one plain sentence naming the cause.
TextResponse plainText(beast_http::status status, std::string_view sentence);
// A JSON body (a JSON-RPC response, the health check).
TextResponse jsonBody(std::string body);

// On every response: no content sniffing, and no address (with a token in it) in a Referer.
void addSecurityHeaders(beast_http::fields& fields);
// On every HTML page: never cached, and confined to this server by a Content-Security-Policy
// (scripts, styles and connections from here only; no framing by other pages).
void addPageHeaders(beast_http::fields& fields, std::string_view webSocketOrigin);

}  // namespace nexus::api::http
