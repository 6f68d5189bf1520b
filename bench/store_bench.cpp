// Session persistence: what one turn costs to save, and what loading a long session costs, for
// the SQLite store (append-only rows) against the original plan's baseline (the whole session
// rewritten as one JSON document per save). Both files use WAL and synchronous=FULL, so every
// commit waits for an fsync: the figures depend on the disk as much as on the code.

#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/json.hpp"
#include "store/sqlite_session_store.hpp"

#include "bench_temp_dir.hpp"

namespace nexus {
namespace {

using bench::TempDir;

const std::vector<std::string> kSentences{
    "Team admins can invite and remove members from the workspace settings page. ",
    "Every task should carry a due date, an owner and an optional list of reminders. ",
    "Which browsers and devices matter most to the people who will use this every day? ",
    "We must keep the data in the EU, and all of it must be encrypted at rest. ",
    "Got it: Google sign-in is a must, and pages should load in under two seconds. ",
    "Reports are exported as PDF once a week and mailed to the project owners. ",
    "How many people do you expect on the largest team in the first year? ",
    "It would be nice to have a dark mode, but it is not needed for the first release. ",
};

// Ordinary prose of 150..400 bytes; the i-th text of a kind is always the same.
std::string prose(std::size_t i, std::size_t kind) {
  const std::size_t length = 150 + (i * 7919 + kind * 104729) % 251;
  std::string text;
  for (std::size_t s = i + kind; text.size() < length; ++s) text += kSentences[s % kSentences.size()];
  text.resize(length);
  return text;
}

const std::vector<std::string> kAreas{"authentication", "performance", "data",       "reporting",
                                      "notifications",  "security",    "deployment", "integrations"};

// Builds a session the way the engine does: user message, save, assistant reply (and one
// requirement every second turn, sourced from the user message), save.
class Conversation {
 public:
  explicit Conversation(std::size_t messages) {
    session_.id = newId();
    session_.projectId = "bench-project";
    session_.startedAt = session_.lastActivityAt = tick();
    while (session_.messages.size() < messages) {
      addUser();
      addAssistant();
    }
  }

  const InterviewSession& session() const { return session_; }
  InterviewSession& session() { return session_; }

  void addUser() {
    const std::size_t n = session_.messages.size();
    session_.messages.push_back({newId(), MessageRole::User, prose(n % 64, 0), tick(), std::nullopt, std::nullopt});
    session_.lastActivityAt = session_.messages.back().timestamp;
  }

  void addAssistant() {
    const std::size_t n = session_.messages.size();
    if ((n / 2) % 2 == 0) {  // every second turn: one requirement from the user's message
      InterviewMessage& user = session_.messages.back();
      const std::string& area = kAreas[(n / 4) % kAreas.size()];
      session_.extractedRequirements.push_back({newId(), "Users must be able to " + prose(n % 64, 2).substr(0, 60),
                                                RequirementCategory::Functional, Priority::Must, 0.85, area,
                                                user.id});
      user.requirementsExtracted = std::vector<std::string>{session_.extractedRequirements.back().id};
      if (std::find(session_.exploredAreas.begin(), session_.exploredAreas.end(), area) ==
          session_.exploredAreas.end())
        session_.exploredAreas.push_back(area);
    }
    // As the engine stores a reply: display text plus the model's raw output and usage (audit).
    std::string shown = prose(n % 64, 1);
    ModelOutput output{shown + "\n<requirement category=\"functional\" priority=\"must\">" + shown.substr(0, 60) +
                           "</requirement>",
                       "claude-sonnet-4-5", "end_turn", TokenUsage{1800, 120, 1500, 0}};
    session_.messages.push_back({newId(), MessageRole::Assistant, std::move(shown), tick(), std::nullopt, std::move(output)});
    session_.lastActivityAt = session_.messages.back().timestamp;
  }

 private:
  Timestamp tick() { return Timestamp{std::chrono::milliseconds{1'795'000'000'000 + 1500 * ticks_++}}; }

  InterviewSession session_;
  std::int64_t ticks_ = 0;
};

// The original plan: one row per session holding the whole session as JSON, rewritten per save.
class JsonDocumentStore {
 public:
  explicit JsonDocumentStore(const std::string& path) : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
    db_.setBusyTimeout(5000);
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = FULL");
    db_.exec("CREATE TABLE IF NOT EXISTS session_json (id TEXT PRIMARY KEY, doc TEXT)");
  }

  void save(const InterviewSession& session) {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement upsert(db_, "INSERT OR REPLACE INTO session_json (id, doc) VALUES (?, ?)");
    upsert.bind(1, session.id);
    upsert.bind(2, nlohmann::json(session).dump());
    upsert.exec();
    transaction.commit();
  }

  InterviewSession load(const std::string& id) {
    SQLite::Statement select(db_, "SELECT doc FROM session_json WHERE id = ?");
    select.bind(1, id);
    if (!select.executeStep()) throw std::runtime_error("no session " + id);
    return nlohmann::json::parse(select.getColumn(0).getString()).get<InterviewSession>();
  }

 private:
  SQLite::Database db_;
};

// How far a session may grow past its nominal length before it is put back (timing paused):
// 10 % (at least 5 turns), so each length is measured at that length.
std::size_t allowedGrowth(std::size_t messages) { return std::max<std::size_t>(10, messages / 10); }

// One turn on the SQLite store: two saves, each writing only the new rows.
void BM_SaveTurnSqlite(benchmark::State& state) {
  const auto length = static_cast<std::size_t>(state.range(0));
  TempDir dir;
  auto store = SqliteSessionStore::open(dir.file("nexus.db"));
  if (!store) return state.SkipWithError(store.error().message.c_str());
  const Conversation initial(length);
  Conversation conversation = initial;
  if (auto saved = (*store)->save(conversation.session()); !saved)
    return state.SkipWithError(saved.error().message.c_str());
  std::int64_t turns = 0;
  for (auto _ : state) {
    if (conversation.session().messages.size() >= length + allowedGrowth(length)) {
      state.PauseTiming();  // back to `length` messages: remove the session and store it again
      conversation = initial;
      auto removed = (*store)->remove(conversation.session().id);
      auto saved = (*store)->save(conversation.session());
      state.ResumeTiming();
      if (!removed || !saved) return state.SkipWithError("could not restore the session");
    }
    conversation.addUser();
    auto first = (*store)->save(conversation.session());
    conversation.addAssistant();
    auto second = (*store)->save(conversation.session());
    if (!first || !second) return state.SkipWithError((first ? second : first).error().message.c_str());
    ++turns;
  }
  state.SetItemsProcessed(turns);
}
BENCHMARK(BM_SaveTurnSqlite)->Arg(100)->Arg(1000)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// One turn on the baseline: two saves, each rewriting the whole session as one JSON document.
void BM_SaveTurnJsonBaseline(benchmark::State& state) {
  const auto length = static_cast<std::size_t>(state.range(0));
  TempDir dir;
  JsonDocumentStore store(dir.file("baseline.db"));
  const Conversation initial(length);
  Conversation conversation = initial;
  store.save(conversation.session());
  state.counters["doc_KiB"] = static_cast<double>(nlohmann::json(initial.session()).dump().size()) / 1024;
  std::int64_t turns = 0;
  for (auto _ : state) {
    if (conversation.session().messages.size() >= length + allowedGrowth(length)) {
      state.PauseTiming();  // INSERT OR REPLACE: the next save overwrites the longer document
      conversation = initial;
      state.ResumeTiming();
    }
    conversation.addUser();
    store.save(conversation.session());
    conversation.addAssistant();
    store.save(conversation.session());
    ++turns;
  }
  state.SetItemsProcessed(turns);
}
BENCHMARK(BM_SaveTurnJsonBaseline)->Arg(100)->Arg(1000)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The disk's floor under any durable two-commit turn: what SQLite's WAL does per commit with
// synchronous=FULL (about 7 pages appended, then fdatasync), twice, without SQLite. Run beside
// the saves, it tells how much of their time was the disk at that moment.
void BM_SaveFloorTwoFdatasyncs(benchmark::State& state) {
  TempDir dir;
  const std::string path = dir.file("floor");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return state.SkipWithError("cannot create the file");
  const std::string pages(7 * 4096, 'x');
  constexpr off_t kWrap = 4 << 20;  // reused like a WAL after a checkpoint
  off_t offset = 0;
  for (auto _ : state) {
    for (int commit = 0; commit < 2; ++commit) {
      if (::pwrite(fd, pages.data(), pages.size(), offset) != static_cast<ssize_t>(pages.size()) ||
          ::fdatasync(fd) != 0) {
        ::close(fd);
        return state.SkipWithError("write or fdatasync failed");
      }
      offset = (offset + static_cast<off_t>(pages.size())) % kWrap;
    }
  }
  ::close(fd);
}
BENCHMARK(BM_SaveFloorTwoFdatasyncs)->UseRealTime()->Unit(benchmark::kMicrosecond);

// SqliteSessionStore::load of a long session (three queries in one read transaction).
void BM_LoadSqlite(benchmark::State& state) {
  TempDir dir;
  auto store = SqliteSessionStore::open(dir.file("nexus.db"));
  if (!store) return state.SkipWithError(store.error().message.c_str());
  const Conversation conversation(static_cast<std::size_t>(state.range(0)));
  if (auto saved = (*store)->save(conversation.session()); !saved)
    return state.SkipWithError(saved.error().message.c_str());
  auto check = (*store)->load(conversation.session().id);
  if (!check || !*check || **check != conversation.session())
    return state.SkipWithError("load differs from save");
  for (auto _ : state) {
    auto loaded = (*store)->load(conversation.session().id);
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["requirements"] = static_cast<double>(conversation.session().extractedRequirements.size());
}
BENCHMARK(BM_LoadSqlite)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

// The baseline's load: read the document and parse it into an InterviewSession.
void BM_LoadJsonBaseline(benchmark::State& state) {
  TempDir dir;
  JsonDocumentStore store(dir.file("baseline.db"));
  const Conversation conversation(static_cast<std::size_t>(state.range(0)));
  store.save(conversation.session());
  if (store.load(conversation.session().id) != conversation.session())
    return state.SkipWithError("load differs from save");
  for (auto _ : state) benchmark::DoNotOptimize(store.load(conversation.session().id));
}
BENCHMARK(BM_LoadJsonBaseline)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nexus
