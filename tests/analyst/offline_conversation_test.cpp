// How the offline analyst behaves over a conversation: one question per reply, never a repeated
// one, the right answer to small talk, streaming, cancellation and determinism.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/areas.hpp"
#include "domain/conflict_index.hpp"
#include "analyst/offline_analyst.hpp"
#include "analyst/tag_reader.hpp"
#include "support/result_assertions.hpp"

namespace nexus {
namespace {

using test::displayOf;
using test::keptTags;
using test::reply;
using test::requestFor;

std::size_t questionMarks(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '?'));
}

// The question of a reply: its last paragraph.
std::string questionOf(const std::string& display) {
  const auto cut = display.rfind("\n\n");
  return cut == std::string::npos ? display : display.substr(cut + 2);
}

// Plays the engine's part: keeps the context the analyst is given from turn to turn.
class Conversation {
 public:
  std::string say(std::string_view message) {
    LlmRequest request = requestFor(message, context_);
    const std::string raw = reply(analyst_, request);
    const std::string display = displayOf(raw);
    context_.askedQuestions.push_back(questionOf(display));
    for (const auto& tag : keptTags(raw)) {
      ExtractedRequirement r;
      r.text = tag.text;
      r.confidence = tag.confidence;
      if (!tag.area.empty()) {
        r.area = tag.area;
        if (std::find(context_.exploredAreas.begin(), context_.exploredAreas.end(), tag.area) ==
            context_.exploredAreas.end()) {
          context_.exploredAreas.push_back(tag.area);
        }
      }
      context_.requirements.push_back(r);
    }
    lastRaw_ = raw;
    return display;
  }
  const InterviewContext& context() const { return context_; }
  const std::string& lastRaw() const { return lastRaw_; }

 private:
  OfflineAnalyst analyst_;
  InterviewContext context_;
  std::string lastRaw_;
};

TEST(OfflineConversation, EveryReplyAsksExactlyOneQuestion) {
  Conversation talk;
  for (const char* message : {"hi", "I want to build a todo app for small teams", "what do you mean?",
                              "Users must sign in with Google", "thanks!", "I don't know",
                              "It should be nice", "Should we use Postgres?", "ok", "let me think", "bye"}) {
    const std::string display = talk.say(message);
    EXPECT_EQ(questionMarks(display), 1u) << message << "\n" << display;
    EXPECT_EQ(display.back(), '?') << message;
  }
}

TEST(OfflineConversation, TenScriptedTurnsNeverRepeatAQuestion) {
  Conversation talk;
  const char* const script[] = {"Hello!",
                                "I want to build a todo app for small teams",
                                "Users must sign in with Google",
                                "Pages should load in under 2 seconds",
                                "We must use PostgreSQL",
                                "I'm not sure",
                                "Team leads need a dashboard of overdue tasks",
                                "thanks",
                                "Tasks should sync with Google Calendar",
                                "We expect around 200 users, all in Europe, and data must stay in the EU",
                                "sounds good",
                                "Only admins can delete projects"};
  std::vector<std::string> questions;
  for (const char* message : script) {
    const std::string question = questionOf(talk.say(message));
    for (const auto& earlier : questions) EXPECT_NE(question, earlier) << "after: " << message;
    questions.push_back(question);
  }
  EXPECT_GE(talk.context().requirements.size(), 7u);
}

TEST(OfflineConversation, NeverAsksAQuestionAlreadyInTheContext) {
  OfflineAnalyst analyst;
  InterviewContext context;
  for (int turn = 0; turn < 6; ++turn) {
    const std::string display =
        displayOf(reply(analyst, requestFor("Users must sign in with Google", context)));
    const std::string question = questionOf(display);
    for (const auto& asked : context.askedQuestions)
      EXPECT_EQ(display.find(asked), std::string::npos) << asked;
    context.askedQuestions.push_back(question);
  }
}

TEST(OfflineConversation, AcknowledgesWhatItUnderstood) {
  OfflineAnalyst analyst;
  const std::string display = displayOf(reply(analyst, requestFor("We must use PostgreSQL")));
  EXPECT_NE(display.find("you must use PostgreSQL"), std::string::npos) << display;
  const std::string two = displayOf(
      reply(analyst, requestFor("Users must sign in with Google. Pages should load in under 2 seconds.")));
  EXPECT_NE(two.find("sign in with Google"), std::string::npos) << two;
  EXPECT_NE(two.find("under 2 seconds"), std::string::npos) << two;
}

TEST(OfflineConversation, GreetingGetsAWelcomeAndAnOpeningQuestion) {
  OfflineAnalyst analyst;
  for (const char* greeting : {"hi", "Hello there", "good morning"}) {
    const std::string display = displayOf(reply(analyst, requestFor(greeting)));
    const std::string lower = text::toLower(display);
    EXPECT_TRUE(lower.find("welcome") != std::string::npos || lower.find("hello") != std::string::npos ||
                lower.find("hi there") != std::string::npos)
        << display;
    EXPECT_EQ(questionMarks(display), 1u);
  }
}

TEST(OfflineConversation, WhatDoYouMeanRephrasesTheLastQuestion) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back("Who needs an account, and how would you like them to sign in?");
  const std::string display = displayOf(reply(analyst, requestFor("what do you mean?", context)));
  EXPECT_NE(text::toLower(display).find("account"), std::string::npos) << display;
  EXPECT_EQ(display.find(context.askedQuestions.back()), std::string::npos);
  EXPECT_EQ(questionMarks(display), 1u);
}

TEST(OfflineConversation, NotSureMovesToAnotherArea) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back(
      "How long should someone stay signed in before being asked to sign in again?");
  const std::string display = displayOf(reply(analyst, requestFor("I'm not sure", context)));
  EXPECT_NE(domain::inferArea(questionOf(display)).value_or(""), "authentication") << display;
  const std::string lower = text::toLower(display);
  EXPECT_TRUE(lower.find("no problem") != std::string::npos ||
              lower.find("that's fine") != std::string::npos ||
              lower.find("that's okay") != std::string::npos)
      << display;
}

TEST(OfflineConversation, VagueStatementGetsAClarifyingQuestion) {
  OfflineAnalyst analyst;
  const std::string display = displayOf(reply(analyst, requestFor("It should be nice")));
  EXPECT_NE(display.find("it should be nice"), std::string::npos) << display;
  EXPECT_EQ(questionMarks(display), 1u);
}

TEST(OfflineConversation, DeltasConcatenateToTheFullText) {
  OfflineAnalyst analyst;
  std::string streamed;
  int pieces = 0;
  auto result =
      analyst.complete(requestFor("Users must sign in with Google. Pages should load in under 2 seconds."),
                       [&](std::string_view delta) {
                         streamed += delta;
                         ++pieces;
                       },
                       {});
  ASSERT_OK(result);
  EXPECT_EQ(streamed, result.value().text);
  EXPECT_GT(pieces, 3);
  EXPECT_EQ(result.value().model, "offline-analyst");
  EXPECT_EQ(result.value().stopReason, "end_turn");
}

TEST(OfflineConversation, HonoursCancellation) {
  OfflineAnalyst analyst;
  std::stop_source before;
  before.request_stop();
  auto early = analyst.complete(requestFor("Users must sign in with Google"), nullptr, before.get_token());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::Cancelled);

  std::stop_source during;
  int pieces = 0;
  auto late = analyst.complete(
      requestFor("Users must sign in with Google. Pages should load in under 2 seconds."),
      [&](std::string_view) {
        ++pieces;
        during.request_stop();
      },
      during.get_token());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::Cancelled);
  EXPECT_EQ(pieces, 1);
}

TEST(OfflineConversation, IsDeterministic) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back("What problem should this software solve, and for whom?");
  const auto request = requestFor("Users must sign in with Google, and we need 99.9% uptime.", context);
  EXPECT_EQ(reply(analyst, request), reply(analyst, request));
}

TEST(OfflineConversation, WordingVariesBetweenMessages) {
  OfflineAnalyst analyst;
  std::vector<std::string> openings;
  for (const char* message : {"Users must sign in with Google", "Users must sign in with GitHub",
                              "Users must sign in with Microsoft", "Users must sign in with Apple",
                              "Users must sign in with Okta", "Users must sign in with email"}) {
    const std::string display = displayOf(reply(analyst, requestFor(message)));
    openings.push_back(display.substr(0, display.find(' ')));
  }
  std::sort(openings.begin(), openings.end());
  EXPECT_GT(std::unique(openings.begin(), openings.end()) - openings.begin(), 1);
}

TEST(OfflineConversation, DoneCriterionConversation) {
  Conversation talk;
  struct Expected {
    const char* message;
    std::vector<std::string> categories;
    std::vector<std::string> areas;  // "" for none
  };
  const Expected turns[] = {
      {"I want to build a todo app for small teams", {"functional"}, {""}},
      {"Users must sign in with Google", {"functional"}, {"authentication"}},
      {"Pages should load in under 2 seconds", {"non-functional"}, {"performance"}},
      {"We must use PostgreSQL", {"constraint", "technical"}, {"data_model", "deployment"}},
  };
  for (const auto& turn : turns) {
    talk.say(turn.message);
    const auto tags = keptTags(talk.lastRaw());
    ASSERT_EQ(tags.size(), 1u) << turn.message;
    EXPECT_GE(tags.front().confidence, 0.7);
    EXPECT_NE(std::find(turn.categories.begin(), turn.categories.end(), tags.front().category),
              turn.categories.end())
        << turn.message << ": " << tags.front().category;
    EXPECT_NE(std::find(turn.areas.begin(), turn.areas.end(), tags.front().area), turn.areas.end())
        << turn.message << ": " << tags.front().area;
  }
  EXPECT_EQ(talk.context().requirements.size(), 4u);
}

TEST(OfflineConversation, HandlesA64KiBMessage) {
  std::string message;
  const char* const sentences[] = {
      "Users must be able to export reports to PDF. ", "Pages should load in under 2 seconds; ",
      "the system shall encrypt all personal data. ", "It would be nice to have a dark mode!\n"};
  for (std::size_t i = 0; message.size() < 64 * 1024; ++i) message += sentences[i % 4];
  OfflineAnalyst analyst;
  // Its speed is measured by BM_AnalystOnLargestMessage (bench/), not asserted here.
  const std::string raw = reply(analyst, requestFor(message));
  EXPECT_FALSE(keptTags(raw).empty());
  EXPECT_EQ(questionMarks(displayOf(raw)), 1u);
}

TEST(OfflineConversation, MessageWithoutUserTurnIsAnOpening) {
  OfflineAnalyst analyst;
  LlmRequest request;
  auto result = analyst.complete(request, nullptr, {});
  ASSERT_OK(result);
  EXPECT_EQ(questionMarks(displayOf(result.value().text)), 1u);
}

// The engine lends its index over the session (InterviewContext::sessionConflicts): the analyst
// asks it, and does not index the session's requirements again.
class CountingLookup final : public domain::ConflictLookup {
 public:
  explicit CountingLookup(std::vector<ExtractedRequirement> held) {
    for (const auto& r : held) (void)index_.add(r);
  }
  std::vector<domain::ConflictDraft> conflictsWith(const ExtractedRequirement& requirement) const override {
    ++asked;
    return index_.conflictsWith(requirement);
  }
  mutable std::size_t asked = 0;

 private:
  domain::ConflictIndex index_;
};

TEST(OfflineConversation, AsksTheLentSessionIndexAboutConflicts) {
  ExtractedRequirement earlier;
  earlier.id = "r1";
  earlier.text = "We must use PostgreSQL";
  earlier.area = "data_model";
  InterviewContext context;
  context.requirements = {earlier};
  context.askedQuestions = {"What should it store?"};

  const CountingLookup lent({earlier});
  context.sessionConflicts = &lent;
  OfflineAnalyst analyst;
  const std::string asked = displayOf(reply(analyst, requestFor("The database will be MySQL.", context)));
  EXPECT_NE(asked.find("Which one holds"), std::string::npos) << asked;
  EXPECT_GE(lent.asked, 1u);

  // What the lent index does not hold is not looked for in the requirements again.
  const CountingLookup empty({});
  context.sessionConflicts = &empty;
  const std::string unaware = displayOf(reply(analyst, requestFor("The database will be MySQL.", context)));
  EXPECT_EQ(unaware.find("Which one holds"), std::string::npos) << unaware;
  EXPECT_GE(empty.asked, 1u);
}

}  // namespace
}  // namespace nexus
