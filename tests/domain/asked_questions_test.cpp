#include "domain/asked_questions.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace nexus::domain {
namespace {

// What the index must answer: a plain scan of every earlier question.
bool scanned(const std::vector<std::string>& asked, std::string_view question) {
  const std::string wanted = text::toLower(text::collapseWhitespace(question));
  for (const auto& previous : asked) {
    if (text::toLower(text::collapseWhitespace(previous)).find(wanted) != std::string::npos) return true;
  }
  return false;
}

TEST(AskedQuestions, AQuestionIsAskedWhenItIsPartOfAnEarlierOneInAnyCaseAndSpacing) {
  AskedQuestions asked;
  EXPECT_FALSE(asked.contains("Who will use it?"));
  asked.add("Got it.  Who will use it\nday to day, and how many people is that?");
  asked.add("What should happen when the feed is late?");
  EXPECT_TRUE(asked.contains("who will   use it"));
  EXPECT_TRUE(asked.contains("WHAT SHOULD HAPPEN WHEN THE FEED IS LATE?"));
  EXPECT_TRUE(asked.contains("hould happen when the fe"));  // inside words at either end
  EXPECT_FALSE(asked.contains("What should happen when the feed is early?"));
  EXPECT_FALSE(asked.contains("Who will use the admin screens?"));
  EXPECT_TRUE(asked.contains("late"));  // too short for the index: read in full
  EXPECT_FALSE(asked.contains("early"));
  EXPECT_EQ(asked.size(), 2u);
}

TEST(AskedQuestions, AnswersWhatAScanOfEveryQuestionAnswers) {
  const std::vector<std::string> words{"who", "will", "use", "it", "what", "should", "happen", "when",
                                       "the", "feed", "is", "late", "day", "to", "how", "many"};
  std::mt19937 random(7);
  const auto sentence = [&](std::size_t length) {
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += (i == 0 ? "" : (random() % 5 == 0 ? "  " : " ")) + words[random() % words.size()];
    return out;
  };
  std::vector<std::string> earlier;
  AskedQuestions asked;
  for (int i = 0; i < 300; ++i) {
    earlier.push_back(sentence(4 + random() % 8));
    asked.add(earlier.back());
    for (int probe = 0; probe < 5; ++probe) {
      std::string question = sentence(1 + random() % 5);
      if (probe == 0) question = earlier[random() % earlier.size()].substr(random() % 3);  // often a hit
      ASSERT_EQ(asked.contains(question), scanned(earlier, question)) << question;
    }
  }
}

}  // namespace
}  // namespace nexus::domain
