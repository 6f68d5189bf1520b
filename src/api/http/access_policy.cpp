#include "api/http/access_policy.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace nexus::api::http {
namespace {

constexpr std::array<std::string_view, 3> kLoopbackNames{"localhost", "127.0.0.1", "[::1]"};

std::string lowerCase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
  return lower;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && lowerCase(a) == lowerCase(b);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool isHostNameLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool isIpv6Letter(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

std::optional<unsigned short> parsePort(std::string_view digits) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<unsigned short>(value);
}

std::optional<boost::asio::ip::address> asAddress(std::string_view host) {
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(std::string(bareHost(host)), error);
  if (error) return std::nullopt;
  return address;
}

// Header values are the client's text: quoted in a reason, shortened, never trusted.
std::string quoted(std::string_view value) {
  constexpr std::size_t kShown = 80;
  return "\"" + std::string(value.substr(0, kShown)) + (value.size() > kShown ? "…" : "") + "\"";
}

AccessDecision refuse(Refusal refusal, std::string reason) { return {refusal, std::move(reason), {}}; }

AccessDecision wrongToken() {
  return refuse(Refusal::WrongToken, "The token does not match the one `nexus serve` printed at start.");
}

}  // namespace

std::optional<Authority> parseAuthority(std::string_view text) {
  std::string_view name;
  std::string_view rest;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close < 2) return std::nullopt;
    name = text.substr(0, close + 1);
    if (!std::all_of(name.begin() + 1, name.end() - 1, isIpv6Letter)) return std::nullopt;
    rest = text.substr(close + 1);
  } else {
    const auto colon = text.find(':');
    name = text.substr(0, colon);
    if (name.empty() || !std::all_of(name.begin(), name.end(), isHostNameLetter)) return std::nullopt;
    rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon);
  }
  Authority authority{lowerCase(name), std::nullopt};
  if (rest.empty()) return authority;
  if (rest.front() != ':') return std::nullopt;
  authority.port = parsePort(rest.substr(1));
  if (!authority.port) return std::nullopt;
  return authority;
}

std::string_view bareHost(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
  return host;
}

std::string urlHost(std::string_view host) {
  const std::string_view bare = bareHost(host);
  return bare.find(':') != std::string_view::npos ? "[" + std::string(bare) + "]" : std::string(bare);
}

bool isLoopbackHost(std::string_view host) {
  if (equalsIgnoringCase(host, "localhost")) return true;
  const auto address = asAddress(host);
  return address && address->is_loopback();
}

bool isWildcardHost(std::string_view host) {
  const auto address = asAddress(host);
  return address && address->is_unspecified();
}

bool sameSecret(std::string_view expected, std::string_view presented) {
  // A token's length is no secret (every one is as long); its letters are.
  if (expected.size() != presented.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    difference |= static_cast<unsigned char>(expected[i] ^ presented[i]);
  }
  return difference == 0;
}

std::optional<std::string_view> bearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  const std::string_view value = trim(authorization);
  if (value.size() <= kScheme.size() || !equalsIgnoringCase(value.substr(0, kScheme.size()), kScheme)) {
    return std::nullopt;
  }
  const std::string_view rest = value.substr(kScheme.size());
  if (rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  const std::string_view token = trim(rest);
  if (token.empty()) return std::nullopt;
  return token;
}

std::optional<std::string_view> cookieValue(std::string_view cookieHeader, std::string_view name) {
  while (!cookieHeader.empty()) {
    const auto end = cookieHeader.find(';');
    const std::string_view pair = trim(cookieHeader.substr(0, end));
    cookieHeader = end == std::string_view::npos ? std::string_view{} : cookieHeader.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
    std::string_view value = trim(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

std::optional<std::string_view> tokenSubprotocol(std::string_view offeredProtocols) {
  while (!offeredProtocols.empty()) {
    const auto end = offeredProtocols.find(',');
    const std::string_view protocol = trim(offeredProtocols.substr(0, end));
    offeredProtocols = end == std::string_view::npos ? std::string_view{} : offeredProtocols.substr(end + 1);
    if (protocol.size() > kTokenSubprotocolPrefix.size() && protocol.starts_with(kTokenSubprotocolPrefix)) {
      return protocol;
    }
  }
  return std::nullopt;
}

unsigned AccessDecision::status() const {
  switch (refusal) {
    case Refusal::None:
      return 200;
    case Refusal::BadHost:
    case Refusal::ForeignOrigin:
      return 403;
    case Refusal::MissingToken:
    case Refusal::WrongToken:
      return 401;
  }
  return 403;
}

AccessPolicy::AccessPolicy(std::string_view boundHost, unsigned short boundPort, std::string token, bool requireToken)
    : boundName_(lowerCase(urlHost(boundHost))),  // as a Host header spells it
      anyName_(isWildcardHost(boundHost)),
      port_(boundPort),
      token_(std::move(token)),
      requireToken_(requireToken),
      cookieName_("nexus_token_" + std::to_string(boundPort)) {}

bool AccessPolicy::allowedName(std::string_view name) const {
  return name == boundName_ || std::find(kLoopbackNames.begin(), kLoopbackNames.end(), name) != kLoopbackNames.end();
}

AccessDecision AccessPolicy::checkCaller(const RequestFacts& request) const {
  if (!request.host) return refuse(Refusal::BadHost, "The request has no Host header.");
  const auto host = parseAuthority(*request.host);
  // Bound to every interface, the server cannot know the machine's names: any well-formed one
  // is let through, and the token (always required then) keeps strangers out.
  if (!host || (!anyName_ && !allowedName(host->name)) || (host->port && *host->port != port_)) {
    return refuse(Refusal::BadHost, "Host " + quoted(*request.host) + " is not this server; open http://" +
                                        (anyName_ ? std::string("127.0.0.1") : boundName_) + ":" +
                                        std::to_string(port_) + "/.");
  }
  if (request.origin) {
    // The page's own origin: a known name, or under a wildcard bind the name it was loaded from.
    const std::string_view origin = *request.origin;
    constexpr std::string_view kScheme = "http://";
    const auto page = origin.starts_with(kScheme) ? parseAuthority(origin.substr(kScheme.size())) : std::nullopt;
    const bool ours =
        page && page->port.value_or(80) == port_ && (allowedName(page->name) || (anyName_ && page->name == host->name));
    if (!ours) return refuse(Refusal::ForeignOrigin, "Requests from pages of " + quoted(origin) + " are not allowed.");
  }
  return {};
}

AccessDecision AccessPolicy::checkToken(const RequestFacts& request) const {
  // Empty when none was offered. (A plain string_view: g++ 12 at -O2 warns falsely,
  // -Wmaybe-uninitialized, on copying out of an optional<string_view> here.)
  const std::string_view subprotocol = request.webSocketProtocols
                                           ? tokenSubprotocol(*request.webSocketProtocols).value_or(std::string_view{})
                                           : std::string_view{};
  const auto subprotocolToken =
      subprotocol.empty() ? std::nullopt : std::optional(subprotocol.substr(kTokenSubprotocolPrefix.size()));
  const std::array<std::optional<std::string_view>, 3> presented{
      request.authorization ? bearerToken(*request.authorization) : std::nullopt,
      request.cookie ? cookieValue(*request.cookie, cookieName_) : std::nullopt, subprotocolToken};

  // One match is enough: a browser may still hold the cookie of an earlier run on this port
  // while its script offers the current token.
  const auto matches = [&](const std::optional<std::string_view>& token) {
    return token && sameSecret(token_, *token);
  };
  AccessDecision decision;
  if (!subprotocol.empty() && (!requireToken_ || matches(subprotocolToken))) decision.subprotocol = subprotocol;
  if (!requireToken_ || std::any_of(presented.begin(), presented.end(), matches)) return decision;

  if (std::none_of(presented.begin(), presented.end(), [](const auto& token) { return token.has_value(); })) {
    return refuse(Refusal::MissingToken,
                  "This request needs the token that `nexus serve` printed: open the address it printed, or send "
                  "\"Authorization: Bearer TOKEN\".");
  }
  return wrongToken();
}

AccessDecision AccessPolicy::checkTokenValue(std::string_view presented) const {
  if (!requireToken_ || sameSecret(token_, presented)) return {};
  return wrongToken();
}

std::string AccessPolicy::webSocketOrigin(std::string_view host) const {
  const auto authority = parseAuthority(host);
  return "ws://" + (authority ? authority->name : boundName_) + ":" + std::to_string(port_);
}

}  // namespace nexus::api::http
