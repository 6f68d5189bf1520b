#include "domain/quality_dialogue.hpp"

#include <gtest/gtest.h>

namespace nexus::domain {
namespace {

struct AnswerCase {
  const char* answer;
  Verdict verdict;
};

constexpr const char* kFirst = "We must use PostgreSQL.";
constexpr const char* kSecond = "The database will be MySQL.";

const AnswerCase kConflictAnswers[] = {
    {"PostgreSQL", Verdict::KeepFirst},
    {"Let's go with Postgresql, definitely", Verdict::KeepFirst},
    {"MySQL, sorry for the confusion", Verdict::KeepSecond},
    {"We'll use MySQL after all", Verdict::KeepSecond},
    {"The first one", Verdict::KeepFirst},
    {"the new one", Verdict::KeepSecond},
    {"Both: PostgreSQL for the app and MySQL for the old reports", Verdict::KeepBoth},
    {"keep both", Verdict::KeepBoth},
    {"That's fine, ignore it", Verdict::Dismiss},
    {"Hmm, I need to ask my colleague", Verdict::None},
    {"It is not fine", Verdict::None},
};

TEST(QualityDialogue, ReadsTheAnswerToAConflictQuestion) {
  for (const auto& c : kConflictAnswers) {
    EXPECT_EQ(readConflictAnswer(c.answer, kFirst, kSecond), c.verdict) << c.answer;
  }
}

TEST(QualityDialogue, ReadsTheAnswerToAFindingQuestion) {
  EXPECT_EQ(readFindingAnswer("That's fine as it is"), Verdict::Dismiss);
  EXPECT_EQ(readFindingAnswer("keep it"), Verdict::Dismiss);
  EXPECT_EQ(readFindingAnswer("No, that is not good enough"), Verdict::None);
  EXPECT_EQ(readFindingAnswer("Search results in under a second"), Verdict::None);
}

ExtractedRequirement requirement(std::string id, std::string text, std::optional<std::string> area) {
  ExtractedRequirement r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.area = std::move(area);
  return r;
}

TEST(QualityDialogue, AConflictComesFirstThenAFindingOfTheLatestMessageNeverOneAskedBefore) {
  const std::vector<ExtractedRequirement> present{requirement("a", "We must use PostgreSQL", "data_model"),
                                                  requirement("b", "The database will be MySQL", "data_model"),
                                                  requirement("c", "The app should be fast", "performance"),
                                                  requirement("d", "It should be easy", "ui_ux")};
  std::vector<RequirementFinding> findings{{"f1", "c", FindingKind::VagueTerm, "fast", "m", {}, {}, {}},
                                           {"f2", "d", FindingKind::VagueTerm, "easy", "m", {}, {}, {}}};
  std::vector<RequirementConflict> conflicts{
      {"c1", {"a", "b"}, ConflictKind::ExclusiveChoice, "x", ReviewStatus::Open, {}, {}, {}}};
  const std::vector<std::string> latest{"d"};

  auto next = nextQualityQuestion(findings, conflicts, latest, present);
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, (QualityQuestion{QualityQuestion::Subject::Conflict, 0}));

  conflicts[0].askedInMessageId = "m1";
  next = nextQualityQuestion(findings, conflicts, latest, present);
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, (QualityQuestion{QualityQuestion::Subject::Finding, 1}));  // f1 is not of the latest message

  findings[1].askedInMessageId = "m2";
  EXPECT_FALSE(nextQualityQuestion(findings, conflicts, latest, present));

  conflicts[0].askedInMessageId.reset();
  conflicts[0].status = ReviewStatus::Dismissed;
  EXPECT_FALSE(nextQualityQuestion(findings, conflicts, latest, present));

  conflicts[0].status = ReviewStatus::Open;
  const std::vector<ExtractedRequirement> withoutB{present[0], present[2], present[3]};
  EXPECT_FALSE(nextQualityQuestion(findings, conflicts, latest, withoutB));  // one side was removed
}

TEST(QualityDialogue, ARefinementSharesTheAreaOrTheWords) {
  const auto vague = requirement("a", "The app should be fast", "performance");
  EXPECT_TRUE(refines(requirement("b", "Search results appear in under 1 second", "performance"), vague));
  EXPECT_TRUE(refines(requirement("b", "The app should respond fast, in under 200 ms", std::nullopt), vague));
  EXPECT_FALSE(refines(requirement("b", "Users sign in with Google", "authentication"), vague));
  EXPECT_FALSE(refines(vague, vague));
}

}  // namespace
}  // namespace nexus::domain
