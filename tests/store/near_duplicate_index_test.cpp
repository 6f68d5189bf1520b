// The index must choose exactly what a plain scan with text::tokenSimilarity chooses
// (requirement_rules::nearDuplicate over every text), however its entries came and went.

#include "store/near_duplicate_index.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <random>

#include "store/requirements_store.hpp"

namespace nexus {
namespace {

using std::chrono::milliseconds;
const Timestamp kStart{milliseconds{1768535865123}};

// sync() from a list, as a store does from its rows.
void syncTo(NearDuplicateIndex& index, const std::vector<NearDuplicateIndex::Text>& texts) {
  std::size_t next = 0;
  index.sync([&](NearDuplicateIndex::TextView& row) {
    if (next == texts.size()) return false;
    row = {texts[next].id, texts[next].text, texts[next].createdAt};
    ++next;
    return true;
  });
}

// What the index stands in for.
std::optional<std::string> plainScan(const std::map<std::string, NearDuplicateIndex::Text>& texts,
                                     std::string_view text, double threshold) {
  std::vector<requirement_rules::DuplicateCandidate> candidates;
  for (const auto& [id, entry] : texts) candidates.push_back({entry.id, entry.text, entry.createdAt});
  const auto chosen = requirement_rules::nearDuplicate(candidates, text, threshold);
  if (!chosen) return std::nullopt;
  return std::string(candidates[*chosen].id);
}

TEST(NearDuplicateIndex, StopWordsAreIgnoredAsTokenSimilarityIgnoresThem) {
  NearDuplicateIndex index;
  index.put({"a", "Users must sign in with Google", kStart});
  index.put({"b", "We must", kStart + milliseconds{1}});  // no content word at all
  EXPECT_EQ(index.nearDuplicate("users sign in google", 0.8), "a");
  EXPECT_EQ(index.nearDuplicate("It should be so.", 0.8), "b");  // both empty: similarity 1
  EXPECT_EQ(index.nearDuplicate("Users sign in with Google accounts", 0.8), std::nullopt);  // 3/4
  EXPECT_EQ(index.nearDuplicate("Users sign in with Google accounts", 0.75), "a");
}

TEST(NearDuplicateIndex, FollowsPutEraseAndSync) {
  NearDuplicateIndex index;
  index.put({"a", "Admins export monthly sales reports", kStart});
  index.put({"b", "Pages load within two seconds", kStart});
  EXPECT_EQ(index.nearDuplicate("admins export monthly sales reports", 0.8), "a");
  index.put({"a", "Invoices carry a VAT number", kStart});  // replaced
  EXPECT_EQ(index.nearDuplicate("admins export monthly sales reports", 0.8), std::nullopt);
  EXPECT_EQ(index.nearDuplicate("invoices carry VAT number", 0.8), "a");
  index.erase("a");
  index.erase("never");
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.nearDuplicate("invoices carry VAT number", 0.8), std::nullopt);
  syncTo(index, {{"c", "Invoices carry a VAT number", kStart}, {"b", "Pages load within 3 seconds", kStart}});
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.nearDuplicate("invoices carry VAT number", 0.8), "c");
  EXPECT_EQ(index.nearDuplicate("Pages load within two seconds", 0.8), std::nullopt);  // 4/6 now
  EXPECT_EQ(index.nearDuplicate("Pages load within 3 seconds", 0.8), "b");
}

// A walk of puts, erases, syncs and lookups at `thresholds` (one after the other), each lookup
// checked against a plain scan.
void walk(std::initializer_list<double> thresholds);

TEST(NearDuplicateIndex, ChoosesWhatAPlainScanChooses) { walk({0.5, 0.8, 1.0}); }

// The texts stay filed under their prefixes as they come and go, at the store's one threshold.
TEST(NearDuplicateIndex, ChoosesWhatAPlainScanChoosesAtOneThreshold) { walk({0.8}); }

void walk(std::initializer_list<double> thresholds) {
  static constexpr std::array<const char*, 18> kWords{"users",   "sign",    "google", "must", "the",   "export",
                                                      "reports", "weekly",  "it's",   "can",  "Ünï",   "日本",
                                                      "pdf",     "quickly", "with",   "load", "pages", "in"};
  std::mt19937 random(7);
  const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  const auto anyText = [&] {
    std::string text;
    for (int n = pick(7); n >= 0; --n)
      text += std::string(kWords[static_cast<std::size_t>(pick(18))]) + (pick(4) ? " " : ", ");
    return text;
  };
  NearDuplicateIndex index;
  std::map<std::string, NearDuplicateIndex::Text> texts;
  int found = 0;
  for (int step = 0; step < 3000; ++step) {
    const std::string id = "r" + std::to_string(pick(60));
    const int op = pick(20);
    if (op < 10) {
      NearDuplicateIndex::Text entry{id, anyText(), kStart + milliseconds{pick(5)}};  // ties on purpose
      texts[id] = entry;
      index.put(entry);
    } else if (op < 13) {
      texts.erase(id);
      index.erase(id);
    } else if (op == 13) {  // as after another connection's writes: some texts changed, some gone
      std::vector<NearDuplicateIndex::Text> now;
      for (auto it = texts.begin(); it != texts.end();) {
        if (pick(5) == 0) {
          it = texts.erase(it);
          continue;
        }
        if (pick(5) == 0) it->second.text = anyText();
        now.push_back(it->second);
        ++it;
      }
      syncTo(index, now);
    } else {
      const std::string text = anyText();
      for (const double threshold : thresholds) {
        const auto expected = plainScan(texts, text, threshold);
        ASSERT_EQ(index.nearDuplicate(text, threshold), expected) << "step " << step << ": " << text;
        found += expected.has_value();
      }
    }
    ASSERT_EQ(index.size(), texts.size());
  }
  EXPECT_GT(found, 30);  // the walk did find near-duplicates, not only misses
}

}  // namespace
}  // namespace nexus
