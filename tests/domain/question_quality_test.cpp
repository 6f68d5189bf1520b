// Quality rules of the questions the generator picks: out-of-scope requirements are never
// quoted back, and sign-in delegated to an external identity provider gets questions that do
// not assume passwords.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/question_bank.hpp"
#include "domain/question_generator.hpp"

namespace nexus::domain {
namespace {

ExtractedRequirement requirement(std::string text, std::string area, Priority priority = Priority::Should) {
  ExtractedRequirement r;
  r.text = std::move(text);
  r.area = std::move(area);
  r.priority = priority;
  return r;
}

// The questions the generator asks while the person keeps talking about `area`.
std::vector<Question> followThread(QuestionGenerator& generator, const std::string& area, int turns) {
  std::vector<Question> asked;
  for (int i = 0; i < turns; ++i) {
    // Every other area counts as touched, so the thread is never left for an untouched one.
    for (const auto other : kStandardAreas) generator.markExplored(other);
    const Question question = generator.nextQuestion({area});
    asked.push_back(question);
    generator.recordAsked(question.text);
  }
  return asked;
}

TEST(QuestionQuality, OutOfScopeRequirementsAreNeverQuoted) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Mobile apps are out of scope for now.", "ui_ux", Priority::Wont));
  generator.recordRequirement(requirement("We won't build a desktop version.", "ui_ux", Priority::Wont));
  for (const auto& question : followThread(generator, "ui_ux", 10)) {
    EXPECT_EQ(question.text.find("\"Mobile apps"), std::string::npos) << question.text;
    EXPECT_EQ(question.text.find("desktop version"), std::string::npos) << question.text;
  }
}

TEST(QuestionQuality, InScopeRequirementsAreStillQuoted) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Mobile apps are out of scope for now.", "ui_ux", Priority::Wont));
  generator.recordRequirement(requirement("Freelancers see a dashboard of unpaid invoices.", "ui_ux"));
  bool quoted = false;
  for (const auto& question : followThread(generator, "ui_ux", 10)) {
    quoted |= question.text.find("\"Freelancers see a dashboard") != std::string::npos;
  }
  EXPECT_TRUE(quoted);
}

TEST(QuestionQuality, OnlyRequirementsOfTheQuestionsAreaAreQuoted) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Only admins can delete invoices.", "authorization"));
  generator.recordRequirement(requirement("Freelancers see a dashboard of unpaid invoices.", "ui_ux"));
  for (const auto& question : followThread(generator, "ui_ux", 10)) {
    EXPECT_EQ(question.text.find("Only admins"), std::string::npos) << question.text;
  }
}

bool assumesPasswords(const std::string& question) {
  const std::string lower = text::toLower(question);
  for (const char* word : {"password", "second check", "code sent", "locked", "confirmation email"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

TEST(QuestionQuality, NamesExternalIdentityProviders) {
  for (const char* text : {"Users must sign in with Google", "Staff log in through our company SSO",
                           "Sign-in via Microsoft accounts", "Use OAuth with GitHub", "SAML for enterprise",
                           "People sign in with their Okta account"}) {
    EXPECT_TRUE(namesExternalIdentityProvider(text)) << text;
  }
  for (const char* text : {"Users sign in with an email and password", "Google Calendar sync", ""}) {
    EXPECT_FALSE(namesExternalIdentityProvider(text)) << text;
  }
}

TEST(QuestionQuality, DelegatedSignInGetsQuestionsThatDoNotAssumePasswords) {
  for (const char* said : {"Users must sign in with Google.", "Staff sign in with the company SSO."}) {
    QuestionGenerator generator;
    generator.recordRequirement(requirement(said, "authentication", Priority::Must));
    const auto asked = followThread(generator, "authentication", 6);
    bool delegated = false;
    for (const auto& question : asked) {
      EXPECT_EQ(question.area, "authentication") << question.text;
      EXPECT_FALSE(assumesPasswords(question.text)) << said << " -> " << question.text;
      const auto* templ = findTemplate(question.text);
      delegated |= templ != nullptr && templ->signIn == SignInStyle::External;
    }
    EXPECT_TRUE(delegated) << said;
    // The very next question already fits delegated sign-in.
    QuestionGenerator fresh;
    fresh.recordRequirement(requirement(said, "authentication", Priority::Must));
    const auto* first = findTemplate(fresh.nextQuestion({"authentication"}).text);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->signIn, SignInStyle::External) << first->text;
  }
}

TEST(QuestionQuality, OwnAccountsKeepThePasswordQuestions) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Users sign in with an email and password.", "authentication"));
  bool passwordQuestion = false;
  for (const auto& question : followThread(generator, "authentication", 6)) {
    const auto* templ = findTemplate(question.text);
    ASSERT_NE(templ, nullptr) << question.text;
    EXPECT_NE(templ->signIn, SignInStyle::External) << question.text;
    passwordQuestion |= templ->signIn == SignInStyle::OwnPasswords;
  }
  EXPECT_TRUE(passwordQuestion);
}

TEST(QuestionQuality, EveryExternalSignInQuestionIsAboutAuthentication) {
  std::size_t external = 0;
  for (const auto& templ : questionBank()) {
    if (templ.signIn != SignInStyle::External) continue;
    ++external;
    EXPECT_EQ(templ.area, "authentication") << templ.text;
    EXPECT_FALSE(assumesPasswords(std::string(templ.text))) << templ.text;
  }
  EXPECT_GE(external, 3u);
}

TEST(QuestionBank, QuestionSentencesFindEveryQuestionInAReply) {
  EXPECT_EQ(questionSentences("Thanks! Who will use it? And roughly how many people is that?\nGood."),
            (std::vector<std::string>{"Who will use it?", "And roughly how many people is that?"}));
  EXPECT_EQ(questionSentences("Version 2.0 ships in May. Is that fixed?"),
            std::vector<std::string>{"Is that fixed?"});
  EXPECT_TRUE(questionSentences("No question here.").empty());
}

}  // namespace
}  // namespace nexus::domain
