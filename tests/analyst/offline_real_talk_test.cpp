// Regression tests from conversations typed the way people type: lower case, typos, missing
// apostrophes, short answers to the interviewer's question, and features that sound like
// scope decisions ("skip a month").

#include <gtest/gtest.h>

#include "domain/areas.hpp"
#include "domain/question_bank.hpp"
#include "analyst/offline_analyst.hpp"
#include "analyst/tag_reader.hpp"

namespace nexus {
namespace {

using test::displayOf;
using test::keptTags;
using test::readTags;
using test::reply;
using test::requestFor;

std::string lower(std::string_view s) { return text::toLower(s); }

InterviewContext after(std::string question) {
  InterviewContext context;
  context.askedQuestions.push_back(std::move(question));
  return context;
}

TEST(OfflineRealTalk, SkippingAsAFeatureIsNotOutOfScope) {
  OfflineAnalyst analyst;
  const auto feature =
      keptTags(reply(analyst, requestFor("Subscribers should be able to pause or skip a month from their "
                                         "account page")));
  ASSERT_EQ(feature.size(), 1u);
  EXPECT_EQ(feature.front().priority, "should");
  const auto decision = keptTags(reply(analyst, requestFor("Let's skip the chat for now")));
  ASSERT_EQ(decision.size(), 1u);
  EXPECT_EQ(decision.front().priority, "wont");
}

TEST(OfflineRealTalk, LowerCaseSentencesAreSeparateStatements) {
  OfflineAnalyst analyst;
  const auto tags =
      keptTags(reply(analyst, requestFor("it needs to be GDPR compliant. data must stay in the EU")));
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].text, "It needs to be GDPR compliant.");
  EXPECT_EQ(tags[1].text, "Data must stay in the EU.");
}

TEST(OfflineRealTalk, ABuildingStatementWithoutModalIsTheVision) {
  OfflineAnalyst analyst;
  const std::string raw =
      reply(analyst, requestFor("I'm building the backend for a mobile multiplayer puzzle game"));
  const auto tags = keptTags(raw);
  ASSERT_EQ(tags.size(), 1u) << raw;
  EXPECT_EQ(tags.front().category, "functional");
  EXPECT_EQ(tags.front().area, "");
  EXPECT_NE(displayOf(raw).find("the backend for a mobile multiplayer puzzle game"), std::string::npos);
  EXPECT_TRUE(readTags(reply(analyst, requestFor("It's a nightmare to manage the app today"))).empty());
}

TEST(OfflineRealTalk, TeamFactsAreConstraintsEvenAfterNotSure) {
  OfflineAnalyst analyst;
  const std::string raw =
      reply(analyst, requestFor("hmm not sure. we're a small team, 2 devs, and we know python"));
  const auto tags = keptTags(raw);
  ASSERT_EQ(tags.size(), 1u) << raw;
  EXPECT_EQ(tags.front().category, "constraint");
  EXPECT_EQ(lower(displayOf(raw)).find("open point"), std::string::npos);
  // Knowing something is a team fact only when it is a technology.
  for (const char* remark : {"we know what we want", "We know users hate signing up"}) {
    for (const auto& tag : readTags(reply(analyst, requestFor(remark))))
      EXPECT_NE(tag.category, "constraint") << remark;
  }
}

TEST(OfflineRealTalk, HeadcountsAreAssumptionsAboutScale) {
  OfflineAnalyst analyst;
  const auto players =
      keptTags(reply(analyst, requestFor("maybe 10k daily players at launch, hopefully 100k by next year")));
  ASSERT_EQ(players.size(), 1u);
  EXPECT_EQ(players.front().category, "assumption");
  EXPECT_EQ(players.front().area, "performance");
  EXPECT_EQ(players.front().priority, "should");
  // With a quality word it stays a target.
  const auto peak = keptTags(reply(analyst, requestFor("10,000 concurrent users at peak")));
  ASSERT_EQ(peak.size(), 1u);
  EXPECT_EQ(peak.front().category, "non-functional");
}

TEST(OfflineRealTalk, FarewellsWithoutApostrophesEndPolitely) {
  OfflineAnalyst analyst;
  for (const char* message : {"thx, thats all for now", "ok im done", "thats it"}) {
    const std::string display = lower(displayOf(reply(analyst, requestFor(message))));
    EXPECT_NE(display.find("end the interview whenever"), std::string::npos) << message << ": " << display;
  }
}

TEST(OfflineRealTalk, WhatDoYouMeanAfterAProviderQuestionDoesNotAskHowToSignIn) {
  OfflineAnalyst analyst;
  const auto context = after(
      "The first time someone signs in through that provider, should their account be created "
      "automatically, or must they be invited first?");
  const std::string display = lower(displayOf(reply(analyst, requestFor("what do you mean?", context))));
  EXPECT_NE(display.find("google"), std::string::npos) << display;
  EXPECT_EQ(display.find("how would you like people to sign in"), std::string::npos) << display;
  EXPECT_EQ(display.find("their own account"), std::string::npos) << display;
}

TEST(OfflineRealTalk, OnlyATargetIsCalledAMeasurableTarget) {
  OfflineAnalyst analyst;
  const std::string problem = displayOf(
      reply(analyst, requestFor("the shop feels slow on phones, product pages take like 6 seconds to load")));
  EXPECT_EQ(problem.find("measurable target"), std::string::npos) << problem;
  const std::string target = displayOf(reply(analyst, requestFor("Pages should load in under 2 seconds")));
  EXPECT_NE(target.find("measurable target"), std::string::npos) << target;
}

TEST(OfflineRealTalk, TheTopicThePersonAsksForComesBeforeGaps) {
  OfflineAnalyst analyst;
  InterviewContext context;
  for (const char* text : {"Users must sign in with Google.", "Pages should load in under 2 seconds.",
                           "Therapists need to see their day on a tablet."}) {
    ExtractedRequirement r;
    r.text = text;
    r.area = domain::inferArea(text);
    context.requirements.push_back(r);
    context.exploredAreas.push_back(*r.area);
  }
  const std::string display = displayOf(reply(analyst, requestFor("what about security?", context)));
  EXPECT_NE(display.find("security"), std::string::npos) << display;
  const auto* templ = domain::findTemplate(display.substr(display.rfind("\n\n") + 2));
  ASSERT_NE(templ, nullptr) << display;
  EXPECT_EQ(templ->area, "security") << display;
}

TEST(OfflineRealTalk, TodaysProcessIsNoRequirement) {
  OfflineAnalyst analyst;
  EXPECT_TRUE(readTags(reply(analyst, requestFor("patients call and the receptionist writes it in a paper "
                                                 "calendar")))
                  .empty());
  EXPECT_EQ(keptTags(reply(analyst, requestFor("The app sends a reminder every day"))).size(), 1u);
}

TEST(OfflineRealTalk, BudgetsAndTypedContractionsAreUnderstood) {
  OfflineAnalyst analyst;
  const auto budget = keptTags(reply(analyst, requestFor("budget is tight, maybe 30k")));
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(budget.front().category, "constraint");
  const auto account = keptTags(
      reply(analyst, requestFor("patients shouldnt need an account to book, just name phone and email")));
  ASSERT_EQ(account.size(), 1u);
  EXPECT_EQ(account.front().priority, "should");  // "shouldn't", not "need"
}

TEST(OfflineRealTalk, AnOnlyRuleAfterAndIsAStatementAboutPermissions) {
  OfflineAnalyst analyst;
  const auto tags =
      keptTags(reply(analyst, requestFor("it must be encrypted and only the patient's own therapist "
                                         "can read the treatment notes")));
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].area, "security");
  EXPECT_EQ(tags[1].area, "authorization");
}

TEST(OfflineRealTalk, QuestionsAboutTheInterviewAreNotDecisions) {
  OfflineAnalyst analyst;
  const std::string display = lower(displayOf(reply(analyst, requestFor("what else do you need from me?"))));
  EXPECT_EQ(display.find("your call"), std::string::npos) << display;
  EXPECT_EQ(display.find("decide"), std::string::npos) << display;
  const std::string decision = lower(displayOf(reply(analyst, requestFor("should we use microservices?"))));
  EXPECT_TRUE(decision.find("your call") != std::string::npos || decision.find("decide") != std::string::npos)
      << decision;
}

// --- short answers ---------------------------------------------------------------------------

struct Answer {
  const char* question;
  const char* answer;
  const char* text;  // "" when nothing may be captured
  const char* category;
  const char* priority;
  const char* area;
};

const Answer kAnswers[] = {
    {"Who are the main people using it, and what do they need from it most?", "about 50 people",
     "Expected users: about 50 people.", "assumption", "should", "performance"},
    {"Who will use it day to day, and roughly how many people is that?", "50", "Expected users: 50.",
     "assumption", "should", "performance"},
    {"Tell me about it: what is it, and who is it for?", "for our 3 shops", "", "", "", ""},
    {"What response time would you call acceptable for the most common action?", "under 2 seconds",
     "Acceptable response time: under 2 seconds.", "non-functional", "should", "performance"},
    {"Is there a deadline or an event the first version has to be ready for?", "before Christmas",
     "Deadline: before Christmas.", "constraint", "should", ""},
    {"What is definitely out of scope for the first version?", "a web version and chat",
     "Out of scope for the first version: a web version and chat.", "functional", "wont", ""},
    {"What is definitely out of scope for the first version?", "nothing really", "", "", "", ""},
    {"What is definitely out of scope for the first version?", "not sure yet", "", "", "", ""},
    {"If we had to cut features to ship sooner, which ones must stay in?", "invoices and reminders",
     "Must-have features: invoices and reminders.", "functional", "must", ""},
    {"Which other systems should it exchange information with?", "slack and google calendar",
     "Tools to connect: slack and google calendar.", "functional", "should", "integrations"},
    {"Which other systems should it exchange information with?", "bye", "", "", "", ""},
    {"Which other systems should it exchange information with?", "thanks!", "", "", "", ""},
    {"How much downtime would be acceptable, and at what times of day?", "maybe an hour a month at night",
     "Acceptable downtime: maybe an hour a month at night.", "non-functional", "should", "deployment"},
    {"Does it need to work in more than one language?", "yes", "", "", "", ""},
};

TEST(OfflineRealTalk, ShortAnswersAreReadWithTheQuestion) {
  OfflineAnalyst analyst;
  for (const auto& a : kAnswers) {
    const std::string raw = reply(analyst, requestFor(a.answer, after(a.question)));
    const auto tags = keptTags(raw);
    if (std::string_view(a.text).empty()) {
      EXPECT_TRUE(readTags(raw).empty()) << a.answer << "\n" << raw;
      continue;
    }
    ASSERT_EQ(tags.size(), 1u) << a.answer << "\n" << raw;
    EXPECT_EQ(tags.front().text, a.text);
    EXPECT_EQ(tags.front().category, a.category) << a.answer;
    EXPECT_EQ(tags.front().priority, a.priority) << a.answer;
    EXPECT_EQ(tags.front().area, a.area) << a.answer;
  }
}

TEST(OfflineRealTalk, AFullStatementIsNotTakenForAShortAnswer) {
  OfflineAnalyst analyst;
  const auto tags =
      keptTags(reply(analyst, requestFor("Users must sign in with Google",
                                         after("Which other systems should it exchange information "
                                               "with?"))));
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags.front().text, "Users must sign in with Google.");
}

TEST(OfflineRealTalk, AnAnswerDoesNotOpenAThread) {
  // After "about 50 people" the interview moves on instead of drilling into performance.
  OfflineAnalyst analyst;
  const std::string display = displayOf(
      reply(analyst, requestFor("about 50 people",
                                after("Who will use it day to day, and roughly how many people is that?"))));
  const std::string question = display.substr(display.rfind("\n\n") + 2);
  for (const char* word : {"response time", "how fast", "same time", "peak"}) {
    EXPECT_EQ(lower(question).find(word), std::string::npos) << question;
  }
}

}  // namespace
}  // namespace nexus
