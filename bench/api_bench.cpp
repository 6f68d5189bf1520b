// The API's transports (issue 5), measured through the real binary:
//   1. round trip of interview:getSession over `nexus rpc` (stdin/stdout pipes) beside system:ping
//      (the same framing and dispatch with no work) and `cat` (the pipes alone);
//   2. the same over `nexus serve`'s WebSocket, beside a bare Beast echo server in this process;
//   3. C concurrent WebSocket clients (default 1,000), each running a whole interview of T turns
//      (default 10) with the offline analyst on a real SQLite file: all must complete; turns per
//      second, turn latency p50/p99, the server's CPU time per turn and its memory, beside the raw
//      commit rate of the same disk (single-row synchronous=FULL transactions in the directory
//      of the server's database) measured before and after the server runs.
// Results: RESULTS.md. Usage: see usage() below, e.g.
//   nexus_api_bench NEXUS_BINARY --only concurrent --clients 64,256 --turns 20 --repeat 3
//   nexus_api_bench NEXUS_BINARY --only concurrent --clients 64 --variant off --variant on --server-arg --some-flag

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <boost/asio/post.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/commit_rate.hpp"
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

// A set of extra arguments for `nexus serve`, under a name: runs of several variants in one
// invocation (interleaved, so that they meet the same disk) compare a server flag on and off.
struct Variant {
  std::string name;
  std::vector<std::string> serverArgs;
};

struct Options {
  std::string binary;
  std::size_t roundTrips = 5000;
  std::vector<std::size_t> clients{1000};
  std::size_t turns = 10;
  bool stdio = true, webSocket = true, concurrent = true;
  std::size_t repeat = 1;
  double commitSeconds = 2.0;        // 0: no raw commit rate
  std::vector<Variant> variants;     // empty: one, with no extra arguments
  std::string profileCommand;        // run (sh -c, {pid} replaced) over each turn window, stopped with SIGINT
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

std::unique_ptr<SpawnedProcess> startServer(const Options& options, const std::string& database,
                                            const std::vector<std::string>& serverArgs = {}) {
  std::vector<std::string> argv{options.binary, "--db",   database, "--llm", "offline", "serve",
                                "--port",       "0",      "--token", kToken};
  argv.insert(argv.end(), serverArgs.begin(), serverArgs.end());
  return std::make_unique<SpawnedProcess>(argv);
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

// Where every client waits until all have arrived (or failed), then all go on together: once
// before the first turn and once after the last, so that the turns run in a window of their own
// and the server's CPU time in it is the turns' alone (not the connects, starts, subscribes and
// ends around them).
class Gate {
 public:
  Gate(std::size_t expected, std::function<void()> onOpen) : expected_(expected), onOpen_(std::move(onOpen)) {}
  void wait(std::function<void()> resume) {
    parked_.push_back(std::move(resume));
    check();
  }
  void leave() {  // a client that failed before reaching the gate
    --expected_;
    check();
  }

 private:
  void check() {
    if (open_ || parked_.size() < expected_) return;
    open_ = true;
    onOpen_();
    for (auto& resume : parked_) resume();
    parked_.clear();
  }
  std::size_t expected_;
  std::function<void()> onOpen_;
  std::vector<std::function<void()>> parked_;
  bool open_ = false;
};

// One client's interview, asynchronously: unsubscribe from everyone's events, start, follow
// only its own session, [gate], T turns, [gate], end.
class InterviewClient : public std::enable_shared_from_this<InterviewClient> {
 public:
  InterviewClient(asio::io_context& io, unsigned short port, std::size_t index, std::size_t turns,
                  std::shared_ptr<Gate> beforeTurns, std::shared_ptr<Gate> afterTurns)
      : io_(io), ws_(io), port_(port), index_(index), turns_(turns), gates_{std::move(beforeTurns), std::move(afterTurns)} {}

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
  static constexpr std::size_t kFirstTurn = 4;

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

  // Parks at the next gate if the step about to be taken is the first turn or the end.
  void next() {
    const std::size_t coming = step_ + 1;
    if (passedGates_ < 2 && coming == (passedGates_ == 0 ? kFirstTurn : kFirstTurn + turns_)) {
      auto& gate = gates_[passedGates_++];
      gate->wait([self = shared_from_this()] { asio::post(self->io_, [self] { self->take(); }); });
      return;
    }
    take();
  }

  void take() {
    ++step_;
    if (step_ == 1) return send("events:unsubscribe", json::array());
    if (step_ == 2) return send("interview:start", {"bench-" + std::to_string(index_)});
    if (step_ == 3) return send("events:subscribe", {{{"sessionIds", {sessionId_}}}});
    if (step_ < kFirstTurn + turns_) {
      return send("interview:sendMessage", {sessionId_, kSentences[(step_ - kFirstTurn + index_) % kSentences.size()]});
    }
    if (step_ == kFirstTurn + turns_) return send("interview:end", {sessionId_});
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
    while (passedGates_ < 2) gates_[passedGates_++]->leave();
  }

  asio::io_context& io_;
  websocket::stream<tcp::socket> ws_;
  unsigned short port_;
  std::size_t index_, turns_;
  std::shared_ptr<Gate> gates_[2];
  std::size_t passedGates_ = 0;
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

double selfCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A profiler (or any command) attached to the server over the turn window: `sh -c 'exec CMD'`
// with {pid} replaced by the server's pid, stopped with SIGINT when the window closes.
class Profiler {
 public:
  Profiler(std::string command, pid_t server) {
    for (std::size_t at; (at = command.find("{pid}")) != std::string::npos;) {
      command.replace(at, 5, std::to_string(server));
    }
    std::vector<std::string> argv{"/bin/sh", "-c", "exec " + command};
    std::vector<char*> args;
    for (auto& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    if (::posix_spawn(&pid_, args[0], nullptr, nullptr, args.data(), environ) != 0) {
      throw std::runtime_error("cannot start the profiler");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let it attach before the turns start
  }
  Profiler(const Profiler&) = delete;
  Profiler& operator=(const Profiler&) = delete;
  ~Profiler() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGINT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

struct ConcurrentResult {
  std::size_t completed = 0, turns = 0;
  double turnsPerSecond = 0;       // in the turn window
  double p50 = 0, p99 = 0;         // turn latency, µs
  double cpuPerTurnMs = 0;         // server CPU in the turn window / turns
  double wholeCpuPerTurnMs = 0;    // server CPU from the first connect to the last close / turns
  double serverCores = 0;          // server CPU / wall time, in the turn window
  double clientCpuPerTurnMs = 0;   // this process's CPU in the turn window / turns
  double commitsBefore = 0, commitsAfter = 0;  // raw commits/s of the same directory, WAL restarted
  double growingBefore = 0, growingAfter = 0;  // the same while a fresh WAL grows
  double peakMiB = 0;
};

void printCommitRate(const char* when, nexus::bench::CommitRate& rate) {
  std::printf("  raw commit rate %s: %.0f commits/s (single-row WAL synchronous=FULL transactions, %zu in %.2f s; "
              "p50 %.0f µs, p99 %.0f µs); while the fresh WAL grew: %.0f commits/s (%zu in %.2f s, p50 %.0f µs)%s\n",
              when, rate.perSecond(), rate.steady.commits, rate.steady.seconds, rate.steady.latencies.percentile(50),
              rate.steady.latencies.percentile(99), rate.growing.perSecond(), rate.growing.commits,
              rate.growing.seconds, rate.growing.latencies.percentile(50),
              rate.wrapped ? "" : " [the WAL was still growing at the limit]");
}

ConcurrentResult benchConcurrentInterviews(const Options& options, std::size_t clientCount, const Variant& variant) {
  std::printf("%zu concurrent WebSocket clients, %zu turns each (offline analyst, SQLite file)%s%s\n", clientCount,
              options.turns, variant.name.empty() ? "" : "; variant ", variant.name.c_str());
  if (!variant.serverArgs.empty()) {
    std::string joined;
    for (const auto& arg : variant.serverArgs) joined += " " + arg;
    std::printf("  nexus serve ...%s\n", joined.c_str());
  }
  if (FILE* load = std::fopen("/proc/loadavg", "r")) {  // the machine is shared: say how busy it was
    char text[128] = {};
    if (std::fgets(text, sizeof text, load) != nullptr) std::printf("  /proc/loadavg at the start: %s", text);
    std::fclose(load);
  }
  ConcurrentResult result;
  const nexus::bench::TempDir dir("nexus-api-bench");
  const auto commitTime = std::chrono::duration<double>(options.commitSeconds);
  if (options.commitSeconds > 0) {
    auto rate = nexus::bench::measureCommitRate(dir.file("raw-before.db"), commitTime);
    printCommitRate("before", rate);
    result.commitsBefore = rate.perSecond();
    result.growingBefore = rate.growing.perSecond();
  }
  {
    auto server = startServer(options, dir.file("many.db"), variant.serverArgs);
    const unsigned short port = portFrom(server->readLine());
    const auto [idlePeak, idleNow] = server->memoryKiB();

    Clock::time_point windowStart, windowEnd;
    double cpuStart = 0, cpuEnd = 0, selfStart = 0, selfEnd = 0;
    std::unique_ptr<Profiler> profiler;
    auto beforeTurns = std::make_shared<Gate>(clientCount, [&] {
      if (!options.profileCommand.empty()) profiler = std::make_unique<Profiler>(options.profileCommand, server->pid());
      cpuStart = server->cpuSeconds();
      selfStart = selfCpuSeconds();
      windowStart = Clock::now();
    });
    auto afterTurns = std::make_shared<Gate>(clientCount, [&] {
      windowEnd = Clock::now();
      cpuEnd = server->cpuSeconds();
      selfEnd = selfCpuSeconds();
      if (profiler) profiler->stop();
    });
    asio::io_context io;
    std::vector<std::shared_ptr<InterviewClient>> clients;  // destroyed before io
    for (std::size_t i = 0; i < clientCount; ++i) {
      clients.push_back(std::make_shared<InterviewClient>(io, port, i, options.turns, beforeTurns, afterTurns));
    }
    const double wholeCpuStart = server->cpuSeconds();
    const auto start = Clock::now();
    for (auto& client : clients) client->run();
    io.run();
    const double wholeSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double wholeCpu = server->cpuSeconds() - wholeCpuStart;
    const auto [peak, now] = server->memoryKiB();

    Latencies all;
    std::string firstFailure;
    for (auto& client : clients) {
      if (client->completed()) ++result.completed;
      if (firstFailure.empty()) firstFailure = client->failure();
      all.merge(client->turnLatencies());
    }
    result.turns = all.count();
    const double seconds = std::chrono::duration<double>(windowEnd - windowStart).count();
    const double turns = static_cast<double>(result.turns);
    result.turnsPerSecond = seconds > 0 ? turns / seconds : 0;
    result.p50 = all.percentile(50);
    result.p99 = all.percentile(99);
    result.cpuPerTurnMs = turns > 0 ? (cpuEnd - cpuStart) * 1000 / turns : 0;
    result.wholeCpuPerTurnMs = turns > 0 ? wholeCpu * 1000 / turns : 0;
    result.serverCores = seconds > 0 ? (cpuEnd - cpuStart) / seconds : 0;
    result.clientCpuPerTurnMs = turns > 0 ? (selfEnd - selfStart) * 1000 / turns : 0;
    result.peakMiB = static_cast<double>(peak) / 1024.0;

    std::printf("  completed %zu of %zu interviews%s%s\n", result.completed, clientCount,
                firstFailure.empty() ? "" : "; first failure: ", firstFailure.c_str());
    std::printf("  %zu turns in %.2f s: %.0f turns/s (turn window: all clients set up, then all turns; "
                "whole run incl. connect/start/subscribe/end: %.2f s)\n",
                result.turns, seconds, result.turnsPerSecond, wholeSeconds);
    all.print("turn latency (sendMessage round trip)");
    std::printf("  server CPU per turn: %.3f ms in the turn window (%.2f s user+sys over %.2f s wall = %.2f cores; "
                "/proc stat ticks of %.0f ms); %.3f ms over the whole run incl. connect/start/subscribe/end/close\n",
                result.cpuPerTurnMs, cpuEnd - cpuStart, seconds, result.serverCores,
                1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK)), result.wholeCpuPerTurnMs);
    std::printf("  bench clients' own CPU per turn (same 2 cores): %.3f ms\n", result.clientCpuPerTurnMs);
    std::printf("  server memory: %.1f MiB resident before, %.1f MiB peak, %.1f MiB after\n", idleNow / 1024.0,
                peak / 1024.0, now / 1024.0);
  }  // the server stops here
  if (options.commitSeconds > 0) {
    auto rate = nexus::bench::measureCommitRate(dir.file("raw-after.db"), commitTime);
    printCommitRate("after ", rate);
    result.commitsAfter = rate.perSecond();
    result.growingAfter = rate.growing.perSecond();
    std::printf("  durable turns/s as a fraction of the raw commit rate: %.2f of the rate before, %.2f of after\n",
                result.turnsPerSecond / result.commitsBefore, result.turnsPerSecond / result.commitsAfter);
  }
  return result;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

void benchConcurrent(const Options& options) {
  std::vector<Variant> variants = options.variants;
  if (variants.empty()) variants.push_back({});
  std::map<std::pair<std::size_t, std::size_t>, std::vector<ConcurrentResult>> results;  // (clients, variant)
  for (std::size_t round = 0; round < options.repeat; ++round) {
    if (options.repeat > 1) std::printf("-- repetition %zu of %zu\n", round + 1, options.repeat);
    for (std::size_t clients : options.clients) {
      for (std::size_t v = 0; v < variants.size(); ++v) {
        results[{clients, v}].push_back(benchConcurrentInterviews(options, clients, variants[v]));
      }
    }
  }
  const char* tmpdir = std::getenv("TMPDIR");
  std::printf("\nMedians of %zu repetition%s (%zu turns per client; databases under %s)\n", options.repeat,
              options.repeat == 1 ? "" : "s", options.turns, tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp");
  std::printf("| clients | variant | completed | turns/s | p50 ms | p99 ms | server CPU/turn ms (window) | (whole run) "
              "| server cores | bench CPU/turn ms | raw commits/s before | after | turns/s ÷ commits/s before | after "
              "| commits/s while a fresh WAL grows, before | after |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [key, runs] : results) {
    const auto pick = [&](auto field) {
      std::vector<double> values;
      for (const auto& run : runs) values.push_back(field(run));
      return median(values);
    };
    std::size_t completed = 0, interviews = 0;
    for (const auto& run : runs) completed += run.completed, interviews += key.first;
    std::printf("| %zu | %s | %zu/%zu | %.0f | %.1f | %.1f | %.3f | %.3f | %.2f | %.3f | %.0f | %.0f | %.2f | %.2f "
                "| %.0f | %.0f |\n",
                key.first, variants[key.second].name.empty() ? "-" : variants[key.second].name.c_str(), completed,
                interviews, pick([](auto& r) { return r.turnsPerSecond; }), pick([](auto& r) { return r.p50 / 1000; }),
                pick([](auto& r) { return r.p99 / 1000; }), pick([](auto& r) { return r.cpuPerTurnMs; }),
                pick([](auto& r) { return r.wholeCpuPerTurnMs; }), pick([](auto& r) { return r.serverCores; }),
                pick([](auto& r) { return r.clientCpuPerTurnMs; }), pick([](auto& r) { return r.commitsBefore; }),
                pick([](auto& r) { return r.commitsAfter; }),
                pick([](auto& r) { return r.commitsBefore > 0 ? r.turnsPerSecond / r.commitsBefore : 0; }),
                pick([](auto& r) { return r.commitsAfter > 0 ? r.turnsPerSecond / r.commitsAfter : 0; }),
                pick([](auto& r) { return r.growingBefore; }), pick([](auto& r) { return r.growingAfter; }));
  }
}

[[noreturn]] void usage(const char* self) {
  std::fprintf(stderr,
               "usage: %s NEXUS_BINARY [--only stdio,websocket,concurrent] [--round-trips N]\n"
               "       [--clients C[,C...]] [--turns T] [--repeat R] [--commit-seconds S]\n"
               "       [--variant NAME] [--server-arg ARG]... [--profile 'CMD {pid}']\n"
               "  --clients 64,256     one concurrent run per count (repeatable too)\n"
               "  --repeat R           R rounds of all runs, then a table of medians\n"
               "  --commit-seconds S   length of the timed raw commit-rate loop (after the fresh WAL has\n"
               "                       stopped growing) before and after each run (0: none)\n"
               "  --server-arg ARG     appended to `nexus serve`'s arguments of the current variant\n"
               "  --variant NAME       starts a new variant (its own --server-args follow); variants run\n"
               "                       interleaved in each round, so they meet the same disk\n"
               "  --profile CMD        run over each turn window, {pid} = the server's pid, stopped by SIGINT\n"
               "                       (e.g. 'perf record -g -o /tmp/serve.data -p {pid}')\n",
               self);
  std::exit(2);
}

std::vector<std::size_t> counts(const std::string& list) {
  std::vector<std::size_t> values;
  std::stringstream stream(list);
  for (std::string item; std::getline(stream, item, ',');) values.push_back(std::stoul(item));
  return values;
}

Options parse(int argc, char** argv) {
  if (argc < 2) usage(argv[0]);
  Options options;
  options.binary = argv[1];
  bool clientsGiven = false;
  for (int i = 2; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage(argv[0]);
    const std::string value = argv[i + 1];
    if (flag == "--round-trips") options.roundTrips = std::stoul(value);
    else if (flag == "--clients") {
      if (!clientsGiven) options.clients.clear();
      clientsGiven = true;
      for (std::size_t count : counts(value)) options.clients.push_back(count);
    } else if (flag == "--turns") options.turns = std::stoul(value);
    else if (flag == "--repeat") options.repeat = std::max<std::size_t>(1, std::stoul(value));
    else if (flag == "--commit-seconds") options.commitSeconds = std::stod(value);
    else if (flag == "--variant") options.variants.push_back({value, {}});
    else if (flag == "--server-arg") {
      if (options.variants.empty()) options.variants.push_back({});
      options.variants.back().serverArgs.push_back(value);
    } else if (flag == "--profile") options.profileCommand = value;
    else if (flag == "--only") {
      options.stdio = value.find("stdio") != std::string::npos;
      options.webSocket = value.find("websocket") != std::string::npos;
      options.concurrent = value.find("concurrent") != std::string::npos;
      if (!options.stdio && !options.webSocket && !options.concurrent) usage(argv[0]);
    } else usage(argv[0]);
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    if (options.stdio) benchStdio(options);
    if (options.webSocket) benchWebSocket(options);
    if (options.concurrent) benchConcurrent(options);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nexus_api_bench: %s\n", e.what());
    return 1;
  }
}
