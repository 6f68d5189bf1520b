#include "interview/turn_merge.hpp"

#include <gtest/gtest.h>

#include "interview/session_coverage.hpp"

namespace nexus {
namespace {

ExtractedRequirement requirement(std::string id, std::string text, std::optional<std::string> area = {}) {
  ExtractedRequirement r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.area = std::move(area);
  r.confidence = 0.9;
  return r;
}

InterviewSession sessionWithOneTurn() {
  InterviewSession session;
  session.id = "s1";
  session.projectId = "demo";
  session.messages = {{"m0", MessageRole::Assistant, "Hi! What do you want to build?", Timestamp{}, {}, {}},
                      {"m1", MessageRole::User, "Users sign in with Google", Timestamp{}, {}, {}}};
  return session;
}

TurnReply replyTo(std::string userMessageId) {
  return {std::move(userMessageId), "m2", Timestamp{std::chrono::milliseconds{5000}},
          ModelOutput{"raw <requirement/>", "model-x", "end_turn", {}}};
}

// As the engine merges: against the session's requirements as it keeps them.
TurnUpdate merge(const InterviewSession& session, ExtractionResult extracted) {
  return mergeTurn(session, std::move(extracted), replyTo("m1"), keptOf(session, 0.8).requirementTexts, 0.8);
}

TEST(TurnMergeTest, CapturesNewRequirementsAttributesThemAndChangesNothing) {
  const InterviewSession session = sessionWithOneTurn();
  ExtractionResult extracted;
  extracted.displayText = "Which providers?";
  extracted.requirements = {requirement("r1", "Users sign in with Google", "Authentication")};
  const TurnUpdate update = merge(session, extracted);

  ASSERT_EQ(update.captured.size(), 1u);
  EXPECT_EQ(update.captured[0].sourceMessageId, "m1");
  EXPECT_EQ(update.captured[0].area, "authentication") << "areas are normalised";
  EXPECT_EQ(update.newAreas, std::vector<std::string>{"authentication"});
  EXPECT_EQ(update.reply.id, "m2");
  EXPECT_EQ(update.reply.role, MessageRole::Assistant);
  EXPECT_EQ(update.reply.content, "Which providers?");
  ASSERT_TRUE(update.reply.modelOutput.has_value());
  EXPECT_EQ(update.reply.modelOutput->model, "model-x");
  EXPECT_EQ(session, sessionWithOneTurn()) << "merging is pure";
}

TEST(TurnMergeTest, LeavesOutNearDuplicatesOfTheSessionAndOfTheSameReply) {
  InterviewSession session = sessionWithOneTurn();
  session.extractedRequirements = {requirement("r0", "Users must sign in with Google", "authentication")};
  session.exploredAreas = {"authentication"};
  ExtractionResult extracted;
  extracted.requirements = {requirement("r1", "users must sign in with google!", "authentication"),
                            requirement("r2", "Pages load in under 2 seconds", "performance"),
                            requirement("r3", "Pages load in under 2 seconds", "performance")};
  const TurnUpdate update = merge(session, extracted);
  ASSERT_EQ(update.captured.size(), 1u);
  EXPECT_EQ(update.captured[0].id, "r2");
  EXPECT_EQ(update.newAreas, std::vector<std::string>{"performance"}) << "authentication was explored already";
}

TEST(TurnMergeTest, AnEmptyReplyIsShownAsNotedAndAnAbsentAreaStaysAbsent) {
  ExtractionResult extracted;
  extracted.requirements = {requirement("r1", "A todo app for small teams")};
  const TurnUpdate update = merge(sessionWithOneTurn(), extracted);
  EXPECT_EQ(update.reply.content, "Noted.");
  ASSERT_EQ(update.captured.size(), 1u);
  EXPECT_FALSE(update.captured[0].area.has_value());
  EXPECT_TRUE(update.newAreas.empty());
}

TEST(TurnMergeTest, GapsAreDueOnceThreeRequirementsCoverTwoAreas) {
  InterviewSession session = sessionWithOneTurn();
  session.extractedRequirements = {requirement("r0", "Users sign in with Google", "authentication"),
                                   requirement("r1", "Admins can delete any account", "authorization")};
  session.exploredAreas = {"authentication", "authorization"};
  ExtractionResult none;
  KeptSession kept = keptOf(session, 0.8);
  TurnUpdate nothing = merge(session, none);
  recordTurn(kept, nothing);
  EXPECT_TRUE(nothing.gaps.empty()) << "two requirements are too few";
  ExtractionResult third;
  third.requirements = {requirement("r2", "Pages load in under 2 seconds", "performance")};
  TurnUpdate update = merge(session, third);
  recordTurn(kept, update);
  EXPECT_EQ(update.gaps.size(), 3u);
  for (const auto& gap : update.gaps) {
    EXPECT_NE(gap, "authentication");
    EXPECT_NE(gap, "performance");
  }
}

TEST(TurnMergeTest, ApplyingAddsTheTurnToTheSession) {
  InterviewSession session = sessionWithOneTurn();
  ExtractionResult extracted;
  extracted.displayText = "Which providers?";
  extracted.requirements = {requirement("r1", "Users sign in with Google", "authentication")};
  const TurnUpdate update = merge(session, extracted);
  applyTurn(session, update, "m1");
  ASSERT_EQ(session.messages.size(), 3u);
  EXPECT_EQ(session.messages[1].requirementsExtracted, std::vector<std::string>{"r1"});
  EXPECT_EQ(session.messages[2], update.reply);
  EXPECT_EQ(session.extractedRequirements, update.captured);
  EXPECT_EQ(session.exploredAreas, std::vector<std::string>{"authentication"});
  EXPECT_EQ(session.lastActivityAt, update.reply.timestamp);
}

}  // namespace
}  // namespace nexus
