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
#include "cli/terminal.hpp"
#include "core/clock.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "llm/offline/offline_analyst.hpp"
#include "store/memory_session_store.hpp"

namespace nexus::cli {
namespace {

struct GlobalOptions {
  std::string llm = "auto";
  bool verbose = false;
};

// The concrete parts, wired here and nowhere else.
struct Runtime {
  SystemClock clock;
  EventBus events{clock};
  MemorySessionStore store;
  std::unique_ptr<LlmClient> llm;
  std::unique_ptr<InterviewEngine> engine;
};

std::unique_ptr<LlmClient> makeLlmClient(const std::string& choice) {
  if (choice == "auto" && std::getenv("ANTHROPIC_API_KEY") != nullptr) {
    spdlog::warn("ANTHROPIC_API_KEY is set, but this build has only the offline analyst; using it");
  }
  return std::make_unique<OfflineAnalyst>();
}

std::unique_ptr<Runtime> makeRuntime(const GlobalOptions& global) {
  auto runtime = std::make_unique<Runtime>();
  runtime->llm = makeLlmClient(global.llm);
  runtime->engine = std::make_unique<InterviewEngine>(*runtime->llm, runtime->store, runtime->events, runtime->clock);
  return runtime;
}

std::string describe(const Runtime& runtime) {
  const BackendInfo info = runtime.llm->info();
  std::string text = "backend: " + info.name + " (" + info.model + ")";
  if (!info.endpoint.empty()) text += " at " + info.endpoint;
  return text + " · storage: in memory, sessions end with the process";
}

struct Subcommand {
  const char* name;
  const char* description;
  std::function<std::function<int()>(CLI::App&, const GlobalOptions&)> setup;
};

std::function<int()> setupInterview(CLI::App& command, const GlobalOptions& global) {
  auto options = std::make_shared<InterviewCommandOptions>();
  command.add_option("-p,--project", options->projectId, "Project the interview belongs to")
      ->capture_default_str();
  return [options, &global]() {
    auto runtime = makeRuntime(global);
    const Style style = Style::detect(stdout);
    options->interactive = isTerminal(stdin);
    std::cout << style.dim("Nexus Interview " NEXUS_VERSION " · " + describe(*runtime)) << "\n";
    return runInterview(*runtime->engine, *options, std::cin, std::cout, std::cerr, style);
  };
}

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> table{
      {"interview", "Talk about what you want to build; requirements are captured as you go", setupInterview},
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
  app.add_flag("-v,--verbose", global.verbose, "Log debugging detail to stderr");

  std::function<int()> action;
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
