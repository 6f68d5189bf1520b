// Measures the recogniser on formal requirement sentences pasted from specifications
// (tests/data/requirements_dev.tsv, PROMISE_exp: 346 "The system shall …" statements labelled
// F or with a non-functional class). Every category but "functional" counts as non-functional.
//
// Measured (the report this test prints, RelWithDebInfo, g++ 12):
//   non-functional  P 0.972  R 0.890  F1 0.929
//   functional      P 0.917  R 0.979  F1 0.947       macro F1 0.938
//   recognised as a requirement (confidence >= 0.7): 344 / 346
//   areas: SE -> security/authentication/authorization 0.949, PE+SC -> performance 0.929,
//          PO/A/FT/O -> deployment 0.818, LF/US -> ui_ux 0.828
// Most remaining errors are statements whose label is debatable ("The font will be larger enough
// for easy reading" is labelled functional). The cue tables hold general vocabulary, not phrases
// of this file.
// The floors below sit a few points under these, so that tuning may trade a little but not
// break the recogniser.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "analyst/binary_scores.hpp"
#include "analyst/requirement_recognizer.hpp"

namespace nexus {
namespace {

struct Labelled {
  std::string id;
  std::string label;
  std::string text;
};

std::vector<Labelled> loadDataset() {
  std::ifstream in(NEXUS_TEST_DATA_DIR "/requirements_dev.tsv");
  std::vector<Labelled> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    Labelled row;
    if (std::getline(fields, row.id, '\t') && std::getline(fields, row.label, '\t') &&
        std::getline(fields, row.text)) {
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

class FormalRequirements : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rows_ = new std::vector<Labelled>(loadDataset());
    results_ = new std::vector<std::optional<analyst::RecognizedRequirement>>();
    for (const auto& row : *rows_) results_->push_back(analyst::recognize(row.text));
  }
  static void TearDownTestSuite() {
    delete rows_;
    delete results_;
  }
  static std::vector<Labelled>* rows_;
  static std::vector<std::optional<analyst::RecognizedRequirement>>* results_;
};

std::vector<Labelled>* FormalRequirements::rows_ = nullptr;
std::vector<std::optional<analyst::RecognizedRequirement>>* FormalRequirements::results_ = nullptr;

TEST_F(FormalRequirements, DatasetIsThere) {
  ASSERT_EQ(rows_->size(), 346u) << "tests/data/requirements_dev.tsv missing or changed";
}

TEST_F(FormalRequirements, ClassifiesFunctionalAgainstNonFunctional) {
  test::BinaryTally tally;
  int recognised = 0;
  for (std::size_t i = 0; i < rows_->size(); ++i) {
    const auto& result = (*results_)[i];
    if (result && result->confidence >= 0.7) ++recognised;
    tally.add((*rows_)[i].label != "F", result && result->category != RequirementCategory::Functional);
  }
  std::map<std::string, std::pair<int, int>> byLabel;  // label -> (statements, taken as non-functional)
  for (std::size_t i = 0; i < rows_->size(); ++i) {
    const auto& result = (*results_)[i];
    auto& counts = byLabel[(*rows_)[i].label];
    ++counts.first;
    if (result && result->category != RequirementCategory::Functional) ++counts.second;
  }
  for (const auto& [label, counts] : byLabel) {
    std::cout << "[ formal ] label " << label << ": " << counts.second << " / " << counts.first
              << " taken as non-functional\n";
  }
  const test::ClassScores nf = tally.nonFunctional();
  const test::ClassScores f = tally.functional();
  const double macroF1 = tally.macroF1();
  std::cout << std::fixed << std::setprecision(3) << "[ formal ] non-functional  P " << nf.precision << "  R "
            << nf.recall << "  F1 " << nf.f1 << "\n[ formal ] functional      P " << f.precision << "  R "
            << f.recall << "  F1 " << f.f1 << "\n[ formal ] macro F1 " << macroF1 << "   recognised (>= 0.7) "
            << recognised << " / " << rows_->size() << "\n";
  RecordProperty("nf_f1", std::to_string(nf.f1));
  RecordProperty("f_f1", std::to_string(f.f1));
  RecordProperty("macro_f1", std::to_string(macroF1));
  RecordProperty("recognised", recognised);

  EXPECT_GE(nf.precision, 0.92);
  EXPECT_GE(nf.recall, 0.85);
  EXPECT_GE(nf.f1, 0.89);
  EXPECT_GE(f.precision, 0.88);
  EXPECT_GE(f.recall, 0.94);
  EXPECT_GE(f.f1, 0.91);
  EXPECT_GE(macroF1, 0.90);
  EXPECT_GE(recognised, 335);  // these are all requirements
}

TEST_F(FormalRequirements, InfersSensibleAreas) {
  const std::map<std::string, std::vector<std::string>> expected{
      {"SE", {"security", "authentication", "authorization"}},
      {"PE", {"performance"}},
      {"SC", {"performance"}},
      {"PO", {"deployment"}},
      {"A", {"deployment"}},
      {"FT", {"deployment"}},
      {"O", {"deployment"}},
      {"LF", {"ui_ux"}},
      {"US", {"ui_ux"}}};
  const std::map<std::string, std::vector<std::string>> groups{{"security", {"SE"}},
                                                               {"performance", {"PE", "SC"}},
                                                               {"deployment", {"PO", "A", "FT", "O"}},
                                                               {"ui_ux", {"LF", "US"}}};
  std::map<std::string, double> share;
  for (const auto& [group, labels] : groups) {
    int total = 0, hits = 0;
    for (std::size_t i = 0; i < rows_->size(); ++i) {
      const auto& row = (*rows_)[i];
      if (std::find(labels.begin(), labels.end(), row.label) == labels.end()) continue;
      ++total;
      const auto& result = (*results_)[i];
      const std::string area = result && result->area ? *result->area : "";
      const auto& wanted = expected.at(row.label);
      if (std::find(wanted.begin(), wanted.end(), area) != wanted.end()) ++hits;
    }
    share[group] = total == 0 ? 0.0 : double(hits) / total;
    std::cout << std::fixed << std::setprecision(3) << "[ formal ] area " << group << ": " << share[group]
              << " (" << hits << " / " << total << ")\n";
    RecordProperty("area_" + group, std::to_string(share[group]));
  }
  EXPECT_GE(share["security"], 0.88);
  EXPECT_GE(share["performance"], 0.85);
  EXPECT_GE(share["deployment"], 0.75);
  EXPECT_GE(share["ui_ux"], 0.75);
}

TEST_F(FormalRequirements, FormalSentencesAreMostlyMusts) {
  int musts = 0;
  for (const auto& result : *results_) musts += result && result->priority == Priority::Must;
  EXPECT_GE(musts, static_cast<int>(rows_->size()) / 2);  // "shall" and "must" dominate the set
}

}  // namespace
}  // namespace nexus
