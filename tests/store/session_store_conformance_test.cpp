// One suite written against the SessionStore interface, run for every backend, and a model check
// (leveldb's ModelDB idea): random engine-like operations applied to the SQLite store and to the
// in-memory one, which must agree after every step.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <random>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "store/memory_session_store.hpp"
#include "store/sqlite_session_store.hpp"
#include "support/temp_dir.hpp"
#include "support/printers.hpp"
#include "support/result_assertions.hpp"

namespace nexus {

namespace {

using std::chrono::milliseconds;
const Timestamp kStart{milliseconds{1768535865123}};  // 2026-01-16T03:57:45.123Z

struct Backend {
  std::string name;
  bool persistent = false;  // reopen() simulates a restart
  std::function<std::unique_ptr<SessionStore>(const std::string& dir)> open;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

std::unique_ptr<SessionStore> openSqlite(const std::string& dir) {
  auto store = SqliteSessionStore::open(dir + "/nexus.db");
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

const Backend kMemory{"Memory", false,
                      [](const std::string&) { return std::make_unique<MemorySessionStore>(); }};
const Backend kSqlite{"Sqlite", true, openSqlite};

class SessionStoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store_ = GetParam().open(dir_.path()); }
  SessionStore& store() { return *store_; }
  void reopen() {
    if (!GetParam().persistent) return;
    store_.reset();
    store_ = GetParam().open(dir_.path());
  }
  std::optional<InterviewSession> load(std::string_view id) {
    auto loaded = store_->load(id);
    if (!loaded) ADD_FAILURE() << loaded.error().message;
    return loaded ? *loaded : std::nullopt;
  }
  void save(const InterviewSession& session) {
    auto saved = store_->save(session);
    ASSERT_OK(saved);
  }

  nexus::test::TempDir dir_;  // declared first: outlives the store
  std::unique_ptr<SessionStore> store_;
};

InterviewMessage message(std::string id, MessageRole role, std::string content, int minute) {
  return {std::move(id), role, std::move(content), kStart + std::chrono::minutes{minute}, std::nullopt,
          std::nullopt};
}

InterviewSession bare(std::string id, std::string project, SessionStatus status, int minute) {
  InterviewSession s;
  s.id = std::move(id);
  s.projectId = std::move(project);
  s.status = status;
  s.startedAt = kStart;
  s.lastActivityAt = kStart + std::chrono::minutes{minute};
  if (status == SessionStatus::Completed) s.completedAt = s.lastActivityAt;
  return s;
}

// Every category and priority, optional fields absent and present.
InterviewSession full(const std::string& id) {
  InterviewSession s = bare(id, "shop", SessionStatus::Active, 9);
  s.mode = InterviewMode::Evolution;
  s.evolutionContext = EvolutionContext{"/src/shop", "src/\n  main.cpp\n  cart.cpp", "An online shop"};
  s.messages = {message(id + "-m0", MessageRole::Assistant, "What are we building?", 0),
                message(id + "-m1", MessageRole::User, "Users log in with SSO; pages load in 2 s", 1),
                message(id + "-m2", MessageRole::Assistant, "Which identity provider?", 2),
                message(id + "-m3", MessageRole::System, "context note", 3)};
  const std::vector<std::pair<RequirementCategory, Priority>> kinds = {
      {RequirementCategory::Functional, Priority::Must},
      {RequirementCategory::NonFunctional, Priority::Should},
      {RequirementCategory::Technical, Priority::Could},
      {RequirementCategory::Constraint, Priority::Wont},
      {RequirementCategory::Assumption, Priority::Should}};
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const std::string rid = id + "-r" + std::to_string(i);
    std::optional<std::string> area =
        i % 2 == 0 ? std::optional<std::string>("authentication") : std::nullopt;
    s.extractedRequirements.push_back({rid, "requirement " + std::to_string(i), kinds[i].first,
                                       kinds[i].second, 0.7 + 0.0625 * static_cast<double>(i), area,
                                       id + "-m1", std::nullopt});
    ids.push_back(rid);
  }
  s.messages[1].requirementsExtracted = ids;
  s.exploredAreas = {"authentication", "performance"};
  return s;
}

TEST_P(SessionStoreConformance, RoundTripsFullSessions) {
  InterviewSession evolution = full("e");
  InterviewSession genesis = bare("g", "shop", SessionStatus::Completed, 4);
  genesis.messages = {message("g-m0", MessageRole::Assistant, "Hello", 0)};
  InterviewSession noSummary = full("n");
  noSummary.evolutionContext->projectSummary.reset();
  noSummary.status = SessionStatus::Paused;
  InterviewSession empty = bare("x", "other", SessionStatus::Active, 1);
  for (const auto* s : {&evolution, &genesis, &noSummary, &empty}) save(*s);
  reopen();
  for (const auto* s : {&evolution, &genesis, &noSummary, &empty}) EXPECT_EQ(load(s->id), *s) << s->id;
}

TEST_P(SessionStoreConformance, LoadOfUnknownIdIsEmpty) {
  EXPECT_EQ(load("nope"), std::nullopt);
  save(full("a"));
  EXPECT_EQ(load("nope"), std::nullopt);
  EXPECT_EQ(load(""), std::nullopt);
}

TEST_P(SessionStoreConformance, LatestOpenSkipsCompletedAndOtherProjects) {
  EXPECT_EQ(*store().loadLatestOpen("p"), std::nullopt);
  save(bare("old", "p", SessionStatus::Paused, 1));
  save(bare("new", "p", SessionStatus::Active, 2));
  save(bare("done", "p", SessionStatus::Completed, 3));
  save(bare("other", "q", SessionStatus::Active, 4));
  EXPECT_EQ((**store().loadLatestOpen("p")).id, "new");
  EXPECT_EQ((**store().loadLatestOpen("q")).id, "other");
  EXPECT_EQ(*store().loadLatestOpen("none"), std::nullopt);
  save(bare("new", "p", SessionStatus::Completed, 5));
  EXPECT_EQ((**store().loadLatestOpen("p")).id, "old");
  save(bare("old", "p", SessionStatus::Completed, 6));
  EXPECT_EQ(*store().loadLatestOpen("p"), std::nullopt);
}

TEST_P(SessionStoreConformance, ListsNewestFirstAndPerProject) {
  EXPECT_TRUE(store().list("")->empty());
  save(bare("a", "p", SessionStatus::Active, 1));
  save(full("b"));  // project "shop", minute 9
  save(bare("c", "p", SessionStatus::Completed, 3));
  const auto all = *store().list("");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], summarize(full("b")));
  EXPECT_EQ(all[0].messageCount, 4u);
  EXPECT_EQ(all[0].requirementCount, 5u);
  EXPECT_EQ(all[1].id, "c");
  EXPECT_EQ(all[2].id, "a");
  const auto p = *store().list("p");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].id, "c");
  EXPECT_EQ(p[1], summarize(bare("a", "p", SessionStatus::Active, 1)));
  EXPECT_TRUE(store().list("none")->empty());
}

TEST_P(SessionStoreConformance, RemovesOnlyTheSession) {
  save(full("a"));
  save(full("b"));
  EXPECT_TRUE(*store().remove("a"));
  EXPECT_FALSE(*store().remove("a"));
  EXPECT_FALSE(*store().remove("never"));
  reopen();
  EXPECT_EQ(load("a"), std::nullopt);
  EXPECT_EQ(load("b"), full("b"));
  ASSERT_EQ(store().list("")->size(), 1u);
  save(full("a"));  // the same ids may be stored again after a removal
  EXPECT_EQ(load("a"), full("a"));
}

TEST_P(SessionStoreConformance, SavingTheSameStateTwiceChangesNothing) {
  const InterviewSession s = full("a");
  save(s);
  save(s);
  reopen();
  save(s);
  EXPECT_EQ(load("a"), s);
  const auto all = *store().list("");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0], summarize(s));
}

// The engine's turn: the user message is saved before the model call, the reply after it, and
// requirementsExtracted is set on a message that was first saved without it.
TEST_P(SessionStoreConformance, IncrementalSavesOfATurn) {
  InterviewSession s = bare("a", "p", SessionStatus::Active, 0);
  s.messages.push_back(message("a-m0", MessageRole::Assistant, "Hi", 0));
  save(s);
  s.messages.push_back(message("a-m1", MessageRole::User, "Users must log in", 1));
  s.lastActivityAt = s.messages.back().timestamp;
  save(s);
  EXPECT_EQ(load("a"), s);
  s.extractedRequirements.push_back({"a-r0", "Users must log in", RequirementCategory::Functional,
                                     Priority::Must, 0.9, "authentication", "a-m1", std::nullopt});
  s.messages[1].requirementsExtracted = std::vector<std::string>{"a-r0"};
  s.exploredAreas.push_back("authentication");
  s.messages.push_back(message("a-m2", MessageRole::Assistant, "How?", 2));
  s.lastActivityAt = s.messages.back().timestamp;
  save(s);
  EXPECT_EQ(load("a"), s);
  s.status = SessionStatus::Completed;
  s.completedAt = kStart + std::chrono::minutes{3};
  save(s);
  reopen();
  EXPECT_EQ(load("a"), s);
  EXPECT_EQ((*store().list("p"))[0].messageCount, 3u);
}

TEST_P(SessionStoreConformance, KeepsUnicodeAndAwkwardTextExactly) {
  InterviewSession s = full("u");
  s.projectId = "проект-日本";
  s.messages[1].content = "Zürich → 東京 🚀 שלום e\u0301 \"quoted\" 'single'; DROP TABLE sessions; --\n\ttab";
  s.messages[2].content = std::string("nul\0inside", 10);
  s.extractedRequirements[0].text = "Ünïcödé 要件 ✓";
  s.extractedRequirements[0].area = "ui_ux/日本";
  s.exploredAreas.push_back("données");
  s.evolutionContext->repoMapContext = "src/ÄÖÜ.cpp\n\"x\": {}";
  save(s);
  reopen();
  EXPECT_EQ(load("u"), s);
  EXPECT_EQ((*store().list("проект-日本")).size(), 1u);
}

// What quality analysis found and what the person changed, as the engine keeps them: r1 edited
// (text and priority), r3 removed (gone from extractedRequirements and from the
// requirementsExtracted of its message, an edit "removed" appended).
InterviewSession reviewed(const std::string& id) {
  InterviewSession s = full(id);
  const Timestamp edited = kStart + std::chrono::minutes{5};
  ExtractedRequirement& r1 = s.extractedRequirements[1];
  s.requirementEdits.push_back({r1.id, "text", r1.text, "Pages load within 2 s", edited});
  s.requirementEdits.push_back({r1.id, "priority", "should", "must", edited});
  r1.text = "Pages load within 2 s";
  r1.priority = Priority::Must;
  r1.editedFields = std::vector<std::string>{"text", "priority"};
  const std::string removed = s.extractedRequirements[3].id;
  s.requirementEdits.push_back({removed, "removed", s.extractedRequirements[3].text, std::nullopt,
                                edited + std::chrono::seconds{1}});
  s.extractedRequirements.erase(s.extractedRequirements.begin() + 3);
  std::erase(*s.messages[1].requirementsExtracted, removed);
  s.extractedRequirements[0].editedFields = std::vector<std::string>{};  // present but empty
  s.findings = {{id + "-f0", s.extractedRequirements[0].id, FindingKind::VagueTerm, "fast",
                 "\"fast\" cannot be tested", "say how fast, e.g. within 2 s", ReviewStatus::Open, id + "-m2"},
                {id + "-f1", r1.id, FindingKind::Tbd, std::nullopt, "it says TBD", std::nullopt,
                 ReviewStatus::Resolved, std::nullopt}};
  s.conflicts = {{id + "-c0",
                  {s.extractedRequirements[0].id, r1.id},
                  ConflictKind::Polarity,
                  "One says users log in, the other that they never do.",
                  ReviewStatus::Resolved,
                  ConflictResolution::KeepSecond,
                  id + "-m2",
                  std::nullopt},
                 {id + "-c1",  // with another interview's requirement of the project
                  {"db-" + id, s.extractedRequirements[2].id},
                  ConflictKind::Numeric,
                  "2 s and 5 s",
                  ReviewStatus::Open,
                  std::nullopt,
                  std::nullopt,
                  ProjectRequirementRef{"db-" + id, "Pages load within 5 s."}}};
  return s;
}

TEST_P(SessionStoreConformance, RoundTripsFindingsConflictsEditsAndRemovedRequirements) {
  const InterviewSession s = reviewed("q");
  save(s);
  reopen();
  EXPECT_EQ(load("q"), s);
  const auto summaries = *store().list("shop");
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].requirementCount, 4u);  // the removed one is not counted
  save(s);
  reopen();
  EXPECT_EQ(load("q"), s);
}

// The engine's turns around an edit: a session saved, then edited (an edit, a removal) and
// saved, then a new turn captures another requirement, then a finding changes status.
TEST_P(SessionStoreConformance, ARemovedRequirementStaysRemovedAndLaterOnesAreStored) {
  InterviewSession s = full("a");
  save(s);
  // The last requirement is removed: what was stored last is not in memory any more.
  const std::string last = s.extractedRequirements.back().id;
  s.requirementEdits.push_back({last, "removed", s.extractedRequirements.back().text, std::nullopt,
                                kStart + std::chrono::minutes{10}});
  s.extractedRequirements.pop_back();
  std::erase(*s.messages[1].requirementsExtracted, last);
  ExtractedRequirement& first = s.extractedRequirements[0];
  s.requirementEdits.push_back({first.id, "area", first.area, std::nullopt, kStart + std::chrono::minutes{10}});
  first.area.reset();
  first.editedFields = std::vector<std::string>{"area"};
  save(s);
  reopen();
  EXPECT_EQ(load("a"), s);

  s.messages.push_back(message("a-m4", MessageRole::User, "Admins export reports", 11));
  s.extractedRequirements.push_back({"a-r9", "Admins export reports", RequirementCategory::Functional,
                                     Priority::Should, 0.8, "reporting", "a-m4", std::nullopt});
  s.messages.back().requirementsExtracted = std::vector<std::string>{"a-r9"};
  s.messages.push_back(message("a-m5", MessageRole::Assistant, "In which format?", 12));
  s.lastActivityAt = s.messages.back().timestamp;
  s.findings.push_back({"a-f0", "a-r9", FindingKind::OpenEnded, std::nullopt, "which reports?", std::nullopt,
                        ReviewStatus::Open, "a-m5"});
  save(s);
  reopen();
  EXPECT_EQ(load("a"), s);
  EXPECT_EQ((*store().list("shop"))[0].requirementCount, 5u);

  // Edited before it was ever saved, then removed again with the next one captured and removed
  // between two saves: neither comes back.
  s.findings[0].status = ReviewStatus::Dismissed;
  s.extractedRequirements.push_back({"a-r10", "Never mind", RequirementCategory::Assumption, Priority::Could,
                                     0.5, std::nullopt, "a-m4", std::nullopt});
  s.requirementEdits.push_back({"a-r10", "text", "Never mind", "Never mind at all", kStart + std::chrono::minutes{13}});
  s.requirementEdits.push_back({"a-r10", "removed", "Never mind at all", std::nullopt, kStart + std::chrono::minutes{13}});
  s.extractedRequirements.pop_back();
  s.requirementEdits.push_back({"a-r9", "removed", "Admins export reports", std::nullopt, kStart + std::chrono::minutes{14}});
  s.extractedRequirements.pop_back();
  s.messages[4].requirementsExtracted.reset();
  save(s);
  reopen();
  EXPECT_EQ(load("a"), s);
  EXPECT_EQ((*store().list("shop"))[0].requirementCount, 4u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionStoreConformance, ::testing::Values(kMemory, kSqlite),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// ---- Model check ----------------------------------------------------------------------------

class ModelCheck {
 public:
  ModelCheck(unsigned seed, const std::string& dir) : random_(seed), dir_(dir), sqlite_(openSqlite(dir)) {}

  void step() {
    const int op = pick(100);
    if (op < 15 || working_.empty()) {
      start();
    } else if (op < 40) {
      userMessage(any());
    } else if (op < 62) {
      reply(any());
    } else if (op < 72) {
      review(any());
    } else if (op < 78) {
      changeStatus(any());
    } else if (op < 92) {
      save(any());
    } else if (op < 97) {
      remove();
    } else {
      sqlite_.reset();  // a restart
      sqlite_ = openSqlite(dir_);
    }
  }

  void compare() {
    for (const auto& id : ids_) {
      ASSERT_EQ(*sqlite_->load(id), *memory_.load(id)) << id;
    }
    ASSERT_EQ(*sqlite_->list(""), *memory_.list(""));
    for (const auto& project : kProjects) {
      ASSERT_EQ(*sqlite_->list(project), *memory_.list(project)) << project;
      ASSERT_EQ(*sqlite_->loadLatestOpen(project), *memory_.loadLatestOpen(project)) << project;
    }
  }

 private:
  static constexpr std::array<const char*, 3> kProjects{"alpha", "beta", "γ-project"};

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  InterviewSession& any() {
    return working_[static_cast<std::size_t>(pick(static_cast<int>(working_.size())))];
  }
  std::string newId(const char* kind) { return kind + std::to_string(++counter_); }
  // Ties happen on purpose: both stores must break them the same way.
  Timestamp tick() { return now_ += milliseconds{pick(3)}; }

  void start() {
    InterviewSession s;
    s.id = newId("s");
    s.projectId = kProjects[static_cast<std::size_t>(pick(3))];
    if (pick(2) == 1) {
      s.mode = InterviewMode::Evolution;
      s.evolutionContext =
          EvolutionContext{"/p/" + s.id, "map", pick(2) ? std::optional<std::string>("sum") : std::nullopt};
    }
    s.startedAt = s.lastActivityAt = tick();
    s.messages.push_back({newId("m"), MessageRole::Assistant, "Hello", s.startedAt, std::nullopt, std::nullopt});
    working_.push_back(s);
    ids_.push_back(s.id);
    if (pick(4) != 0) save(working_.back());
  }

  void userMessage(InterviewSession& s) {
    static const std::array<const char*, 4> kTexts{"Users must log in", "Ünïcödé ✓ 日本", "It's 'quoted'",
                                                   "x"};
    s.messages.push_back(
        {newId("m"), MessageRole::User, kTexts[static_cast<std::size_t>(pick(4))], tick(), {}, {}});
    s.lastActivityAt = s.messages.back().timestamp;
    if (pick(3) != 0) save(s);
  }

  // Only after a user message, as in the engine: its requirementsExtracted lists this turn's ids.
  void reply(InterviewSession& s) {
    if (s.messages.back().role != MessageRole::User) return;
    InterviewMessage& user = s.messages.back();
    std::vector<std::string> captured;
    for (int i = pick(4); i > 0; --i) {
      const auto category = static_cast<RequirementCategory>(pick(5));
      const auto priority = static_cast<Priority>(pick(4));
      std::optional<std::string> area;
      if (pick(2) == 1) area = std::array{"api", "security", "ui_ux"}[static_cast<std::size_t>(pick(3))];
      s.extractedRequirements.push_back(
          {newId("r"), "req", category, priority, pick(100) / 100.0, area, user.id, std::nullopt});
      captured.push_back(s.extractedRequirements.back().id);
      if (area && std::find(s.exploredAreas.begin(), s.exploredAreas.end(), *area) == s.exploredAreas.end()) {
        s.exploredAreas.push_back(*area);
      }
    }
    if (!captured.empty()) user.requirementsExtracted = captured;
    std::optional<ModelOutput> output;
    if (pick(3) != 0) {
      output = ModelOutput{"Next? <requirement>req</requirement>", pick(2) ? "claude-x" : "",
                           pick(2) ? "end_turn" : "max_tokens", TokenUsage{pick(900), pick(90), pick(9), 0}};
    }
    s.messages.push_back({newId("m"), MessageRole::Assistant, "Next?", tick(), std::nullopt, output});
    s.lastActivityAt = s.messages.back().timestamp;
    if (pick(5) != 0) save(s);
  }

  // The person edits or removes a captured requirement, or quality analysis finds something
  // or a finding is settled; as the engine does it, saved or not.
  void review(InterviewSession& s) {
    auto& requirements = s.extractedRequirements;
    const int what = pick(6);
    if (what == 0 || requirements.empty()) {
      s.findings.push_back({newId("f"), requirements.empty() ? "none" : requirements.back().id,
                            static_cast<FindingKind>(pick(6)), std::nullopt, "unclear", std::nullopt,
                            ReviewStatus::Open, std::nullopt});
    } else if (what == 1) {
      if (!s.findings.empty()) s.findings[static_cast<std::size_t>(pick(static_cast<int>(s.findings.size())))].status = ReviewStatus::Resolved;
      s.conflicts.push_back({newId("c"), {requirements.front().id, requirements.back().id},
                             static_cast<ConflictKind>(pick(4)), "both", ReviewStatus::Open, std::nullopt,
                             s.messages.back().id,
                             // one side from another interview of the project, now and then
                             pick(2) == 0 ? std::optional<ProjectRequirementRef>{{newId("p"), "We use MySQL."}}
                                          : std::nullopt});
    } else {
      const auto at = static_cast<std::size_t>(pick(static_cast<int>(requirements.size())));
      ExtractedRequirement& r = requirements[at];
      if (what == 2) {
        s.requirementEdits.push_back({r.id, "removed", r.text, std::nullopt, tick()});
        for (auto& m : s.messages) {
          if (m.id != r.sourceMessageId || !m.requirementsExtracted) continue;
          std::erase(*m.requirementsExtracted, r.id);
          if (m.requirementsExtracted->empty()) m.requirementsExtracted.reset();
        }
        requirements.erase(requirements.begin() + static_cast<std::ptrdiff_t>(at));
      } else {
        const char* field = what == 3 ? "text" : what == 4 ? "priority" : "area";
        std::optional<std::string> before, after;
        if (what == 3) {
          before = r.text;
          r.text += " (edited)";
          after = r.text;
        } else if (what == 4) {
          before = std::string(toString(r.priority));
          r.priority = static_cast<Priority>(pick(4));
          after = std::string(toString(r.priority));
        } else {
          before = r.area;
          r.area = pick(2) ? std::optional<std::string>("security") : std::nullopt;
          after = r.area;
        }
        s.requirementEdits.push_back({r.id, field, before, after, tick()});
        if (!r.editedFields) r.editedFields.emplace();
        if (std::find(r.editedFields->begin(), r.editedFields->end(), field) == r.editedFields->end())
          r.editedFields->push_back(field);
      }
    }
    s.lastActivityAt = tick();
    if (pick(2) != 0) save(s);
  }

  void changeStatus(InterviewSession& s) {
    s.status = static_cast<SessionStatus>(pick(3));
    s.lastActivityAt = tick();
    s.completedAt =
        s.status == SessionStatus::Completed ? std::optional<Timestamp>(s.lastActivityAt) : std::nullopt;
    save(s);
  }

  void save(const InterviewSession& s) {
    const auto expected = memory_.save(s);
    const auto actual = sqlite_->save(s);
    ASSERT_OK(actual);
    ASSERT_OK(expected);
  }

  void remove() {
    // Unknown ids too: both must say there was nothing.
    const std::string id =
        pick(5) == 0 ? "unknown" : ids_[static_cast<std::size_t>(pick(static_cast<int>(ids_.size())))];
    ASSERT_EQ(*sqlite_->remove(id), *memory_.remove(id)) << id;
    std::erase_if(working_, [&](const InterviewSession& s) { return s.id == id; });
  }

  std::mt19937 random_;
  std::string dir_;
  MemorySessionStore memory_;
  std::unique_ptr<SessionStore> sqlite_;
  std::vector<InterviewSession> working_;  // the engine's sessions in memory
  std::vector<std::string> ids_;           // every id ever started, removed ones included
  int counter_ = 0;
  Timestamp now_ = kStart;
};

TEST(SessionStoreModel, SqliteAgreesWithMemoryUnderRandomOperations) {
  std::vector<unsigned> seeds{1, 2, 3};
  if (const char* seed = std::getenv("NEXUS_TEST_SEED"))
    seeds = {static_cast<unsigned>(std::strtoul(seed, nullptr, 10))};
  for (const unsigned seed : seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " (rerun with NEXUS_TEST_SEED)");
    nexus::test::TempDir dir;
    ModelCheck check(seed, dir.path());
    for (int step = 0; step < 120; ++step) {
      SCOPED_TRACE("step " + std::to_string(step));
      ASSERT_NO_FATAL_FAILURE(check.step());
      ASSERT_NO_FATAL_FAILURE(check.compare());
    }
  }
}

}  // namespace
}  // namespace nexus
