// One long interview over `nexus rpc` (issue 14, part 1): the turn time early, at 600 and at
// 6,000 messages, on the embedded defaults (a real SQLite file, the offline analyst). Each user
// message states something new, so the session's requirements grow with it.
// Each window gives the median round trip of its turns and the server's CPU time per turn (its
// threads' scheduler time over the window, divided by the turns); a run's ratio is the late
// window's over the early one's. The turns wait for two fsyncs each, whose time varies from one
// moment to the next, so the runs are repeated and the medians of their ratios reported.
// Results: RESULTS.md. Usage: nexus_long_session_bench NEXUS_BINARY [--messages N] [--repeat R]

#include <algorithm>
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
  double cpuAtStart = -1;
  double cpuNanoseconds = 0;
  std::size_t cpuTurns = 0;

  double cpuPerTurnMicroseconds() const { return cpuTurns == 0 ? 0 : cpuNanoseconds / 1000.0 / static_cast<double>(cpuTurns); }
};

// Windows of `width` turns ending at 81 messages, at 600 and at the last message.
std::vector<Window> windowsFor(std::size_t messages, std::size_t width) {
  return {{1, 1 + 2 * width, {}}, {600 - 2 * width, 600, {}}, {messages - 2 * width, messages, {}}};
}

std::vector<Window> oneInterview(const char* binary, std::size_t messages) {
  const nexus::bench::TempDir dir("nexus-long-session-bench");
  SpawnedProcess nexus({binary, "--db", dir.file("long.db"), "--llm", "offline", "rpc"});
  std::uint64_t id = 0;
  nexus.writeLine(request(++id, "interview:start", {"bench"}));
  const std::string sessionId = readAnswer(nexus, id)["result"]["id"];
  // Each window is the 40 turns ending at its mark; the session holds the greeting besides.
  std::vector<Window> windows = windowsFor(messages, 40);
  for (std::size_t turn = 0; 1 + 2 * turn < messages; ++turn) {
    const std::size_t before = 1 + 2 * turn;
    for (auto& window : windows) {
      if (before == window.from || (before > window.from && window.cpuAtStart < 0)) window.cpuAtStart = nexus.cpuNanoseconds();
    }
    const auto start = Clock::now();
    nexus.writeLine(request(++id, "interview:sendMessage", {sessionId, said(turn)}));
    (void)readAnswer(nexus, id);
    const auto took = Clock::now() - start;
    for (auto& window : windows) {
      if (before >= window.from && before < window.to) {
        window.turns.add(took);
        ++window.cpuTurns;
        if (before + 2 >= window.to) window.cpuNanoseconds = nexus.cpuNanoseconds() - window.cpuAtStart;
      }
    }
  }
  nexus.writeLine(request(++id, "interview:getSession", {sessionId}));
  const json session = readAnswer(nexus, id)["result"];
  std::printf("one interview over nexus rpc: %zu messages, %zu requirements in the session\n",
              session["messages"].size(), session["extractedRequirements"].size());
  for (auto& window : windows) {
    window.turns.print("turns at " + std::to_string(window.from) + "-" + std::to_string(window.to) + " messages");
    std::printf("  %-44s %9.1f µs of server CPU per turn\n", "", window.cpuPerTurnMicroseconds());
  }
  std::printf("  late/early: median turn time %.2f, server CPU per turn %.2f\n",
              windows[2].turns.percentile(50) / windows[0].turns.percentile(50),
              windows[2].cpuPerTurnMicroseconds() / windows[0].cpuPerTurnMicroseconds());
  return windows;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::fprintf(stderr, "usage: %s NEXUS_BINARY [--messages N] [--repeat R]\n", argv[0]);
      return 2;
    }
    std::size_t messages = 6000;
    std::size_t repeat = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
      const std::string option = argv[i];
      if (option == "--messages") {
        messages = std::stoul(argv[i + 1]);
      } else if (option == "--repeat") {
        repeat = std::max<std::size_t>(1, std::stoul(argv[i + 1]));
      } else {
        std::fprintf(stderr, "nexus_long_session_bench: unknown option %s\n", option.c_str());
        return 2;
      }
    }
    if (messages < 1000) {
      std::fprintf(stderr, "nexus_long_session_bench: --messages must be at least 1000 (a window ends at 600)\n");
      return 2;
    }
    std::vector<double> wall, cpu, early, late, earlyCpu, lateCpu;
    for (std::size_t run = 0; run < repeat; ++run) {
      auto windows = oneInterview(argv[1], messages);
      early.push_back(windows[0].turns.percentile(50));
      late.push_back(windows[2].turns.percentile(50));
      earlyCpu.push_back(windows[0].cpuPerTurnMicroseconds());
      lateCpu.push_back(windows[2].cpuPerTurnMicroseconds());
      wall.push_back(late.back() / early.back());
      cpu.push_back(lateCpu.back() / earlyCpu.back());
    }
    if (repeat > 1) {
      std::printf("medians of %zu runs: early turn %.0f µs, late turn %.0f µs, late/early %.2f; "
                  "server CPU per turn early %.0f µs, late %.0f µs, late/early %.2f\n",
                  repeat, median(early), median(late), median(wall), median(earlyCpu), median(lateCpu), median(cpu));
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nexus_long_session_bench: %s\n", e.what());
    return 1;
  }
}
