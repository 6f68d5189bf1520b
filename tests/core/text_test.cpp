#include "core/text.hpp"

#include <gtest/gtest.h>

namespace nexus::text {
namespace {

TEST(Text, WordsAreLowerCaseAndSplitOnPunctuation) {
  EXPECT_EQ(words("Sign-in, NOW! It's fine"), (std::vector<std::string>{"sign", "in", "now", "it's", "fine"}));
  EXPECT_TRUE(words("  ...  ").empty());
}

TEST(Text, ContainsPhraseRespectsWordBoundaries) {
  EXPECT_TRUE(containsPhrase("please log in now", "log in"));
  EXPECT_FALSE(containsPhrase("a blog in french", "log in"));
  EXPECT_FALSE(containsPhrase("login", "log"));
  EXPECT_TRUE(containsPhrase("api", "api"));
  EXPECT_FALSE(containsPhrase("anything", ""));
}

TEST(Text, CollapseWhitespaceJoinsLines) {
  EXPECT_EQ(collapseWhitespace("  users\n  can\t\tsign in  "), "users can sign in");
  EXPECT_EQ(trim("\n x \r\n"), "x");
}

TEST(Text, TokenSimilarityIgnoresStopWordsAndOrder) {
  EXPECT_DOUBLE_EQ(tokenSimilarity("Users must sign in with Google", "users sign in with google"), 1.0);
  EXPECT_LT(tokenSimilarity("Users sign in with Google", "Pages load in two seconds"), 0.2);
}

// The indexes' form of jaccard: words as numbers of one dictionary; words only the left-hand
// text has and no number count in the union, as jaccard over the words themselves counts them.
TEST(Text, JaccardOfNumberedWordsIsJaccardOfTheWords) {
  const std::vector<std::string> left{"export", "pdf", "reports", "weekly"};
  const std::vector<std::string> right{"export", "monthly", "reports"};
  // export 0, monthly 1, reports 2; "pdf" and "weekly" have no number.
  const std::vector<std::uint32_t> leftNumbers{0, 2};
  const std::vector<std::uint32_t> rightNumbers{0, 1, 2};
  EXPECT_DOUBLE_EQ(jaccard(leftNumbers, rightNumbers, 2), jaccard(left, right));
  EXPECT_DOUBLE_EQ(jaccard(std::vector<std::uint32_t>{}, std::vector<std::uint32_t>{}), 1.0);
  EXPECT_DOUBLE_EQ(jaccard(std::vector<std::uint32_t>{}, std::vector<std::uint32_t>{}, 1), 0.0);
}

// n − ⌈t·n⌉ + 1 words, never more than n, and 0.8 · 5 = 4 exactly is not rounded up to 5.
TEST(Text, SimilarityPrefixLength) {
  EXPECT_EQ(similarityPrefixLength(5, 0.8), 2u);
  EXPECT_EQ(similarityPrefixLength(4, 0.8), 1u);
  EXPECT_EQ(similarityPrefixLength(10, 0.5), 6u);
  EXPECT_EQ(similarityPrefixLength(3, 1.0), 1u);
  EXPECT_EQ(similarityPrefixLength(0, 0.8), 0u);
}

TEST(Text, TruncateNeverSplitsACharacter) {
  const std::string s = "caf\xC3\xA9 au lait";  // "café au lait"
  EXPECT_EQ(truncateUtf8(s, 4), "caf\xE2\x80\xA6");
  EXPECT_EQ(truncateUtf8(s, 100), s);
}

}  // namespace
}  // namespace nexus::text

namespace nexus::text {
namespace {

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xC3"));              // cut short
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xFF"));
}

}  // namespace
}  // namespace nexus::text
