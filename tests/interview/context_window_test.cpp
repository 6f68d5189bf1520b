#include "interview/context_window.hpp"

#include <gtest/gtest.h>

namespace nexus {
namespace {

InterviewMessage message(MessageRole role, std::string content) {
  return {"id", role, std::move(content), Timestamp{}, std::nullopt, std::nullopt};
}

TEST(ContextWindow, KeepsEverythingThatFits) {
  const std::vector<InterviewMessage> history{message(MessageRole::Assistant, "Hi! What is it?"),
                                              message(MessageRole::User, "A todo app"),
                                              message(MessageRole::Assistant, "For whom?"),
                                              message(MessageRole::User, "Small teams")};
  const auto window = recentMessages(history, 10000);
  ASSERT_EQ(window.size(), 3u);  // the opening greeting goes: a window starts with the user
  EXPECT_EQ(window.front().content, "A todo app");
  EXPECT_EQ(window.back().content, "Small teams");
}

TEST(ContextWindow, DropsTheOldestFirstAndStartsWithTheUser) {
  std::vector<InterviewMessage> history;
  for (int i = 0; i < 100; ++i) {
    history.push_back(message(MessageRole::User, "question " + std::to_string(i) + std::string(100, '.')));
    history.push_back(message(MessageRole::Assistant, "answer " + std::to_string(i) + std::string(100, '.')));
  }
  history.push_back(message(MessageRole::User, "latest"));
  const auto window = recentMessages(history, 500);
  ASSERT_FALSE(window.empty());
  EXPECT_EQ(window.front().role, MessageRole::User);
  EXPECT_EQ(window.back().content, "latest");
  std::size_t tokens = 0;
  for (const auto& m : window) tokens += estimateTokens(m.content);
  EXPECT_LE(tokens, 500u);
  EXPECT_GE(window.size(), 5u);
}

TEST(ContextWindow, TheLatestMessageAlwaysTravels) {
  const std::vector<InterviewMessage> history{message(MessageRole::User, std::string(100000, 'x'))};
  const auto window = recentMessages(history, 10);
  ASSERT_EQ(window.size(), 1u);
  EXPECT_EQ(window[0].content.size(), 100000u);
}

TEST(ContextWindow, JoinsConsecutiveMessagesOfOneRoleAndSkipsSystem) {
  const std::vector<InterviewMessage> history{message(MessageRole::User, "first try"),
                                              message(MessageRole::System, "note"),
                                              message(MessageRole::User, "second try")};
  const auto window = recentMessages(history, 10000);
  ASSERT_EQ(window.size(), 1u);
  EXPECT_EQ(window[0].content, "first try\n\nsecond try");
}

TEST(ContextWindow, TokenEstimateGrowsWithText) {
  EXPECT_LT(estimateTokens("short"), estimateTokens(std::string(400, 'a')));
  EXPECT_GE(estimateTokens(std::string(400, 'a')), 100u);
}

}  // namespace
}  // namespace nexus
