// The engine's quality analysis and the person's edits: findings and conflicts found as turns
// arrive, settled by answers, edits and verdicts; everything saved, announced and carried to
// the requirements database.

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "events/event_types.hpp"
#include "domain/project_index.hpp"
#include "interview/interview_engine.hpp"
#include "interview/requirements_export.hpp"
#include "support/interview_fixture.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

std::string tag(std::string_view text, std::string_view category, std::string_view priority, std::string_view area) {
  return "<requirement><text>" + std::string(text) + "</text><category>" + std::string(category) +
         "</category><priority>" + std::string(priority) + "</priority><confidence>0.9</confidence>" +
         (area.empty() ? "" : "<area>" + std::string(area) + "</area>") + "</requirement>";
}

class ReviewTest : public test::InterviewFixture {
 protected:
  ReviewTest() {
    all_ = events_.subscribeAll([this](const Event& e) {
      std::lock_guard lock(eventsMutex_);
      seen_.push_back(e);
    });
    auto session = engine_.startSession("demo");
    EXPECT_OK(session);
    id_ = session->id;
  }

  // One turn whose reply captures `tags`.
  ProcessMessageResult say(std::string_view message, std::string tags) {
    llm_.reply("Noted. What else?\n" + tags);
    auto result = engine_.processMessage(id_, message);
    EXPECT_OK(result);
    return result.ok() ? *result : ProcessMessageResult{};
  }

  InterviewSession session() {
    auto found = engine_.getSession(id_);
    EXPECT_TRUE(found.ok() && found->has_value());
    return **found;
  }

  std::vector<Event> eventsOf(std::string_view type) {
    std::lock_guard lock(eventsMutex_);
    std::vector<Event> out;
    for (const auto& e : seen_) {
      if (e.type == type) out.push_back(e);
    }
    return out;
  }

  // "We must use PostgreSQL" in an interview that then ends; a second interview of the project
  // (now id_) says "The database will be MySQL". The second turn's result.
  ProcessMessageResult contradictAnEarlierInterview() {
    say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
    EXPECT_OK(engine_.endSession(id_));
    auto other = engine_.startSession("demo");
    EXPECT_OK(other);
    if (other.ok()) id_ = other->id;
    return say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  }

  const std::string& lastReplyId() {
    last_ = session().messages.back().id;
    return last_;
  }

  InterviewEngine engine_{llm_, store_, requirements_, events_, clock_};
  std::string id_;
  std::string last_;
  std::mutex eventsMutex_;
  std::vector<Event> seen_;
  EventBus::Subscription all_;
};

TEST_F(ReviewTest, TwoDatabasesAreOneExclusiveChoiceConflictAskedAboutInTheReply) {
  const auto first = say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
  EXPECT_TRUE(first.conflicts.empty());
  const auto second =
      say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  ASSERT_EQ(second.conflicts.size(), 1u);
  const RequirementConflict& conflict = second.conflicts[0];
  EXPECT_EQ(conflict.kind, ConflictKind::ExclusiveChoice);
  EXPECT_EQ(conflict.requirementIds[0], first.extractedRequirements[0].id);
  EXPECT_EQ(conflict.requirementIds[1], second.extractedRequirements[0].id);
  EXPECT_EQ(conflict.status, ReviewStatus::Open);
  ASSERT_TRUE(second.readiness);
  EXPECT_EQ(second.readiness->openConflicts, 1u);
  EXPECT_FALSE(second.readiness->ready);

  const InterviewSession now = session();
  ASSERT_EQ(now.conflicts.size(), 1u);
  EXPECT_EQ(now.conflicts[0].askedInMessageId, now.messages.back().id);  // the reply asks about it
  const auto announced = eventsOf(events::kConflictDetected);
  ASSERT_EQ(announced.size(), 1u);
  EXPECT_EQ(announced[0].payload["sessionId"], id_);
  EXPECT_EQ(announced[0].payload["conflict"]["id"], conflict.id);

  // The next request tells the interviewer about it.
  say("ok", "");
  const auto context = llm_.requests().back().context;
  ASSERT_EQ(context.conflicts.size(), 1u);
  EXPECT_EQ(context.conflicts[0].id, conflict.id);
}

TEST_F(ReviewTest, NamingOneSideKeepsItAndTheOtherBecomesWont) {
  const auto first = say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
  say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  say("PostgreSQL, sorry", "");
  const InterviewSession now = session();
  ASSERT_EQ(now.conflicts.size(), 1u);
  EXPECT_EQ(now.conflicts[0].status, ReviewStatus::Resolved);
  EXPECT_EQ(now.conflicts[0].resolution, ConflictResolution::KeepFirst);
  ASSERT_EQ(now.extractedRequirements.size(), 2u);
  EXPECT_EQ(now.extractedRequirements[0].priority, Priority::Must);
  EXPECT_EQ(now.extractedRequirements[1].priority, Priority::Wont);
  EXPECT_EQ(now.extractedRequirements[1].editedFields, (std::vector<std::string>{"priority"}));
  ASSERT_EQ(now.requirementEdits.size(), 1u);
  EXPECT_EQ(now.requirementEdits[0].oldValue, "must");
  EXPECT_EQ(now.requirementEdits[0].newValue, "wont");
  EXPECT_FALSE(eventsOf(events::kRequirementUpdated).empty());
  (void)first;
}

TEST_F(ReviewTest, AConflictWithAnotherInterviewOfTheProjectIsAskedAboutAndSettledInTheDatabase) {
  const auto turn = contradictAnEarlierInterview();
  const auto listed = requirements_.list("demo");
  ASSERT_OK(listed);
  std::string postgresId;
  for (const auto& r : *listed) {
    if (r.text == "We must use PostgreSQL.") postgresId = r.id;
  }
  ASSERT_FALSE(postgresId.empty());
  ASSERT_EQ(turn.conflicts.size(), 1u);
  const RequirementConflict& conflict = turn.conflicts[0];
  EXPECT_EQ(conflict.kind, ConflictKind::ExclusiveChoice);
  EXPECT_EQ(conflict.requirementIds[0], postgresId);
  EXPECT_EQ(conflict.requirementIds[1], turn.extractedRequirements.at(0).id);
  ASSERT_TRUE(conflict.projectRequirement);
  EXPECT_EQ(conflict.projectRequirement->id, postgresId);
  EXPECT_EQ(conflict.projectRequirement->text, "We must use PostgreSQL.");
  ASSERT_TRUE(turn.readiness);
  EXPECT_EQ(turn.readiness->openConflicts, 1u);
  EXPECT_EQ(session().conflicts.at(0).askedInMessageId, session().messages.back().id);
  const auto context = llm_.requests().back().context;
  ASSERT_TRUE(context.project);
  ASSERT_EQ(context.project->size(), 1u);
  EXPECT_NE(context.project->find(postgresId), nullptr);

  // Naming MySQL keeps this interview's side; the other interview's becomes "wont" in the database.
  say("MySQL, we changed our minds", "");
  const InterviewSession now = session();
  EXPECT_EQ(now.conflicts.at(0).status, ReviewStatus::Resolved);
  EXPECT_EQ(now.conflicts.at(0).resolution, ConflictResolution::KeepSecond);
  EXPECT_EQ(now.extractedRequirements.at(0).priority, Priority::Must);
  auto decided = requirements_.get(postgresId);
  ASSERT_OK(decided);
  ASSERT_TRUE(decided->has_value());
  EXPECT_EQ((*decided)->priority, Priority::Wont);
  ASSERT_EQ((*decided)->history.size(), 1u);
  EXPECT_EQ((*decided)->history[0].oldValue, "must");
  EXPECT_EQ(engine_.getReadiness(id_)->openConflicts, 0u);

  // After a restart the conflict still names the other interview's words, and the session's own
  // requirements (now in the database too) are not taken for another interview's.
  InterviewEngine restarted{llm_, store_, requirements_, events_, clock_};
  engine_.forget(id_);
  auto reloaded = restarted.getSession(id_);
  ASSERT_TRUE(reloaded.ok() && reloaded->has_value());
  EXPECT_EQ((*reloaded)->conflicts.at(0).projectRequirement, conflict.projectRequirement);
  llm_.reply("Noted.");
  ASSERT_OK(restarted.processMessage(id_, "Anything else?"));
  const auto later = llm_.requests().back().context;
  ASSERT_TRUE(later.project);
  ASSERT_EQ(later.project->size(), 1u);
  ASSERT_NE(later.project->find(postgresId), nullptr);
  EXPECT_EQ(later.project->find(postgresId)->priority, Priority::Wont);
}

TEST_F(ReviewTest, KeepingTheOtherInterviewsSideMakesThisOneWont) {
  const auto turn = contradictAnEarlierInterview();
  ASSERT_EQ(turn.conflicts.size(), 1u);
  auto resolved = engine_.resolveConflict(id_, turn.conflicts[0].id, ConflictResolution::KeepFirst);
  ASSERT_OK(resolved);
  EXPECT_EQ(resolved->status, ReviewStatus::Resolved);
  EXPECT_EQ(session().extractedRequirements.at(0).priority, Priority::Wont);
  const auto listed = requirements_.list("demo");
  ASSERT_OK(listed);
  for (const auto& r : *listed) {
    EXPECT_EQ(r.priority, r.text.find("MySQL") != std::string::npos ? Priority::Wont : Priority::Must) << r.text;
  }
}

TEST_F(ReviewTest, AVagueRequirementGetsAFindingThatAnAcceptingAnswerDismisses) {
  const auto turn = say("The app should be fast", tag("The app should be fast.", "non-functional", "should", "performance"));
  ASSERT_FALSE(turn.findings.empty());
  EXPECT_EQ(turn.findings[0].kind, FindingKind::VagueTerm);
  EXPECT_EQ(turn.findings[0].term, "fast");
  EXPECT_EQ(session().findings[0].askedInMessageId, session().messages.back().id);

  say("That's fine as it is", "");
  EXPECT_EQ(session().findings[0].status, ReviewStatus::Dismissed);
}

TEST_F(ReviewTest, APreciseAnswerResolvesTheFindingItRefines) {
  say("The app should be fast", tag("The app should be fast.", "non-functional", "should", "performance"));
  say("Search results in under 1 second",
      tag("Search results appear in under 1 second for 95% of searches.", "non-functional", "should", "performance"));
  EXPECT_EQ(session().findings[0].status, ReviewStatus::Resolved);
}

TEST_F(ReviewTest, AnEditedPriorityStaysThroughTurnsRestartsAndTheDatabase) {
  const auto turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "should", "authentication"));
  const std::string requirementId = turn.extractedRequirements.at(0).id;
  auto edited = engine_.updateRequirement(id_, requirementId, {.priority = Priority::Must});
  ASSERT_OK(edited);
  EXPECT_EQ(edited->priority, Priority::Must);
  EXPECT_EQ(edited->editedFields, (std::vector<std::string>{"priority"}));
  const auto updated = eventsOf(events::kRequirementUpdated);
  ASSERT_EQ(updated.size(), 1u);
  EXPECT_EQ(updated[0].payload["changedFields"], nlohmann::json::array({"priority"}));
  EXPECT_EQ(updated[0].payload["requirement"]["priority"], "must");

  // A later reply states it again with another priority: a near-duplicate, the edit stands.
  say("Again: users sign in with Google", tag("Users sign in with Google.", "functional", "could", "authentication"));
  EXPECT_EQ(session().extractedRequirements.at(0).priority, Priority::Must);

  // Another engine over the same store: a restart.
  InterviewEngine restarted{llm_, store_, requirements_, events_, clock_};
  engine_.forget(id_);
  auto reloaded = restarted.getSession(id_);
  ASSERT_TRUE(reloaded.ok() && reloaded->has_value());
  EXPECT_EQ((*reloaded)->extractedRequirements.at(0).priority, Priority::Must);
  EXPECT_EQ((*reloaded)->extractedRequirements.at(0).editedFields, (std::vector<std::string>{"priority"}));
  EXPECT_EQ((*reloaded)->requirementEdits.size(), 1u);

  // The database entry follows, and exporting the session again changes nothing.
  auto listed = requirements_.list("demo");
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].priority, Priority::Must);
  ASSERT_OK(exportSessionRequirements(**reloaded, requirements_));
  EXPECT_EQ(requirements_.list("demo")->at(0).priority, Priority::Must);
}

TEST_F(ReviewTest, EditsAreCheckedAndAnUnchangedValueChangesNothing) {
  const auto turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "must", "authentication"));
  const std::string requirementId = turn.extractedRequirements.at(0).id;
  const auto code = [&](const RequirementChanges& changes) {
    auto result = engine_.updateRequirement(id_, requirementId, changes);
    return result.ok() ? std::string("ok") : std::string(toString(result.error().code));
  };
  EXPECT_EQ(code({.text = "   "}), "invalid-argument");
  EXPECT_EQ(code({.text = std::string("\xff\xfe")}), "invalid-argument");
  EXPECT_EQ(code({.confidence = 0.2}), "invalid-argument");
  EXPECT_EQ(code({.area = "!!!"}), "invalid-argument");
  auto unknown = engine_.updateRequirement(id_, "no-such-requirement", {.priority = Priority::Could});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  EXPECT_EQ(code({.priority = Priority::Must}), "ok");  // as it was
  EXPECT_TRUE(eventsOf(events::kRequirementUpdated).empty());
  EXPECT_TRUE(session().requirementEdits.empty());
  EXPECT_EQ(code({.area = "UI/UX"}), "ok");
  EXPECT_EQ(session().extractedRequirements[0].area, "ui_ux");
  EXPECT_EQ(code({.area = ""}), "ok");
  EXPECT_FALSE(session().extractedRequirements[0].area);
}

TEST_F(ReviewTest, ATextEditThatMakesARequirementPreciseResolvesItsFinding) {
  const auto turn = say("The app should be fast", tag("The app should be fast.", "non-functional", "should", "performance"));
  const std::string requirementId = turn.extractedRequirements.at(0).id;
  ASSERT_OK(engine_.updateRequirement(id_, requirementId,
                                      {.text = "Search results appear in under 1 second for 95% of searches"}));
  const InterviewSession now = session();
  EXPECT_EQ(now.findings.at(0).status, ReviewStatus::Resolved);
  EXPECT_EQ(now.extractedRequirements[0].editedFields, (std::vector<std::string>{"text"}));
  const auto announced = eventsOf(events::kFindingDetected);
  ASSERT_GE(announced.size(), 2u);
  EXPECT_EQ(announced.back().payload["finding"]["status"], "resolved");
}

TEST_F(ReviewTest, RemovingARequirementSettlesItsConflictAndLeavesTheDatabase) {
  say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
  const auto second =
      say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  const std::string mysql = second.extractedRequirements.at(0).id;
  ASSERT_OK(engine_.removeRequirement(id_, mysql));
  const InterviewSession now = session();
  ASSERT_EQ(now.extractedRequirements.size(), 1u);
  EXPECT_EQ(now.conflicts.at(0).status, ReviewStatus::Resolved);
  EXPECT_EQ(now.conflicts.at(0).resolution, ConflictResolution::KeepFirst);
  ASSERT_EQ(now.requirementEdits.size(), 1u);
  EXPECT_EQ(now.requirementEdits[0].field, "removed");
  for (const auto& m : now.messages) {
    if (m.requirementsExtracted) {
      EXPECT_EQ(std::count(m.requirementsExtracted->begin(), m.requirementsExtracted->end(), mysql), 0);
    }
  }
  EXPECT_EQ(requirements_.list("demo")->size(), 1u);
  auto stored = memory_.load(id_);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->extractedRequirements.size(), 1u);
  EXPECT_EQ(engine_.removeRequirement(id_, mysql).error().code, ErrorCode::NotFound);
}

TEST_F(ReviewTest, VerdictsThroughTheEngine) {
  say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
  const auto second =
      say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  auto resolved = engine_.resolveConflict(id_, second.conflicts.at(0).id, ConflictResolution::KeepBoth);
  ASSERT_OK(resolved);
  EXPECT_EQ(resolved->status, ReviewStatus::Resolved);
  EXPECT_EQ(resolved->resolution, ConflictResolution::KeepBoth);
  EXPECT_EQ(session().extractedRequirements[1].priority, Priority::Must);  // both kept as they were
  EXPECT_EQ(engine_.resolveConflict(id_, "nope", ConflictResolution::KeepBoth).error().code, ErrorCode::NotFound);

  const auto vague = say("It should be easy to use", tag("It should be easy to use.", "non-functional", "should", "ui_ux"));
  ASSERT_FALSE(vague.findings.empty());
  auto dismissed = engine_.dismissFinding(id_, vague.findings[0].id);
  ASSERT_OK(dismissed);
  EXPECT_EQ(dismissed->status, ReviewStatus::Dismissed);
  EXPECT_EQ(engine_.dismissFinding(id_, "nope").error().code, ErrorCode::NotFound);
  EXPECT_EQ(engine_.dismissFinding("no-such-session", "nope").error().code, ErrorCode::NotFound);
}

TEST_F(ReviewTest, AnEditWhoseSaveFailsChangesNothing) {
  const auto turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "should", "authentication"));
  const InterviewSession before = session();
  store_.failSaves(true);
  auto edited = engine_.updateRequirement(id_, turn.extractedRequirements.at(0).id, {.priority = Priority::Must});
  ASSERT_FALSE(edited.ok());
  EXPECT_EQ(edited.error().code, ErrorCode::StorageFailed);
  EXPECT_EQ(session(), before);
  EXPECT_TRUE(eventsOf(events::kRequirementUpdated).empty());
  EXPECT_EQ(requirements_.list("demo")->at(0).priority, Priority::Should);
  store_.failSaves(false);
  ASSERT_OK(engine_.updateRequirement(id_, turn.extractedRequirements.at(0).id, {.priority = Priority::Must}));
}

TEST_F(ReviewTest, ReadinessRisesAsAreasAreCoveredAndIsAnnouncedWhenItMoves) {
  auto empty = engine_.getReadiness(id_);
  ASSERT_OK(empty);
  EXPECT_EQ(empty->score, 0.0);
  say("A booking app for small clinics",
      tag("I want to build a booking app for small clinics.", "functional", "must", ""));
  const double afterVision = engine_.getReadiness(id_)->score;
  EXPECT_GT(afterVision, 0.0);
  say("Patients sign in with email", tag("Patients sign in with their email address.", "functional", "must", "authentication"));
  const Readiness now = *engine_.getReadiness(id_);
  EXPECT_GT(now.score, afterVision);
  EXPECT_EQ(now.areas.at(0).area, "authentication");
  EXPECT_EQ(now.areas.at(0).status, AreaStatus::Clear);
  const auto announced = eventsOf(events::kReadinessChanged);
  ASSERT_GE(announced.size(), 2u);
  EXPECT_EQ(announced.back().payload["readiness"], nlohmann::json(now));
  EXPECT_EQ(engine_.getReadiness("no-such-session").error().code, ErrorCode::NotFound);
}

// Another requirement in an area already clear moves nothing: the turn answers without the
// readiness (whose areas list every requirement id, so it would grow with the session) and
// announces nothing; getReadiness has the ids as they are now.
TEST_F(ReviewTest, ATurnThatDoesNotMoveTheReadinessNeitherAnnouncesNorReturnsIt) {
  const auto first =
      say("Patients sign in with email", tag("Patients sign in with their email address.", "functional", "must", "authentication"));
  ASSERT_TRUE(first.readiness);
  const std::size_t announcedBefore = eventsOf(events::kReadinessChanged).size();

  const auto second = say("Staff sign in with a badge",
                          tag("Staff sign in with their badge at the front desk.", "functional", "must", "authentication"));
  ASSERT_EQ(second.extractedRequirements.size(), 1u);
  EXPECT_FALSE(second.readiness);
  EXPECT_EQ(eventsOf(events::kReadinessChanged).size(), announcedBefore);
  EXPECT_EQ(engine_.getReadiness(id_)->areas.at(0).requirementIds.size(), 2u);

  // A requirement in an area not covered yet moves it: announced and returned, ids and all.
  const auto third = say("Bookings load fast", tag("Bookings load in under one second.", "non-functional", "must", "performance"));
  ASSERT_TRUE(third.readiness);
  EXPECT_EQ(*third.readiness, *engine_.getReadiness(id_));
  EXPECT_EQ(eventsOf(events::kReadinessChanged).size(), announcedBefore + 1);
}

}  // namespace
}  // namespace nexus
