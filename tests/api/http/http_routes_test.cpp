// `nexus serve` over plain HTTP: /healthz, POST /rpc, the token landing page, the web UI's
// files, and every refusal, against a real server on a real socket.

#include <gtest/gtest.h>

#include <future>

#include "api/http/server_fixture.hpp"

namespace nexus::test {
namespace {

using nlohmann::json;

class HttpRoutes : public ServerTest {
 protected:
  void SetUp() override {
    handler_.on("context", [](const json&, api::CallContext& context) {
      return json{{"events", context.events != nullptr}};
    });
    startServer();
  }

  std::string ourHost() const { return "127.0.0.1:" + std::to_string(port()); }

  static void expectPlainRefusal(const HttpReply& reply, unsigned status, std::string_view says) {
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_NE(reply.body.find(says), std::string::npos) << reply.body;
    EXPECT_EQ(reply.body.find('\n'), reply.body.size() - 1) << "one line: " << reply.body;
  }
};

TEST_F(HttpRoutes, HealthCheckNeedsNoToken) {
  const HttpReply reply = httpGet(port(), "/healthz");
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.header("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(reply.body), json({{"status", "ok"}}));
}

TEST_F(HttpRoutes, EveryResponseForbidsSniffingAndReferrers) {
  for (const HttpReply& reply :
       {httpGet(port(), "/healthz"), httpGet(port(), "/missing"), httpPost(port(), "/rpc", "{}")}) {
    EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff") << reply.status;
    EXPECT_EQ(reply.header("Referrer-Policy"), "no-referrer") << reply.status;
  }
}

TEST_F(HttpRoutes, HealthCheckStillChecksTheHost) {
  expectPlainRefusal(httpGet(port(), "/healthz", {{"Host", "evil.example:" + std::to_string(port())}}), 403,
                     "is not this server");
  EXPECT_EQ(httpGet(port(), "/healthz", {{"Host", "localhost:" + std::to_string(port())}}).status, 200u);
  EXPECT_EQ(httpGet(port(), "/healthz", {{"Host", "[::1]:" + std::to_string(port())}}).status, 200u);
}

TEST_F(HttpRoutes, PostRpcWithTheBearerTokenIsAnswered) {
  const HttpReply reply = httpPost(port(), "/rpc", request("echo", {1, 2}, 7), jsonWithBearer());
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json");
  const json response = json::parse(reply.body);
  EXPECT_EQ(response["id"], 7);
  EXPECT_EQ(response["result"], json({1, 2}));
}

TEST_F(HttpRoutes, PostRpcWithTheCookieIsAnswered) {
  const HttpReply reply =
      httpPost(port(), "/rpc", request("echo", {"hi"}),
               {{"Cookie", "theme=dark; nexus_token_" + std::to_string(port()) + "=" + std::string(kTestToken)},
                {"Content-Type", "application/json; charset=utf-8"}});
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(json::parse(reply.body)["result"], json({"hi"}));
}

TEST_F(HttpRoutes, PostRpcCarriesNoEventStream) {
  const HttpReply reply = httpPost(port(), "/rpc", request("context"), jsonWithBearer());
  EXPECT_EQ(json::parse(reply.body)["result"]["events"], false);
}

TEST_F(HttpRoutes, PostRpcOfNotificationsOnlyIsAnsweredWithNoContent) {
  const HttpReply reply = httpPost(port(), "/rpc", R"({"jsonrpc":"2.0","method":"echo"})", jsonWithBearer());
  EXPECT_EQ(reply.status, 204u);
  EXPECT_TRUE(reply.body.empty());
}

TEST_F(HttpRoutes, PostRpcWithoutTheTokenIsRefused) {
  expectPlainRefusal(httpPost(port(), "/rpc", request("echo"), {{"Content-Type", "application/json"}}), 401,
                     "needs the token");
}

TEST_F(HttpRoutes, PostRpcWithAWrongTokenIsRefused) {
  expectPlainRefusal(httpPost(port(), "/rpc", request("echo"),
                              {{"Content-Type", "application/json"}, {"Authorization", "Bearer wrong"}}),
                     401, "does not match");
  expectPlainRefusal(
      httpPost(port(), "/rpc", request("echo"),
               {{"Content-Type", "application/json"}, {"Cookie", "nexus_token_" + std::to_string(port()) + "=wrong"}}),
      401, "does not match");
}

TEST_F(HttpRoutes, PostRpcMustBeJson) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    Headers headers = bearer();
    headers["Content-Type"] = type;
    expectPlainRefusal(httpPost(port(), "/rpc", request("echo"), headers), 415, "application/json");
  }
  expectPlainRefusal(httpPost(port(), "/rpc", request("echo"), bearer()), 415, "application/json");
}

TEST_F(HttpRoutes, PostRpcBodyOverTheLimitIsRefused) {
  const std::string large(options().maxRequestBodyBytes + 1, ' ');
  expectPlainRefusal(httpPost(port(), "/rpc", large, jsonWithBearer()), 413, "at most");

  // Without a length up front, the limit is found while reading.
  BeastHttpClient client(port());
  expectPlainRefusal(client.send({"POST", "/rpc", jsonWithBearer(), large, /*chunked=*/true}), 413, "at most");
  EXPECT_TRUE(client.closedByServer());
}

TEST_F(HttpRoutes, ForeignOriginIsRefused) {
  Headers headers = jsonWithBearer();
  headers["Origin"] = "http://evil.example";
  expectPlainRefusal(httpPost(port(), "/rpc", request("echo"), headers), 403, "are not allowed");
  headers["Origin"] = "http://127.0.0.1:" + std::to_string(port());
  EXPECT_EQ(httpPost(port(), "/rpc", request("echo"), headers).status, 200u);
}

TEST_F(HttpRoutes, AForeignHostIsRefusedEvenWithTheToken) {
  // DNS rebinding: evil.example now resolves to 127.0.0.1, and its page posts with a stolen
  // token or none; the Host header still names evil.example.
  Headers headers = jsonWithBearer();
  headers["Host"] = "evil.example:" + std::to_string(port());
  expectPlainRefusal(httpPost(port(), "/rpc", request("echo"), headers), 403, "is not this server");
}

TEST_F(HttpRoutes, GetRpcWithoutUpgradeSaysItIsAWebSocket) {
  const HttpReply reply = httpGet(port(), "/rpc", bearer());
  EXPECT_EQ(reply.status, 426u);
  EXPECT_NE(reply.body.find("WebSocket"), std::string::npos);
}

TEST_F(HttpRoutes, OtherMethodsAreRefusedWithTheAllowedOnes) {
  BeastHttpClient client(port());
  const HttpReply reply = client.send({"DELETE", "/healthz", {}, "", false});
  expectPlainRefusal(reply, 405, "GET, HEAD");
  EXPECT_EQ(reply.header("Allow"), "GET, HEAD");
  EXPECT_EQ(client.send({"PUT", "/rpc", bearer(), "x", false}).status, 405u);
}

TEST_F(HttpRoutes, TheTokenInTheAddressBecomesACookie) {
  const HttpReply reply = httpGet(port(), "/?token=" + std::string(kTestToken));
  EXPECT_EQ(reply.status, 303u);
  EXPECT_EQ(reply.header("Location"), "/");
  EXPECT_EQ(reply.header("Set-Cookie"), "nexus_token_" + std::to_string(port()) + "=" + std::string(kTestToken) +
                                            "; HttpOnly; SameSite=Strict; Path=/");
}

TEST_F(HttpRoutes, AWrongTokenInTheAddressIsRefused) {
  const HttpReply reply = httpGet(port(), "/?token=wrong");
  expectPlainRefusal(reply, 401, "does not match");
  EXPECT_EQ(reply.header("Set-Cookie"), "");
}

TEST_F(HttpRoutes, ThePageIsServedWithItsPolicy) {
  const HttpReply reply = httpGet(port(), "/");
  ASSERT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.body, kTestPage);
  EXPECT_EQ(reply.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  const std::string policy = reply.header("Content-Security-Policy");
  EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("connect-src 'self' ws://127.0.0.1:" + std::to_string(port())), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  EXPECT_EQ(httpGet(port(), "/index.html").body, kTestPage);
  // Loaded under another loopback name, the page connects back under that name.
  const HttpReply viaLocalhost = httpGet(port(), "/", {{"Host", "localhost:" + std::to_string(port())}});
  EXPECT_NE(viaLocalhost.header("Content-Security-Policy").find("ws://localhost:" + std::to_string(port())),
            std::string::npos);
}

TEST_F(HttpRoutes, ScriptsAreServedWithTheirTypeAndVersion) {
  const HttpReply reply = httpGet(port(), "/app.js");
  ASSERT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.body, kTestScript);
  EXPECT_EQ(reply.header("Content-Type"), "text/javascript; charset=utf-8");
  const std::string etag = reply.header("ETag");
  ASSERT_FALSE(etag.empty());
  const HttpReply again = httpGet(port(), "/app.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(HttpRoutes, HeadAnnouncesTheLengthWithoutTheBody) {
  BeastHttpClient client(port());
  const HttpReply reply = client.send({"HEAD", "/app.js", {}, "", false});
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.header("Content-Length"), std::to_string(kTestScript.size()));
  EXPECT_TRUE(reply.body.empty());
  EXPECT_EQ(client.get("/healthz").status, 200u);  // nothing was left on the connection
}

TEST_F(HttpRoutes, MissingFilesAreNotFound) {
  expectPlainRefusal(httpGet(port(), "/nothing.js"), 404, "Nothing is served");
  expectPlainRefusal(httpGet(port(), "/../../etc/passwd"), 404, "Nothing is served");
}

TEST_F(HttpRoutes, KeepsTheConnectionForTheNextRequest) {
  BeastHttpClient client(port());
  EXPECT_EQ(client.get("/healthz").status, 200u);
  EXPECT_EQ(client.post("/rpc", request("echo", {1}), jsonWithBearer()).status, 200u);
  EXPECT_EQ(client.get("/").status, 200u);
  EXPECT_EQ(server_->connectionCount(), 1u);
}

TEST_F(HttpRoutes, AnOversizedHeaderIsRefused) {
  BeastHttpClient client(port());
  const HttpReply reply = client.get("/healthz", {{"X-Padding", std::string(options().maxHeaderBytes, 'x')}});
  expectPlainRefusal(reply, 431, "header");
  EXPECT_TRUE(client.closedByServer());
}

TEST_F(HttpRoutes, ABodyAwaitingPermissionIsAskedFor) {
  // curl sends "Expect: 100-continue" before bodies over 1 KiB and waits for the go-ahead.
  const std::string body = request("echo", {std::string(2000, 'a')});
  BeastHttpClient client(port());
  ASSERT_TRUE(client.sendRaw("POST /rpc HTTP/1.1\r\nHost: " + ourHost() + "\r\nAuthorization: Bearer " +
                             std::string(kTestToken) + "\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n"));
  EXPECT_EQ(client.receive().status, 100u);
  ASSERT_TRUE(client.sendRaw(body));
  const HttpReply reply = client.receive();
  ASSERT_EQ(reply.status, 200u);
  EXPECT_EQ(json::parse(reply.body)["result"], json({std::string(2000, 'a')}));
}

TEST_F(HttpRoutes, GarbageIsABadRequest) {
  BeastHttpClient client(port());
  ASSERT_TRUE(client.sendRaw("HELLO THERE\r\n\r\n"));
  EXPECT_EQ(client.receive().status, 400u);
}

class HttpLimits : public ServerTest {};

TEST_F(HttpLimits, AClientThatNeverFinishesItsHeaderIsLetGo) {
  auto quick = options();
  quick.headerTimeout = std::chrono::milliseconds(100);
  startServer(quick);
  BeastHttpClient slowloris(port());
  ASSERT_TRUE(slowloris.sendRaw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: "));
  EXPECT_TRUE(slowloris.closedByServer());
}

TEST_F(HttpLimits, ConnectionsBeyondTheMostAllowedAreTurnedAway) {
  auto one = options();
  one.maxConnections = 1;
  startServer(one);
  BeastHttpClient first(port());
  ASSERT_EQ(first.get("/healthz").status, 200u);  // now surely counted
  BeastHttpClient second(port());
  EXPECT_EQ(second.get("/healthz").status, 503u);
  EXPECT_EQ(first.get("/healthz").status, 200u);
}

TEST_F(HttpLimits, AnInUsePortIsOneClearLine) {
  startServer();
  auto same = options();
  same.port = port();
  api::http::HttpServer second(handler_, hub_, same);
  try {
    second.start();
    FAIL() << "a second server started on the same port";
  } catch (const api::http::StartError& error) {
    EXPECT_EQ(std::string(error.what()), "127.0.0.1:" + std::to_string(port()) + " is already in use");
  }
}

TEST_F(HttpLimits, NoTokenIsRefusedOffLoopback) {
  auto open = options();
  open.host = "0.0.0.0";
  open.requireToken = false;
  api::http::HttpServer server(handler_, hub_, open);
  try {
    server.start();
    FAIL() << "served every interface without a token";
  } catch (const api::http::StartError& error) {
    EXPECT_NE(std::string(error.what()).find("not a loopback address"), std::string::npos) << error.what();
  }
}

TEST_F(HttpLimits, NoTokenOnLoopbackServesWithoutOne) {
  auto open = options();
  open.requireToken = false;
  startServer(open);
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port()) + "/");
  EXPECT_EQ(httpPost(port(), "/rpc", request("echo", {1}), {{"Content-Type", "application/json"}}).status, 200u);
  // Host and Origin are still checked.
  EXPECT_EQ(httpGet(port(), "/healthz", {{"Host", "evil.example"}}).status, 403u);
}

TEST_F(HttpLimits, TheAddressCarriesAGeneratedToken) {
  auto generated = options();
  generated.token.clear();
  startServer(generated);
  const std::string token = server_->token();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port()) + "/?token=" + token);
  EXPECT_EQ(httpPost(port(), "/rpc", request("echo", {1}),
                     {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}})
                .status,
            200u);
}

TEST_F(HttpLimits, ServesOnIpv6Loopback) {
  auto v6 = options();
  v6.host = "::1";
  try {
    startServer(v6);
  } catch (const api::http::StartError& error) {
    GTEST_SKIP() << "no IPv6 loopback here: " << error.what();
  }
  EXPECT_EQ(server_->url().rfind("http://[::1]:", 0), 0u) << server_->url();
  BeastHttpClient client(port(), "::1");
  EXPECT_EQ(client.get("/healthz").status, 200u);
}

TEST_F(HttpLimits, StopFinishesACallInProgress) {
  Gate gate;
  handler_.on("slow", [&](const json&, api::CallContext&) {
    gate.pass();
    return json("finished");
  });
  startServer();
  auto reply =
      std::async(std::launch::async, [&] { return httpPost(port(), "/rpc", request("slow"), jsonWithBearer()); });
  ASSERT_TRUE(gate.waitForArrivals(1));
  auto stopped = std::async(std::launch::async, [&] { server_->stop(); });
  gate.open();
  const HttpReply answered = reply.get();
  EXPECT_EQ(answered.status, 200u);
  EXPECT_EQ(json::parse(answered.body)["result"], "finished");
  stopped.get();
  EXPECT_EQ(server_->connectionCount(), 0u);
}

TEST_F(HttpLimits, StopClosesIdleConnections) {
  startServer();
  BeastHttpClient idle(port());
  ASSERT_EQ(idle.get("/healthz").status, 200u);
  server_->stop();
  EXPECT_TRUE(idle.closedByServer());
}

}  // namespace
}  // namespace nexus::test
