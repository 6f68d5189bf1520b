// Measures the recogniser on formal requirement sentences from projects it was never tuned on
// (tests/data/requirements_heldout.tsv: 250 statements of 10 made-up projects, written in the
// style of the PROMISE NFR dataset by a contributor who saw neither the rules nor the dev set).
// Projects 01-05 are the tuning half, whose mistakes this test prints; projects 06-10 are the
// check half, only ever reported as figures and held to floors set from it.
//
// Functional against non-functional, macro F1 (every category but "functional" counts as
// non-functional), and detection recall (confidence >= 0.7), measured on 2026-12-02:
//   before the ISO/IEC 25010 vocabulary of issue 12 (commit 74f591a): tune 0.783, check 0.862
//   after:                                                             tune 0.927, check 0.894
//   detection recall 1.000 on both halves before and after.

#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "analyst/binary_scores.hpp"
#include "analyst/requirement_recognizer.hpp"
#include "core/enums.hpp"

namespace nexus {
namespace {

constexpr double kCheckMacroF1Floor = 0.87;  // measured 0.894; issue 12's target is 0.85
constexpr double kCheckRecallFloor = 0.97;   // measured 1.000; issue 12's target is 0.97

struct Statement {
  std::string id;
  std::string half;
  std::string label;
  std::string text;
};

std::vector<Statement> loadHeldOut() {
  std::ifstream in(NEXUS_TEST_DATA_DIR "/requirements_heldout.tsv");
  std::vector<Statement> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Statement row;
    if (std::getline(fields, row.id, '\t') && std::getline(fields, row.half, '\t') &&
        std::getline(fields, row.label, '\t') && std::getline(fields, row.text)) {
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

struct HalfFigures {
  std::size_t statements = 0;
  double macroF1 = 0.0;
  double recall = 0.0;
};

HalfFigures measure(const std::vector<Statement>& rows, const std::string& half, bool printMistakes) {
  test::BinaryTally tally;
  std::size_t statements = 0;
  std::size_t recognised = 0;
  for (const auto& row : rows) {
    if (row.half != half) continue;
    ++statements;
    const auto result = analyst::recognize(row.text);
    if (result && result->confidence >= 0.7) ++recognised;
    const bool actualNonFunctional = row.label != "F";
    const bool predictedNonFunctional = result && result->category != RequirementCategory::Functional;
    tally.add(actualNonFunctional, predictedNonFunctional);
    if (printMistakes && (actualNonFunctional != predictedNonFunctional || !result || result->confidence < 0.7)) {
      std::cout << "  " << row.id << " " << row.label << " taken as "
                << (result ? std::string(toString(result->category)) : std::string("no requirement")) << ": "
                << row.text << "\n";
    }
  }
  HalfFigures figures;
  figures.statements = statements;
  figures.macroF1 = tally.macroF1();
  figures.recall = statements == 0 ? 0.0 : double(recognised) / double(statements);
  return figures;
}

class FormalHeldOut : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { rows_ = new std::vector<Statement>(loadHeldOut()); }
  static void TearDownTestSuite() { delete rows_; }
  static std::vector<Statement>* rows_;
};

std::vector<Statement>* FormalHeldOut::rows_ = nullptr;

TEST_F(FormalHeldOut, DatasetIsThere) {
  ASSERT_EQ(rows_->size(), 250u) << "tests/data/requirements_heldout.tsv missing or changed";
}

TEST_F(FormalHeldOut, TheCheckHalfStaysAboveItsFloors) {
  std::cout << "tuning half, what the analyst got wrong:\n";
  const HalfFigures tune = measure(*rows_, "tune", true);
  const HalfFigures check = measure(*rows_, "check", false);
  for (const auto& [name, figures] : {std::pair{"tune", tune}, std::pair{"check", check}}) {
    std::cout << std::fixed << std::setprecision(3) << "formal held-out, " << name << " half (" << figures.statements
              << " statements): functional vs non-functional macro F1 " << figures.macroF1 << ", detection recall "
              << figures.recall << "\n";
  }
  RecordProperty("check_macro_f1", std::to_string(check.macroF1));
  RecordProperty("check_recall", std::to_string(check.recall));
  EXPECT_EQ(check.statements, 125u);
  EXPECT_GE(check.macroF1, kCheckMacroF1Floor);
  EXPECT_GE(check.recall, kCheckRecallFloor);
}

}  // namespace
}  // namespace nexus
