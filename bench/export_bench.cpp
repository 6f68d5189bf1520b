// Exports of a large project (issue 13, part 6), measured through the real binary: a SQLite file
// holding N requirements (default 100,000) captured by N/40 interviews, each of which is stored
// too so that the documents quote the person's words, exported to every format and style by
// `nexus export -o FILE`. Per export: wall time, the process's peak RSS (wait4's ru_maxrss), its
// growth over an export of an empty project, and the document's size.
// Results: RESULTS.md.
// Usage: nexus_export_bench NEXUS_BINARY [--requirements N] [--db FILE]
//   --db keeps the database in FILE (filled first if it does not exist) to export it again.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_temp_dir.hpp"
#include "core/clock.hpp"
#include "core/requirement.hpp"
#include "core/types.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "store/sqlite_session_store.hpp"

extern char** environ;

namespace {

using namespace nexus;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kRequirementsPerSession = 40;
constexpr std::size_t kRequirementsPerMessage = 2;

// Words to build distinct sentences from, so that the quality analysis sees varied text.
const std::vector<std::string> kActors{"customer", "clerk", "nurse", "driver", "teacher", "auditor", "admin",
                                       "supplier", "student", "manager", "guest", "operator"};
const std::vector<std::string> kActions{"export", "approve", "search", "archive", "print", "share", "sign",
                                        "upload", "review", "cancel", "schedule", "tag"};
const std::vector<std::string> kObjects{"invoices", "orders", "reports", "appointments", "routes", "grades",
                                        "payments", "devices", "contracts", "tickets", "shipments", "records"};
const std::vector<std::string> kAreas{"authentication", "data_model", "ui_ux",       "integrations",
                                      "performance",    "security",   "deployment",  "notifications",
                                      "reporting",      "billing",    "compliance",  "offline"};

std::string pick(const std::vector<std::string>& words, std::size_t n) { return words[n % words.size()]; }

std::string requirementText(std::size_t n) {
  return "The " + pick(kActors, n) + " must be able to " + pick(kActions, n / 12) + " " + pick(kObjects, n / 144) +
         " from batch " + std::to_string(n) + " within " + std::to_string(2 + n % 7) + " seconds.";
}

Timestamp at(std::size_t millisecondsAfterStart) {
  return Timestamp{std::chrono::milliseconds(1'780'000'000'000LL + static_cast<long long>(millisecondsAfterStart))};
}

// Stores the interviews and returns their requirements as the database should hold them.
std::vector<Requirement> storeInterviews(SessionStore& sessions, std::size_t requirementCount) {
  std::vector<Requirement> requirements;
  requirements.reserve(requirementCount);
  for (std::size_t first = 0; first < requirementCount; first += kRequirementsPerSession) {
    InterviewSession session;
    session.id = "bench-session-" + std::to_string(first / kRequirementsPerSession);
    session.projectId = "bench";
    session.startedAt = at(first * 10);
    const std::size_t last = std::min(requirementCount, first + kRequirementsPerSession);
    for (std::size_t n = first; n < last; n += kRequirementsPerMessage) {
      InterviewMessage said;
      said.id = session.id + "-m" + std::to_string(n - first);
      said.role = MessageRole::User;
      said.timestamp = at(n * 10);
      said.content = "Let me tell you about it. ";
      for (std::size_t k = n; k < std::min(last, n + kRequirementsPerMessage); ++k) {
        said.content += requirementText(k) + " ";
        Requirement r;
        r.text = requirementText(k);
        r.category = k % 5 == 0 ? RequirementCategory::NonFunctional : RequirementCategory::Functional;
        r.priority = k % 3 == 0 ? Priority::Must : Priority::Should;
        r.confidence = 0.6 + static_cast<double>(k % 4) / 10;
        r.area = pick(kAreas, k / 3);
        r.sources.push_back({"interview:" + session.id, said.id, session.id + "-r" + std::to_string(k), said.timestamp});
        r.createdAt = r.updatedAt = said.timestamp;
        requirements.push_back(std::move(r));
      }
      session.messages.push_back(said);
      InterviewMessage reply;
      reply.id = said.id + "-reply";
      reply.role = MessageRole::Assistant;
      reply.timestamp = at(n * 10 + 5);
      reply.content = "Thank you. Who else works with those records, and how often?";
      session.messages.push_back(std::move(reply));
    }
    session.lastActivityAt = session.messages.back().timestamp;
    if (auto saved = sessions.save(session); !saved) throw std::runtime_error(saved.error().message);
  }
  return requirements;
}

struct Run {
  double seconds = 0;
  long peakKib = 0;      // ru_maxrss: heap and the database file's pages SQLite mapped (mmap_size)
  long peakAnonKib = 0;  // the heap alone: RssAnon, sampled every 2 ms
  std::uintmax_t bytes = 0;
};

// RssAnon of a running process, in KiB; 0 once it is gone.
long anonymousKib(pid_t pid) {
  std::FILE* status = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r");
  if (status == nullptr) return 0;
  char line[256];
  long kib = 0;
  while (std::fgets(line, sizeof line, status) != nullptr) {
    if (std::sscanf(line, "RssAnon: %ld kB", &kib) == 1) break;
  }
  std::fclose(status);
  return kib;
}

Run exportOnce(const std::string& binary, const std::string& db, const std::string& project,
               const std::string& format, const std::string& style, const std::string& output) {
  std::vector<std::string> argv{binary, "--db", db, "export", "-p", project, "--format", format,
                                "--style", style, "-o", output};
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const auto started = SteadyClock::now();
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + binary + ": " + std::strerror(spawned));
  int status = 0;
  rusage usage{};
  Run run;
  // Sampled while it runs; the exit is collected (wait4) only after, so the pid stays its own.
  for (;;) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
      throw std::runtime_error("waitid failed");
    }
    if (info.si_pid == pid) break;  // it has exited
    run.peakAnonKib = std::max(run.peakAnonKib, anonymousKib(pid));
    ::usleep(2000);
  }
  if (::wait4(pid, &status, 0, &usage) != pid) throw std::runtime_error("wait4 failed");
  run.seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("nexus export --format " + format + " --style " + style + " failed");
  }
  run.peakKib = usage.ru_maxrss;
  run.bytes = std::filesystem::file_size(output);
  return run;
}

// Fills `db` in a child process: a child's ru_maxrss starts from its parent's peak (Linux keeps
// the high-water mark across exec), so the exports are spawned by a process that never held
// the requirements.
void fill(const std::string& db, std::size_t count) {
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    try {
      const auto started = SteadyClock::now();
      SystemClock clock;
      auto sessions = SqliteSessionStore::open(db);
      auto store = SqliteRequirementsStore::open(db, clock);
      if (!sessions || !store) throw std::runtime_error("cannot open " + db);
      const auto requirements = storeInterviews(**sessions, count);
      if (auto imported = (*store)->importRequirements("bench", requirements); !imported) {
        throw std::runtime_error(imported.error().message);
      }
      std::printf("stored %zu requirements from %zu interviews in %.1f s (%ju MB file)\n", count,
                  (count + kRequirementsPerSession - 1) / kRequirementsPerSession,
                  std::chrono::duration<double>(SteadyClock::now() - started).count(),
                  std::filesystem::file_size(db) / 1'000'000);
      std::fflush(stdout);
      std::_Exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "nexus_export_bench: %s\n", e.what());
      std::_Exit(1);
    }
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("filling " + db + " failed");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: nexus_export_bench NEXUS_BINARY [--requirements N] [--db FILE]\n");
    return 2;
  }
  const std::string binary = argv[1];
  std::size_t count = 100'000;
  std::string keptDb;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--requirements") count = std::stoul(argv[i + 1]);
    if (std::string(argv[i]) == "--db") keptDb = argv[i + 1];
  }
  try {
    nexus::bench::TempDir dir("nexus-export-bench");
    const std::string db = keptDb.empty() ? dir.file("nexus.db") : keptDb;
    if (!std::filesystem::exists(db)) fill(db, count);
    // The process's own cost: an export from a database with nothing in it.
    const Run empty = exportOnce(binary, dir.file("empty.db"), "bench", "csv", "as-stated", dir.file("empty.csv"));
    const Run emptyProject = exportOnce(binary, db, "empty", "csv", "as-stated", dir.file("empty.csv"));
    std::printf("empty database: peak RSS %.1f MB, heap %.1f MB; an empty project of this database: %.1f MB, %.1f MB\n\n",
                static_cast<double>(empty.peakKib) / 1024, static_cast<double>(empty.peakAnonKib) / 1024,
                static_cast<double>(emptyProject.peakKib) / 1024, static_cast<double>(emptyProject.peakAnonKib) / 1024);
    std::printf("| format | style | time | peak RSS | heap peak | heap growth | document | heap growth / document |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    const std::vector<std::pair<std::string, std::string>> exports{
        {"markdown", "as-stated"}, {"markdown", "ears"}, {"json", "as-stated"}, {"csv", "as-stated"},
        {"csv", "ears"},           {"reqif", "as-stated"}, {"reqif", "ears"}};
    for (const auto& [format, style] : exports) {
      const Run run = exportOnce(binary, db, "bench", format, style, dir.file("out." + format));
      const double growthMb = static_cast<double>(run.peakAnonKib - empty.peakAnonKib) / 1024;
      const double documentMb = static_cast<double>(run.bytes) / (1024 * 1024);
      std::printf("| %s | %s | %.2f s | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.2f |\n", format.c_str(),
                  style.c_str(), run.seconds, static_cast<double>(run.peakKib) / 1024,
                  static_cast<double>(run.peakAnonKib) / 1024, growthMb, documentMb, growthMb / documentMb);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nexus_export_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
