#include "cli/app.hpp"

#include <charconv>
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

#include <csignal>

#include "api/dispatcher.hpp"
#include "api/event_hub.hpp"
#include "api/stdio_server.hpp"
#include "api/http/access_policy.hpp"
#include "api/http/server_options.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/interview_command.hpp"
#include "cli/requirement_changes.hpp"
#include "cli/requirements_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/sessions_command.hpp"
#include "cli/storage.hpp"
#include "cli/terminal.hpp"
#include "core/clock.hpp"
#include "core/enums.hpp"
#include "core/scheduler.hpp"
#include "events/event_bus.hpp"
#include "domain/areas.hpp"
#include "interview/interview_service.hpp"
#include "llm/anthropic/anthropic_client.hpp"
#include "llm/http/curl_http_client.hpp"
#include "analyst/offline_analyst.hpp"
#include "llm/openai/openai_client.hpp"

namespace nexus::cli {
namespace {

struct GlobalOptions {
  std::string llm = "auto";
  std::string model;  // empty: the backend's default
  std::string db;  // empty: the default place
  long long autosaveMs = InterviewSessionManager::kDefaultAutosaveInterval.count();
  long long idleEvictMs = InterviewServiceOptions::kDefaultIdleEviction.count();
  double readyThreshold = InterviewEngineOptions{}.readyThreshold;
  bool noGroupCommit = false;
  bool verbose = false;
};

// The concrete parts, wired here and nowhere else.
struct Runtime {
  std::string databasePath;
  SystemClock clock;
  EventBus events{clock};
  std::unique_ptr<SessionStore> store;
  std::unique_ptr<RequirementsStore> requirements;
  std::unique_ptr<http::HttpClient> http;  // for the network backends; outlives the client
  std::unique_ptr<LlmClient> llm;
  std::unique_ptr<ThreadScheduler> scheduler;
  std::unique_ptr<InterviewService> interviews;  // destroyed first: its final flush needs the rest
};

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// DESIGN.md §6: auto is anthropic with ANTHROPIC_API_KEY, else openai with OPENAI_BASE_URL,
// else the offline analyst. The key is read here and goes nowhere but the request header.
Result<std::unique_ptr<LlmClient>> makeLlmClient(const GlobalOptions& global, Runtime& runtime) {
  std::string choice = global.llm;
  if (choice == "auto") {
    choice = !environment("ANTHROPIC_API_KEY").empty() ? "anthropic"
             : !environment("OPENAI_BASE_URL").empty() ? "openai"
                                                        : "offline";
  }
  if (choice == "offline") {
    if (!global.model.empty()) spdlog::warn("--model is ignored by the offline analyst");
    return std::unique_ptr<LlmClient>(std::make_unique<OfflineAnalyst>());
  }
  runtime.http = std::make_unique<http::CurlHttpClient>(NEXUS_VERSION);
  if (choice == "anthropic") {
    AnthropicConfig config;
    config.apiKey = environment("ANTHROPIC_API_KEY");
    if (config.apiKey.empty()) {
      return Error::invalidArgument("--llm anthropic needs an API key in ANTHROPIC_API_KEY");
    }
    if (const std::string base = environment("ANTHROPIC_BASE_URL"); !base.empty()) config.baseUrl = base;
    if (!global.model.empty()) config.model = global.model;
    return std::unique_ptr<LlmClient>(std::make_unique<AnthropicClient>(*runtime.http, std::move(config)));
  }
  if (choice == "openai") {
    OpenAiConfig config;
    config.baseUrl = environment("OPENAI_BASE_URL");
    if (config.baseUrl.empty()) {
      return Error::invalidArgument(
          "--llm openai needs the server's address in OPENAI_BASE_URL (e.g. http://localhost:11434/v1)");
    }
    config.apiKey = environment("OPENAI_API_KEY");
    config.model = global.model;  // empty: the server's default
    return std::unique_ptr<LlmClient>(std::make_unique<OpenAiCompatibleClient>(*runtime.http, std::move(config)));
  }
  return Error::invalidArgument("unknown interviewer backend \"" + choice + "\"");
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
  SqliteOptions sqlite;
  sqlite.groupCommit = !global.noGroupCommit;
  auto store = openSessionStore(*path, sqlite);
  if (!store) {
    std::cerr << "nexus: " << store.error().message << "\n";
    return nullptr;
  }
  runtime->store = std::move(*store);
  auto requirements = openRequirementsStore(*path, runtime->clock, sqlite);
  if (!requirements) {
    std::cerr << "nexus: " << requirements.error().message << "\n";
    return nullptr;
  }
  runtime->requirements = std::move(*requirements);
  if (withEngine) {
    auto llm = makeLlmClient(global, *runtime);
    if (!llm) {
      std::cerr << "nexus: " << llm.error().message << "\n";
      return nullptr;
    }
    runtime->llm = std::move(*llm);
    runtime->scheduler = std::make_unique<ThreadScheduler>();
    InterviewServiceOptions options;
    options.autosaveInterval = std::chrono::milliseconds{global.autosaveMs};
    options.idleEviction = std::chrono::milliseconds{global.idleEvictMs};
    options.engine.readyThreshold = global.readyThreshold;
    runtime->interviews = std::make_unique<InterviewService>(*runtime->llm, *runtime->store, *runtime->requirements,
                                                             runtime->events, runtime->clock, *runtime->scheduler,
                                                             options);
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
    options->streamReplies = isTerminal(stdout);
    std::cout << style.dim("Nexus Interview " NEXUS_VERSION " · " + describe(*runtime)) << "\n";
    return runInterview(*runtime->interviews, runtime->events, *options, std::cin, std::cout, std::cerr, style);
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
  auto* exportTo = command.add_subcommand(
      "export", "Record a session's requirements in the requirements database (again is harmless)");
  exportTo->add_option("id", options->sessionId, "Session id")->required();
  return [options, list, show, remove, exportTo, &global]() {
    auto runtime = makeRuntime(global, exportTo->parsed());
    if (!runtime) return 1;
    if (exportTo->parsed()) return exportSession(*runtime->interviews, options->sessionId, std::cout, std::cerr);
    if (list->parsed()) return listSessions(*runtime->store, options->projectId, options->json, std::cout, std::cerr);
    if (show->parsed()) {
      return showSession(*runtime->store, options->sessionId, options->json, std::cout, std::cerr,
                         Style::detect(stdout));
    }
    if (remove->parsed()) return deleteSession(*runtime->store, options->sessionId, std::cout, std::cerr);
    return 2;
  };
}

// The spellings of an enum for CLI11's IsMember, in enum order.
template <typename Enum, std::size_t N>
std::vector<std::string> spellings(const Enum (&values)[N]) {
  std::vector<std::string> out;
  for (const Enum value : values) out.emplace_back(toString(value));
  return out;
}

Action setupRequirements(CLI::App& command, const GlobalOptions& global) {
  command.require_subcommand(1);
  struct Options {
    std::string projectId = "default";
    std::string requirementId, featureId;
    std::string category, priority, area, validation;
    std::optional<double> minConfidence;
    std::optional<std::string> newText, newCategory, newPriority, newArea;  // update
    bool json = false, reject = false, pending = false, unlink = false;
  };
  auto options = std::make_shared<Options>();
  const RequirementCategory categories[] = {RequirementCategory::Functional, RequirementCategory::NonFunctional,
                                            RequirementCategory::Technical, RequirementCategory::Constraint,
                                            RequirementCategory::Assumption};
  const Priority priorities[] = {Priority::Must, Priority::Should, Priority::Could, Priority::Wont};
  const ValidationStatus states[] = {ValidationStatus::Pending, ValidationStatus::Validated,
                                     ValidationStatus::Rejected};

  auto* list = command.add_subcommand("list", "List a project's requirements, oldest first");
  list->add_option("-p,--project", options->projectId, "Project")->capture_default_str();
  list->add_option("--category", options->category, "Only this category")->check(CLI::IsMember(spellings(categories)));
  list->add_option("--priority", options->priority, "Only this priority")->check(CLI::IsMember(spellings(priorities)));
  list->add_option("--area", options->area, "Only this area (e.g. authentication)");
  list->add_option("--min-confidence", options->minConfidence, "Only requirements at least this confident")
      ->check(CLI::Range(0.0, 1.0));
  list->add_option("--status", options->validation, "Only this validation state")
      ->check(CLI::IsMember(spellings(states)));
  list->add_flag("--json", options->json, "Print JSON (requirements with their sources)");
  auto* stats = command.add_subcommand("stats", "Count a project's requirements by category, priority and state");
  stats->add_option("-p,--project", options->projectId, "Project")->capture_default_str();
  stats->add_flag("--json", options->json, "Print JSON");
  auto* validate = command.add_subcommand("validate", "Mark a requirement validated (or rejected, or pending again)");
  validate->add_option("id", options->requirementId, "Requirement id")->required();
  auto* reject = validate->add_flag("--reject", options->reject, "Mark it rejected instead");
  validate->add_flag("--pending", options->pending, "Mark it pending again")->excludes(reject);
  auto* link = command.add_subcommand("link", "Link a requirement to a feature (or unlink it)");
  link->add_option("id", options->requirementId, "Requirement id")->required();
  auto* feature = link->add_option("feature", options->featureId, "Feature id");
  link->add_flag("--unlink", options->unlink, "Remove its feature link")->excludes(feature);
  auto* remove = command.add_subcommand("delete", "Delete a requirement and its sources");
  remove->add_option("id", options->requirementId, "Requirement id")->required();
  auto* update = command.add_subcommand("update", "Change a requirement's text, category, priority or area");
  update->add_option("id", options->requirementId, "Requirement id")->required();
  update->add_option("--text", options->newText, "New text");
  update->add_option("--category", options->newCategory, "New category")->check(CLI::IsMember(spellings(categories)));
  update->add_option("--priority", options->newPriority, "New priority")->check(CLI::IsMember(spellings(priorities)));
  update->add_option("--area", options->newArea, "New area (\"\" or none clears it)");
  auto* analyze = command.add_subcommand(
      "analyze", "Findings, conflicts and readiness of a project's requirements (--ready-threshold sets the bar)");
  analyze->add_option("-p,--project", options->projectId, "Project")->capture_default_str();
  analyze->add_flag("--json", options->json, "Print JSON: {conflicts, findings, readiness}");

  return [options, list, stats, validate, link, remove, update, analyze, &global]() {
    auto runtime = makeRuntime(global, false);
    if (!runtime) return 1;
    RequirementsStore& store = *runtime->requirements;
    if (list->parsed()) {
      RequirementFilter filter;
      if (!options->category.empty()) filter.category = parseCategory(options->category);
      if (!options->priority.empty()) filter.priority = parsePriority(options->priority);
      if (!options->area.empty()) filter.area = domain::normalizeArea(options->area);
      if (!options->validation.empty()) filter.validation = parseValidationStatus(options->validation);
      filter.minConfidence = options->minConfidence;
      return listRequirements(store, options->projectId, filter, options->json, std::cout, std::cerr,
                              Style::detect(stdout));
    }
    if (stats->parsed()) return showRequirementStats(store, options->projectId, options->json, std::cout, std::cerr);
    if (validate->parsed()) {
      const ValidationStatus status = options->reject    ? ValidationStatus::Rejected
                                      : options->pending ? ValidationStatus::Pending
                                                         : ValidationStatus::Validated;
      return setValidation(store, options->requirementId, status, std::cout, std::cerr);
    }
    if (link->parsed()) {
      if (!options->unlink && options->featureId.empty()) {
        std::cerr << "nexus: name the feature to link to, or pass --unlink\n";
        return 2;
      }
      const std::optional<std::string> featureId =
          options->unlink ? std::nullopt : std::optional<std::string>(options->featureId);
      return linkRequirement(store, options->requirementId, featureId, std::cout, std::cerr);
    }
    if (remove->parsed()) return deleteRequirement(store, options->requirementId, std::cout, std::cerr);
    if (update->parsed()) {
      RequirementChanges changes;
      for (const auto& [field, value] : {std::pair{"text", &options->newText}, std::pair{"category", &options->newCategory},
                                         std::pair{"priority", &options->newPriority}, std::pair{"area", &options->newArea}}) {
        if (!*value) continue;
        auto one = changesFor(field, **value);
        if (!one) {
          std::cerr << "nexus: " << one.error().message << "\n";
          return 2;
        }
        if (one->text) changes.text = one->text;
        if (one->category) changes.category = one->category;
        if (one->priority) changes.priority = one->priority;
        if (one->area) changes.area = one->area;
      }
      return updateRequirement(store, options->requirementId, changes, std::cout, std::cerr, Style::detect(stdout));
    }
    if (analyze->parsed()) {
      return analyzeRequirements(store, options->projectId, global.readyThreshold, options->json, std::cout, std::cerr,
                                 Style::detect(stdout));
    }
    return 2;
  };
}

Action setupExport(CLI::App& command, const GlobalOptions& global) {
  auto options = std::make_shared<ExportCommandOptions>();
  auto format = std::make_shared<std::string>(toString(options->format));
  // Checked while parsing, so that a wrong spelling is a usage error like any other.
  const CLI::Validator documentFormat(
      [](std::string& text) {
        return parseDocumentFormat(text) ? std::string()
                                         : "unknown format \"" + text + "\" (markdown, json, csv or reqif)";
      },
      "markdown|json|csv|reqif");
  auto* project = command.add_option("-p,--project", options->projectId, "Export this project's requirements database");
  command.add_option("--session", options->sessionId, "Export this session's requirements")->excludes(project);
  command.add_option("--format", *format, "Document format: markdown (md), json, csv or reqif (ReqIF 1.2)")
      ->check(documentFormat)
      ->capture_default_str();
  auto style = std::make_shared<std::string>(toString(options->style));
  const CLI::Validator documentStyle(
      [](std::string& text) {
        return parseDocumentStyle(text) ? std::string() : "unknown style \"" + text + "\" (as-stated or ears)";
      },
      "as-stated|ears");
  command
      .add_option("--style", *style,
                  "Requirement texts as-stated, or ears: rephrased in EARS (When …, the system shall …) with the "
                  "stated words beside them (markdown, csv, reqif)")
      ->check(documentStyle)
      ->capture_default_str();
  command.add_option("-o,--output", options->outputPath,
                     "Write to this file (replaced whole, or left as it was on failure) instead of standard output");
  return [options, format, style, &global]() {
    if (options->projectId.empty() == options->sessionId.empty()) {
      std::cerr << "nexus: name what to export: --project ID or --session ID\n";
      return 2;
    }
    options->format = *parseDocumentFormat(*format);
    options->style = *parseDocumentStyle(*style);
    options->readyThreshold = global.readyThreshold;
    auto runtime = makeRuntime(global, false);
    if (!runtime) return 1;
    return exportDocument(*runtime->store, *runtime->requirements, *options, runtime->clock.now(), std::cout,
                          std::cerr);
  };
}

Action setupImport(CLI::App& command, const GlobalOptions& global) {
  auto options = std::make_shared<ImportCommandOptions>();
  auto format = std::make_shared<std::string>();
  const CLI::Validator importFormat(
      [](std::string& text) {
        return parseImportFormat(text) ? std::string() : "unknown format \"" + text + "\" (json or reqif)";
      },
      "json|reqif");
  command.add_option("file", options->path, "The document: a JSON export of Nexus, or a ReqIF file of any tool")
      ->required();
  command.add_option("-p,--project", options->projectId, "Import into this project's requirements database")
      ->required();
  command.add_option("--format", *format, "json or reqif (default: by the file's extension, else its content)")
      ->check(importFormat);
  command.add_option("--max-bytes", options->maxBytes, "Refuse documents larger than this")->capture_default_str();
  return [options, format, &global]() {
    if (!format->empty()) options->format = parseImportFormat(*format);
    auto runtime = makeRuntime(global, false);
    if (!runtime) return 1;
    return importFile(*runtime->requirements, *options, std::cout, std::cerr);
  };
}

// The API over the runtime's interviews: what `rpc` and `serve` answer with.
struct Api {
  explicit Api(Runtime& runtime)
      : hub(runtime.events),
        dispatcher(api::ApiServices{*runtime.interviews, *runtime.requirements, runtime.clock, NEXUS_VERSION,
                                    runtime.databasePath}) {}
  api::EventHub hub;
  api::Dispatcher dispatcher;
};

Action setupRpc(CLI::App&, const GlobalOptions& global) {
  return [&global]() {
    // stdout is the JSON-RPC channel: nothing else may reach it, and a reader that went away
    // must be an error to handle, not a SIGPIPE that kills the process mid-save.
    std::signal(SIGPIPE, SIG_IGN);
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);  // reading must not flush stdout from the reader thread
    auto runtime = makeRuntime(global, true);
    if (!runtime) return 1;
    std::cerr << "Nexus Interview " NEXUS_VERSION " · JSON-RPC on stdin/stdout · " << describe(*runtime) << std::endl;
    Api api(*runtime);
    api::StdioServer server(api.dispatcher, api.hub);
    return server.run(std::cin, std::cout);
  };
}

Action setupServe(CLI::App& command, const GlobalOptions& global) {
  auto options = std::make_shared<api::http::ServerOptions>();
  auto noAuth = std::make_shared<bool>(false);
  command.add_option("--host", options->host, "Address to listen on (anything but loopback needs the token)")
      ->capture_default_str();
  command.add_option("--port", options->port, "Port to listen on (0: any free one)")->capture_default_str();
  command.add_option("--token", options->token,
                     "The token clients must present (default: a new random one each start)")
      ->envname("NEXUS_TOKEN");
  command.add_flag("--no-auth", *noAuth, "Accept requests without the token (loopback addresses only)");
  return [options, noAuth, &global]() {
    std::signal(SIGPIPE, SIG_IGN);  // a client that went away is an error to handle, not the end
    options->requireToken = !*noAuth;
    if (*noAuth && !api::http::isLoopbackHost(options->host)) {
      std::cerr << "nexus: --no-auth is allowed only on a loopback address (127.0.0.1, ::1, localhost), not on "
                << options->host << ": anyone who can reach it could use the API\n";
      return 2;
    }
    auto runtime = makeRuntime(global, true);
    if (!runtime) return 1;
    std::cerr << "Nexus Interview " NEXUS_VERSION " · " << describe(*runtime) << std::endl;
    Api api(*runtime);
    return serve(api.dispatcher, api.hub, *options, std::cout, std::cerr);
  };
}

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> table{
      {"interview", "Talk about what you want to build; requirements are captured as you go", setupInterview},
      {"sessions", "List, show, delete or export stored interview sessions", setupSessions},
      {"requirements", "The requirements database: list, count, analyze, update, validate, link or delete requirements",
       setupRequirements},
      {"export", "Write a requirements document (markdown, JSON, CSV or ReqIF) of a project or a session", setupExport},
      {"import", "Read requirements from a JSON export or a ReqIF file into a project (again adds nothing)",
       setupImport},
      {"rpc", "Serve the JSON-RPC API on stdin/stdout, one message per line (for a desktop shell)", setupRpc},
      {"serve", "Serve the web UI and the JSON-RPC API over HTTP and WebSocket (127.0.0.1:8765)", setupServe},
  };
  return table;
}

// A whole number of milliseconds, 0 or more, given by the flag or its environment variable.
CLI::Validator milliseconds(const std::string& envname, const std::string& zero) {
  return CLI::Validator(
      [envname, zero](std::string& text) {
        long long value = -1;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size() && value >= 0) return std::string();
        return "\"" + text + "\" is not a whole number of milliseconds, 0 or more, as the flag or " + envname +
               " must be (" + zero + ")";
      },
      "MS");
}

void configureLogging(bool verbose) {
  // Logs go to stderr so stdout stays the conversation, or the JSON-RPC channel of `nexus rpc`.
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
  // A usage error is one line, as every other error of nexus is.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("nexus: ") + e.what() + "; see nexus --help\n";
  });

  GlobalOptions global;
  app.add_option("--llm", global.llm,
                 "Interviewer backend: auto is anthropic when ANTHROPIC_API_KEY is set, else openai when "
                 "OPENAI_BASE_URL is set, else the offline analyst")
      ->envname("NEXUS_LLM")
      ->check(CLI::IsMember({"auto", "offline", "anthropic", "openai"}))
      ->capture_default_str();
  app.add_option("--model", global.model, "Model of the backend (default: the backend's own)")->envname("NEXUS_MODEL");
  app.add_option("--db", global.db,
                 "Database file (default $XDG_DATA_HOME/nexus/nexus.db, else ~/.local/share/nexus/nexus.db; "
                 ":memory: keeps nothing)")
      ->envname("NEXUS_DB");
  app.add_option("--autosave-ms", global.autosaveMs, "Autosave interval of an open interview, in milliseconds")
      ->envname("NEXUS_AUTOSAVE_MS")
      ->check(CLI::Range(100LL, 24LL * 3600 * 1000))
      ->capture_default_str();
  app.add_option("--idle-evict-ms", global.idleEvictMs,
                 "An interview no call touched for this long is saved and dropped from memory, and loaded again on "
                 "its next use, in milliseconds (0: kept in memory until it ends)")
      ->envname("NEXUS_IDLE_EVICT_MS")
      ->check(milliseconds("NEXUS_IDLE_EVICT_MS", "0 turns eviction off"))
      ->capture_default_str();
  app.add_option("--ready-threshold", global.readyThreshold,
                 "Readiness (0..1) at which an interview counts as ready to hand over")
      ->envname("NEXUS_READY_THRESHOLD")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_flag("--no-group-commit", global.noGroupCommit,
               "Commit every write to the database on its own instead of sharing one commit among the "
               "writes that arrive together (slower with many clients; a baseline for benchmarks)");
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
    // --help and --version end here too (code 0); a usage error exits 2, as command-line tools do.
    return app.exit(e) == 0 ? 0 : 2;
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
