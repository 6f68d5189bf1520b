#include "interview/interview_service.hpp"

#include <gtest/gtest.h>

#include "events/event_types.hpp"
#include "support/interview_fixture.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;

class InterviewServiceTest : public test::InterviewFixture {
 protected:
  InterviewServiceTest() {
    for (const auto type : {events::kPaused, events::kSaved, events::kCompleted, events::kResumed}) {
      subscriptions_.push_back(events_.subscribe(std::string(type), [this](const Event& e) {
        seen_.push_back(e.type);
      }));
    }
  }

  std::string start(const std::string& project = "demo") {
    auto session = service_.start(project);
    EXPECT_OK(session);
    return session.ok() ? session->id : "";
  }
  bool autosaving(const std::string& id) { return service_.sessions().isAutoSaving(id); }
  SessionStatus storedStatus(const std::string& id) { return (**memory_.load(id)).status; }
  // Whether the service answers from memory: the store no longer has it, but the service does.
  bool inMemory(const std::string& id) {
    const auto stored = memory_.load(id);
    if (!stored.ok() || !stored->has_value()) return false;
    EXPECT_OK(memory_.remove(id));
    const bool held = service_.getSession(id)->has_value();
    EXPECT_OK(memory_.save(**stored));
    return held;
  }

  // The scheduler's tasks besides the autosaves: the service's idle sweep (on by default).
  static constexpr std::size_t kSweep = 1;

  InterviewService service_{llm_, store_, requirements_, events_, clock_, scheduler_};
  std::vector<std::string> seen_;
  std::vector<EventBus::Subscription> subscriptions_;
};

TEST_F(InterviewServiceTest, AStartedSessionIsAutosaved) {
  const std::string id = start();
  EXPECT_TRUE(autosaving(id));
  EXPECT_EQ(scheduler_.taskCount(), 1u + kSweep);
  EXPECT_EQ(storedStatus(id), SessionStatus::Active);
}

TEST_F(InterviewServiceTest, PauseSavesThenStopsAutosaveAndKeepsTheSession) {
  const std::string id = start();
  ASSERT_OK(service_.sendMessage(id, "Users sign in with Google"));
  seen_.clear();
  auto paused = service_.pause(id);
  ASSERT_OK(paused);
  EXPECT_EQ(paused->status, SessionStatus::Paused);
  EXPECT_EQ(storedStatus(id), SessionStatus::Paused);
  EXPECT_FALSE(autosaving(id));
  EXPECT_EQ(scheduler_.taskCount(), kSweep);
  // The transition first, then autosave's final flush: the same order for every front end.
  EXPECT_EQ(seen_, (std::vector<std::string>{std::string(events::kPaused), std::string(events::kSaved)}));
  EXPECT_TRUE(inMemory(id)) << "a paused session is resumed without loading it";
}

TEST_F(InterviewServiceTest, APauseThatCannotBeSavedKeepsTheSessionActiveAndAutosaved) {
  const std::string id = start();
  store_.failSaves(true);
  auto paused = service_.pause(id);
  ASSERT_FALSE(paused.ok());
  EXPECT_EQ(paused.error().code, ErrorCode::StorageFailed);
  EXPECT_TRUE(autosaving(id));
  EXPECT_EQ((**service_.getSession(id)).status, SessionStatus::Active);
}

TEST_F(InterviewServiceTest, ResumeMakesItActiveAndAutosavedAgain) {
  const std::string id = start();
  ASSERT_OK(service_.pause(id));
  auto resumed = service_.resume(id);
  ASSERT_OK(resumed);
  EXPECT_EQ(resumed->status, SessionStatus::Active);
  EXPECT_TRUE(autosaving(id));
  EXPECT_EQ(storedStatus(id), SessionStatus::Active);
}

TEST_F(InterviewServiceTest, ResumeOfAnUnknownOrCompletedSessionSaysWhy) {
  auto unknown = service_.resume("no-such-session");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  const std::string id = start();
  ASSERT_OK(service_.end(id));
  auto completed = service_.resume(id);
  ASSERT_FALSE(completed.ok());
  EXPECT_EQ(completed.error().code, ErrorCode::NotActive);
  EXPECT_FALSE(autosaving(id));
}

TEST_F(InterviewServiceTest, ResumeByProjectAutosavesTheSessionItFinds) {
  auto none = service_.resumeByProject("demo");
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(scheduler_.taskCount(), kSweep);
  const std::string id = start();
  ASSERT_OK(service_.pause(id));
  auto found = service_.resumeByProject("demo");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
  EXPECT_TRUE(autosaving(id));
}

TEST_F(InterviewServiceTest, EndCompletesFlushesAndDropsTheSessionFromMemory) {
  const std::string id = start();
  ASSERT_OK(service_.sendMessage(id, "Users sign in with Google"));
  seen_.clear();
  auto ended = service_.end(id);
  ASSERT_OK(ended);
  EXPECT_EQ(ended->status, SessionStatus::Completed);
  EXPECT_EQ(storedStatus(id), SessionStatus::Completed);
  EXPECT_FALSE(autosaving(id));
  EXPECT_EQ(seen_, (std::vector<std::string>{std::string(events::kCompleted), std::string(events::kSaved)}));
  EXPECT_FALSE(inMemory(id)) << "a completed session is read from the store";
  EXPECT_EQ((**service_.getSession(id)).status, SessionStatus::Completed);
}

TEST_F(InterviewServiceTest, RemoveStopsAutosaveWithoutAFlushAndDeletesEverywhere) {
  const std::string id = start();
  ASSERT_OK(service_.sendMessage(id, "Users sign in with Google"));
  const int saves = store_.saves();
  auto removed = service_.remove(id);
  ASSERT_OK(removed);
  EXPECT_TRUE(*removed);
  EXPECT_EQ(store_.saves(), saves) << "nothing is flushed for a session that is going away";
  EXPECT_FALSE(autosaving(id));
  EXPECT_EQ(scheduler_.taskCount(), kSweep);
  EXPECT_FALSE(memory_.load(id)->has_value());
  EXPECT_FALSE(service_.getSession(id)->has_value());
  EXPECT_FALSE(*service_.remove(id));
}

TEST_F(InterviewServiceTest, ForgetFlushesAndLeavesTheStoredSessionAsItIs) {
  const std::string id = start();
  ASSERT_OK(service_.sendMessage(id, "Users sign in with Google"));
  service_.forget(id);
  EXPECT_FALSE(autosaving(id));
  EXPECT_FALSE(inMemory(id));
  auto stored = service_.getSession(id);
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->status, SessionStatus::Active);
  EXPECT_EQ((*stored)->messages.size(), 3u);
  EXPECT_OK(service_.resume(id));  // and it can be taken up again
}

TEST_F(InterviewServiceTest, GoingAwayFlushesEveryAutosavedSession) {
  const std::string id = start();
  {
    InterviewService other{llm_, store_, requirements_, events_, clock_, scheduler_};
    auto session = other.resume(id);
    ASSERT_OK(session);
    seen_.clear();
  }
  EXPECT_EQ(seen_, std::vector<std::string>{std::string(events::kSaved)});
  EXPECT_EQ(scheduler_.taskCount(), 1u + kSweep) << "only the first service's autosave and idle sweep are left";
}

}  // namespace
}  // namespace nexus
