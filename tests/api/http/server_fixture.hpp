#pragma once
// A real `nexus serve` server on 127.0.0.1 (a free port) in front of a handler each test
// scripts, with an event bus the test can emit on and a small web UI of its own.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api/event_hub.hpp"
#include "api/http/server.hpp"
#include "support/beast_test_clients.hpp"
#include "api/rpc_handler.hpp"
#include "core/clock.hpp"
#include "events/event_bus.hpp"

namespace nexus::test {

// A gate calls wait at until the test opens it, counting who arrived and who left.
class Gate {
 public:
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  void pass() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  // Blocks until `count` callers have arrived; false after kPatience.
  bool waitForArrivals(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kPatience, [&] { return arrived_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
  bool open_ = false;
};

// Answers each JSON-RPC request by its method: a scripted answer, else its params echoed back.
// Thread-safe once scripted (script before the server starts).
class ScriptedHandler final : public api::RpcHandler {
 public:
  using Answer = std::function<nlohmann::json(const nlohmann::json& params, api::CallContext& context)>;

  void on(const std::string& method, Answer answer) { answers_[method] = std::move(answer); }

  std::optional<std::string> handle(std::string_view text, api::CallContext& context) override {
    const nlohmann::json request = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) return R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"not JSON"}})";
    const auto answer = answers_.find(request.value("method", ""));
    const nlohmann::json params = request.value("params", nlohmann::json());
    nlohmann::json result = answer != answers_.end() ? answer->second(params, context) : params;
    if (!request.contains("id")) return std::nullopt;  // a notification
    return nlohmann::json{{"jsonrpc", "2.0"}, {"id", request["id"]}, {"result", std::move(result)}}.dump();
  }

 private:
  std::map<std::string, Answer, std::less<>> answers_;
};

inline constexpr std::string_view kTestToken = "test-token-0123456789abcdefghijklmnopqrstuv";
inline constexpr std::string_view kTestPage =
    "<!doctype html><html><body><script src=\"/app.js\"></script></body></html>";
inline constexpr std::string_view kTestScript = "console.log('nexus');";

class ServerTest : public ::testing::Test {
 protected:
  void TearDown() override { stopServer(); }

  // The options tests start from: a free port, a known token, the test's web UI.
  api::http::ServerOptions options() const {
    api::http::ServerOptions options;
    options.port = 0;
    options.token = std::string(kTestToken);
    options.workerThreads = 4;
    options.webFiles = &files_;
    return options;
  }

  void startServer(const api::http::ServerOptions& options) {
    server_ = std::make_unique<api::http::HttpServer>(handler_, hub_, options);
    server_->start();
  }
  void startServer() { startServer(options()); }
  void stopServer() {
    if (server_) server_->stop();
  }

  unsigned short port() const { return server_->port(); }
  // Waits until `count` connections are open: a connection handed from HTTP to WebSocket is
  // counted twice for a moment after the client saw its handshake answered.
  bool waitForConnections(std::size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (server_->connectionCount() != count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }
  static Headers bearer() { return {{"Authorization", "Bearer " + std::string(kTestToken)}}; }
  static Headers jsonWithBearer() {
    Headers headers = bearer();
    headers["Content-Type"] = "application/json";
    return headers;
  }
  static std::string request(const std::string& method, nlohmann::json params = nullptr, int id = 1) {
    nlohmann::json request{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) request["params"] = std::move(params);
    return request.dump();
  }
  WebSocketOptions authorized() const { return {.headers = bearer()}; }

  ManualClock clock_{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus bus_{clock_};
  api::EventHub hub_{bus_};
  ScriptedHandler handler_;
  api::http::StaticFiles files_{{{"/index.html", kTestPage}, {"/app.js", kTestScript}}};
  std::unique_ptr<api::http::HttpServer> server_;  // last: stopped before the rest goes
};

}  // namespace nexus::test
