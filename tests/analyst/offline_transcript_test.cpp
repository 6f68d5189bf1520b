// Regression tests for what a real user met in piped `nexus interview` sessions: greetings on
// the first message, product descriptions, "what do you mean?", payments, permissions,
// out-of-scope items, two statements joined by ", and", and short answers to the question.

#include <gtest/gtest.h>

#include <algorithm>

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

// The CLI's greeting: an assistant message before the person's first one, so the engine's
// context already holds one asked question when the first message arrives.
constexpr const char* kCliGreetingQuestion = "Tell me about it: what is it, and who is it for?";

std::string questionOf(const std::string& display) {
  const auto cut = display.rfind("\n\n");
  return cut == std::string::npos ? display : display.substr(cut + 2);
}

std::string lower(std::string_view s) { return text::toLower(s); }

// A request as the engine builds it: the recent messages (user and assistant) plus the context.
LlmRequest engineRequest(const std::vector<std::string>& userMessages, InterviewContext context) {
  LlmRequest request;
  for (std::size_t i = 0; i < userMessages.size(); ++i) {
    if (i > 0) request.messages.push_back({MessageRole::Assistant, "Okay. What else?"});
    request.messages.push_back({MessageRole::User, userMessages[i]});
  }
  request.context = std::move(context);
  return request;
}

TEST(OfflineTranscript, FirstMessageGreetingDoesNotWelcomeBack) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back(kCliGreetingQuestion);
  for (const char* greeting : {"hi", "hello", "hey", "Hi!", "good morning", "hello there", "hiya", "yo"}) {
    const std::string display = lower(displayOf(reply(analyst, engineRequest({greeting}, context))));
    EXPECT_EQ(display.find("again"), std::string::npos) << greeting << ": " << display;
    EXPECT_EQ(display.find("welcome back"), std::string::npos) << greeting << ": " << display;
    EXPECT_EQ(display.find("pick up"), std::string::npos) << greeting << ": " << display;
  }
}

TEST(OfflineTranscript, GreetingAfterEarlierMessagesMayWelcomeBack) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions = {kCliGreetingQuestion,
                            "Who will use it day to day, and roughly how many people is that?"};
  bool welcomedBack = false;
  for (const char* greeting : {"hi", "hello", "hey", "Hi!", "good morning", "hello there", "hiya", "yo"}) {
    const std::string display =
        lower(displayOf(reply(analyst, engineRequest({"We sell cakes", greeting}, context))));
    welcomedBack |= display.find("again") != std::string::npos || display.find("back") != std::string::npos;
    EXPECT_EQ(display.find("i'm your requirements analyst"), std::string::npos) << display;
  }
  EXPECT_TRUE(welcomedBack);
}

TEST(OfflineTranscript, GreetingInFrontOfTheFirstRequirementWelcomes) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back(kCliGreetingQuestion);
  const std::string display =
      displayOf(reply(analyst, engineRequest({"Hi, users must sign in with Google"}, context)));
  EXPECT_EQ(display.rfind("Hello, and welcome!", 0), 0u) << display;
}

TEST(OfflineTranscript, ProductDescriptionIsFunctionalAndNotAboutSpeed) {
  OfflineAnalyst analyst;
  for (const char* message :
       {"I'd like an app where freelancers can track their invoices and get paid faster",
        "I want an app that helps small shops sell faster",
        "We need a tool for our HR team to approve leave"}) {
    const std::string raw = reply(analyst, requestFor(message));
    const auto tags = keptTags(raw);
    ASSERT_EQ(tags.size(), 1u) << raw;
    EXPECT_EQ(tags.front().category, "functional") << message;
    EXPECT_TRUE(tags.front().area.empty() || tags.front().area == "data_model")
        << message << ": " << tags.front().area;
    // The follow-up is about the product as a whole, not about background jobs or speed.
    const std::string question = questionOf(displayOf(raw));
    EXPECT_NE(domain::inferArea(question).value_or(""), "performance") << question;
  }
}

TEST(OfflineTranscript, GettingPaidFasterIsABusinessGoal) {
  OfflineAnalyst analyst;
  const auto tags = keptTags(reply(analyst, requestFor("Freelancers should get paid faster")));
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags.front().category, "functional");
  EXPECT_NE(tags.front().area, "performance");
}

TEST(OfflineTranscript, WhatDoYouMeanExplainsTheAreaOfTheBankQuestion) {
  OfflineAnalyst analyst;
  InterviewContext context;
  // A performance question whose words ("reports", "imports") make inferArea guess another area.
  context.askedQuestions.push_back(
      "Are there heavy jobs, like reports or imports, that could run in the background instead of making "
      "people wait?");
  ASSERT_NE(domain::inferArea(context.askedQuestions.back()).value_or(""), "performance");
  const std::string display = lower(displayOf(reply(analyst, requestFor("what do you mean?", context))));
  EXPECT_NE(display.find("how fast"), std::string::npos) << display;
  EXPECT_EQ(display.find("information it needs to keep"), std::string::npos) << display;
}

TEST(OfflineTranscript, WhatDoYouMeanAfterAGeneralQuestionExplainsTheBigPicture) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back("Who will use it day to day, and roughly how many people is that?");
  const std::string display = lower(displayOf(reply(analyst, requestFor("what do you mean?", context))));
  EXPECT_NE(display.find("big picture"), std::string::npos) << display;
}

struct Tagged {
  const char* statement;
  const char* category;  // "*": any
  const char* area;      // "-": none; "a|b": either
};

const Tagged kTranscriptStatements[] = {
    {"Clients should be able to pay invoices online with a card.", "functional", "integrations"},
    {"Customers pay by credit card at checkout", "functional", "integrations"},
    {"Freelancers must see which invoices are overdue.", "functional", "-|data_model"},
    {"Managers should see how many days of leave each person has left", "functional", "-|data_model"},
    {"Only the freelancer can edit their own invoices", "functional", "authorization"},
    {"Only the account owner may delete a project", "functional", "authorization"},
    {"Employees can only edit their own requests", "*", "authorization"},
};

TEST(OfflineTranscript, StatementsGetSensibleAreas) {
  OfflineAnalyst analyst;
  for (const auto& c : kTranscriptStatements) {
    const auto tags = keptTags(reply(analyst, requestFor(c.statement)));
    ASSERT_EQ(tags.size(), 1u) << c.statement;
    if (std::string_view(c.category) != "*") {
      EXPECT_EQ(tags.front().category, c.category) << c.statement;
    }
    const std::string area = tags.front().area.empty() ? "-" : tags.front().area;
    const std::string wanted = c.area;
    const bool ok = wanted == area || wanted.rfind(area + "|", 0) == 0 ||
                    (wanted.size() > area.size() &&
                     wanted.compare(wanted.size() - area.size() - 1, area.size() + 1, "|" + area) == 0);
    EXPECT_TRUE(ok) << c.statement << ": " << area;
  }
}

TEST(OfflineTranscript, OutOfScopeItemsAreNeverQuotedBack) {
  OfflineAnalyst analyst;
  InterviewContext context;
  ExtractedRequirement wont;
  wont.text = "Mobile apps are out of scope for now.";
  wont.priority = Priority::Wont;
  wont.area = "ui_ux";
  ExtractedRequirement see;
  see.text = "Freelancers see a dashboard of unpaid invoices.";
  see.area = "ui_ux";
  context.requirements = {see, wont};
  context.exploredAreas = {"ui_ux"};
  context.askedQuestions = {"Which task will people do most often, and in how few steps should it be done?"};
  for (int turn = 0; turn < 8; ++turn) {
    const std::string display =
        displayOf(reply(analyst, requestFor("Mobile apps are out of scope for now", context)));
    EXPECT_EQ(display.find("\"Mobile apps"), std::string::npos) << display;
    context.askedQuestions.push_back(questionOf(display));
  }
}

TEST(OfflineTranscript, AndWithANewSubjectAndModalStartsANewStatement) {
  OfflineAnalyst analyst;
  const auto tags = keptTags(reply(
      analyst, requestFor("It should send reminder emails to clients 3 days before the due date, and it must "
                          "integrate with Stripe")));
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].text, "It should send reminder emails to clients 3 days before the due date.");
  EXPECT_EQ(tags[0].priority, "should");
  EXPECT_EQ(tags[1].text, "It must integrate with Stripe.");
  EXPECT_EQ(tags[1].priority, "must");
  EXPECT_EQ(tags[1].area, "integrations");
}

TEST(OfflineTranscript, ListsAndSharedSubjectsStayOneStatement) {
  OfflineAnalyst analyst;
  for (const char* message : {"Users can create, edit and delete tasks", "Users and managers can see reports",
                              "Freelancers and their accountants should be able to export invoices",
                              "It should be fast and easy to use"}) {
    EXPECT_EQ(keptTags(reply(analyst, requestFor(message))).size(), 1u) << message;
  }
}

// --- short answers to the interviewer's question ---------------------------------------------

TEST(OfflineTranscript, HowManyPeopleAnsweredWithANumberIsCaptured) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back("Who will use it day to day, and roughly how many people is that?");
  const std::string raw = reply(analyst, requestFor("about 50 people", context));
  const auto tags = keptTags(raw);
  ASSERT_EQ(tags.size(), 1u) << raw;
  EXPECT_EQ(tags.front().category, "assumption");
  EXPECT_EQ(tags.front().area, "performance");
  EXPECT_NE(tags.front().text.find("about 50 people"), std::string::npos) << tags.front().text;
  EXPECT_EQ(lower(displayOf(raw)).find("pin that down"), std::string::npos);

  // Without the question the same words are no requirement.
  EXPECT_TRUE(readTags(reply(analyst, requestFor("about 50 people"))).empty());
}

TEST(OfflineTranscript, ConcurrentUsersAnswerIsCaptured) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back(
      "How many people do you expect to use it at the same time, now and in a year?");
  const auto tags = keptTags(reply(analyst, requestFor("maybe 200, later a few thousand", context)));
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags.front().area, "performance");
  EXPECT_NE(lower(tags.front().text).find("at the same time"), std::string::npos) << tags.front().text;
}

TEST(OfflineTranscript, YesAndNoYieldNothingAndKeepGoing) {
  OfflineAnalyst analyst;
  InterviewContext context;
  context.askedQuestions.push_back("Does it need to work in more than one language?");
  for (const char* answer : {"yes", "no", "nope", "no, just Google", "yes please", "no, not really"}) {
    const std::string raw = reply(analyst, requestFor(answer, context));
    EXPECT_TRUE(readTags(raw).empty()) << answer;
    const std::string display = displayOf(raw);
    EXPECT_EQ(std::count(display.begin(), display.end(), '?'), 1) << answer << ": " << display;
    // A "no" is not met with "Great." or "Good."
    if (lower(answer).rfind("no", 0) == 0) {
      EXPECT_NE(display.rfind("Great.", 0), 0u) << display;
      EXPECT_NE(display.rfind("Good.", 0), 0u) << display;
    }
  }
}

}  // namespace
}  // namespace nexus
