// How the offline analyst does on conversation it was not written for: the corpus in
// tests/data/conversation_corpus.tsv (written from scratch for this purpose, by someone who did
// not look at the rules; see tests/data/README.md), split once by domain into a tuning half and
// a check half. Rules may be chosen by looking at the tuning half's mistakes, which this test
// prints; the check half is only ever reported as figures, and its floors below are what the
// analyst must keep. tests/data/conversation_fresh.tsv (half "fresh") was written later, by
// another hand, and measured once when the rules of issue 12 were done: a figure nobody saw while
// choosing them. tests/data/conversation_tune_extra.tsv is a second tuning set, by a third hand.
//
// Each row is one message said at the start of an interview (no question asked before it):
// detection is "at least one requirement kept" (confidence >= 0.7, as the engine keeps them);
// category, priority and area are judged on the first kept requirement of the rows detected.

#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyst/offline_analyst.hpp"
#include "analyst/tag_reader.hpp"

namespace nexus {
namespace {

// Floors a few points under what the check half measured (bench/RESULTS.md, "Generalisation").
constexpr double kRecallFloor = 0.92;            // measured 0.942
constexpr double kFalsePositiveCeiling = 0.05;   // measured 0.024 (1 of 41)
constexpr double kCategoryFloor = 0.86;          // measured 0.885
constexpr double kPriorityFloor = 0.95;          // measured 0.977
constexpr double kAreaFloor = 0.74;              // measured 0.763

constexpr const char* kExtraTuning = "extra tuning";

struct Row {
  std::string id, half, domain, kind, category, priority, area, text;
};

std::vector<Row> loadCorpus(const char* path) {
  std::ifstream in(path);
  std::vector<Row> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::istringstream fields(line);
    Row r;
    if (std::getline(fields, r.id, '\t') && std::getline(fields, r.half, '\t') &&
        std::getline(fields, r.domain, '\t') && std::getline(fields, r.kind, '\t') &&
        std::getline(fields, r.category, '\t') && std::getline(fields, r.priority, '\t') &&
        std::getline(fields, r.area, '\t') && std::getline(fields, r.text)) {
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

struct Figures {
  int requirements = 0, detected = 0, nonRequirements = 0, falsePositives = 0;
  int category = 0, priority = 0, area = 0;
  std::set<std::string> domains;

  double recall() const { return requirements == 0 ? 0 : double(detected) / requirements; }
  double falsePositiveRate() const { return nonRequirements == 0 ? 0 : double(falsePositives) / nonRequirements; }
  double categoryAccuracy() const { return detected == 0 ? 0 : double(category) / detected; }
  double priorityAccuracy() const { return detected == 0 ? 0 : double(priority) / detected; }
  double areaAccuracy() const { return detected == 0 ? 0 : double(area) / detected; }
};

std::string areaOf(const test::Tag& tag) { return tag.area.empty() ? "-" : tag.area; }

class ConversationCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    figures_ = new std::map<std::string, Figures>();
    OfflineAnalyst analyst;
    std::ostringstream mistakes;
    auto rows = loadCorpus(NEXUS_TEST_DATA_DIR "/conversation_corpus.tsv");
    for (auto& row : loadCorpus(NEXUS_TEST_DATA_DIR "/conversation_fresh.tsv")) rows.push_back(std::move(row));
    // More tuning data, from another hand, reported apart so that the first half's figures stay
    // comparable with those recorded before it came.
    for (auto& row : loadCorpus(NEXUS_TEST_DATA_DIR "/conversation_tune_extra.tsv")) {
      row.half = kExtraTuning;
      rows.push_back(std::move(row));
    }
    for (const Row& row : rows) {
      Figures& f = (*figures_)[row.half];
      f.domains.insert(row.domain);
      const auto kept = test::keptTags(test::reply(analyst, test::requestFor(row.text)));
      const bool showable = row.half == "tune" || row.half == kExtraTuning;
      if (row.kind == "none") {
        ++f.nonRequirements;
        if (!kept.empty()) {
          ++f.falsePositives;
          if (showable) mistakes << "  " << row.id << " taken as a requirement: " << row.text << "\n";
        }
        continue;
      }
      ++f.requirements;
      if (kept.empty()) {
        if (showable) mistakes << "  " << row.id << " missed: " << row.text << "\n";
        continue;
      }
      ++f.detected;
      const auto& tag = kept.front();
      f.category += tag.category == row.category;
      f.priority += tag.priority == row.priority;
      f.area += areaOf(tag) == row.area;
      if (!showable) continue;
      if (tag.category != row.category) {
        mistakes << "  " << row.id << " category " << tag.category << " (not " << row.category << "): " << row.text << "\n";
      }
      if (tag.priority != row.priority) {
        mistakes << "  " << row.id << " priority " << tag.priority << " (not " << row.priority << "): " << row.text << "\n";
      }
      if (areaOf(tag) != row.area) {
        mistakes << "  " << row.id << " area " << areaOf(tag) << " (not " << row.area << "): " << row.text << "\n";
      }
    }
    std::cout << std::fixed << std::setprecision(3);
    for (const auto& [half, f] : *figures_) {
      std::cout << "conversation corpus, " << half << " half (" << f.domains.size() << " domains, "
                << f.requirements << " requirements, " << f.nonRequirements << " others): detection recall "
                << f.recall() << ", false positives " << f.falsePositiveRate() << " (" << f.falsePositives
                << "), category " << f.categoryAccuracy() << ", priority " << f.priorityAccuracy() << ", area "
                << f.areaAccuracy() << "\n";
    }
    if (!mistakes.str().empty()) std::cout << "tuning half, what the analyst got wrong:\n" << mistakes.str();
  }
  static void TearDownTestSuite() {
    delete figures_;
    figures_ = nullptr;
  }

  static const Figures& half(const std::string& name) { return figures_->at(name); }
  static bool has(const std::string& name) { return figures_->contains(name); }

  static std::map<std::string, Figures>* figures_;
};

std::map<std::string, Figures>* ConversationCorpus::figures_ = nullptr;

TEST_F(ConversationCorpus, IsLargeAndVariedEnoughToMeanSomething) {
  ASSERT_TRUE(figures_->contains("tune"));
  ASSERT_TRUE(figures_->contains("check"));
  ASSERT_TRUE(figures_->contains(kExtraTuning)) << "tests/data/conversation_tune_extra.tsv is missing";
  int rows = 0, others = 0;
  std::set<std::string> domains;
  for (const auto& [name, f] : *figures_) {
    rows += f.requirements + f.nonRequirements;
    others += f.nonRequirements;
    for (const auto& d : f.domains) EXPECT_TRUE(domains.insert(d).second) << d << " is in two halves";
  }
  EXPECT_GE(rows, 300);
  EXPECT_GE(others, 60);
  EXPECT_GE(domains.size(), 10u);
}

// Floors from the check half's figures (see bench/RESULTS.md, "Generalisation"), a little under
// them so that a rule may trade a row or two, not break the analyst on people it never heard.
TEST_F(ConversationCorpus, TheCheckHalfStaysAboveItsFloors) {
  const Figures& check = half("check");
  EXPECT_GE(check.recall(), kRecallFloor);
  EXPECT_LE(check.falsePositiveRate(), kFalsePositiveCeiling);
  EXPECT_GE(check.categoryAccuracy(), kCategoryFloor);
  EXPECT_GE(check.priorityAccuracy(), kPriorityFloor);
  EXPECT_GE(check.areaAccuracy(), kAreaFloor);
}

// The fresh set, measured once when it came (2026-12-02: recall 0.932, false positives 1 of 32,
// category 0.793, priority 0.963, area 0.756) and again after the second round of rules, chosen
// from the tuning sets only (recall 0.955, 1 of 32, category 0.833, priority 0.988, area 0.833);
// floors a little under, as for the check half.
TEST_F(ConversationCorpus, TheFreshSetStaysAboveItsFloors) {
  ASSERT_TRUE(has("fresh")) << "tests/data/conversation_fresh.tsv is missing";
  const Figures& fresh = half("fresh");
  EXPECT_GE(fresh.recall(), 0.93);
  EXPECT_LE(fresh.falsePositiveRate(), 0.07);  // 2 of 32
  EXPECT_GE(fresh.categoryAccuracy(), 0.80);
  EXPECT_GE(fresh.priorityAccuracy(), 0.96);
  EXPECT_GE(fresh.areaAccuracy(), 0.80);
}

}  // namespace
}  // namespace nexus
