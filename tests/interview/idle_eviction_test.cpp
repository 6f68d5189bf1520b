// Idle sessions leave memory (issue 14, part 5): InterviewService's sweep drops a session that no
// call touched for the limit, never while a turn or a write is under way and only once it is
// saved, and the next call loads it again with all it had. On a real SQLite file; time and the
// sweep move by hand (a watched ManualClock, ManualScheduler), so nothing here waits on a timer.

#include <gtest/gtest.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/scheduler.hpp"
#include "events/event_bus.hpp"
#include "events/event_types.hpp"
#include "interview/interview_service.hpp"
#include "store/session_store_wrapper.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "store/sqlite_session_store.hpp"
#include "support/failing_session_store.hpp"
#include "support/gate.hpp"
#include "support/raw_sqlite.hpp"
#include "support/result_assertions.hpp"
#include "support/scripted_llm.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;

std::string requirementTag(std::string_view text, std::string_view area) {
  return "<requirement><text>" + std::string(text) +
         "</text><category>functional</category><priority>must</priority><confidence>0.9</confidence><area>" +
         std::string(area) + "</area></requirement>";
}

template <typename T>
T opened(Result<T> store) {
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

// Saves wait at the gate while it is closed: where a test holds a write under way.
class GatedSaves final : public SessionStoreWrapper {
 public:
  using SessionStoreWrapper::SessionStoreWrapper;
  Result<void> save(const InterviewSession& session) override {
    gate.pass();
    return SessionStoreWrapper::save(session);
  }
  test::Gate gate;
};

// A ManualClock that counts its readings: the engine reads the clock as it finds a session for a
// call, which tells a test that the call holds the session's slot. Thread-safe.
class WatchedClock final : public Clock {
 public:
  explicit WatchedClock(Timestamp start) : clock_(start) {}
  Timestamp now() const override {
    {
      std::lock_guard lock(mutex_);
      ++reads_;
    }
    changed_.notify_all();
    return clock_.now();
  }
  void advance(std::chrono::milliseconds by) { clock_.advance(by); }
  std::size_t reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
  }
  void waitForReads(std::size_t count) const {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return reads_ >= count; });
  }

 private:
  ManualClock clock_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  mutable std::size_t reads_ = 0;
};

class IdleEvictionTest : public ::testing::Test {
 protected:
  static constexpr std::chrono::milliseconds kIdle = 15min;

  IdleEvictionTest() {
    errors_ = events_.subscribe(std::string(events::kSystemError), [this](const Event& e) {
      std::lock_guard lock(errorsMutex_);
      errors_seen_.push_back(e.payload);
    });
    makeService(kIdle);
  }

  void makeService(std::chrono::milliseconds idle) {
    service_.reset();
    InterviewServiceOptions options;
    options.idleEviction = idle;
    service_.emplace(llm_, store_, *requirements_, events_, clock_, scheduler_, options);
  }

  std::string start() {
    auto session = service_->start("demo");
    EXPECT_OK(session);
    return session.ok() ? session->id : "";
  }
  InterviewSession current(const std::string& id) {
    auto session = service_->getSession(id);
    EXPECT_OK(session);
    return session.ok() && session->has_value() ? **session : InterviewSession{};
  }
  // The session as the file has it, read over a connection of its own (as another process would).
  InterviewSession stored(const std::string& id) {
    auto other = SqliteSessionStore::open(path());
    EXPECT_OK(other);
    auto session = (*other)->load(id);
    EXPECT_OK(session);
    return session.ok() && session->has_value() ? **session : InterviewSession{};
  }
  bool inMemory(const std::string& id) { return service_->engine().holdsActive(id); }
  bool autosaving(const std::string& id) { return service_->sessions().isAutoSaving(id); }
  std::string claims(const std::string& id) {
    return test::RawSqlite(path()).text("SELECT count(*) FROM session_claims WHERE session_id = '" + id + "'");
  }
  // Time passes beyond the limit, then one sweep runs (on this thread).
  std::size_t sweepAfterIdle() {
    clock_.advance(kIdle + 1s);
    return service_->evictIdleSessions();
  }
  // A turn whose own write fails: the reply stands, in memory only.
  void turnSavedOnlyInMemory(const std::string& id, const std::string& message) {
    llm_.hold();
    const std::size_t calls = llm_.requests().size();
    std::thread turn([&] { EXPECT_OK(service_->sendMessage(id, message)); });
    llm_.waitForCalls(calls + 1);  // the person's message is stored by now
    failing_.failSaves(true);
    llm_.release();
    turn.join();
    failing_.failSaves(false);
  }
  std::vector<nlohmann::json> errors() {
    std::lock_guard lock(errorsMutex_);
    return errors_seen_;
  }
  std::string path() const { return dir_.path() + "/nexus.db"; }

  test::TempDir dir_;
  WatchedClock clock_{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events_{clock_};
  std::unique_ptr<SqliteSessionStore> sqlite_ = opened(SqliteSessionStore::open(path()));
  test::FailingSessionStore failing_{*sqlite_};
  GatedSaves store_{failing_};
  std::unique_ptr<SqliteRequirementsStore> requirements_ = opened(SqliteRequirementsStore::open(path(), clock_));
  test::ScriptedLlm llm_;
  ManualScheduler scheduler_;
  std::mutex errorsMutex_;
  std::vector<nlohmann::json> errors_seen_;
  EventBus::Subscription errors_;
  std::optional<InterviewService> service_;  // last: gone before the parts it runs on
};

TEST_F(IdleEvictionTest, AnIdleSessionIsDroppedFromMemoryAndLoadedAgainWithAllItHad) {
  const std::string id = start();
  llm_.reply("Noted. " + requirementTag("Users sign in with Google", "authentication") + " Who are the users?");
  ASSERT_OK(service_->sendMessage(id, "Users sign in with Google"));
  llm_.reply("Noted. " + requirementTag("Admins export the monthly report as CSV", "reporting") + " How often?");
  ASSERT_OK(service_->sendMessage(id, "Admins export the monthly report as CSV"));
  const InterviewSession before = current(id);
  ASSERT_EQ(before.extractedRequirements.size(), 2u);
  EXPECT_EQ(claims(id), "1");

  // The scheduler's sweep: not yet idle long enough, then idle.
  const auto sweep = InterviewService::idleSweepInterval(kIdle);
  EXPECT_EQ(sweep, 60s);
  clock_.advance(kIdle - 1s);
  scheduler_.advance(sweep);
  EXPECT_TRUE(inMemory(id));
  clock_.advance(2s);
  scheduler_.advance(sweep);
  EXPECT_FALSE(inMemory(id));
  EXPECT_FALSE(autosaving(id));
  EXPECT_EQ(claims(id), "0") << "the claim is released, as forget() does";
  EXPECT_EQ(stored(id), before);
  EXPECT_EQ(current(id), before) << "read from the store now";

  // The next turn loads it again: history, requirements, and what the engine derives from them
  // (a near-duplicate of a requirement from before the eviction is not captured twice).
  llm_.reply("Right. " + requirementTag("Users sign in with Google", "authentication") +
             requirementTag("Stylists see their calendar for the week", "scheduling") + " Anything else?");
  auto turn = service_->sendMessage(id, "Stylists see their calendar for the week, and sign-in is with Google");
  ASSERT_OK(turn);
  ASSERT_EQ(turn->extractedRequirements.size(), 1u);
  EXPECT_EQ(turn->extractedRequirements[0].text, "Stylists see their calendar for the week");
  const LlmRequest request = llm_.requests().back();
  EXPECT_EQ(request.context.requirements, before.extractedRequirements);
  EXPECT_EQ(request.context.askedQuestions.size(), 3u) << "the greeting and both replies";
  // The whole history but the greeting (a request starts with the person), then the new message.
  ASSERT_EQ(request.messages.size(), before.messages.size());
  for (std::size_t i = 1; i < before.messages.size(); ++i) {
    EXPECT_EQ(request.messages[i - 1].content, before.messages[i].content);
  }
  EXPECT_TRUE(inMemory(id));
  EXPECT_TRUE(autosaving(id)) << "loaded again, it is autosaved again";
  EXPECT_EQ(claims(id), "1");
  const InterviewSession after = current(id);
  EXPECT_EQ(after.messages.size(), before.messages.size() + 2);
  EXPECT_EQ(after.extractedRequirements.size(), 3u);
  EXPECT_EQ(stored(id), after);
}

TEST_F(IdleEvictionTest, EveryCallForTheSessionKeepsItInMemory) {
  const std::string id = start();
  const std::string other = start();
  clock_.advance(kIdle - 1min);
  ASSERT_OK(service_->getSession(id));
  clock_.advance(2min);
  EXPECT_EQ(service_->evictIdleSessions(), 1u);
  EXPECT_TRUE(inMemory(id)) << "getSession touched it";
  EXPECT_FALSE(inMemory(other));
  clock_.advance(kIdle - 1min);
  ASSERT_OK(service_->getReadiness(id));
  clock_.advance(2min);
  EXPECT_EQ(service_->evictIdleSessions(), 0u) << "getReadiness touched it";
  clock_.advance(kIdle - 1min);
  ASSERT_OK(service_->sendMessage(id, "Users sign in with Google"));
  clock_.advance(2min);
  EXPECT_EQ(service_->evictIdleSessions(), 0u) << "a turn touched it";
  EXPECT_EQ(sweepAfterIdle(), 1u);
}

TEST_F(IdleEvictionTest, ASessionWithATurnInFlightIsNotEvicted) {
  const std::string id = start();
  llm_.hold();
  std::thread turn([&] { EXPECT_OK(service_->sendMessage(id, "Users sign in with Google")); });
  llm_.waitForCalls(1);
  EXPECT_EQ(sweepAfterIdle(), 0u);
  EXPECT_EQ(sweepAfterIdle(), 0u);
  EXPECT_TRUE(inMemory(id));
  llm_.release();
  turn.join();
  EXPECT_EQ(service_->evictIdleSessions(), 0u) << "idle only from when the turn ended";
  EXPECT_EQ(sweepAfterIdle(), 1u);
  EXPECT_EQ(stored(id).messages.size(), 3u);
}

TEST_F(IdleEvictionTest, ASessionWithAWriteUnderWayIsNotEvicted) {
  const std::string id = start();
  store_.gate.close();
  std::thread pause([&] { EXPECT_OK(service_->pause(id)); });
  store_.gate.waitUntilACallWaits();
  // The sweep does not wait for the write: it leaves the session for the next one.
  EXPECT_EQ(sweepAfterIdle(), 0u);
  store_.gate.open();
  pause.join();
  EXPECT_EQ(service_->evictIdleSessions(), 1u) << "the write done, the next sweep takes it (paused ones too)";
  EXPECT_EQ(stored(id).status, SessionStatus::Paused);
}

TEST_F(IdleEvictionTest, WhatOnlyMemoryHasIsSavedBeforeTheSessionLeaves) {
  const std::string clean = start();
  const std::string id = start();
  turnSavedOnlyInMemory(id, "Users sign in with Google");
  ASSERT_EQ(errors().size(), 1u) << "the failed write of the turn was reported";
  const InterviewSession inMemoryOnly = current(id);
  ASSERT_EQ(inMemoryOnly.messages.size(), 3u);
  ASSERT_EQ(stored(id).messages.size(), 2u) << "the reply is in memory only";

  const int saves = failing_.saves();
  EXPECT_EQ(sweepAfterIdle(), 2u);
  EXPECT_EQ(failing_.saves(), saves + 1) << "the unsaved session is written; the saved one is not written again";
  EXPECT_FALSE(inMemory(id));
  EXPECT_FALSE(inMemory(clean));
  EXPECT_EQ(stored(id), inMemoryOnly);
  EXPECT_EQ(current(id), inMemoryOnly);
}

TEST_F(IdleEvictionTest, AnIdleSessionThatCannotBeSavedStaysInMemory) {
  const std::string id = start();
  turnSavedOnlyInMemory(id, "Users sign in with Google");
  const InterviewSession inMemoryOnly = current(id);
  failing_.failSaves(true);
  EXPECT_EQ(sweepAfterIdle(), 0u);
  EXPECT_TRUE(inMemory(id));
  EXPECT_TRUE(autosaving(id));
  EXPECT_EQ(claims(id), "1");
  const auto reported = errors();
  ASSERT_EQ(reported.size(), 2u);  // the turn's write, then the sweep's
  EXPECT_EQ(reported[1]["sessionId"], id);
  EXPECT_EQ(reported[1]["code"], "storage-failed");
  EXPECT_NE(reported[1]["message"].get<std::string>().find("idle session could not be saved"), std::string::npos)
      << reported[1].dump();

  failing_.failSaves(false);
  EXPECT_EQ(service_->evictIdleSessions(), 1u) << "the next sweep saves it and lets it go";
  EXPECT_EQ(stored(id), inMemoryOnly);
}

TEST_F(IdleEvictionTest, ZeroKeepsEverySessionInMemory) {
  makeService(0ms);
  const std::string id = start();
  EXPECT_EQ(scheduler_.taskCount(), 1u) << "its autosave, and no sweep";
  clock_.advance(24h * 30);
  scheduler_.advance(1h);
  EXPECT_EQ(service_->evictIdleSessions(), 0u);
  EXPECT_TRUE(inMemory(id));
}

TEST_F(IdleEvictionTest, ACallThatFoundTheSessionAsTheSweepDroppedItLoadsItAgainAndLosesNothing) {
  const std::string id = start();
  turnSavedOnlyInMemory(id, "Users sign in with Google");
  // The sweep holds the session's locks while it writes what only memory has...
  store_.gate.close();
  clock_.advance(kIdle + 1s);
  std::size_t evicted = 0;
  std::thread sweep([&] { evicted = service_->evictIdleSessions(); });
  store_.gate.waitUntilACallWaits();
  // ...when a turn comes: it has found the slot (it read the clock to touch it) and waits for it.
  const std::size_t reads = clock_.reads();
  std::thread turn([&] { EXPECT_OK(service_->sendMessage(id, "Admins export the monthly report as CSV")); });
  clock_.waitForReads(reads + 1);
  store_.gate.open();
  sweep.join();
  turn.join();
  EXPECT_EQ(evicted, 1u);
  EXPECT_TRUE(inMemory(id)) << "the turn loaded the session again instead of talking in the dropped slot";
  EXPECT_TRUE(autosaving(id));
  EXPECT_EQ(claims(id), "1");
  const InterviewSession after = current(id);
  ASSERT_EQ(after.messages.size(), 5u) << "greeting, both messages, both replies";
  EXPECT_EQ(after.messages[1].content, "Users sign in with Google");
  EXPECT_EQ(after.messages[3].content, "Admins export the monthly report as CSV");
  EXPECT_EQ(stored(id), after);
  // And the next call works on the same state.
  ASSERT_OK(service_->sendMessage(id, "Stylists see their calendar"));
  EXPECT_EQ(stored(id).messages.size(), 7u);
}

}  // namespace
}  // namespace nexus
