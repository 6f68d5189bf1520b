#include "api/stdio_server.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "support/api_fixture.hpp"

namespace nexus::api {
namespace {

using nlohmann::json;

// An output another thread may read while the server writes.
class SharedOutput : public std::stringbuf {
 public:
  std::string contents() {
    std::lock_guard lock(mutex_);
    return str();
  }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard lock(mutex_);
    return std::stringbuf::xsputn(s, n);
  }
  int_type overflow(int_type c) override {
    std::lock_guard lock(mutex_);
    return std::stringbuf::overflow(c);
  }

 private:
  std::recursive_mutex mutex_;  // stringbuf's xsputn calls overflow
};

class StdioServerTest : public ::testing::Test {
 protected:
  // Serves `input` to its end; the lines written, parsed.
  std::vector<json> serve(const std::string& input, StdioOptions options = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    StdioServer server(api_.dispatcher, api_.hub, options);
    exitCode_ = server.run(in, out);
    std::vector<json> lines;
    std::istringstream written(out.str());
    for (std::string line; std::getline(written, line);) {
      json parsed = json::parse(line, nullptr, false);
      EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << line;
      lines.push_back(std::move(parsed));
    }
    return lines;
  }

  static std::string request(int id, const std::string& method, json params = nullptr) {
    json r{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) r["params"] = std::move(params);
    return r.dump() + "\n";
  }

  static const json* response(const std::vector<json>& lines, int id) {
    for (const json& line : lines) {
      if (line.contains("id") && line["id"] == id) return &line;
    }
    return nullptr;
  }

  test::ApiFixture api_;
  int exitCode_ = -1;
};

TEST_F(StdioServerTest, AnswersEveryLineByItsId) {
  const auto lines = serve(request(1, "system:ping") + request(2, "interview:start", {"demo"}) +
                           request(3, "interview:getGreeting") + request(4, "interview:list"));
  EXPECT_EQ(exitCode_, 0);
  for (int id = 1; id <= 4; ++id) {
    const json* answer = response(lines, id);
    ASSERT_NE(answer, nullptr) << "no answer to " << id;
    EXPECT_TRUE(answer->contains("result")) << answer->dump();
  }
  EXPECT_EQ((*response(lines, 2))["result"]["projectId"], "demo");
}

TEST_F(StdioServerTest, EventsOfACallArriveBeforeItsAnswer) {
  const auto lines = serve(request(1, "interview:start", {"demo"}));
  std::size_t started = lines.size(), answered = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].value("method", "") == "nexus-event" && lines[i]["params"]["type"] == "interview:started") started = i;
    if (lines[i].contains("id")) answered = i;
  }
  ASSERT_LT(started, lines.size());
  ASSERT_LT(answered, lines.size());
  EXPECT_LT(started, answered);
  EXPECT_EQ(lines[started]["params"]["payload"]["sessionId"], lines[answered]["result"]["id"]);
}

TEST_F(StdioServerTest, ABadLineGetsAnErrorAndTheNextLineIsStillServed) {
  StdioOptions options;
  options.maxRequestBytes = 200;
  const std::string tooLong = R"({"jsonrpc":"2.0","id":9,"method":"system:ping","params":{"pad":")" +
                              std::string(300, 'x') + "\"}}\n";
  const auto lines = serve("not json\n" + tooLong + "\n   \r\n" + request(2, "system:ping"), options);
  ASSERT_EQ(lines.size(), 3u);
  std::multiset<int> codes;
  for (const json& line : lines) {
    if (line.contains("error")) codes.insert(line["error"]["code"].get<int>());
  }
  EXPECT_EQ(codes, (std::multiset<int>{rpc::kParseError, rpc::kPayloadTooLarge}));
  ASSERT_NE(response(lines, 2), nullptr);
  EXPECT_EQ((*response(lines, 2))["result"], "pong");
}

TEST_F(StdioServerTest, ToleratesCrlfAndAFinalLineWithoutNewline) {
  std::string crlf = request(1, "system:ping");
  crlf.insert(crlf.size() - 1, "\r");
  std::string last = request(2, "system:ping");
  last.pop_back();
  const auto lines = serve(crlf + last);
  EXPECT_NE(response(lines, 1), nullptr);
  EXPECT_NE(response(lines, 2), nullptr);
}

TEST_F(StdioServerTest, AtEndOfInputWaitsForTheCallsInProgress) {
  const std::string id = api_.startSession();
  api_.llm.hold();
  std::thread releaser([&] {
    api_.llm.waitForCalls(1);
    api_.llm.release();
  });
  const auto lines = serve(request(7, "interview:sendMessage", {id, "We need invoices"}));
  releaser.join();
  const json* answer = response(lines, 7);
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ((*answer)["result"]["response"], "Tell me more?");
}

TEST_F(StdioServerTest, ALongTurnDoesNotHoldUpOtherCalls) {
  const std::string id = api_.startSession();
  api_.llm.hold();
  // The ping is answered while the turn still waits for its model; only then is it released.
  std::istringstream in(request(1, "interview:sendMessage", {id, "hello"}) + request(2, "system:ping"));
  SharedOutput shared;
  std::ostream out(&shared);
  std::thread releaser([&] {
    api_.llm.waitForCalls(1);
    // The held turn occupies one worker; the ping needs another, so the release waits on it.
    for (int i = 0; i < 1000 && shared.contents().find("pong") == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    api_.llm.release();
  });
  StdioServer server(api_.dispatcher, api_.hub);
  EXPECT_EQ(server.run(in, out), 0);
  releaser.join();
  const std::string written = shared.contents();
  ASSERT_NE(written.find("pong"), std::string::npos);
  EXPECT_LT(written.find("pong"), written.find("Tell me more?"));
}

TEST_F(StdioServerTest, ReportsAFailedOutput) {
  std::istringstream in(request(1, "system:ping"));
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  StdioServer server(api_.dispatcher, api_.hub);
  EXPECT_EQ(server.run(in, out), 1);
}

}  // namespace
}  // namespace nexus::api
