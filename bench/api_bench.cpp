// The API's transports (issue 5), measured through the real binary:
//   1. round trip of interview:getSession over `nexus rpc` (stdin/stdout pipes) beside system:ping
//      (the same framing and dispatch with no work) and `cat` (the pipes alone);
//   2. the same over `nexus serve`'s WebSocket, beside a bare Beast echo server in this process;
//   3. N concurrent WebSocket clients (default 1,000), each running a whole interview of T turns
//      (default 10) with the offline analyst on a real SQLite file: all must complete; turns per
//      second, turn latency p50/p99 and the server's memory.
// Results: RESULTS.md. Usage: nexus_api_bench NEXUS_BINARY [--round-trips N] [--clients C] [--turns T]

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/latency.hpp"
#include "api/spawned_process.hpp"
#include "bench_temp_dir.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;
using nexus::bench::Latencies;
using nexus::bench::SpawnedProcess;
using Clock = std::chrono::steady_clock;

constexpr const char* kToken = "bench-token-0123456789abcdefghijklmnopqrstuv";

// What a person might say, turn after turn.
const std::vector<std::string> kSentences{
    "We want an online shop where customers browse products and pay by card.",
    "Customers must log in with their email address and a password.",
    "Admins should be able to manage the product catalogue and prices.",
    "The checkout has to respond within two seconds, even on Black Friday.",
    "Orders must be stored for ten years because of tax law.",
    "It should run on our existing Kubernetes cluster.",
    "We need an API so that the warehouse system can read new orders.",
    "Customers could get an email when their order ships.",
    "All personal data must be encrypted at rest.",
    "The shop should be usable on phones as well as desktops.",
};

struct Options {
  std::string binary;
  std::size_t roundTrips = 5000;
  std::size_t clients = 1000;
  std::size_t turns = 10;
};

std::string request(std::uint64_t id, const std::string& method, const json& params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump();
}

// ---- stdio ----

// Reads lines until the answer to `id`; event notifications in between are skipped.
json readAnswer(SpawnedProcess& process, std::uint64_t id) {
  while (true) {
    json line = json::parse(process.readLine());
    if (line.contains("id") && line["id"] == id) return line;
  }
}

void benchStdio(const Options& options) {
  std::puts("stdio (nexus rpc, newline-delimited JSON-RPC over pipes)");
  const nexus::bench::TempDir dir("nexus-api-bench");
  {
    SpawnedProcess cat({"/bin/cat"});
    const std::string line = request(1, "interview:getSession", {"abcdefghijklmnopqrstu"});
    Latencies echo;
    for (std::size_t i = 0; i < options.roundTrips; ++i) {
      const auto start = Clock::now();
      cat.writeLine(line);
      (void)cat.readLine();
      echo.add(Clock::now() - start);
    }
    echo.print("bare echo (cat)");
  }
  SpawnedProcess nexus({options.binary, "--db", dir.file("stdio.db"), "--llm", "offline", "rpc"});
  std::uint64_t id = 0;
  nexus.writeLine(request(++id, "interview:start", {"bench"}));
  const std::string sessionId = readAnswer(nexus, id)["result"]["id"];
  for (std::size_t turn = 0; turn < 20; ++turn) {
    nexus.writeLine(request(++id, "interview:sendMessage", {sessionId, kSentences[turn % kSentences.size()]}));
    (void)readAnswer(nexus, id);
  }
  Latencies ping, getSession;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < options.roundTrips; ++i) {  // interleaved: both see the same conditions
    auto start = Clock::now();
    nexus.writeLine(request(++id, "system:ping", json::array()));
    (void)readAnswer(nexus, id);
    ping.add(Clock::now() - start);
    start = Clock::now();
    nexus.writeLine(request(++id, "interview:getSession", {sessionId}));
    bytes = readAnswer(nexus, id).dump().size();
    getSession.add(Clock::now() - start);
  }
  ping.print("system:ping (framing and dispatch only)");
  getSession.print("interview:getSession (41 messages, " + std::to_string(bytes / 1024) + " KiB)");
}

// ---- WebSocket ----

using Socket = websocket::stream<tcp::socket>;

void connect(Socket& ws, asio::io_context& io, unsigned short port, bool withToken) {
  tcp::resolver resolver(io);
  asio::connect(ws.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port)));
  ws.next_layer().set_option(tcp::no_delay(true));
  if (withToken) {
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
      req.set(beast::http::field::sec_websocket_protocol, std::string("nexus.token.") + kToken);
    }));
  }
  ws.handshake("127.0.0.1:" + std::to_string(port), "/rpc");
  ws.text(true);
}

json callOver(Socket& ws, std::uint64_t id, const std::string& method, const json& params) {
  ws.write(asio::buffer(request(id, method, params)));
  beast::flat_buffer buffer;
  while (true) {
    buffer.clear();
    ws.read(buffer);
    json message = json::parse(beast::buffers_to_string(buffer.data()));
    if (message.contains("id") && message["id"] == id) return message;
  }
}

// One connection answered by echoing every message: the WebSocket transport alone.
unsigned short startEchoServer(asio::io_context& io, std::thread& thread) {
  auto acceptor = std::make_shared<tcp::acceptor>(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const unsigned short port = acceptor->local_endpoint().port();
  thread = std::thread([acceptor, &io] {
    Socket ws(io);
    acceptor->accept(ws.next_layer());
    ws.next_layer().set_option(tcp::no_delay(true));
    ws.accept();
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!ec) {
      buffer.clear();
      ws.read(buffer, ec);
      if (!ec) ws.write(buffer.data(), ec);
    }
  });
  return port;
}

unsigned short portFrom(const std::string& startLine) {
  static const std::regex pattern(R"(http://127\.0\.0\.1:(\d+)/)");
  std::smatch match;
  if (!std::regex_search(startLine, match, pattern)) throw std::runtime_error("unexpected start line: " + startLine);
  return static_cast<unsigned short>(std::stoi(match[1]));
}

std::unique_ptr<SpawnedProcess> startServer(const Options& options, const std::string& database) {
  auto server = std::make_unique<SpawnedProcess>(std::vector<std::string>{
      options.binary, "--db", database, "--llm", "offline", "serve", "--port", "0", "--token", kToken});
  return server;
}

void benchWebSocket(const Options& options) {
  std::puts("WebSocket (nexus serve, /rpc)");
  asio::io_context io;
  {
    std::thread echoThread;
    const unsigned short echoPort = startEchoServer(io, echoThread);
    Socket ws(io);
    connect(ws, io, echoPort, false);
    const std::string line = request(1, "interview:getSession", {"abcdefghijklmnopqrstu"});
    Latencies echo;
    beast::flat_buffer buffer;
    for (std::size_t i = 0; i < options.roundTrips; ++i) {
      const auto start = Clock::now();
      ws.write(asio::buffer(line));
      buffer.clear();
      ws.read(buffer);
      echo.add(Clock::now() - start);
    }
    echo.print("bare echo (Beast, in this process)");
    ws.close(websocket::close_code::normal);
    echoThread.join();
  }
  const nexus::bench::TempDir dir("nexus-api-bench");
  auto server = startServer(options, dir.file("ws.db"));
  const unsigned short port = portFrom(server->readLine());
  Socket ws(io);
  connect(ws, io, port, true);
  std::uint64_t id = 0;
  const std::string sessionId = callOver(ws, ++id, "interview:start", {"bench"})["result"]["id"];
  for (std::size_t turn = 0; turn < 20; ++turn) {
    (void)callOver(ws, ++id, "interview:sendMessage", {sessionId, kSentences[turn % kSentences.size()]});
  }
  Latencies ping, getSession;
  for (std::size_t i = 0; i < options.roundTrips; ++i) {
    auto start = Clock::now();
    (void)callOver(ws, ++id, "system:ping", json::array());
    ping.add(Clock::now() - start);
    start = Clock::now();
    (void)callOver(ws, ++id, "interview:getSession", {sessionId});
    getSession.add(Clock::now() - start);
  }
  ping.print("system:ping (framing and dispatch only)");
  getSession.print("interview:getSession (41 messages)");
  ws.close(websocket::close_code::normal);
}

// ---- many clients at once ----

// One client's interview, asynchronously: unsubscribe from everyone's events, start, follow
// only its own session, T turns, end.
class InterviewClient : public std::enable_shared_from_this<InterviewClient> {
 public:
  InterviewClient(asio::io_context& io, unsigned short port, std::size_t index, std::size_t turns)
      : ws_(io), port_(port), index_(index), turns_(turns) {}

  void run() {
    ws_.next_layer().async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
                                   [self = shared_from_this()](beast::error_code ec) {
                                     if (ec) return self->fail("connect", ec);
                                     self->handshake();
                                   });
  }

  bool completed() const { return completed_; }
  const std::string& failure() const { return failure_; }
  Latencies& turnLatencies() { return latencies_; }

 private:
  void handshake() {
    ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& req) {
      req.set(beast::http::field::sec_websocket_protocol, std::string("nexus.token.") + kToken);
    }));
    ws_.async_handshake("127.0.0.1:" + std::to_string(port_), "/rpc", [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail("handshake", ec);
      self->ws_.text(true);
      self->next();
    });
  }

  void next() {
    ++step_;
    const std::size_t firstTurn = 4;
    if (step_ == 1) return send("events:unsubscribe", json::array());
    if (step_ == 2) return send("interview:start", {"bench-" + std::to_string(index_)});
    if (step_ == 3) return send("events:subscribe", {{{"sessionIds", {sessionId_}}}});
    if (step_ < firstTurn + turns_) {
      return send("interview:sendMessage", {sessionId_, kSentences[(step_ - firstTurn + index_) % kSentences.size()]});
    }
    if (step_ == firstTurn + turns_) return send("interview:end", {sessionId_});
    completed_ = true;
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {});
  }

  void send(const std::string& method, const json& params) {
    isTurn_ = method == "interview:sendMessage";
    outgoing_ = request(step_, method, params);
    sentAt_ = Clock::now();
    ws_.async_write(asio::buffer(outgoing_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail("write", ec);
      self->readAnswer();
    });
  }

  void readAnswer() {
    buffer_.clear();
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail("read", ec);
      json message = json::parse(beast::buffers_to_string(self->buffer_.data()), nullptr, false);
      if (!message.contains("id") || message["id"] != self->step_) return self->readAnswer();  // an event
      if (message.contains("error")) return self->fail("call " + message.dump(), {});
      if (self->isTurn_) self->latencies_.add(Clock::now() - self->sentAt_);
      if (self->step_ == 2) self->sessionId_ = message["result"]["id"];
      self->next();
    });
  }

  void fail(const std::string& what, beast::error_code ec) {
    failure_ = what + (ec ? ": " + ec.message() : "");
    beast::error_code ignored;
    ws_.next_layer().close(ignored);
  }

  websocket::stream<tcp::socket> ws_;
  unsigned short port_;
  std::size_t index_, turns_;
  std::size_t step_ = 0;
  std::string sessionId_;
  std::string outgoing_;
  beast::flat_buffer buffer_;
  Clock::time_point sentAt_;
  bool isTurn_ = false;
  bool completed_ = false;
  std::string failure_;
  Latencies latencies_;
};

void benchConcurrentInterviews(const Options& options) {
  std::printf("%zu concurrent WebSocket clients, %zu turns each (offline analyst, SQLite file)\n", options.clients,
              options.turns);
  const nexus::bench::TempDir dir("nexus-api-bench");
  auto server = startServer(options, dir.file("many.db"));
  const unsigned short port = portFrom(server->readLine());
  const auto [idlePeak, idleNow] = server->memoryKiB();

  asio::io_context io;
  std::vector<std::shared_ptr<InterviewClient>> clients;
  for (std::size_t i = 0; i < options.clients; ++i) {
    clients.push_back(std::make_shared<InterviewClient>(io, port, i, options.turns));
  }
  const auto start = Clock::now();
  for (auto& client : clients) client->run();
  io.run();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto [peak, now] = server->memoryKiB();

  Latencies all;
  std::size_t completed = 0;
  std::string firstFailure;
  for (auto& client : clients) {
    if (client->completed()) ++completed;
    if (firstFailure.empty()) firstFailure = client->failure();
    all.merge(client->turnLatencies());
  }
  std::printf("  completed %zu of %zu interviews%s%s\n", completed, options.clients,
              firstFailure.empty() ? "" : "; first failure: ", firstFailure.c_str());
  std::printf("  %zu turns in %.2f s: %.0f turns/s (wall time, all clients connecting at once)\n", all.count(),
              seconds, static_cast<double>(all.count()) / seconds);
  all.print("turn latency (sendMessage round trip)");
  std::printf("  server memory: %.1f MiB resident before, %.1f MiB peak, %.1f MiB after\n", idleNow / 1024.0,
              peak / 1024.0, now / 1024.0);
}

Options parse(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s NEXUS_BINARY [--round-trips N] [--clients C] [--turns T]\n", argv[0]);
    std::exit(2);
  }
  Options options;
  options.binary = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::size_t value = std::stoul(argv[i + 1]);
    if (flag == "--round-trips") options.roundTrips = value;
    else if (flag == "--clients") options.clients = value;
    else if (flag == "--turns") options.turns = value;
    else throw std::runtime_error("unknown option " + flag);
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    benchStdio(options);
    benchWebSocket(options);
    benchConcurrentInterviews(options);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nexus_api_bench: %s\n", e.what());
    return 1;
  }
}
