#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace nexus {
namespace {

TEST(Ids, AreTwentyOneUrlSafeCharacters) {
  for (int i = 0; i < 100; ++i) {
    const std::string id = newId();
    ASSERT_EQ(id.size(), kIdLength);
    EXPECT_TRUE(isWellFormedId(id)) << id;
  }
}

TEST(Ids, DoNotRepeatAndUseTheWholeAlphabet) {
  std::set<std::string> ids;
  std::set<char> letters;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = newId();
    ids.insert(id);
    letters.insert(id.begin(), id.end());
  }
  EXPECT_EQ(ids.size(), 10000u);
  EXPECT_EQ(letters.size(), 64u);  // 210,000 draws over 64 letters: every one shows up
}

// A leading '-' would read as an option when a person passes the id to `nexus`.
TEST(Ids, NeverStartWithADash) {
  std::set<char> first;
  for (int i = 0; i < 20000; ++i) first.insert(newId()[0]);
  EXPECT_EQ(first.count('-'), 0u);
  EXPECT_EQ(first.size(), 63u);  // 20,000 draws over the 63 others: every one shows up
}

TEST(Ids, WellFormedRefusesJunk) {
  EXPECT_FALSE(isWellFormedId(""));
  EXPECT_FALSE(isWellFormedId("has space"));
  EXPECT_FALSE(isWellFormedId("semi;colon"));
  EXPECT_FALSE(isWellFormedId(std::string(129, 'a')));
  EXPECT_TRUE(isWellFormedId("demo-project_1"));
}

}  // namespace
}  // namespace nexus
