// Idle sessions leave memory (issue 14, part 5): the real `nexus rpc` on a SQLite file, N
// interviews started (each in a project of its own, with one message each) and left open. The
// server's VmRSS with eviction off (--idle-evict-ms 0), and with a short limit once the sweep has
// let every session go (its claims gone from the file); then the first call on an evicted session
// (loaded again, then the turn) against the next call on it (the turn alone).
// Results: RESULTS.md. Usage: nexus_idle_sessions_bench NEXUS_BINARY [--sessions N] [--evict-ms M]
//                                                                    [--messages K] [--probes P]

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/latency.hpp"
#include "api/spawned_process.hpp"
#include "bench_temp_dir.hpp"

namespace {

using nlohmann::json;
using nexus::bench::Latencies;
using nexus::bench::SpawnedProcess;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string binary;
  std::size_t sessions = 10000;
  long evictMs = 2000;
  std::size_t messages = 1;  // the person's messages per session (each with the analyst's reply)
  std::size_t probes = 200;  // evicted sessions whose first call is timed
};

const std::vector<std::string> kSaid{
    "Customers must be able to book an appointment online within two minutes.",
    "Stylists see their own calendar for the week.",
    "Payments are taken in the salon, not online.",
    "The owner wants a weekly report of bookings per stylist.",
};

class Rpc {
 public:
  explicit Rpc(const std::vector<std::string>& argv) : process_(argv) {}
  json call(const std::string& method, const json& params) {
    const std::uint64_t id = ++lastId_;
    process_.writeLine(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
    while (true) {
      json line = json::parse(process_.readLine(), nullptr, false);
      // Events, and whatever a wrapper (heaptrack) prints, are not the answer.
      if (line.is_discarded() || !line.contains("id") || line["id"] != id) continue;
      if (line.contains("error")) throw std::runtime_error(method + ": " + line.dump());
      return line["result"];
    }
  }
  double rssMiB() const { return static_cast<double>(process_.memoryKiB().second) / 1024.0; }
  double peakMiB() const { return static_cast<double>(process_.memoryKiB().first) / 1024.0; }

 private:
  SpawnedProcess process_;
  std::uint64_t lastId_ = 0;
};

// How many sessions the server holds, as the file says: one claim per session in its memory.
long claims(const std::string& database) {
  sqlite3* db = nullptr;
  long count = -1;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM session_claims", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      count = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return count;
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::vector<std::string> startSessions(Rpc& rpc, const Options& options, double& took) {
  std::vector<std::string> ids;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < options.sessions; ++i) {
    ids.push_back(rpc.call("interview:start", {"idle-" + std::to_string(i)})["id"]);
    for (std::size_t m = 0; m < options.messages; ++m) {
      rpc.call("interview:sendMessage", {ids.back(), kSaid[(i + m) % kSaid.size()]});
    }
  }
  took = seconds(Clock::now() - start);
  return ids;
}

void run(const Options& options) {
  const nexus::bench::TempDir dir("nexus-idle-sessions-bench");
  std::printf("%zu sessions over nexus rpc, %zu message(s) each, a project each; SQLite file in %s\n",
              options.sessions, options.messages, dir.file("").c_str());

  // Eviction off: every session stays in memory.
  double kept = 0, keptPeak = 0, keptStart = 0;
  Latencies inMemory;
  {
    Rpc rpc({options.binary, "--db", dir.file("off.db"), "--llm", "offline", "--idle-evict-ms", "0", "rpc"});
    rpc.call("system:ping", json::array());
    const double before = rpc.rssMiB();
    const auto ids = startSessions(rpc, options, keptStart);
    std::this_thread::sleep_for(std::chrono::seconds(3));  // as the other settles after its sweep
    kept = rpc.rssMiB();
    keptPeak = rpc.peakMiB();
    for (std::size_t i = 0; i < options.probes && i < ids.size(); ++i) {
      const auto start = Clock::now();
      rpc.call("interview:sendMessage", {ids[i], "Admins export the report as CSV."});
      inMemory.add(Clock::now() - start);
    }
    std::printf("  --idle-evict-ms 0:    VmRSS %7.1f MiB before, %7.1f MiB with every session open (peak %.1f); "
                "started in %.1f s; %ld claims\n",
                before, kept, keptPeak, keptStart, claims(dir.file("off.db")));
  }

  // A short limit: the sweep lets every idle session go.
  Rpc rpc({options.binary, "--db", dir.file("on.db"), "--llm", "offline", "--idle-evict-ms",
           std::to_string(options.evictMs), "rpc"});
  rpc.call("system:ping", json::array());
  const double before = rpc.rssMiB();
  double started = 0;
  const auto ids = startSessions(rpc, options, started);
  const double afterStart = rpc.rssMiB();
  const auto waitFrom = Clock::now();
  long held = claims(dir.file("on.db"));
  while (held != 0 && Clock::now() - waitFrom < std::chrono::minutes(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    held = claims(dir.file("on.db"));
  }
  const double allGone = seconds(Clock::now() - waitFrom);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const double evicted = rpc.rssMiB();
  std::printf("  --idle-evict-ms %ld: VmRSS %7.1f MiB before, %7.1f MiB right after starting them (peak %.1f), "
              "%7.1f MiB once all were evicted (%ld claims left, %.1f s after the last start); started in %.1f s\n",
              options.evictMs, before, afterStart, rpc.peakMiB(), evicted, held, allGone, started);

  // The first call on an evicted session loads it again; the next one finds it in memory.
  Latencies first, next;
  for (std::size_t i = 0; i < options.probes && i < ids.size(); ++i) {
    auto start = Clock::now();
    rpc.call("interview:sendMessage", {ids[i], "Admins export the report as CSV."});
    first.add(Clock::now() - start);
    start = Clock::now();
    rpc.call("interview:sendMessage", {ids[i], "Reports are kept for a year."});
    next.add(Clock::now() - start);
  }
  const json session = rpc.call("interview:getSession", {ids.front()});
  std::printf("  the first probed session after its reload: %zu messages, %zu requirements\n",
              session["messages"].size(), session["extractedRequirements"].size());
  first.print("sendMessage on an evicted session (load + turn)");
  next.print("sendMessage right after (the turn alone)");
  inMemory.print("sendMessage, eviction off (the turn alone)");
  std::printf("  reload cost (median first - median next): %.2f ms\n",
              (first.percentile(50) - next.percentile(50)) / 1000.0);
  std::printf("  RSS with every session open / after eviction: %.1f / %.1f MiB (%.1f KiB a session kept)\n", kept,
              evicted, (kept - evicted) * 1024.0 / static_cast<double>(options.sessions));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::fprintf(stderr,
                   "usage: %s NEXUS_BINARY [--sessions N] [--evict-ms M] [--messages K] [--probes P]\n", argv[0]);
      return 2;
    }
    Options options;
    options.binary = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
      const std::string flag = argv[i];
      const std::string value = argv[i + 1];
      if (flag == "--sessions") options.sessions = std::stoul(value);
      else if (flag == "--evict-ms") options.evictMs = std::stol(value);
      else if (flag == "--messages") options.messages = std::stoul(value);
      else if (flag == "--probes") options.probes = std::stoul(value);
      else throw std::invalid_argument("unknown option " + flag);
    }
    run(options);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nexus_idle_sessions_bench: %s\n", e.what());
    return 1;
  }
}
