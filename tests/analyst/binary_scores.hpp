#pragma once
// Precision, recall and F1 of a two-class decision (functional or not), and their macro average,
// for the tests that measure the recogniser on formal requirement sentences.

namespace nexus::test {

struct ClassScores {
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
};

inline ClassScores classScores(int truePositive, int falsePositive, int falseNegative) {
  ClassScores s;
  s.precision =
      truePositive + falsePositive == 0 ? 0.0 : double(truePositive) / (truePositive + falsePositive);
  s.recall = truePositive + falseNegative == 0 ? 0.0 : double(truePositive) / (truePositive + falseNegative);
  s.f1 = s.precision + s.recall == 0.0 ? 0.0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

// Counts of one class against the other; the functional class's counts are the mirror image.
struct BinaryTally {
  int bothNonFunctional = 0;
  int bothFunctional = 0;
  int functionalTakenAsNonFunctional = 0;
  int nonFunctionalTakenAsFunctional = 0;

  void add(bool actualNonFunctional, bool predictedNonFunctional) {
    if (actualNonFunctional && predictedNonFunctional) {
      ++bothNonFunctional;
    } else if (!actualNonFunctional && !predictedNonFunctional) {
      ++bothFunctional;
    } else if (predictedNonFunctional) {
      ++functionalTakenAsNonFunctional;
    } else {
      ++nonFunctionalTakenAsFunctional;
    }
  }
  ClassScores nonFunctional() const {
    return classScores(bothNonFunctional, functionalTakenAsNonFunctional, nonFunctionalTakenAsFunctional);
  }
  ClassScores functional() const {
    return classScores(bothFunctional, nonFunctionalTakenAsFunctional, functionalTakenAsNonFunctional);
  }
  double macroF1() const { return (nonFunctional().f1 + functional().f1) / 2; }
};

}  // namespace nexus::test
