#include "core/cow_vector.hpp"

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <thread>

namespace nexus {
namespace {

TEST(CowVector, ACopySharesUntilOneSideChanges) {
  CowVector<std::string> kept{"a", "b"};
  CowVector<std::string> lent = kept;
  EXPECT_TRUE(lent.sharesWith(kept));

  kept.push_back("c");  // the lent copy keeps what it was given
  EXPECT_FALSE(lent.sharesWith(kept));
  EXPECT_EQ(lent, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(kept, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(CowVector, TheOnlyHolderChangesItsBufferInPlace) {
  CowVector<std::string> kept{"a"};
  kept.edit().reserve(4);
  const std::string* first = &kept.front();
  {
    const CowVector<std::string> lent = kept;  // handed out and given back
    EXPECT_EQ(&lent.front(), first);
  }
  kept.push_back("b");
  EXPECT_EQ(&kept.front(), first) << "no copy was made of a buffer nobody else holds";

  const CowVector<std::string> held = kept;
  kept.push_back("c");
  EXPECT_NE(&kept.front(), first) << "a buffer another copy holds is copied first";
  EXPECT_EQ(&held.front(), first);
}

TEST(CowVector, ReadsLikeAVector) {
  const CowVector<int> empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.begin(), empty.end());
  EXPECT_TRUE(empty.items().empty());

  CowVector<int> numbers = std::vector<int>{3, 1, 2};
  const std::span<const int> view = numbers;
  EXPECT_EQ(view.size(), 3u);
  EXPECT_EQ(numbers[1], 1);
  EXPECT_EQ(numbers.back(), 2);
  int sum = 0;
  for (const int n : numbers) sum += n;
  EXPECT_EQ(sum, 6);
  const std::vector<int>& asVector = numbers;
  EXPECT_EQ(asVector.size(), 3u);
  numbers.edit()[0] = 7;
  EXPECT_EQ(numbers.front(), 7);
  numbers.clear();
  EXPECT_TRUE(numbers.empty());
}

TEST(CowVector, CopiesOnOtherThreadsNeverSeeTheChanges) {
  CowVector<int> kept{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([lent = kept] {
      for (int i = 0; i < 1000; ++i) ASSERT_EQ(lent.size(), 1u);
    });
  }
  for (int i = 1; i < 1000; ++i) kept.push_back(i);
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(kept.size(), 1000u);
}

}  // namespace
}  // namespace nexus
