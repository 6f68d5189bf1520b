// The requirements database: what add() costs (with its near-duplicate scan) in a project that
// already holds 100, 1,000 or 10,000 requirements, and what list() of 10,000 costs, for the
// SQLite store on a file (WAL, synchronous=FULL: every add waits for an fdatasync). Beside
// them, the plain scan the index replaces, and add() when another connection wrote just before:
// a session save (what happens before every turn's add) and a change of the project's texts by
// another store, which makes the store read the project's texts again.

#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "store/near_duplicate_index.hpp"
#include "store/requirements_store.hpp"
#include "store/sqlite_requirements_store.hpp"

#include "bench_temp_dir.hpp"

namespace nexus {
namespace {

using bench::TempDir;

const Timestamp kStart{std::chrono::milliseconds{1'795'000'000'000}};

// Requirement-like sentences: a few words every requirement shares, stop words, and six to ten
// words from a 2,000-word vocabulary, so that two texts are rarely near-duplicates but often
// share words (the scan's work is comparing, not skipping).
class Sentences {
 public:
  explicit Sentences(unsigned seed) : random_(seed) {
    static const std::vector<std::string> kSyllables{"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi",  "de",
                                                     "po", "ga", "bu", "fe", "ji", "ho", "ze", "qua", "tri"};
    for (const auto& a : kSyllables)
      for (const auto& b : kSyllables)
        for (const auto& c : {"n", "r", "s", "l", "x", "m"}) vocabulary_.push_back(a + b + c);
  }

  std::string next() {
    static const std::vector<std::string> kOpenings{"Users must", "Admins should", "The system must",
                                                    "Customers can", "We need the app to"};
    std::string text = kOpenings[pick(kOpenings.size())];
    for (std::size_t n = 6 + pick(5); n > 0; --n) text += " " + vocabulary_[pick(vocabulary_.size())];
    return text + " in the data reports.";
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
  std::mt19937 random_;
  std::vector<std::string> vocabulary_;
};

// Writes `count` requirements of project "bench" in one transaction, as the store would have
// stored them one by one (which at one fdatasync each would take minutes at 10,000).
void populate(const std::string& path, std::size_t count, Sentences& sentences) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  db.exec("INSERT INTO projects (id, created_at) VALUES ('bench', '" + formatIso8601(kStart) + "')");
  SQLite::Statement requirement(
      db,
      "INSERT INTO requirements (id, project_id, text, category, priority, confidence, "
      "validation, created_at, updated_at) VALUES (?, 'bench', ?, 'functional', "
      "'should', 0.85, 'pending', ?, ?)");
  SQLite::Statement source(
      db,
      "INSERT INTO requirement_sources (requirement_id, seq, source, message_id, origin_id, "
      "added_at) VALUES (?, 0, 'interview:bench', ?, ?, ?)");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string id = newId();
    const std::string at = formatIso8601(kStart + std::chrono::milliseconds{static_cast<std::int64_t>(i)});
    requirement.bind(1, id);
    requirement.bind(2, sentences.next());
    requirement.bind(3, at);
    requirement.bind(4, at);
    requirement.exec();
    requirement.reset();
    source.bind(1, id);
    source.bind(2, "m" + std::to_string(i));
    source.bind(3, "r" + std::to_string(i));
    source.bind(4, at);
    source.exec();
    source.reset();
  }
  transaction.commit();
}

NewRequirement stated(std::string text, std::int64_t n) {
  NewRequirement r;
  r.projectId = "bench";
  r.text = std::move(text);
  r.confidence = 0.85;
  r.source = {"interview:timed", "m" + std::to_string(n), "t" + std::to_string(n), {}};
  return r;
}

// A project of `count` requirements in a fresh file, and a store on it whose index is built.
struct Fixture {
  explicit Fixture(std::size_t count) : clock(kStart), sentences(count) {
    auto opened = SqliteRequirementsStore::open(dir.file("nexus.db"), clock);
    if (!opened) throw std::runtime_error(opened.error().message);
    store = std::move(*opened);
    populate(dir.file("nexus.db"), count, sentences);
    auto warm = store->add(stated(sentences.next(), -1));  // reads the project once
    if (!warm || !*store->remove(warm->requirement.id)) throw std::runtime_error("warm-up failed");
  }
  TempDir dir;
  ManualClock clock;
  Sentences sentences;
  std::unique_ptr<SqliteRequirementsStore> store;
};

// One add() of a new requirement (scan, insert, commit); removed again with timing paused, so
// that the project keeps its size.
void BM_RequirementsAdd(benchmark::State& state) {
  Fixture fixture(static_cast<std::size_t>(state.range(0)));
  std::int64_t n = 0;
  for (auto _ : state) {
    auto added = fixture.store->add(stated(fixture.sentences.next(), ++n));
    state.PauseTiming();
    if (!added) return state.SkipWithError(added.error().message.c_str());
    if (added->outcome != AddOutcome::Added) return state.SkipWithError("a benchmark text was merged");
    auto removed = fixture.store->remove(added->requirement.id);
    state.ResumeTiming();
    if (!removed) return state.SkipWithError(removed.error().message.c_str());
  }
}
BENCHMARK(BM_RequirementsAdd)->Arg(100)->Arg(1000)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The same, but another connection commits just before each add (timing paused). `sql` is
// what it writes: a session save leaves the project's requirements_revision alone, so the store
// keeps its index; a change of the project's texts by another store moves it, and the store
// reads the project's texts again (tokenizing only changed ones).
void addAfterAnotherWriter(benchmark::State& state, const char* sql) {
  Fixture fixture(static_cast<std::size_t>(state.range(0)));
  SQLite::Database other(fixture.dir.file("nexus.db"), SQLite::OPEN_READWRITE);
  SQLite::Statement write(other, sql);
  std::int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    if (write.getBindParameterCount() > 0) write.bind(1, "other-" + std::to_string(++n));
    write.exec();
    write.reset();
    state.ResumeTiming();
    auto added = fixture.store->add(stated(fixture.sentences.next(), n));
    state.PauseTiming();
    if (!added) return state.SkipWithError(added.error().message.c_str());
    auto removed = fixture.store->remove(added->requirement.id);
    state.ResumeTiming();
    if (!removed) return state.SkipWithError(removed.error().message.c_str());
  }
}
void BM_RequirementsAddAfterASessionSave(benchmark::State& state) {
  addAfterAnotherWriter(state, "INSERT INTO projects (id, created_at) VALUES (?, '2026-01-01T00:00:00.000Z')");
}
void BM_RequirementsAddAfterAnotherStoreChangedTheProject(benchmark::State& state) {
  addAfterAnotherWriter(state,
                        "UPDATE projects SET requirements_revision = requirements_revision + 1 WHERE id = 'bench'");
}
BENCHMARK(BM_RequirementsAddAfterASessionSave)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RequirementsAddAfterAnotherStoreChangedTheProject)
    ->Arg(10000)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

// What the index replaces: requirement_rules::nearDuplicate (text::tokenSimilarity against every
// text) over the project's texts, in memory, nothing written.
void BM_PlainNearDuplicateScan(benchmark::State& state) {
  Sentences sentences(1);
  std::vector<std::string> texts;
  for (std::int64_t i = 0; i < state.range(0); ++i) texts.push_back(sentences.next());
  std::vector<requirement_rules::DuplicateCandidate> candidates;
  for (const auto& text : texts) candidates.push_back({"id", text, kStart});
  for (auto _ : state) {
    benchmark::DoNotOptimize(requirement_rules::nearDuplicate(candidates, sentences.next(), 0.8));
  }
}
BENCHMARK(BM_PlainNearDuplicateScan)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The same choice through the NearDuplicateIndex the SQLite store keeps (texts tokenized once).
void BM_IndexedNearDuplicateScan(benchmark::State& state) {
  Sentences sentences(1);
  NearDuplicateIndex index;
  for (std::int64_t i = 0; i < state.range(0); ++i)
    index.put({"id" + std::to_string(i), sentences.next(), kStart});
  for (auto _ : state) benchmark::DoNotOptimize(index.nearDuplicate(sentences.next(), 0.8));
}
BENCHMARK(BM_IndexedNearDuplicateScan)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// list() of a whole project: one query, rows decoded into Requirements with their sources.
void BM_RequirementsList(benchmark::State& state) {
  Fixture fixture(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto listed = fixture.store->list("bench");
    if (!listed || listed->size() != static_cast<std::size_t>(state.range(0)))
      return state.SkipWithError("list failed");
    benchmark::DoNotOptimize(listed);
  }
}
BENCHMARK(BM_RequirementsList)->Arg(10000)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nexus
