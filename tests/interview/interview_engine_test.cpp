#include "interview/interview_engine.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <thread>

#include "core/json.hpp"
#include "events/event_types.hpp"
#include "interview/requirements_export.hpp"
#include "store/session_store_wrapper.hpp"
#include "support/failing_requirements_store.hpp"
#include "support/gate.hpp"
#include "support/interview_fixture.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

std::string requirementTag(std::string_view text, std::string_view category, std::string_view priority,
                           std::string_view confidence, std::string_view area) {
  return "<requirement><text>" + std::string(text) + "</text><category>" + std::string(category) +
         "</category><priority>" + std::string(priority) + "</priority><confidence>" + std::string(confidence) +
         "</confidence>" + (area.empty() ? "" : "<area>" + std::string(area) + "</area>") + "</requirement>";
}

class EngineTest : public test::InterviewFixture {
 protected:
  EngineTest() {
    all_ = events_.subscribeAll([this](const Event& e) {
      std::lock_guard lock(eventsMutex_);
      seen_.push_back(e);
    });
  }

  std::string start(InterviewEngine& engine) {
    auto session = engine.startSession("demo");
    EXPECT_OK(session);
    return session->id;
  }

  std::vector<std::string> eventTypes() {
    std::lock_guard lock(eventsMutex_);
    std::vector<std::string> types;
    for (const auto& e : seen_) types.push_back(e.type);
    return types;
  }
  std::vector<Event> eventsOf(std::string_view type) {
    std::lock_guard lock(eventsMutex_);
    std::vector<Event> out;
    for (const auto& e : seen_) {
      if (e.type == type) out.push_back(e);
    }
    return out;
  }

  InterviewEngine engine_{llm_, store_, requirements_, events_, clock_};
  std::mutex eventsMutex_;
  std::vector<Event> seen_;
  EventBus::Subscription all_;
};

TEST_F(EngineTest, StartCreatesAnActiveSessionWithTheGreeting) {
  auto session = engine_.startSession("demo");
  ASSERT_OK(session);
  EXPECT_EQ(session->projectId, "demo");
  EXPECT_EQ(session->status, SessionStatus::Active);
  EXPECT_EQ(session->mode, InterviewMode::Genesis);
  ASSERT_EQ(session->messages.size(), 1u);
  EXPECT_EQ(session->messages[0].role, MessageRole::Assistant);
  EXPECT_EQ(session->messages[0].content, InterviewEngine::getGreeting(InterviewMode::Genesis));
  EXPECT_EQ(session->startedAt, clock_.now());
  EXPECT_EQ(eventTypes(), (std::vector<std::string>{"interview:started", "interview:question-asked"}));
  auto stored = memory_.load(session->id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ(**stored, *session);
}

TEST_F(EngineTest, StartRefusesABadProjectId) {
  auto session = engine_.startSession("no spaces please");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(session.error().message.find("Project id"), std::string::npos);
  EXPECT_FALSE(engine_.startSession("").ok());
}

TEST_F(EngineTest, EvolutionNeedsContextAndPutsItInThePrompt) {
  auto refused = engine_.startSession("demo", {InterviewMode::Evolution, std::nullopt});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);

  auto session = engine_.startSession(
      "demo", {InterviewMode::Evolution, EvolutionContext{"/repo/shop", "src/cart.cpp: Cart", "An online shop"}});
  ASSERT_OK(session);
  EXPECT_EQ(session->messages[0].content, InterviewEngine::getGreeting(InterviewMode::Evolution));
  ASSERT_OK(engine_.processMessage(session->id, "Add gift cards"));
  const auto request = llm_.requests().back();
  EXPECT_NE(request.systemPrompt.find("An online shop"), std::string::npos);
  EXPECT_NE(request.systemPrompt.find("src/cart.cpp: Cart"), std::string::npos);
  EXPECT_NE(request.systemPrompt.find("/repo/shop"), std::string::npos);
  EXPECT_EQ(request.context.mode, InterviewMode::Evolution);
}

TEST_F(EngineTest, GreetingsDifferByMode) {
  EXPECT_NE(InterviewEngine::getGreeting(InterviewMode::Genesis), InterviewEngine::getGreeting(InterviewMode::Evolution));
  EXPECT_NE(InterviewEngine::getGreeting(InterviewMode::Genesis).find('?'), std::string::npos);
}

TEST_F(EngineTest, ATurnCapturesRequirementsAndShowsCleanText) {
  const std::string id = start(engine_);
  llm_.reply("<thinking>they said Google</thinking>Got it. Which other providers?\n" +
             requirementTag("Users sign in with Google", "functional", "must", "0.9", "Authentication"));
  auto result = engine_.processMessage(id, "  Users must sign in with Google  ");
  ASSERT_OK(result);
  EXPECT_EQ(result->response, "Got it. Which other providers?");
  ASSERT_EQ(result->extractedRequirements.size(), 1u);
  const auto& r = result->extractedRequirements[0];
  EXPECT_EQ(r.category, RequirementCategory::Functional);
  EXPECT_EQ(r.priority, Priority::Must);
  EXPECT_EQ(r.area, "authentication");

  auto session = **engine_.getSession(id);
  ASSERT_EQ(session.messages.size(), 3u);
  const auto& user = session.messages[1];
  EXPECT_EQ(user.content, "Users must sign in with Google");
  EXPECT_EQ(r.sourceMessageId, user.id);
  EXPECT_EQ(user.requirementsExtracted, std::vector<std::string>{r.id});
  EXPECT_EQ(session.messages[2].content, "Got it. Which other providers?");
  EXPECT_FALSE(session.messages[2].requirementsExtracted.has_value());
  EXPECT_EQ(session.exploredAreas, std::vector<std::string>{"authentication"});
  EXPECT_EQ(session.extractedRequirements, result->extractedRequirements);
}

TEST_F(EngineTest, TheRawModelOutputAndItsCostAreKeptWithTheReplyForAudit) {
  const std::string id = start(engine_);
  const std::string raw = "<thinking>auth first</thinking>Which providers?\n" +
                          requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication");
  llm_.reply(LlmResponse{raw, "claude-test-1", "max_tokens", TokenUsage{1200, 80, 1000, 150}});
  ASSERT_OK(engine_.processMessage(id, "Users must sign in with Google"));

  const auto session = **engine_.getSession(id);
  ASSERT_EQ(session.messages.size(), 3u);
  EXPECT_FALSE(session.messages[0].modelOutput.has_value());  // the greeting is ours, not the model's
  EXPECT_FALSE(session.messages[1].modelOutput.has_value());
  EXPECT_EQ(session.messages[2].content, "Which providers?");
  EXPECT_EQ(session.messages[2].modelOutput,
            (ModelOutput{raw, "claude-test-1", "max_tokens", TokenUsage{1200, 80, 1000, 150}}));
  EXPECT_EQ(**memory_.load(id), session);  // stored with the turn
  // Front ends see the display text only.
  EXPECT_EQ(nlohmann::json(session.messages[2]).dump().find("thinking"), std::string::npos);
}

TEST_F(EngineTest, EachTurnsRequirementsEnterTheRequirementsDatabaseWithTheirSource) {
  const std::string id = start(engine_);
  llm_.reply("Which providers?\n" +
             requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication"));
  auto result = engine_.processMessage(id, "Users must sign in with Google");
  ASSERT_OK(result);
  const ExtractedRequirement& captured = result->extractedRequirements.at(0);

  auto stored = requirements_.list("demo");
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 1u);
  const Requirement& r = stored->at(0);
  EXPECT_EQ(r.text, "Users sign in with Google");
  EXPECT_EQ(r.category, RequirementCategory::Functional);
  EXPECT_EQ(r.priority, Priority::Must);
  EXPECT_EQ(r.area, "authentication");
  EXPECT_EQ(r.validation, ValidationStatus::Pending);
  ASSERT_EQ(r.sources.size(), 1u);
  EXPECT_EQ(r.sources[0].source, "interview:" + id);
  EXPECT_EQ(r.sources[0].messageId, captured.sourceMessageId);
  EXPECT_EQ(r.sources[0].originId, captured.id);

  // A second session of the project stating the same thing adds a source, not a requirement.
  const std::string other = start(engine_);
  llm_.reply("Noted.\n" + requirementTag("Users sign in with Google", "functional", "should", "0.95", ""));
  ASSERT_OK(engine_.processMessage(other, "People sign in with Google"));
  stored = requirements_.list("demo");
  ASSERT_EQ(stored->size(), 1u);
  ASSERT_EQ(stored->at(0).sources.size(), 2u);
  EXPECT_EQ(stored->at(0).sources[1].source, "interview:" + other);
  EXPECT_EQ(stored->at(0).priority, Priority::Must);
  EXPECT_DOUBLE_EQ(stored->at(0).confidence, 0.95);
}

TEST_F(EngineTest, ARequirementsDatabaseFailureKeepsTheTurnAndSaysSo) {
  test::FailingRequirementsStore failing{requirements_};
  InterviewEngine engine{llm_, store_, failing, events_, clock_};
  const std::string id = start(engine);
  failing.failAddsAfter(0);
  llm_.reply("More?\n" + requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication") +
             requirementTag("Admins can export reports", "functional", "should", "0.9", ""));
  auto result = engine.processMessage(id, "Users must sign in with Google; admins export reports");
  ASSERT_OK(result);
  EXPECT_EQ(result->extractedRequirements.size(), 2u);
  EXPECT_EQ((**memory_.load(id)).extractedRequirements.size(), 2u);  // the session keeps them
  const auto errors = eventsOf("system:error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].payload.at("code"), "storage-failed");
  EXPECT_NE(errors[0].payload.at("message").get<std::string>().find("the disk is full"), std::string::npos);
  EXPECT_TRUE(requirements_.list("demo")->empty());

  // Exporting the session later records what the failed turn could not.
  failing.allowAdds();
  auto exported = exportSessionRequirements(**engine.getSession(id), failing);
  ASSERT_OK(exported);
  EXPECT_EQ(exported->added, 2u);
  EXPECT_EQ(requirements_.list("demo")->size(), 2u);
}

TEST_F(EngineTest, LowConfidenceRequirementsAreDropped) {
  const std::string id = start(engine_);
  llm_.reply("Hm?" + requirementTag("Maybe nice colours", "non-functional", "could", "0.4", "ui_ux"));
  auto result = engine_.processMessage(id, "maybe nice colours, not sure");
  ASSERT_OK(result);
  EXPECT_TRUE(result->extractedRequirements.empty());
  EXPECT_TRUE((**engine_.getSession(id)).exploredAreas.empty());
}

TEST_F(EngineTest, AreasAreNormalisedAndAMissingOneIsNotGuessed) {
  const std::string id = start(engine_);
  llm_.reply("Ok?" + requirementTag("All data must be encrypted at rest", "non-functional", "must", "0.9", "Security") +
             requirementTag("A todo app for small teams", "functional", "should", "0.9", ""));
  auto result = engine_.processMessage(id, "All data must be encrypted at rest. It is a todo app for small teams");
  ASSERT_OK(result);
  ASSERT_EQ(result->extractedRequirements.size(), 2u);
  EXPECT_EQ(result->extractedRequirements[0].area, "security");
  EXPECT_FALSE(result->extractedRequirements[1].area.has_value());
  EXPECT_EQ((**engine_.getSession(id)).exploredAreas, std::vector<std::string>{"security"});
}

TEST_F(EngineTest, NearDuplicatesAreNotCapturedTwice) {
  const std::string id = start(engine_);
  llm_.reply("Ok?" + requirementTag("Users must sign in with Google", "functional", "must", "0.9", "authentication"));
  ASSERT_OK(engine_.processMessage(id, "Users must sign in with Google"));
  llm_.reply("Ok?" + requirementTag("users sign in with google", "functional", "must", "0.9", "authentication") +
             requirementTag("Admins can delete projects", "functional", "should", "0.8", "authorization"));
  auto second = engine_.processMessage(id, "Again: users sign in with google. Admins can delete projects");
  ASSERT_OK(second);
  ASSERT_EQ(second->extractedRequirements.size(), 1u);
  EXPECT_EQ(second->extractedRequirements[0].text, "Admins can delete projects");
  EXPECT_EQ((**engine_.getSession(id)).extractedRequirements.size(), 2u);
}

TEST_F(EngineTest, GapsAreSuggestedOnlyAfterEnoughIsKnown) {
  const std::string id = start(engine_);
  llm_.reply("A?" + requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication"));
  llm_.reply("B?" + requirementTag("Pages load in under 2 seconds", "non-functional", "should", "0.9", "performance"));
  llm_.reply("C?" + requirementTag("Passwords are hashed", "non-functional", "must", "0.9", "security"));
  EXPECT_TRUE(engine_.processMessage(id, "one")->suggestedGaps.empty());
  EXPECT_TRUE(engine_.processMessage(id, "two")->suggestedGaps.empty());
  auto third = engine_.processMessage(id, "three");
  ASSERT_OK(third);
  EXPECT_EQ(third->suggestedGaps, (std::vector<std::string>{"authorization", "data_model", "api"}));
  ASSERT_EQ(eventsOf(events::kGapSuggested).size(), 1u);
  EXPECT_EQ(eventsOf(events::kGapSuggested)[0].payload.at("gaps").size(), 3u);
}

TEST_F(EngineTest, ATurnEmitsItsEventsInOrder) {
  const std::string id = start(engine_);
  llm_.reply("Nice. Next?" + requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication"));
  ASSERT_OK(engine_.processMessage(id, "Users sign in with Google"));
  const auto types = eventTypes();
  const std::vector<std::string> tail(types.begin() + 2, types.end());
  ASSERT_GE(tail.size(), 5u);
  EXPECT_EQ(tail.front(), "interview:question-asked");  // the user's message
  EXPECT_EQ(tail[1], "interview:delta");
  EXPECT_EQ(tail[tail.size() - 4], "interview:question-asked");  // the reply
  EXPECT_EQ(tail[tail.size() - 3], "interview:requirement-captured");
  EXPECT_EQ(tail[tail.size() - 2], "interview:area-explored");
  EXPECT_EQ(tail.back(), "interview:readiness-changed");
  for (const auto& e : seen_) EXPECT_EQ(e.payload.at("sessionId"), id) << e.type;
}

TEST_F(EngineTest, StreamedDeltasHideTagsAndSpellTheReply) {
  const std::string id = start(engine_);
  llm_.reply("<thinking>hidden</thinking>Sure thing. What next?\n" +
             requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication"));
  ASSERT_OK(engine_.processMessage(id, "Users sign in with Google"));
  std::string streamed;
  for (const auto& e : eventsOf(events::kDelta)) streamed += e.payload.at("text").get<std::string>();
  EXPECT_EQ(streamed, "Sure thing. What next?");
  EXPECT_EQ(engine_.getSession(id)->value().messages.back().content, streamed);  // the pieces add up to the reply
}

TEST_F(EngineTest, UnknownSessionIsNotFound) {
  auto result = engine_.processMessage("nope-not-a-session", "hello");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::NotFound);
  EXPECT_NE(result.error().message.find("nope-not-a-session"), std::string::npos);
  EXPECT_EQ(engine_.pauseSession("nope").error().code, ErrorCode::NotFound);
  EXPECT_EQ(engine_.endSession("nope").error().code, ErrorCode::NotFound);
  EXPECT_EQ(engine_.resumeSession("nope").error().code, ErrorCode::NotFound);
  EXPECT_EQ(engine_.processMessage("bad id with spaces", "hello").error().code, ErrorCode::NotFound);
  auto missing = engine_.getSession("nope");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(EngineTest, EmptyMessagesAreRefused) {
  const std::string id = start(engine_);
  for (const char* empty : {"", "   ", "\n\t "}) {
    auto result = engine_.processMessage(id, empty);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(result.error().message, "Message is empty");
  }
  EXPECT_EQ((**engine_.getSession(id)).messages.size(), 1u);
  EXPECT_TRUE(llm_.requests().empty());
}

TEST_F(EngineTest, OversizedMessagesAreRefusedWithTheLimit) {
  const std::string id = start(engine_);
  auto result = engine_.processMessage(id, std::string(64 * 1024 + 1, 'a'));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::PayloadTooLarge);
  EXPECT_NE(result.error().message.find("65536"), std::string::npos);
  EXPECT_OK(engine_.processMessage(id, std::string(64 * 1024, 'a')));
}

TEST_F(EngineTest, InvalidUtf8IsRefused) {
  const std::string id = start(engine_);
  auto result = engine_.processMessage(id, "caf\xC3");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
}

TEST_F(EngineTest, PausedSessionRefusesMessagesUntilResumed) {
  const std::string id = start(engine_);
  auto paused = engine_.pauseSession(id);
  ASSERT_OK(paused);
  EXPECT_EQ(paused->status, SessionStatus::Paused);
  EXPECT_EQ((**memory_.load(id)).status, SessionStatus::Paused);
  auto refused = engine_.processMessage(id, "hello?");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::NotActive);
  EXPECT_NE(refused.error().message.find("paused"), std::string::npos);

  auto resumed = engine_.resumeSession(id);
  ASSERT_OK(resumed);
  EXPECT_EQ(resumed->status, SessionStatus::Active);
  EXPECT_OK(engine_.processMessage(id, "hello again"));
  EXPECT_EQ(eventsOf(events::kPaused).size(), 1u);
  EXPECT_EQ(eventsOf(events::kResumed).size(), 1u);
}

TEST_F(EngineTest, AStatusChangeThatCannotBeSavedChangesNothing) {
  const std::string id = start(engine_);
  store_.failSaves(true);
  auto paused = engine_.pauseSession(id);
  ASSERT_FALSE(paused.ok());
  EXPECT_EQ(paused.error().code, ErrorCode::StorageFailed);
  auto ended = engine_.endSession(id);
  ASSERT_FALSE(ended.ok());
  const auto session = **engine_.getSession(id);
  EXPECT_EQ(session.status, SessionStatus::Active);
  EXPECT_FALSE(session.completedAt.has_value());
  EXPECT_TRUE(eventsOf(events::kPaused).empty());
  EXPECT_TRUE(eventsOf(events::kCompleted).empty());
  store_.failSaves(false);
  EXPECT_OK(engine_.processMessage(id, "still here"));
}

TEST_F(EngineTest, PauseTwiceIsHarmless) {
  const std::string id = start(engine_);
  ASSERT_OK(engine_.pauseSession(id));
  ASSERT_OK(engine_.pauseSession(id));
  EXPECT_EQ(eventsOf(events::kPaused).size(), 1u);
}

TEST_F(EngineTest, EndCompletesAndReportsTheTotals) {
  const std::string id = start(engine_);
  llm_.reply("Ok?" + requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication") +
             requirementTag("We must use PostgreSQL", "constraint", "must", "0.9", "data_model"));
  ASSERT_OK(engine_.processMessage(id, "Users sign in with Google; we must use PostgreSQL"));
  clock_.advance(std::chrono::minutes{5});
  auto ended = engine_.endSession(id);
  ASSERT_OK(ended);
  EXPECT_EQ(ended->status, SessionStatus::Completed);
  EXPECT_EQ(ended->completedAt, clock_.now());
  const auto completed = eventsOf(events::kCompleted);
  ASSERT_EQ(completed.size(), 1u);
  const auto& payload = completed[0].payload;
  EXPECT_EQ(payload.at("projectId"), "demo");
  EXPECT_EQ(payload.at("totalRequirements"), 2);
  EXPECT_EQ(payload.at("categories"), nlohmann::json({{"functional", 1}, {"constraint", 1}}));
  EXPECT_EQ(payload.at("duration"), 5 * 60 * 1000);

  EXPECT_EQ(engine_.processMessage(id, "more").error().code, ErrorCode::NotActive);
  EXPECT_EQ(engine_.resumeSession(id).error().code, ErrorCode::NotActive);
  EXPECT_EQ(engine_.endSession(id).error().code, ErrorCode::NotActive);
  EXPECT_EQ(engine_.pauseSession(id).error().code, ErrorCode::NotActive);
}

// A store whose saves wait at a gate: a write that takes as long as the test wants.
class GatedSessionStore final : public SessionStoreWrapper {
 public:
  using SessionStoreWrapper::SessionStoreWrapper;
  test::Gate gate;
  Result<void> save(const InterviewSession& session) override {
    gate.pass();
    return SessionStoreWrapper::save(session);
  }
};

TEST_F(EngineTest, ReadingASessionNeverWaitsForItsStoreWrite) {
  GatedSessionStore gated{memory_};
  InterviewEngine engine{llm_, gated, requirements_, events_, clock_};
  const std::string id = start(engine);
  gated.gate.close();
  std::thread turn([&] { EXPECT_OK(engine.processMessage(id, "Users sign in with Google")); });
  gated.gate.waitUntilACallWaits();  // the user's message is being written
  auto read = std::async(std::launch::async, [&] { return engine.getSession(id); });
  const bool answered = read.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  gated.gate.open();
  turn.join();
  ASSERT_TRUE(answered) << "getSession waited for the store write";
  auto session = read.get();
  ASSERT_OK(session);
  ASSERT_TRUE(session->has_value());
  EXPECT_EQ((*session)->id, id);
}

TEST_F(EngineTest, FailedModelCallKeepsTheUserMessageAndAllowsARetry) {
  const std::string id = start(engine_);
  llm_.fail(Error::modelFailed("Anthropic is overloaded (529)", true));
  auto failed = engine_.processMessage(id, "Users sign in with Google");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::ModelFailed);
  EXPECT_TRUE(failed.error().retryable);
  auto session = **engine_.getSession(id);
  ASSERT_EQ(session.messages.size(), 2u);
  EXPECT_EQ(session.messages.back().role, MessageRole::User);
  EXPECT_EQ((**memory_.load(id)).messages.size(), 2u);  // the message was stored before the call
  const auto errors = eventsOf(events::kSystemError);
  ASSERT_EQ(errors.size(), 1u);
  // The code is the stable spelling clients match on; the message is for people.
  EXPECT_EQ(errors[0].payload, nlohmann::json({{"sessionId", id},
                                               {"code", "model-failed"},
                                               {"message", "Anthropic is overloaded (529)"},
                                               {"retryable", true}}));

  llm_.reply("Got it?" + requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication"));
  auto retried = engine_.processMessage(id, "Users sign in with Google");
  ASSERT_OK(retried);
  // Both user messages reach the model as one turn, since roles must alternate.
  const auto request = llm_.requests().back();
  ASSERT_FALSE(request.messages.empty());
  EXPECT_EQ(request.messages.back().role, MessageRole::User);
  EXPECT_EQ(request.messages.back().content, "Users sign in with Google\n\nUsers sign in with Google");
}

TEST_F(EngineTest, UnsavableMessageIsNotSentAndNotKept) {
  const std::string id = start(engine_);
  store_.failSaves(true);
  auto result = engine_.processMessage(id, "Users sign in with Google");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::StorageFailed);
  EXPECT_NE(result.error().message.find("disk full"), std::string::npos);
  EXPECT_TRUE(llm_.requests().empty());
  EXPECT_EQ((**engine_.getSession(id)).messages.size(), 1u);
  store_.failSaves(false);
  EXPECT_OK(engine_.processMessage(id, "Users sign in with Google"));
}

TEST_F(EngineTest, TheUserMessageIsStoredBeforeTheModelIsCalled) {
  const std::string id = start(engine_);
  llm_.hold();
  std::thread turn([&] { EXPECT_OK(engine_.processMessage(id, "Users sign in with Google")); });
  llm_.waitForCalls(1);
  const auto stored = **memory_.load(id);
  ASSERT_EQ(stored.messages.size(), 2u);
  EXPECT_EQ(stored.messages[1].content, "Users sign in with Google");
  llm_.release();
  turn.join();
  EXPECT_EQ((**memory_.load(id)).messages.size(), 3u);
}

TEST_F(EngineTest, PauseCancelsATurnInFlight) {
  const std::string id = start(engine_);
  llm_.hold();
  Result<ProcessMessageResult> outcome = Error::internal("not run");
  std::thread turn([&] { outcome = engine_.processMessage(id, "Users sign in with Google"); });
  llm_.waitForCalls(1);
  ASSERT_OK(engine_.pauseSession(id));
  turn.join();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ErrorCode::Cancelled);
  const auto session = **engine_.getSession(id);
  EXPECT_EQ(session.messages.back().role, MessageRole::User);  // no half reply stored
  EXPECT_EQ(session.status, SessionStatus::Paused);
}

TEST_F(EngineTest, GetSessionDoesNotWaitForAModelCall) {
  const std::string id = start(engine_);
  llm_.hold();
  std::thread turn([&] { EXPECT_OK(engine_.processMessage(id, "hello")); });
  llm_.waitForCalls(1);
  auto snapshot = engine_.getSession(id);  // would deadlock if the turn held the state lock
  ASSERT_OK(snapshot);
  EXPECT_EQ((*snapshot)->messages.size(), 2u);
  llm_.release();
  turn.join();
}

TEST_F(EngineTest, ConcurrentTurnsOnOneSessionRunOneAtATime) {
  const std::string id = start(engine_);
  constexpr int kThreads = 4;
  constexpr int kTurnsEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTurnsEach; ++i) {
        EXPECT_OK(engine_.processMessage(id, "thread " + std::to_string(t) + " message " + std::to_string(i)));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto session = **engine_.getSession(id);
  ASSERT_EQ(session.messages.size(), 1u + 2u * kThreads * kTurnsEach);
  // Strict alternation: every user message is followed by its own reply, never interleaved.
  for (std::size_t i = 1; i < session.messages.size(); i += 2) {
    EXPECT_EQ(session.messages[i].role, MessageRole::User) << i;
    EXPECT_EQ(session.messages[i + 1].role, MessageRole::Assistant) << i;
  }
  // Each request saw exactly one new user message at its end.
  for (const auto& request : llm_.requests()) {
    EXPECT_EQ(request.messages.back().content.find("\n\n"), std::string::npos);
  }
}

TEST_F(EngineTest, SessionsRunInParallel) {
  const std::string first = start(engine_);
  const std::string second = start(engine_);
  llm_.hold();
  std::thread slow([&] { EXPECT_OK(engine_.processMessage(first, "slow")); });
  llm_.waitForCalls(1);
  std::thread other([&] { EXPECT_OK(engine_.processMessage(second, "also")); });
  llm_.waitForCalls(2);  // the second session's turn reached the model while the first still waits
  llm_.release();
  slow.join();
  other.join();
}

TEST_F(EngineTest, ResumeLoadsASessionFromTheStore) {
  std::string id;
  {
    InterviewEngine earlier{llm_, store_, requirements_, events_, clock_};
    id = start(earlier);
    ASSERT_OK(earlier.processMessage(id, "hello"));
    ASSERT_OK(earlier.pauseSession(id));
  }
  auto resumed = engine_.resumeSession(id);
  ASSERT_OK(resumed);
  EXPECT_EQ(resumed->messages.size(), 3u);
  EXPECT_OK(engine_.processMessage(id, "and more"));
  EXPECT_EQ((**memory_.load(id)).messages.size(), 5u);
}

TEST_F(EngineTest, ResumeByProjectPicksTheLatestOpenSession) {
  auto none = engine_.resumeByProject("demo");
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  const std::string older = start(engine_);
  clock_.advance(std::chrono::seconds{1});
  const std::string newer = start(engine_);
  ASSERT_OK(engine_.pauseSession(newer));
  clock_.advance(std::chrono::seconds{1});
  ASSERT_OK(engine_.endSession(older));  // completed: never picked
  auto resumed = engine_.resumeByProject("demo");
  ASSERT_OK(resumed);
  ASSERT_TRUE(resumed->has_value());
  EXPECT_EQ((*resumed)->id, newer);
  EXPECT_EQ((*resumed)->status, SessionStatus::Active);
  EXPECT_FALSE(engine_.resumeByProject("other")->has_value());
}

TEST_F(EngineTest, RequestCarriesTheContextAndAskedQuestions) {
  const std::string id = start(engine_);
  llm_.reply("Which providers should work?" +
             requirementTag("Users sign in with Google", "functional", "must", "0.9", "authentication"));
  ASSERT_OK(engine_.processMessage(id, "Users sign in with Google"));
  ASSERT_OK(engine_.processMessage(id, "Just Google"));
  const auto request = llm_.requests().back();
  ASSERT_EQ(request.context.requirements.size(), 1u);
  EXPECT_EQ(request.context.requirements[0].text, "Users sign in with Google");
  EXPECT_EQ(request.context.exploredAreas, std::vector<std::string>{"authentication"});
  ASSERT_EQ(request.context.askedQuestions.size(), 2u);
  EXPECT_EQ(request.context.askedQuestions[1], "Which providers should work?");
  EXPECT_EQ(request.messages.front().role, MessageRole::User);  // the greeting is not sent as history
  EXPECT_NE(request.systemPrompt.find("<requirement>"), std::string::npos);
}

TEST_F(EngineTest, LongInterviewsKeepTheRequestWithinBudget) {
  InterviewEngineOptions options;
  options.historyTokenBudget = 2000;
  InterviewEngine engine{llm_, store_, requirements_, events_, clock_, options};
  const std::string id = start(engine);
  for (int turn = 0; turn < 300; ++turn) {
    ASSERT_OK(engine.processMessage(id, "Turn " + std::to_string(turn) + ": " + std::string(200, 'x')));
  }
  const auto request = llm_.requests().back();
  std::size_t bytes = 0;
  for (const auto& m : request.messages) bytes += m.content.size();
  EXPECT_LE(bytes, 2000u * 4);
  EXPECT_EQ(request.messages.back().content.rfind("Turn 299: ", 0), 0u);
  EXPECT_EQ(request.messages[request.messages.size() - 2].content, "Tell me more?");
}

}  // namespace
}  // namespace nexus
