// Quality analysis: what ConflictIndex::add costs for one new requirement in a session that
// already holds 1,000 or 10,000 varied requirements (slots, metrics, capabilities and access
// rules on many subjects, a few of them in conflict). Only the add is timed; the new requirement
// is removed again untimed, so every iteration meets the same index.

#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "domain/conflict_index.hpp"
#include "domain/project_index.hpp"
#include "domain/quality_review.hpp"

namespace nexus {
namespace {

// Requirement texts from templates of every kind the index reads, each on a subject made of
// three syllables ("kaloqua reports"): two texts rarely share a subject, as in a real project.
class VariedRequirements {
 public:
  explicit VariedRequirements(unsigned seed) : random_(seed) {}

  ExtractedRequirement next(std::string id) {
    ExtractedRequirement r;
    r.id = std::move(id);
    r.text = text();
    r.priority = pick(20) == 0 ? Priority::Wont : Priority::Should;
    return r;
  }

 private:
  std::string text() {
    const std::string s = subject();
    const std::string n = std::to_string(1 + pick(30));
    switch (pick(18)) {
      case 16:
        return "The " + s + " page should be fast";
      case 17:
        return "Export " + s + " reports to PDF, CSV etc.";
      case 0:
        return "The " + s + " page must load in under " + n + " seconds";
      case 1:
        return "The " + s + " report may take up to " + n + " seconds to generate";
      case 2:
        return "Keep " + s + " logs for at least " + n + " days";
      case 3:
        return s + " records are deleted after " + n + " months";
      case 4:
        return "The " + s + " service must support at least " + n + "00 concurrent users";
      case 5:
        return "Only admins can delete " + s + " projects";
      case 6:
        return "Every user can view " + s + " boards";
      case 7:
        return "Only managers may approve " + s + " invoices";
      case 8:
        return "Users must sign in to see " + s + " data";
      case 9:
        return "The " + s + " screen needs a dark mode";
      case 10:
        return s + " export is out of scope";
      case 11:
        return "Users get push notifications about " + s + " changes";
      case 12:
        return "Store the " + s + " data in PostgreSQL";
      case 13:
        return "The " + s + " service is written in Java";
      case 14:
        return "Send a weekly " + s + " summary to managers";
      default:
        return "Do not send " + s + " alerts at night";
    }
  }

  std::string subject() {
    static const char* const kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "vi",  "de",  "po",
                                             "ga", "bu", "fe", "ji", "ho", "ze", "qua", "tri", "xo"};
    constexpr std::size_t kCount = std::size(kSyllables);
    return std::string(kSyllables[pick(kCount)]) + kSyllables[pick(kCount)] + kSyllables[pick(kCount)];
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

  std::mt19937 random_;
};

void BM_ConflictIndexAdd(benchmark::State& state) {
  const auto held = static_cast<std::size_t>(state.range(0));
  domain::ConflictIndex index;
  VariedRequirements requirements(42);
  for (std::size_t i = 0; i < held; ++i) index.add(requirements.next("held-" + std::to_string(i)));
  std::vector<ExtractedRequirement> probes;
  for (int i = 0; i < 256; ++i) probes.push_back(requirements.next("probe"));

  std::size_t next = 0;
  std::size_t conflicts = 0;
  for (auto _ : state) {
    const ExtractedRequirement& probe = probes[next++ % probes.size()];
    const auto start = std::chrono::steady_clock::now();
    auto drafts = index.add(probe);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    benchmark::DoNotOptimize(drafts);
    state.SetIterationTime(std::chrono::duration<double>(elapsed).count());
    conflicts += drafts.size();
    index.remove(probe.id);
  }
  state.counters["conflicts_per_add"] =
      benchmark::Counter(static_cast<double>(conflicts), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ConflictIndexAdd)->Arg(1000)->Arg(10000)->UseManualTime()->Unit(benchmark::kMicrosecond);

// Times review.add of one probe per iteration and takes what it added out again, untimed, so
// every iteration meets the same state. The conflicts the adds reported, in all.
std::size_t timeEachAdd(benchmark::State& state, domain::QualityReview& review, std::vector<RequirementFinding>& findings,
                        std::vector<RequirementConflict>& conflicts, const std::vector<ExtractedRequirement>& probes) {
  std::size_t next = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    const ExtractedRequirement& probe = probes[next++ % probes.size()];
    const std::size_t findingsBefore = findings.size();
    const std::size_t conflictsBefore = conflicts.size();
    const auto start = std::chrono::steady_clock::now();
    auto delta = review.add(probe, {findings, conflicts});
    const auto elapsed = std::chrono::steady_clock::now() - start;
    benchmark::DoNotOptimize(delta);
    state.SetIterationTime(std::chrono::duration<double>(elapsed).count());
    found += delta.conflicts.size();
    (void)review.remove(probe.id, {findings, conflicts});
    findings.resize(findingsBefore);
    conflicts.resize(conflictsBefore);
  }
  return found;
}

// The whole analysis of one new requirement as the engine runs it: its findings, its conflicts,
// and the bookkeeping against what the session or project already holds. The entries it added
// are taken out again untimed.
void BM_QualityReviewAdd(benchmark::State& state) {
  const auto held = static_cast<std::size_t>(state.range(0));
  std::size_t nextId = 0;
  domain::QualityReview review([&](std::string_view kind) { return std::string(kind) + std::to_string(nextId++); });
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;
  VariedRequirements requirements(42);
  for (std::size_t i = 0; i < held; ++i) {
    (void)review.add(requirements.next("held-" + std::to_string(i)), {findings, conflicts});
  }
  std::vector<ExtractedRequirement> probes;
  for (int i = 0; i < 256; ++i) probes.push_back(requirements.next("probe"));

  (void)timeEachAdd(state, review, findings, conflicts, probes);
  state.counters["findings_held"] = static_cast<double>(findings.size());
  state.counters["conflicts_held"] = static_cast<double>(conflicts.size());
}
BENCHMARK(BM_QualityReviewAdd)->Arg(1000)->Arg(10000)->UseManualTime()->Unit(benchmark::kMicrosecond);

// A new requirement of an interview whose project already holds 1,000 or 10,000 requirements
// from other interviews (the index the engine builds when the interview opens), in a session of
// 50 of its own: the live check against the project's database.
void BM_QualityReviewAddAgainstProject(benchmark::State& state) {
  const auto held = static_cast<std::size_t>(state.range(0));
  VariedRequirements requirements(42);
  std::vector<ExtractedRequirement> others;
  for (std::size_t i = 0; i < held; ++i) others.push_back(requirements.next("db-" + std::to_string(i)));
  const auto project = std::make_shared<const domain::ProjectIndex>(others);
  std::size_t nextId = 0;
  domain::QualityReview review([&](std::string_view kind) { return std::string(kind) + std::to_string(nextId++); });
  review.useProject(project);
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;
  for (int i = 0; i < 50; ++i) (void)review.add(requirements.next("own-" + std::to_string(i)), {findings, conflicts});
  std::vector<ExtractedRequirement> probes;
  for (int i = 0; i < 256; ++i) probes.push_back(requirements.next("probe"));

  const std::size_t found = timeEachAdd(state, review, findings, conflicts, probes);
  state.counters["conflicts_per_add"] =
      benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_QualityReviewAddAgainstProject)->Arg(1000)->Arg(10000)->UseManualTime()->Unit(benchmark::kMicrosecond);

// What opening an interview costs for the project index: once per interview, not per turn.
void BM_ProjectIndexBuild(benchmark::State& state) {
  const auto held = static_cast<std::size_t>(state.range(0));
  VariedRequirements requirements(42);
  std::vector<ExtractedRequirement> others;
  for (std::size_t i = 0; i < held; ++i) others.push_back(requirements.next("db-" + std::to_string(i)));
  for (auto _ : state) {
    domain::ProjectIndex project(others);
    benchmark::DoNotOptimize(project);
  }
}
BENCHMARK(BM_ProjectIndexBuild)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nexus
