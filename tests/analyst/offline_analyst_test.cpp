// What the offline analyst recognises in conversational statements: a table of statements
// with the category, priority and area it must tag, sent through OfflineAnalyst::complete()
// and read back from the <requirement> tags; and messages that must yield no requirement.

#include "analyst/offline_analyst.hpp"

#include <gtest/gtest.h>

#include "analyst/requirement_recognizer.hpp"
#include "analyst/tag_reader.hpp"

namespace nexus {
namespace {

using test::keptTags;
using test::readTags;
using test::reply;
using test::requestFor;

struct Case {
  const char* statement;
  const char* category;  // "*": any
  const char* priority;  // "*": any
  const char* area;      // "-": none, "*": any
};

const Case kCases[] = {
    {"I want to build a todo app for small teams", "functional", "should", "-"},
    {"Users must sign in with Google", "functional", "must", "authentication"},
    {"Pages should load in under 2 seconds", "non-functional", "should", "performance"},
    {"We must use PostgreSQL", "constraint", "must", "data_model"},
    {"Users can create, edit and delete tasks", "functional", "should", "*"},
    {"Each task should have a due date and an assignee", "functional", "should", "data_model"},
    {"I'd like users to get an email reminder the day before a task is due", "functional", "should",
     "integrations"},
    {"It would be nice to have a dark mode", "non-functional", "could", "ui_ux"},
    {"We need to support 10,000 concurrent users", "non-functional", "must", "performance"},
    {"The app must be available 99.9% of the time", "non-functional", "must", "deployment"},
    {"It has to run on Windows and macOS", "constraint", "must", "deployment"},
    {"The backend will be written in Go", "technical", "should", "*"},
    {"We assume every user has a smartphone", "assumption", "*", "*"},
    {"Presumably most teams have fewer than 20 members", "assumption", "*", "*"},
    {"A mobile app is out of scope for now", "*", "wont", "ui_ux"},
    {"We don't need offline support", "*", "wont", "*"},
    {"No need for payments in the first version", "functional", "wont", "*"},
    {"We won't support Internet Explorer", "*", "wont", "deployment"},
    {"Only admins can delete projects", "functional", "must", "authorization"},  // a restriction binds
    {"Admins should be able to invite new members", "functional", "should", "authorization"},
    {"All data must be encrypted at rest", "non-functional", "must", "security"},
    {"The system must log every change to a task in an audit trail", "non-functional", "must", "security"},
    {"The system shall comply with GDPR", "constraint", "must", "security"},
    {"It should integrate with Slack", "functional", "should", "integrations"},
    {"Users should receive a confirmation email after signing up", "functional", "should", "integrations"},
    {"Users should be able to export their tasks to CSV", "functional", "should", "data_model"},
    {"Maybe we could add a calendar view later", "functional", "could", "*"},
    {"Search results should appear within 500 ms", "non-functional", "should", "performance"},
    {"Response time must stay below 300 ms at peak load", "non-functional", "must", "performance"},
    {"The UI should be simple and intuitive", "non-functional", "should", "ui_ux"},
    {"The interface must be accessible to screen reader users", "non-functional", "must", "ui_ux"},
    {"The product should support English and German", "non-functional", "should", "ui_ux"},
    {"I need a REST API so our mobile app can sync tasks", "functional", "must", "api"},
    {"We should deploy it on AWS", "technical", "should", "deployment"},
    {"Let's use React for the frontend", "technical", "should", "*"},
    {"It must be written in TypeScript", "constraint", "must", "*"},
    {"Our budget is 20k and we need to launch by March", "constraint", "must", "*"},
    {"Ideally pages should load in under 2 seconds", "non-functional", "should", "performance"},  // a preference
    {"Managers want a weekly report of completed tasks", "functional", "should", "data_model"},
    {"Users must be able to reset their password by email", "functional", "must", "authentication"},
    {"It's essential that data is backed up every night", "non-functional", "must", "deployment"},
    {"Tasks can be tagged with labels", "functional", "should", "data_model"},
    {"Customers should be able to pay with Stripe", "functional", "should", "integrations"},
    {"Users may optionally attach files to a task", "functional", "could", "data_model"},
    {"The system shall send a notification when a task is overdue", "functional", "must", "integrations"},
    {"Also, team leads need to see a dashboard of overdue tasks", "functional", "must", "ui_ux"},
};

class ConversationalStatements : public ::testing::TestWithParam<Case> {};

TEST_P(ConversationalStatements, AreTaggedWithCategoryPriorityAndArea) {
  const Case& c = GetParam();
  OfflineAnalyst analyst;
  const std::string raw = reply(analyst, requestFor(c.statement));
  const auto tags = keptTags(raw);
  ASSERT_EQ(tags.size(), 1u) << raw;
  const auto& tag = tags.front();
  EXPECT_GE(tag.confidence, 0.7);
  if (std::string_view(c.category) != "*") {
    EXPECT_EQ(tag.category, c.category) << c.statement;
  }
  if (std::string_view(c.priority) != "*") {
    EXPECT_EQ(tag.priority, c.priority) << c.statement;
  }
  if (std::string_view(c.area) == "-") {
    EXPECT_EQ(tag.area, "") << c.statement;
  } else if (std::string_view(c.area) != "*") {
    EXPECT_EQ(tag.area, c.area) << c.statement;
  }
  // The stored text is the person's statement, tidied: not a rewritten sentence.
  EXPECT_EQ(text::toLower(tag.text).find(text::toLower(std::string(c.statement).substr(6, 12))) !=
                std::string::npos,
            true)
      << tag.text;
  EXPECT_EQ(tag.text.back(), '.');
  EXPECT_TRUE(tag.text[0] < 'a' || tag.text[0] > 'z') << tag.text;
}

INSTANTIATE_TEST_SUITE_P(OfflineAnalyst, ConversationalStatements, ::testing::ValuesIn(kCases));

const char* const kNonRequirements[] = {
    "hi",
    "hello there",
    "thanks!",
    "what do you mean?",
    "ok",
    "I'm not sure",
    "can you explain that?",
    "good morning",
    "let me think",
    "sounds good",
    "I don't know",
    "Why do you ask?",
    "That's all for now",
    "Hmm, good question",
    "Yes",
    "Could you give me an example?",
    "No idea, to be honest",
    "I need to think about it",
    "We'll see",
    "Should we use Postgres?",
    "I can't decide right now",
    "Tell me more",
};

TEST(OfflineAnalyst, SmallTalkAndQuestionsYieldNoRequirement) {
  OfflineAnalyst analyst;
  for (const char* message : kNonRequirements) {
    const std::string raw = reply(analyst, requestFor(message));
    EXPECT_TRUE(readTags(raw).empty()) << message << "\n" << raw;
    EXPECT_EQ(raw.find("<requirement>"), std::string::npos) << message;
  }
}

TEST(OfflineAnalyst, VagueStatementsStayBelowTheThreshold) {
  OfflineAnalyst analyst;
  for (const char* message : {"It should be nice", "It must work well", "It should be great"}) {
    const std::string raw = reply(analyst, requestFor(message));
    const auto tags = readTags(raw);
    ASSERT_EQ(tags.size(), 1u) << message;
    EXPECT_LT(tags.front().confidence, 0.7) << message;
    EXPECT_TRUE(keptTags(raw).empty());
  }
}

TEST(OfflineAnalyst, ClearModalStatementsAreConfident) {
  for (const char* statement :
       {"Users must sign in with Google", "The system shall export invoices as PDF",
        "Admins need to approve new accounts", "Reports should be emailed every Monday"}) {
    const auto r = analyst::recognize(statement);
    ASSERT_TRUE(r.has_value()) << statement;
    EXPECT_GE(r->confidence, 0.8) << statement;
  }
}

TEST(OfflineAnalyst, SeveralStatementsInOneMessageGiveSeveralTags) {
  OfflineAnalyst analyst;
  const std::string raw =
      reply(analyst, requestFor("Users must sign in with Google, and pages should load in under "
                                "2 seconds. Also, we must use PostgreSQL; a mobile app is out "
                                "of scope."));
  const auto tags = keptTags(raw);
  // ", and pages should ..." has its own subject and modal: a statement of its own.
  ASSERT_EQ(tags.size(), 4u) << raw;
  EXPECT_EQ(tags[0].text, "Users must sign in with Google.");
  EXPECT_EQ(tags[1].text, "Pages should load in under 2 seconds.");
  EXPECT_EQ(tags[2].text, "We must use PostgreSQL.");
  EXPECT_EQ(tags[3].priority, "wont");
}

TEST(OfflineAnalyst, EscapesMarkupInRequirementText) {
  OfflineAnalyst analyst;
  const std::string raw = reply(analyst, requestFor("Exports must escape <script> tags & quotes"));
  // Inside the tags the text is escaped (the display text is plain text, not markup).
  EXPECT_EQ(raw.find("<script>", raw.find("<requirement>")), std::string::npos) << raw;
  const auto tags = keptTags(raw);
  ASSERT_EQ(tags.size(), 1u) << raw;
  EXPECT_EQ(tags.front().text, "Exports must escape <script> tags & quotes.");
}

TEST(OfflineAnalyst, CleansUpTheStatementText) {
  const auto r = analyst::recognize("  - oh and   users should be able to   archive projects!!  ");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->text, "Users should be able to archive projects.");
  const auto ios = analyst::recognize("iOS users must get push notifications");
  ASSERT_TRUE(ios.has_value());
  EXPECT_EQ(ios->text, "iOS users must get push notifications.");
}

TEST(OfflineAnalyst, ReportsItsBackend) {
  OfflineAnalyst analyst;
  const BackendInfo info = analyst.info();
  EXPECT_EQ(info.name, "offline");
  EXPECT_EQ(info.model, "offline-analyst");
  EXPECT_EQ(info.endpoint, "");
}

}  // namespace
}  // namespace nexus
