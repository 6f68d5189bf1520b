// The engine keeps what the interview covered and its conflict index per session, and lends them
// to the offline analyst each turn (InterviewContext::coverage, ::sessionConflicts). The analyst
// must say exactly what it says when it derives them afresh from the context, turn after turn,
// also after the person removed a requirement and settled a conflict between turns.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyst/offline_analyst.hpp"
#include "core/clock.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"
#include "support/result_assertions.hpp"

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
    alone.context.basics = nullptr;
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

}  // namespace
}  // namespace nexus
