#include "api/http/access_policy.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <set>

#include "core/ids.hpp"

namespace nexus::api::http {
namespace {

constexpr std::string_view kToken = "Tok3n_abcdefghijklmnopqrstuvwxyz0123456789";

// ---- Pieces: authorities, loopback, header values.

struct AuthorityCase {
  const char* text;
  std::optional<std::string> name;  // nullopt: malformed
  std::optional<unsigned short> port;
};

void PrintTo(const AuthorityCase& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class ParseAuthority : public ::testing::TestWithParam<AuthorityCase> {};

TEST_P(ParseAuthority, SplitsNameAndPort) {
  const auto parsed = parseAuthority(GetParam().text);
  ASSERT_EQ(parsed.has_value(), GetParam().name.has_value()) << GetParam().text;
  if (!parsed) return;
  EXPECT_EQ(parsed->name, *GetParam().name);
  EXPECT_EQ(parsed->port, GetParam().port);
}

INSTANTIATE_TEST_SUITE_P(
    AccessPolicy, ParseAuthority,
    ::testing::Values(AuthorityCase{"127.0.0.1:8765", "127.0.0.1", 8765}, AuthorityCase{"LocalHost", "localhost", {}},
                      AuthorityCase{"[::1]:8765", "[::1]", 8765}, AuthorityCase{"[::1]", "[::1]", {}},
                      AuthorityCase{"example.com:1", "example.com", 1}, AuthorityCase{"", {}, {}},
                      AuthorityCase{":8765", {}, {}}, AuthorityCase{"localhost:", {}, {}},
                      AuthorityCase{"localhost:0", {}, {}}, AuthorityCase{"localhost:65536", {}, {}},
                      AuthorityCase{"localhost:80x", {}, {}}, AuthorityCase{"::1", {}, {}},
                      AuthorityCase{"[::1", {}, {}}, AuthorityCase{"[::1]x", {}, {}}, AuthorityCase{"[]", {}, {}},
                      AuthorityCase{"a b", {}, {}}, AuthorityCase{"x; script-src *", {}, {}},
                      AuthorityCase{"user@localhost", {}, {}}));

TEST(AccessPolicy, KnowsLoopbackAndWildcardHosts) {
  for (const char* host : {"localhost", "LOCALHOST", "127.0.0.1", "127.4.5.6", "::1", "[::1]"}) {
    EXPECT_TRUE(isLoopbackHost(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "192.168.1.10", "example.com", "localhost.example.com", "", "[::2]"}) {
    EXPECT_FALSE(isLoopbackHost(host)) << host;
  }
  EXPECT_TRUE(isWildcardHost("0.0.0.0"));
  EXPECT_TRUE(isWildcardHost("[::]"));
  EXPECT_FALSE(isWildcardHost("127.0.0.1"));
  EXPECT_FALSE(isWildcardHost("localhost"));
}

TEST(AccessPolicy, ComparesSecretsWhole) {
  EXPECT_TRUE(sameSecret("abc", "abc"));
  EXPECT_FALSE(sameSecret("abc", "abd"));
  EXPECT_FALSE(sameSecret("abc", "ab"));
  EXPECT_FALSE(sameSecret("abc", "abcd"));
  EXPECT_FALSE(sameSecret("abc", ""));
}

TEST(AccessPolicy, ReadsTokensFromHeaderValues) {
  EXPECT_EQ(bearerToken("Bearer abc"), "abc");
  EXPECT_EQ(bearerToken("bearer   abc  "), "abc");
  EXPECT_EQ(bearerToken("Basic abc"), std::nullopt);
  EXPECT_EQ(bearerToken("Bearer"), std::nullopt);
  EXPECT_EQ(bearerToken("Bearerabc"), std::nullopt);

  EXPECT_EQ(cookieValue("a=1; nexus_token_8765=abc; b=2", "nexus_token_8765"), "abc");
  EXPECT_EQ(cookieValue("nexus_token_8765=\"abc\"", "nexus_token_8765"), "abc");
  EXPECT_EQ(cookieValue("nexus_token_8766=abc", "nexus_token_8765"), std::nullopt);
  EXPECT_EQ(cookieValue("xnexus_token_8765=abc", "nexus_token_8765"), std::nullopt);

  EXPECT_EQ(tokenSubprotocol("nexus.token.abc"), "nexus.token.abc");
  EXPECT_EQ(tokenSubprotocol("chat, nexus.token.abc , other"), "nexus.token.abc");
  EXPECT_EQ(tokenSubprotocol("nexus.token."), std::nullopt);
  EXPECT_EQ(tokenSubprotocol("chat"), std::nullopt);
}

TEST(AccessPolicy, MakesLongRandomTokens) {
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) {
    const std::string token = newSecret();
    EXPECT_EQ(token.size(), kSecretLength);
    EXPECT_NE(token.front(), '-');
    EXPECT_TRUE(isWellFormedId(token)) << token;  // URL- and cookie-safe letters only
    tokens.insert(token);
  }
  EXPECT_EQ(tokens.size(), 100u);
}

// ---- Host and Origin: who is asking.

struct CallerCase {
  const char* name;
  const char* boundHost;
  std::optional<const char*> host;
  std::optional<const char*> origin;
  Refusal expected;
};

void PrintTo(const CallerCase& c, std::ostream* out) { *out << c.name; }

class CallerChecks : public ::testing::TestWithParam<CallerCase> {};

TEST_P(CallerChecks, AllowOnlyThisServerAndItsPages) {
  const CallerCase& c = GetParam();
  const AccessPolicy policy(c.boundHost, 8765, std::string(kToken), true);
  RequestFacts facts;
  if (c.host) facts.host = *c.host;
  if (c.origin) facts.origin = *c.origin;
  const AccessDecision decision = policy.checkCaller(facts);
  EXPECT_EQ(decision.refusal, c.expected) << decision.reason;
  EXPECT_EQ(decision.status(), c.expected == Refusal::None ? 200u : 403u);
  if (!decision.allowed()) {
    EXPECT_FALSE(decision.reason.empty());
    EXPECT_EQ(decision.reason.find('\n'), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(
    AccessPolicy, CallerChecks,
    ::testing::Values(
        CallerCase{"BoundAddress", "127.0.0.1", "127.0.0.1:8765", {}, Refusal::None},
        CallerCase{"Localhost", "127.0.0.1", "localhost:8765", {}, Refusal::None},
        CallerCase{"LocalhostAnyCase", "127.0.0.1", "LocalHost:8765", {}, Refusal::None},
        CallerCase{"Ipv6Loopback", "127.0.0.1", "[::1]:8765", {}, Refusal::None},
        CallerCase{"NoPort", "127.0.0.1", "localhost", {}, Refusal::None},
        CallerCase{"BoundName", "nexus.lan", "nexus.lan:8765", {}, Refusal::None},
        CallerCase{"BoundIpv6", "::1", "[::1]:8765", {}, Refusal::None},
        CallerCase{"BoundIpv6InBrackets", "[::1]", "[::1]:8765", {}, Refusal::None},
        CallerCase{"NoHost", "127.0.0.1", {}, {}, Refusal::BadHost},
        CallerCase{"EmptyHost", "127.0.0.1", "", {}, Refusal::BadHost},
        CallerCase{"RebindingName", "127.0.0.1", "evil.example:8765", {}, Refusal::BadHost},
        CallerCase{"OtherPort", "127.0.0.1", "127.0.0.1:8766", {}, Refusal::BadHost},
        CallerCase{"OtherLoopbackAddress", "127.0.0.1", "127.0.0.2:8765", {}, Refusal::BadHost},
        CallerCase{"LocalhostSubdomain", "127.0.0.1", "localhost.evil.example:8765", {}, Refusal::BadHost},
        CallerCase{"TwoHosts", "127.0.0.1", "127.0.0.1:8765, evil.example", {}, Refusal::BadHost},
        CallerCase{"WildcardAnyName", "0.0.0.0", "192.168.1.10:8765", {}, Refusal::None},
        CallerCase{"WildcardStillChecksPort", "0.0.0.0", "192.168.1.10:80", {}, Refusal::BadHost},
        CallerCase{"WildcardStillChecksSyntax", "0.0.0.0", "a b:8765", {}, Refusal::BadHost},
        CallerCase{"OwnOrigin", "127.0.0.1", "127.0.0.1:8765", "http://127.0.0.1:8765", Refusal::None},
        CallerCase{"OtherLoopbackNameOrigin", "127.0.0.1", "127.0.0.1:8765", "http://localhost:8765", Refusal::None},
        CallerCase{"Ipv6Origin", "127.0.0.1", "[::1]:8765", "http://[::1]:8765", Refusal::None},
        CallerCase{"ForeignOrigin", "127.0.0.1", "127.0.0.1:8765", "http://evil.example", Refusal::ForeignOrigin},
        CallerCase{"ForeignOriginOnOurPort", "127.0.0.1", "127.0.0.1:8765", "http://evil.example:8765",
                   Refusal::ForeignOrigin},
        CallerCase{"LoopbackOtherPort", "127.0.0.1", "127.0.0.1:8765", "http://localhost:3000", Refusal::ForeignOrigin},
        CallerCase{"DefaultPortOrigin", "127.0.0.1", "127.0.0.1:8765", "http://localhost", Refusal::ForeignOrigin},
        CallerCase{"HttpsOrigin", "127.0.0.1", "127.0.0.1:8765", "https://127.0.0.1:8765", Refusal::ForeignOrigin},
        CallerCase{"NullOrigin", "127.0.0.1", "127.0.0.1:8765", "null", Refusal::ForeignOrigin},
        CallerCase{"EmptyOrigin", "127.0.0.1", "127.0.0.1:8765", "", Refusal::ForeignOrigin},
        CallerCase{"OriginWithPath", "127.0.0.1", "127.0.0.1:8765", "http://127.0.0.1:8765/x", Refusal::ForeignOrigin},
        CallerCase{"WildcardSameOrigin", "0.0.0.0", "192.168.1.10:8765", "http://192.168.1.10:8765", Refusal::None},
        CallerCase{"WildcardForeignOrigin", "0.0.0.0", "192.168.1.10:8765", "http://evil.example:8765",
                   Refusal::ForeignOrigin}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- The token: from each of its places.

struct TokenCase {
  const char* name;
  std::optional<std::string> authorization;
  std::optional<std::string> cookie;
  std::optional<std::string> webSocketProtocols;
  Refusal expected;
  std::string echoedSubprotocol;
};
void PrintTo(const TokenCase& c, std::ostream* out) { *out << c.name; }

const std::string kBearer = "Bearer " + std::string(kToken);
const std::string kCookie = "theme=dark; nexus_token_8765=" + std::string(kToken);
const std::string kSubprotocol = "nexus.token." + std::string(kToken);

class TokenChecks : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenChecks, AcceptTheTokenFromAnyOfItsPlaces) {
  const TokenCase& c = GetParam();
  const AccessPolicy policy("127.0.0.1", 8765, std::string(kToken), true);
  const auto view = [](const std::optional<std::string>& value) {
    return value ? std::optional<std::string_view>(*value) : std::nullopt;
  };
  const AccessDecision decision = policy.checkToken({.authorization = view(c.authorization),
                                                     .cookie = view(c.cookie),
                                                     .webSocketProtocols = view(c.webSocketProtocols)});
  EXPECT_EQ(decision.refusal, c.expected) << decision.reason;
  EXPECT_EQ(decision.subprotocol, c.echoedSubprotocol);
  EXPECT_EQ(decision.status(), c.expected == Refusal::None ? 200u : 401u);
}

INSTANTIATE_TEST_SUITE_P(
    AccessPolicy, TokenChecks,
    ::testing::Values(
        TokenCase{"Bearer", kBearer, {}, {}, Refusal::None, ""},
        TokenCase{"Cookie", {}, kCookie, {}, Refusal::None, ""},
        TokenCase{"Subprotocol", {}, {}, "chat, " + kSubprotocol, Refusal::None, kSubprotocol},
        TokenCase{"None", {}, {}, {}, Refusal::MissingToken, ""},
        TokenCase{"OtherAuthorization", "Basic dXNlcjpwYXNz", {}, {}, Refusal::MissingToken, ""},
        TokenCase{"CookieOfAnotherPort", {}, "nexus_token_8766=" + std::string(kToken), {}, Refusal::MissingToken, ""},
        TokenCase{"WrongBearer", "Bearer nope", {}, {}, Refusal::WrongToken, ""},
        TokenCase{"WrongCookie", {}, "nexus_token_8765=nope", {}, Refusal::WrongToken, ""},
        TokenCase{"WrongSubprotocol", {}, {}, "nexus.token.nope", Refusal::WrongToken, ""},
        TokenCase{"TokenPrefix", "Bearer " + std::string(kToken.substr(0, 10)), {}, {}, Refusal::WrongToken, ""},
        TokenCase{"TokenWithMore", kBearer + "x", {}, {}, Refusal::WrongToken, ""},
        // A browser keeps the cookie of an earlier run on this port while its script has the new token.
        TokenCase{
            "StaleCookieRightSubprotocol", {}, "nexus_token_8765=stale", kSubprotocol, Refusal::None, kSubprotocol},
        TokenCase{"RightCookieStaleSubprotocol", {}, kCookie, "nexus.token.stale", Refusal::None, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(AccessPolicy, WithoutATokenRequiredLetsEveryoneInAndStillEchoesTheSubprotocol) {
  const AccessPolicy policy("127.0.0.1", 8765, std::string(kToken), false);
  EXPECT_TRUE(policy.checkToken({}).allowed());
  const AccessDecision decision = policy.checkToken({.webSocketProtocols = "nexus.token.anything"});
  EXPECT_TRUE(decision.allowed());
  EXPECT_EQ(decision.subprotocol, "nexus.token.anything");
  EXPECT_TRUE(policy.checkTokenValue("anything").allowed());
}

TEST(AccessPolicy, ChecksATokenFromTheAddress) {
  const AccessPolicy policy("127.0.0.1", 8765, std::string(kToken), true);
  EXPECT_TRUE(policy.checkTokenValue(kToken).allowed());
  EXPECT_EQ(policy.checkTokenValue("nope").refusal, Refusal::WrongToken);
  EXPECT_EQ(policy.checkTokenValue("").refusal, Refusal::WrongToken);
}

TEST(AccessPolicy, NamesTheCookieAfterThePortAndTheWebSocketAfterTheHost) {
  const AccessPolicy policy("127.0.0.1", 8765, std::string(kToken), true);
  EXPECT_EQ(policy.cookieName(), "nexus_token_8765");
  EXPECT_EQ(policy.webSocketOrigin("localhost:8765"), "ws://localhost:8765");
  EXPECT_EQ(policy.webSocketOrigin("[::1]:8765"), "ws://[::1]:8765");
  EXPECT_EQ(policy.webSocketOrigin("not a host"), "ws://127.0.0.1:8765");
}

}  // namespace
}  // namespace nexus::api::http
