// The near-duplicate index must answer exactly as comparing with every text does.

#include "domain/near_duplicates.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "core/text.hpp"

namespace nexus::domain {
namespace {

// Short texts from a small vocabulary, so that many pairs are near each other; some of stop
// words only, some empty.
std::string randomText(std::mt19937& random) {
  static const char* const kWords[] = {"users", "sign", "in", "with", "google", "the", "admins", "export",
                                       "reports", "pdf", "pages", "load", "fast", "and", "must", "a",
                                       "invoices", "monthly", "email", "alerts"};
  std::uniform_int_distribution<std::size_t> length(0, 7);
  std::uniform_int_distribution<std::size_t> word(0, std::size(kWords) - 1);
  std::string text;
  for (std::size_t i = length(random); i > 0; --i) text += std::string(kWords[word(random)]) + " ";
  return text;
}

bool anyByScan(const std::map<std::string, std::string>& held, const std::string& text, double threshold) {
  for (const auto& [id, stored] : held) {
    if (text::tokenSimilarity(stored, text) >= threshold) return true;
  }
  return false;
}

TEST(NearDuplicates, AnswersAsAScanOverEveryTextDoes) {
  for (const double threshold : {0.5, 0.8, 1.0}) {
    SCOPED_TRACE(threshold);
    std::mt19937 random(42);
    NearDuplicates index(threshold);
    std::map<std::string, std::string> held;
    std::size_t similar = 0;
    for (std::size_t n = 0; n < 1000; ++n) {
      // Now and then a word no text holds yet: it takes a place in the lookup's prefix.
      const std::string text = randomText(random) + (n % 5 == 0 ? "novel" + std::to_string(n) : "");
      for (const double asked : {threshold, std::min(1.0, threshold + 0.1), threshold - 0.2}) {
        const bool expected = anyByScan(held, text, asked);
        ASSERT_EQ(index.anyAtLeast(text, asked), expected) << "\"" << text << "\" at " << asked;
        similar += expected ? 1 : 0;
      }
      const std::string id = "r" + std::to_string(n % 400);  // ids come back: a replaced text
      index.add(id, text);
      held[id] = text;
      if (n % 7 == 0) {
        const std::string gone = "r" + std::to_string((n * 13) % 400);
        index.remove(gone);
        held.erase(gone);
      }
      ASSERT_EQ(index.size(), held.size());
    }
    EXPECT_GT(similar, 300u);  // the lookups found something, and missed nothing
  }
}

TEST(NearDuplicates, TextsOfStopWordsOnlyAreSimilarToEachOther) {
  NearDuplicates index(0.8);
  EXPECT_FALSE(index.anyAtLeast("", 0.8));
  index.add("a", "and the");
  EXPECT_TRUE(index.anyAtLeast("with a", 0.8));
  EXPECT_FALSE(index.anyAtLeast("users sign in", 0.8));
  index.remove("a");
  EXPECT_FALSE(index.anyAtLeast("with a", 0.8));
  EXPECT_THROW(NearDuplicates(0.0), std::invalid_argument);
}

}  // namespace
}  // namespace nexus::domain
