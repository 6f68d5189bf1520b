#include "interview/session_manager.hpp"

#include <gtest/gtest.h>

#include "events/event_types.hpp"
#include "store/memory_session_store.hpp"
#include "support/failing_store.hpp"
#include "support/scripted_llm.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;

class SessionManagerTest : public ::testing::Test {
 protected:
  SessionManagerTest() {
    saved_ = events_.subscribe(std::string(events::kSaved), [this](const Event& e) {
      savedFor_.push_back(e.payload.at("sessionId").get<std::string>());
    });
  }

  std::string start(const std::string& project = "demo") {
    auto session = engine_.startSession(project);
    EXPECT_TRUE(session.ok());
    return session->id;
  }

  ManualClock clock_{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events_{clock_};
  MemorySessionStore memory_;
  testing::FailingStore store_{memory_};
  testing::ScriptedLlm llm_;
  InterviewEngine engine_{llm_, store_, events_, clock_};
  ManualScheduler scheduler_;
  InterviewSessionManager manager_{engine_, store_, events_, scheduler_};
  std::vector<std::string> savedFor_;
  EventBus::Subscription saved_;
};

TEST_F(SessionManagerTest, SavePersistsAndAnnouncesIt) {
  InterviewSession session;
  session.id = "s1";
  session.projectId = "demo";
  ASSERT_TRUE(manager_.save(session).ok());
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
  ASSERT_TRUE(engine_.endSession(id).ok());
  EXPECT_FALSE(manager_.loadByProject("demo")->has_value());
}

TEST_F(SessionManagerTest, RemoveDeletesAndStopsAutosave) {
  const std::string id = start();
  manager_.startAutoSave(id);
  EXPECT_TRUE(*manager_.remove(id));
  EXPECT_FALSE(manager_.isAutoSaving(id));
  EXPECT_EQ(scheduler_.taskCount(), 0u);
  EXPECT_FALSE(memory_.load(id)->has_value());
  EXPECT_FALSE(engine_.getSession(id)->has_value());
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

  ASSERT_TRUE(engine_.processMessage(id, "hello").ok());
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
  ASSERT_TRUE(engine_.processMessage(id, "Users sign in with Google").ok());
  // Simulate the second write of a turn failing by making the memory store miss the reply.
  InterviewSession stale = **engine_.getSession(id);
  stale.messages.pop_back();
  ASSERT_TRUE(memory_.save(stale).ok());
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
  ASSERT_TRUE(engine_.processMessage(id, "hello").ok());
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
    InterviewSessionManager manager{engine_, store_, events_, scheduler_, 5s};
    manager.startAutoSave(id);
    ASSERT_TRUE(engine_.processMessage(id, "hello").ok());
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

}  // namespace
}  // namespace nexus
