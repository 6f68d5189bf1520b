#pragma once
// Who may talk to `nexus serve` (DESIGN.md §5), as pure decisions over header values so that
// every rule is unit-tested without a socket:
//  - Host must name this server (the bound host or a loopback name) and its port: a page on
//    evil.example whose name was rebound to 127.0.0.1 (DNS rebinding) is refused;
//  - Origin, when a browser sends one, must be this server's own: a foreign page is refused;
//  - API requests carry the secret token printed at start: `Authorization: Bearer T`, the
//    cookie `nexus_token_<port>=T` that `/?token=T` sets, or, for a WebSocket client that
//    cannot set headers, the subprotocol `nexus.token.T`.

#include <optional>
#include <string>
#include <string_view>

namespace nexus::api::http {

// A Host header or the host part of an Origin: the name lower-cased (an IPv6 literal keeps its
// brackets, "[::1]") and the port when one is written.
struct Authority {
  std::string name;
  std::optional<unsigned short> port;
};

// Nullopt for text that is not `name[:port]` with a name of letters, digits, '.', '-' or a
// bracketed IPv6 literal.
std::optional<Authority> parseAuthority(std::string_view text);

// The host without the brackets of an IPv6 literal, as a resolver takes it ("[::1]" -> "::1").
std::string_view bareHost(std::string_view host);
// The host as an address bar writes it: an IPv6 literal in brackets ("::1" -> "[::1]").
std::string urlHost(std::string_view host);

// True for names that mean this machine only: localhost, 127.0.0.0/8, ::1 (bracketed or not).
bool isLoopbackHost(std::string_view host);
// True for 0.0.0.0 and :: (every interface), bracketed or not.
bool isWildcardHost(std::string_view host);

// Compares in time that depends on the lengths only, never on where the texts first differ.
bool sameSecret(std::string_view expected, std::string_view presented);

inline constexpr std::string_view kTokenSubprotocolPrefix = "nexus.token.";

// The token of an `Authorization: Bearer T` value (the scheme in any case).
std::optional<std::string_view> bearerToken(std::string_view authorization);
// The value of cookie `name` in a Cookie header ("a=1; b=2").
std::optional<std::string_view> cookieValue(std::string_view cookieHeader, std::string_view name);
// The first `nexus.token.T` entry of a Sec-WebSocket-Protocol list ("a, nexus.token.T"), whole.
std::optional<std::string_view> tokenSubprotocol(std::string_view offeredProtocols);

// The headers a decision reads; nullopt when absent. Several fields of one name are joined as
// HTTP joins them ("; " for Cookie, ", " otherwise).
struct RequestFacts {
  std::optional<std::string_view> host{};
  std::optional<std::string_view> origin{};
  std::optional<std::string_view> authorization{};
  std::optional<std::string_view> cookie{};
  std::optional<std::string_view> webSocketProtocols{};
};

enum class Refusal {
  None,
  BadHost,        // 403
  ForeignOrigin,  // 403
  MissingToken,   // 401
  WrongToken,     // 401
};

struct AccessDecision {
  Refusal refusal = Refusal::None;
  std::string reason;       // one sentence for the response body when refused
  std::string subprotocol;  // a `nexus.token.T` the client offered: a WebSocket handshake echoes it

  bool allowed() const { return refusal == Refusal::None; }
  unsigned status() const;  // 200 when allowed, else 401 or 403
};

// Immutable once made, so thread-safe.
class AccessPolicy {
 public:
  // `boundHost` as given to --host (brackets optional for IPv6); `token` must not be empty.
  AccessPolicy(std::string_view boundHost, unsigned short boundPort, std::string token, bool requireToken);

  // Host and Origin: asked of every request, /healthz included.
  AccessDecision checkCaller(const RequestFacts& request) const;
  // The token from any of its three places (one that matches is enough): asked of /rpc.
  AccessDecision checkToken(const RequestFacts& request) const;
  // A token given in the address (`/?token=T`).
  AccessDecision checkTokenValue(std::string_view presented) const;

  const std::string& token() const { return token_; }
  bool requiresToken() const { return requireToken_; }
  // nexus_token_<port>: cookies are not kept apart by port, so two servers need two names.
  const std::string& cookieName() const { return cookieName_; }
  // The ws://name:port a page loaded under `host` (an allowed Host header) connects back to.
  std::string webSocketOrigin(std::string_view host) const;

 private:
  bool allowedName(std::string_view name) const;
  bool allowedOrigin(std::string_view origin) const;

  std::string boundName_;  // as a Host header spells it: lower case, IPv6 in brackets
  bool anyName_;           // bound to every interface: the machine's names are unknowable
  unsigned short port_;
  std::string token_;
  bool requireToken_;
  std::string cookieName_;
};

}  // namespace nexus::api::http
