// The engine keeps what the interview covered and its conflict index per session, and lends them
// to the offline analyst each turn (InterviewContext::coverage, ::sessionConflicts). The analyst
// must say exactly what it says when it derives them afresh from the context, turn after turn,
// also after the person removed a requirement and settled a conflict between turns, and when the
// session leaves memory between turns (idle eviction) and is loaded again from the file.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyst/offline_analyst.hpp"
#include "core/clock.hpp"
#include "core/scheduler.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "interview/interview_service.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "store/sqlite_session_store.hpp"
#include "support/result_assertions.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

// The analyst without what the engine lends: it derives everything from the request.
class DerivingAnalyst final : public LlmClient {
 public:
  Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta,
                               std::stop_token cancel) override {
    LlmRequest alone = request;
    alone.context.coverage = nullptr;
    alone.context.sessionConflicts = nullptr;
    alone.context.sessionTexts = nullptr;
    alone.context.readiness = nullptr;
    alone.context.askedIndex = nullptr;
    return analyst_.complete(alone, onDelta, cancel);
  }
  BackendInfo info() const override { return analyst_.info(); }

 private:
  OfflineAnalyst analyst_;
};

struct Interview {
  explicit Interview(LlmClient& llm) : engine(llm, sessions, requirements, events, clock) {
    id = engine.startSession("kept")->id;
  }
  ManualClock clock{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events{clock};
  MemorySessionStore sessions;
  MemoryRequirementsStore requirements{clock};
  InterviewEngine engine;
  std::string id;

  std::string say(const std::string& message) {
    clock.advance(std::chrono::seconds(5));
    auto result = engine.processMessage(id, message);
    EXPECT_OK(result);
    return result ? result->response : std::string();
  }
  const InterviewSession session() { return **engine.getSession(id); }
};

const std::vector<std::string> kMessages{
    "We want to build a booking app for a small chain of hair salons.",
    "Customers book appointments on their phones and get a reminder the day before.",
    "Customers must sign in with Google.",
    "We must use PostgreSQL.",
    "Stylists see their own calendar for the week.",
    "Pages must load in under 2 seconds.",
    "The database will be MySQL.",
    "Keep the first one.",
    "Only managers can change opening hours.",
    "Every user can change opening hours.",
    "not sure",
    "Payments are taken in the salon, not online.",
    "What about security?",
    "Customer data must be encrypted at rest.",
    "It should run on our existing AWS account.",
    "Pages may take up to 5 seconds to load.",
    "Both.",
    "The owner wants a weekly report of bookings per stylist.",
};

TEST(EngineKeptState, TheAnalystSaysWhatItSaysWhenItDerivesEverything) {
  OfflineAnalyst lent;
  DerivingAnalyst deriving;
  Interview kept(lent);
  Interview fresh(deriving);
  for (std::size_t turn = 0; turn < kMessages.size(); ++turn) {
    SCOPED_TRACE("turn " + std::to_string(turn) + ": " + kMessages[turn]);
    ASSERT_EQ(kept.say(kMessages[turn]), fresh.say(kMessages[turn]));
    if (turn == 9) {
      // The person takes a requirement back between turns: both engines forget it.
      for (Interview* interview : {&kept, &fresh}) {
        const auto session = interview->session();
        ASSERT_GE(session.extractedRequirements.size(), 3u);
        ASSERT_OK(interview->engine.removeRequirement(interview->id, session.extractedRequirements[2].id));
      }
    }
  }
  EXPECT_EQ(kept.session().extractedRequirements.size(), fresh.session().extractedRequirements.size());
  EXPECT_GE(kept.session().extractedRequirements.size(), 10u);
  EXPECT_FALSE(kept.session().conflicts.empty());
}

template <typename T>
T opened(Result<T> store) {
  EXPECT_OK(store);
  return std::move(*store);
}

// An interview through the service on a SQLite file of its own, with idle eviction at 15 minutes.
struct StoredInterview {
  StoredInterview()
      : sessions(opened(SqliteSessionStore::open(dir.path() + "/nexus.db"))),
        requirements(opened(SqliteRequirementsStore::open(dir.path() + "/nexus.db", clock))),
        service(analyst, *sessions, *requirements, events, clock, scheduler) {
    id = service.start("kept")->id;
  }
  test::TempDir dir;
  ManualClock clock{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events{clock};
  ManualScheduler scheduler;
  OfflineAnalyst analyst;
  std::unique_ptr<SqliteSessionStore> sessions;
  std::unique_ptr<SqliteRequirementsStore> requirements;
  InterviewService service;
  std::string id;

  std::string say(const std::string& message) {
    clock.advance(std::chrono::seconds(5));
    auto result = service.sendMessage(id, message);
    EXPECT_OK(result);
    return result ? result->response : std::string();
  }
  InterviewSession session() { return **service.getSession(id); }
  // Idle past the limit, then the sweep: whether the session left memory.
  bool evictedWhenIdle() {
    clock.advance(std::chrono::minutes(16));
    return service.evictIdleSessions() == 1;
  }
};

TEST(EngineKeptState, ASessionLoadedAgainAfterEveryTurnHearsWhatOneKeptInMemoryHears) {
  StoredInterview kept;
  StoredInterview evicted;
  for (std::size_t turn = 0; turn < kMessages.size(); ++turn) {
    SCOPED_TRACE("turn " + std::to_string(turn) + ": " + kMessages[turn]);
    ASSERT_TRUE(evicted.evictedWhenIdle());
    ASSERT_EQ(evicted.say(kMessages[turn]), kept.say(kMessages[turn]));
    if (turn == 9) {
      ASSERT_TRUE(evicted.evictedWhenIdle());  // an edit loads it too
      for (StoredInterview* interview : {&kept, &evicted}) {
        const auto session = interview->session();
        ASSERT_GE(session.extractedRequirements.size(), 3u);
        ASSERT_OK(interview->service.removeRequirement(interview->id, session.extractedRequirements[2].id));
      }
    }
  }
  const InterviewSession a = kept.session();
  const InterviewSession b = evicted.session();
  EXPECT_EQ(a.extractedRequirements.size(), b.extractedRequirements.size());
  EXPECT_EQ(a.exploredAreas, b.exploredAreas);
  EXPECT_EQ(a.findings.size(), b.findings.size());
  EXPECT_EQ(a.conflicts.size(), b.conflicts.size());
  EXPECT_FALSE(b.conflicts.empty());
  // The same readiness, but for the requirements' ids (each interview made its own).
  const auto withoutIds = [](Readiness readiness) {
    for (auto& area : readiness.areas) area.requirementIds.assign(area.requirementIds.size(), "");
    return readiness;
  };
  EXPECT_EQ(withoutIds(*kept.service.getReadiness(kept.id)), withoutIds(*evicted.service.getReadiness(evicted.id)));
}

}  // namespace
}  // namespace nexus
