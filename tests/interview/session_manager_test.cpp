#include "interview/session_manager.hpp"

#include <gtest/gtest.h>

#include "events/event_types.hpp"
#include "support/interview_fixture.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;

class SessionManagerTest : public test::InterviewFixture {
 protected:
  SessionManagerTest() {
    saved_ = events_.subscribe(std::string(events::kSaved), [this](const Event& e) {
      savedFor_.push_back(e.payload.at("sessionId").get<std::string>());
    });
  }

  std::string start(const std::string& project = "demo") {
    auto session = engine_.startSession(project);
    EXPECT_OK(session);
    return session->id;
  }

  InterviewEngine engine_{llm_, store_, requirements_, events_, clock_};
  InterviewSessionManager manager_{engine_, store_, requirements_, events_, scheduler_};
  std::vector<std::string> savedFor_;
  EventBus::Subscription saved_;
};

TEST_F(SessionManagerTest, SavePersistsAndAnnouncesIt) {
  InterviewSession session;
  session.id = "s1";
  session.projectId = "demo";
  ASSERT_OK(manager_.save(session));
  EXPECT_EQ(**memory_.load("s1"), session);
  EXPECT_EQ(savedFor_, std::vector<std::string>{"s1"});
}

TEST_F(SessionManagerTest, LoadsByIdAndUnknownIsEmpty) {
  const std::string id = start();
  auto loaded = manager_.load(id);
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->id, id);
  EXPECT_FALSE(manager_.load("unknown")->has_value());
}

TEST_F(SessionManagerTest, LoadByProjectFindsTheOpenSessionOnly) {
  EXPECT_FALSE(manager_.loadByProject("demo")->has_value());
  const std::string id = start();
  EXPECT_EQ((*manager_.loadByProject("demo"))->id, id);
  ASSERT_OK(engine_.endSession(id));
  EXPECT_FALSE(manager_.loadByProject("demo")->has_value());
}

// Dropping the session from the engine as well is InterviewService's part (its tests).
TEST_F(SessionManagerTest, RemoveDeletesFromTheStoreAndStopsAutosave) {
  const std::string id = start();
  manager_.startAutoSave(id);
  EXPECT_TRUE(*manager_.remove(id));
  EXPECT_FALSE(manager_.isAutoSaving(id));
  EXPECT_EQ(scheduler_.taskCount(), 0u);
  EXPECT_FALSE(memory_.load(id)->has_value());
  EXPECT_FALSE(*manager_.remove(id));
}

TEST_F(SessionManagerTest, AutosaveFiresEveryIntervalAndOnlyWhenSomethingChanged) {
  const std::string id = start();
  manager_.startAutoSave(id);
  manager_.startAutoSave(id);  // harmless
  EXPECT_EQ(scheduler_.taskCount(), 1u);
  const int before = store_.saves();
  scheduler_.advance(29'999ms);
  EXPECT_EQ(store_.saves(), before);
  scheduler_.advance(1ms);
  EXPECT_EQ(store_.saves(), before + 1);  // the first tick writes what it has not seen saved
  EXPECT_EQ(savedFor_, std::vector<std::string>{id});
  scheduler_.advance(60s);
  EXPECT_EQ(store_.saves(), before + 1);  // nothing changed: nothing written

  ASSERT_OK(engine_.processMessage(id, "hello"));
  const int afterTurn = store_.saves();
  scheduler_.advance(30s);
  EXPECT_EQ(store_.saves(), afterTurn + 1);
  EXPECT_EQ(savedFor_.size(), 2u);
}

TEST_F(SessionManagerTest, AutosavesSeveralSessionsAtOnce) {
  const std::string a = start("one");
  const std::string b = start("two");
  manager_.startAutoSave(a);
  manager_.startAutoSave(b);
  scheduler_.advance(30s);
  std::sort(savedFor_.begin(), savedFor_.end());
  std::vector<std::string> expected{a, b};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(savedFor_, expected);
}

TEST_F(SessionManagerTest, AFailedWriteIsRetriedByTheNextAutosave) {
  const std::string id = start();
  manager_.startAutoSave(id);
  scheduler_.advance(30s);
  llm_.reply("Got it. Anything else?");
  // The turn's own write fails after the reply: the turn lives only in memory.
  store_.failSaves(false);
  ASSERT_OK(engine_.processMessage(id, "Users sign in with Google"));
  // Simulate the second write of a turn failing by making the memory store miss the reply.
  InterviewSession stale = **engine_.getSession(id);
  stale.messages.pop_back();
  ASSERT_OK(memory_.save(stale));
  store_.failSaves(true);
  scheduler_.advance(30s);  // fails, reported
  EXPECT_EQ((**memory_.load(id)).messages.size(), stale.messages.size());
  store_.failSaves(false);
  scheduler_.advance(30s);  // retried
  EXPECT_EQ((**memory_.load(id)).messages.size(), stale.messages.size() + 1);
}

TEST_F(SessionManagerTest, StopAutoSaveFlushesAndStopsTicking) {
  const std::string id = start();
  manager_.startAutoSave(id);
  ASSERT_OK(engine_.processMessage(id, "hello"));
  const int before = store_.saves();
  manager_.stopAutoSave(id);
  EXPECT_EQ(store_.saves(), before + 1);  // the final flush
  EXPECT_EQ(scheduler_.taskCount(), 0u);
  scheduler_.advance(10min);
  EXPECT_EQ(store_.saves(), before + 1);
}

TEST_F(SessionManagerTest, ShutdownFlushesEveryAutosavedSession) {
  const std::string id = start();
  {
    InterviewSessionManager manager{engine_, store_, requirements_, events_, scheduler_, 5s};
    manager.startAutoSave(id);
    ASSERT_OK(engine_.processMessage(id, "hello"));
    savedFor_.clear();
  }
  EXPECT_EQ(savedFor_, std::vector<std::string>{id});
  EXPECT_EQ(scheduler_.taskCount(), 0u);
}

TEST_F(SessionManagerTest, ListsSummaries) {
  start("one");
  start("two");
  EXPECT_EQ(manager_.list()->size(), 2u);
  EXPECT_EQ(manager_.list("one")->size(), 1u);
}

// A session recorded before the requirements database existed (or by a turn whose recording
// failed) reaches it by export, every requirement traceable to its session and message.
TEST_F(SessionManagerTest, ExportToRequirementsDbRecordsEveryRequirementWithItsSourceOnce) {
  InterviewSession session;
  session.id = "s1";
  session.projectId = "demo";
  session.messages = {{"m1", MessageRole::User, "Users sign in with Google and pay by card", clock_.now(),
                       std::vector<std::string>{"r1", "r2"}, std::nullopt},
                      {"m2", MessageRole::User, "Pages load in under 2 seconds", clock_.now(),
                       std::vector<std::string>{"r3"}, std::nullopt}};
  session.extractedRequirements = {
      {"r1", "Users sign in with Google", RequirementCategory::Functional, Priority::Must, 0.9, "authentication", "m1"},
      {"r2", "Users pay by card", RequirementCategory::Functional, Priority::Should, 0.8, std::nullopt, "m1"},
      {"r3", "Pages load in under 2 seconds", RequirementCategory::NonFunctional, Priority::Should, 0.85,
       "performance", "m2"}};
  ASSERT_OK(manager_.save(session));

  auto exported = manager_.exportToRequirementsDB("s1");
  ASSERT_OK(exported);
  EXPECT_EQ(exported->total(), 3u);
  EXPECT_EQ(exported->added, 3u);
  const auto stored = *requirements_.list("demo");
  ASSERT_EQ(stored.size(), 3u);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const ExtractedRequirement& original = session.extractedRequirements[i];
    EXPECT_EQ(stored[i].text, original.text);
    EXPECT_EQ(stored[i].category, original.category);
    EXPECT_EQ(stored[i].priority, original.priority);
    EXPECT_EQ(stored[i].confidence, original.confidence);
    EXPECT_EQ(stored[i].area, original.area);
    ASSERT_EQ(stored[i].sources.size(), 1u);
    EXPECT_EQ(stored[i].sources[0].source, "interview:s1");
    EXPECT_EQ(stored[i].sources[0].messageId, original.sourceMessageId);
    EXPECT_EQ(stored[i].sources[0].originId, original.id);
  }

  auto again = manager_.exportToRequirementsDB("s1");
  ASSERT_OK(again);
  EXPECT_EQ(*again, (ExportCounts{0, 0, 3}));
  EXPECT_EQ(again->total(), 3u);
  EXPECT_EQ(*requirements_.list("demo"), stored);  // nothing added, nothing touched
}

TEST_F(SessionManagerTest, ExportOfAnUnknownSessionIsNotFound) {
  auto exported = manager_.exportToRequirementsDB("nope");
  ASSERT_FALSE(exported.ok());
  EXPECT_EQ(exported.error().code, ErrorCode::NotFound);
  EXPECT_EQ(exported.error().message, "No interview session with id \"nope\"");
}

TEST_F(SessionManagerTest, ExportCountsTheEnginesLiveSession) {
  const std::string id = start();
  llm_.reply("Which providers?\n<requirement><text>Users sign in with Google</text><category>functional</category>"
             "<priority>must</priority><confidence>0.9</confidence><area>authentication</area></requirement>");
  ASSERT_OK(engine_.processMessage(id, "Users must sign in with Google"));
  auto exported = manager_.exportToRequirementsDB(id);
  ASSERT_OK(exported);
  EXPECT_EQ(*exported, (ExportCounts{0, 0, 1}));  // the turn recorded it already
  EXPECT_EQ(requirements_.list("demo")->size(), 1u);
}

}  // namespace
}  // namespace nexus
