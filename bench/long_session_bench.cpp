// One long interview over `nexus rpc` (issue 14, part 1): the turn time early, at 600 and at
// 6,000 messages, on the embedded defaults (a real SQLite file, the offline analyst). Each user
// message states something new, so the session's requirements grow with it.
// Results: RESULTS.md. Usage: nexus_long_session_bench NEXUS_BINARY [--messages N]

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
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

const std::vector<std::string> kActors{"customers", "clerks", "nurses", "drivers", "teachers", "auditors",
                                       "admins", "suppliers", "students", "managers", "guests", "operators"};
const std::vector<std::string> kActions{"export", "approve", "search", "archive", "print", "share",
                                        "upload", "review", "cancel", "schedule", "tag", "comment on"};
const std::vector<std::string> kObjects{"invoices", "orders", "reports", "appointments", "routes", "grades",
                                        "payments", "devices", "contracts", "tickets", "shipments", "records"};

// A statement of its own for every turn: a requirement the session has not heard yet.
std::string said(std::size_t turn) {
  const auto pick = [](const std::vector<std::string>& words, std::size_t n) { return words[n % words.size()]; };
  return pick(kActors, turn) + " must be able to " + pick(kActions, turn / 12) + " " + pick(kObjects, turn / 144) +
         " of the " + std::to_string(turn) + "th branch within " + std::to_string(2 + turn % 7) + " seconds.";
}

std::string request(std::uint64_t id, const std::string& method, const json& params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump();
}

json readAnswer(SpawnedProcess& process, std::uint64_t id) {
  while (true) {
    json line = json::parse(process.readLine());
    if (line.contains("id") && line["id"] == id) {
      if (line.contains("error")) throw std::runtime_error("request " + std::to_string(id) + ": " + line.dump());
      return line;
    }
  }
}

struct Window {
  std::size_t from;  // messages in the session before the turn, at least
  std::size_t to;
  Latencies turns;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::fprintf(stderr, "usage: %s NEXUS_BINARY [--messages N]\n", argv[0]);
      return 2;
    }
    std::size_t messages = 6000;
    if (argc == 4 && std::string(argv[2]) == "--messages") messages = std::stoul(argv[3]);
    const nexus::bench::TempDir dir("nexus-long-session-bench");
    SpawnedProcess nexus({argv[1], "--db", dir.file("long.db"), "--llm", "offline", "rpc"});
    std::uint64_t id = 0;
    nexus.writeLine(request(++id, "interview:start", {"bench"}));
    const std::string sessionId = readAnswer(nexus, id)["result"]["id"];
    // Each window is the 40 turns ending at its mark; the session holds the greeting besides.
    std::vector<Window> windows{{1, 81, {}}, {520, 600, {}}, {messages - 80, messages, {}}};
    for (std::size_t turn = 0; 1 + 2 * turn < messages; ++turn) {
      const std::size_t before = 1 + 2 * turn;
      const auto start = Clock::now();
      nexus.writeLine(request(++id, "interview:sendMessage", {sessionId, said(turn)}));
      (void)readAnswer(nexus, id);
      const auto took = Clock::now() - start;
      for (auto& window : windows) {
        if (before >= window.from && before < window.to) window.turns.add(took);
      }
    }
    nexus.writeLine(request(++id, "interview:getSession", {sessionId}));
    const json session = readAnswer(nexus, id)["result"];
    std::printf("one interview over nexus rpc: %zu messages, %zu requirements in the session\n",
                session["messages"].size(), session["extractedRequirements"].size());
    for (auto& window : windows) {
      window.turns.print("turns at " + std::to_string(window.from) + "-" + std::to_string(window.to) + " messages");
    }
    std::printf("late/early median turn time: %.2f\n", windows[2].turns.percentile(50) / windows[0].turns.percentile(50));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nexus_long_session_bench: %s\n", e.what());
    return 1;
  }
}
