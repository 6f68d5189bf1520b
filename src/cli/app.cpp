#include "cli/app.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/interview_command.hpp"
#include "cli/sessions_command.hpp"
#include "cli/storage.hpp"
#include "cli/terminal.hpp"
#include "core/clock.hpp"
#include "core/scheduler.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "interview/session_manager.hpp"
#include "llm/offline/offline_analyst.hpp"

namespace nexus::cli {
namespace {

struct GlobalOptions {
  std::string llm = "auto";
  std::string db;  // empty: the default place
  long long autosaveMs = InterviewSessionManager::kDefaultAutosaveInterval.count();
  bool verbose = false;
};

// The concrete parts, wired here and nowhere else.
struct Runtime {
  std::string databasePath;
  SystemClock clock;
  EventBus events{clock};
  std::unique_ptr<SessionStore> store;
  std::unique_ptr<LlmClient> llm;
  std::unique_ptr<InterviewEngine> engine;
  std::unique_ptr<ThreadScheduler> scheduler;
  std::unique_ptr<InterviewSessionManager> sessions;  // destroyed first: its final flush needs the rest
};

std::unique_ptr<LlmClient> makeLlmClient(const std::string& choice) {
  if (choice == "auto" && std::getenv("ANTHROPIC_API_KEY") != nullptr && *std::getenv("ANTHROPIC_API_KEY") != '\0') {
    spdlog::warn("ANTHROPIC_API_KEY is set, but this build has only the offline analyst; using it");
  }
  return std::make_unique<OfflineAnalyst>();
}

// Opens the store (and, when `withEngine`, the interviewer). Errors are printed as one line.
std::unique_ptr<Runtime> makeRuntime(const GlobalOptions& global, bool withEngine) {
  auto runtime = std::make_unique<Runtime>();
  auto path = resolveDatabasePath(global.db);
  if (!path) {
    std::cerr << "nexus: " << path.error().message << "\n";
    return nullptr;
  }
  runtime->databasePath = *path;
  auto store = openSessionStore(*path);
  if (!store) {
    std::cerr << "nexus: " << store.error().message << "\n";
    return nullptr;
  }
  runtime->store = std::move(*store);
  if (withEngine) {
    runtime->llm = makeLlmClient(global.llm);
    runtime->engine = std::make_unique<InterviewEngine>(*runtime->llm, *runtime->store, runtime->events, runtime->clock);
    runtime->scheduler = std::make_unique<ThreadScheduler>();
    runtime->sessions = std::make_unique<InterviewSessionManager>(
        *runtime->engine, *runtime->store, runtime->events, *runtime->scheduler,
        std::chrono::milliseconds{global.autosaveMs});
  }
  return runtime;
}

std::string describe(const Runtime& runtime) {
  const BackendInfo info = runtime.llm->info();
  std::string text = "backend: " + info.name + " (" + info.model + ")";
  if (!info.endpoint.empty()) text += " at " + info.endpoint;
  if (runtime.databasePath == kInMemoryDatabase) return text + " · database: in memory, gone when nexus exits";
  return text + " · database: " + runtime.databasePath;
}

using Action = std::function<int()>;

struct Subcommand {
  const char* name;
  const char* description;
  std::function<Action(CLI::App&, const GlobalOptions&)> setup;
};

Action setupInterview(CLI::App& command, const GlobalOptions& global) {
  auto options = std::make_shared<InterviewCommandOptions>();
  command.add_option("-p,--project", options->projectId, "Project the interview belongs to; its open session continues")
      ->capture_default_str();
  command.add_option("-r,--resume", options->resumeSessionId, "Continue this session");
  return [options, &global]() {
    auto runtime = makeRuntime(global, true);
    if (!runtime) return 1;
    const Style style = Style::detect(stdout);
    options->interactive = isTerminal(stdin);
    std::cout << style.dim("Nexus Interview " NEXUS_VERSION " · " + describe(*runtime)) << "\n";
    return runInterview(*runtime->engine, *runtime->sessions, *options, std::cin, std::cout, std::cerr, style);
  };
}

Action setupSessions(CLI::App& command, const GlobalOptions& global) {
  command.require_subcommand(1);
  struct Options {
    std::string projectId, sessionId;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  Action action;
  auto* list = command.add_subcommand("list", "List stored sessions, newest first");
  list->add_option("-p,--project", options->projectId, "Only this project's sessions");
  list->add_flag("--json", options->json, "Print JSON (session summaries)");
  auto* show = command.add_subcommand("show", "Show one session: its messages and requirements");
  show->add_option("id", options->sessionId, "Session id")->required();
  show->add_flag("--json", options->json, "Print the session in the JSON shape of the API");
  auto* remove = command.add_subcommand("delete", "Delete a session and everything in it");
  remove->add_option("id", options->sessionId, "Session id")->required();
  return [options, list, show, remove, &global]() {
    auto runtime = makeRuntime(global, false);
    if (!runtime) return 1;
    if (list->parsed()) return listSessions(*runtime->store, options->projectId, options->json, std::cout, std::cerr);
    if (show->parsed()) {
      return showSession(*runtime->store, options->sessionId, options->json, std::cout, std::cerr,
                         Style::detect(stdout));
    }
    if (remove->parsed()) return deleteSession(*runtime->store, options->sessionId, std::cout, std::cerr);
    return 2;
  };
}

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> table{
      {"interview", "Talk about what you want to build; requirements are captured as you go", setupInterview},
      {"sessions", "List, show or delete stored interview sessions", setupSessions},
  };
  return table;
}

void configureLogging(bool verbose) {
  // Logs go to stderr so stdout stays the conversation (and, later, the JSON-RPC channel).
  auto logger = spdlog::stderr_color_mt("nexus");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Nexus Interview: a requirements interview that captures what you want to build "
               "as structured requirements.",
               "nexus"};
  app.set_version_flag("--version", "nexus " NEXUS_VERSION);
  app.require_subcommand(1);
  app.footer("Run `nexus <command> --help` for a command's options.");

  GlobalOptions global;
  app.add_option("--llm", global.llm, "Interviewer backend (auto uses the built-in offline analyst in this build)")
      ->envname("NEXUS_LLM")
      ->check(CLI::IsMember({"auto", "offline"}))
      ->capture_default_str();
  app.add_option("--db", global.db,
                 "Database file (default $XDG_DATA_HOME/nexus/nexus.db, else ~/.local/share/nexus/nexus.db; "
                 ":memory: keeps nothing)")
      ->envname("NEXUS_DB");
  app.add_option("--autosave-ms", global.autosaveMs, "Autosave interval of an open interview, in milliseconds")
      ->envname("NEXUS_AUTOSAVE_MS")
      ->check(CLI::Range(100LL, 24LL * 3600 * 1000))
      ->capture_default_str();
  app.add_flag("-v,--verbose", global.verbose, "Log debugging detail to stderr");

  Action action;
  for (const auto& sub : subcommands()) {
    CLI::App* command = app.add_subcommand(sub.name, sub.description);
    command->fallthrough();  // global options may also follow the subcommand: `nexus interview --llm offline`
    auto run = sub.setup(*command, global);
    command->callback([run, &action] { action = run; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  configureLogging(global.verbose);
  try {
    return action ? action() : 0;
  } catch (const std::exception& e) {
    std::cerr << "nexus: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace nexus::cli
