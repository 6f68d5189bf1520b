#include "domain/readiness.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "domain/areas.hpp"
#include "domain/quality_review.hpp"

namespace nexus::domain {
namespace {

ExtractedRequirement requirement(std::string id, std::string text, std::optional<std::string> area,
                                 RequirementCategory category = RequirementCategory::Functional,
                                 double confidence = 0.9, Priority priority = Priority::Should) {
  ExtractedRequirement r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.area = std::move(area);
  r.category = category;
  r.confidence = confidence;
  r.priority = priority;
  return r;
}

const AreaReadiness& areaOf(const Readiness& readiness, std::string_view area) {
  for (const auto& a : readiness.areas) {
    if (a.area == area) return a;
  }
  throw std::out_of_range(std::string(area));
}

TEST(Readiness, NothingCapturedIsZeroAndEveryAreaMissing) {
  const Readiness readiness = assessReadiness({}, {}, {});
  EXPECT_EQ(readiness.score, 0.0);
  EXPECT_FALSE(readiness.ready);
  EXPECT_EQ(readiness.threshold, kDefaultReadyThreshold);
  ASSERT_EQ(readiness.areas.size(), kStandardAreas.size());
  for (std::size_t i = 0; i < kStandardAreas.size(); ++i) {
    EXPECT_EQ(readiness.areas[i].area, kStandardAreas[i]);
    EXPECT_EQ(readiness.areas[i].status, AreaStatus::Missing);
  }
}

TEST(Readiness, AnAreaIsClearWithOneClearRequirementAndPartialWithOnlyUnclearOnes) {
  const std::vector<ExtractedRequirement> requirements{
      requirement("a", "Users must sign in with Google", "authentication"),
      requirement("b", "The app should be fast", "performance"),
      requirement("c", "Maybe some kind of API", "api", RequirementCategory::Functional, 0.5),
      requirement("d", "Pages load in under 2 seconds", "performance"),
  };
  const std::vector<RequirementFinding> findings{{"f", "b", FindingKind::VagueTerm, "fast", "How fast?", {}, {}, {}}};
  const Readiness readiness = assessReadiness(requirements, findings, {});
  EXPECT_EQ(areaOf(readiness, "authentication").status, AreaStatus::Clear);
  EXPECT_EQ(areaOf(readiness, "performance").status, AreaStatus::Clear);  // d is clear, b is not
  EXPECT_EQ(areaOf(readiness, "performance").requirementIds, (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(areaOf(readiness, "api").status, AreaStatus::Partial);  // low confidence
  EXPECT_EQ(areaOf(readiness, "security").status, AreaStatus::Missing);
  EXPECT_EQ(readiness.openFindings, 1u);

  const std::vector<ExtractedRequirement> onlyVague{requirements[1]};
  const Readiness withoutClear = assessReadiness(onlyVague, findings, {});
  EXPECT_EQ(areaOf(withoutClear, "performance").status, AreaStatus::Partial);
}

TEST(Readiness, TheFormulaOfTheReadme) {
  // Basics all stated (a product for someone, functional), two of nine areas clear, one partial.
  const std::vector<ExtractedRequirement> requirements{
      requirement("v", "I want to build a booking app for small clinics", std::nullopt),
      requirement("a", "Patients sign in with their email address", "authentication"),
      requirement("p", "Pages load in under 2 seconds", "performance", RequirementCategory::NonFunctional),
      requirement("s", "It should be secure", "security", RequirementCategory::NonFunctional, 0.6),
  };
  const Readiness readiness = assessReadiness(requirements, {}, {});
  EXPECT_NEAR(readiness.score, 0.25 * 1.0 + 0.75 * (2.5 / 9.0), 1e-9);

  const std::vector<RequirementConflict> conflicts{
      {"c", {"a", "p"}, ConflictKind::Polarity, "x", ReviewStatus::Open, {}, {}, {}}};
  const Readiness conflicted = assessReadiness(requirements, {}, conflicts);
  EXPECT_NEAR(conflicted.score, readiness.score / 2.0, 1e-9);
  EXPECT_EQ(conflicted.openConflicts, 1u);
}

TEST(Readiness, ReadyNeedsTheThresholdAndNoOpenConflict) {
  std::vector<ExtractedRequirement> requirements{
      requirement("v", "We are building a scheduling tool for nurses", std::nullopt)};
  std::size_t n = 0;
  for (const auto area : kStandardAreas) {
    requirements.push_back(requirement("r" + std::to_string(n++), "Something precise", std::string(area)));
  }
  const Readiness full = assessReadiness(requirements, {}, {});
  EXPECT_DOUBLE_EQ(full.score, 1.0);
  EXPECT_TRUE(full.ready);

  std::vector<RequirementConflict> conflicts{
      {"c", {"r0", "r1"}, ConflictKind::ExclusiveChoice, "x", ReviewStatus::Open, {}, {}, {}}};
  EXPECT_FALSE(assessReadiness(requirements, {}, conflicts, 0.1).ready);
  conflicts[0].status = ReviewStatus::Resolved;
  EXPECT_TRUE(assessReadiness(requirements, {}, conflicts).ready);
  EXPECT_FALSE(assessReadiness(requirements, {}, {}, 1.01).ready);
}

TEST(Readiness, ARequirementDecidedAgainstCoversItsArea) {
  const std::vector<ExtractedRequirement> decided{
      requirement("w", "We do not need an API", "api", RequirementCategory::Constraint, 0.85, Priority::Wont)};
  const Readiness readiness = assessReadiness(decided, {}, {});
  EXPECT_EQ(areaOf(readiness, "api").status, AreaStatus::Clear);
}

TEST(Readiness, FindingsAndConflictsOfRequirementsNotPresentAreIgnored) {
  const std::vector<ExtractedRequirement> requirements{requirement("a", "Users sign in with Google", "authentication")};
  const std::vector<RequirementFinding> findings{{"f", "gone", FindingKind::Tbd, {}, "m", {}, {}, {}}};
  const std::vector<RequirementConflict> conflicts{
      {"c", {"a", "gone"}, ConflictKind::Polarity, "x", ReviewStatus::Open, {}, {}, {}}};
  const Readiness readiness = assessReadiness(requirements, findings, conflicts);
  EXPECT_EQ(readiness.openFindings, 0u);
  EXPECT_EQ(readiness.openConflicts, 0u);
}

TEST(Readiness, AConflictWithAnotherInterviewsRequirementCountsWhileThisSideIsPresent) {
  const std::vector<ExtractedRequirement> requirements{requirement("a", "The database will be MySQL", "data_model")};
  std::vector<RequirementConflict> conflicts{{"c", {"db-1", "a"}, ConflictKind::ExclusiveChoice, "x",
                                              ReviewStatus::Open, {}, {}, ProjectRequirementRef{"db-1", "We use PostgreSQL"}}};
  EXPECT_EQ(assessReadiness(requirements, {}, conflicts).openConflicts, 1u);
  EXPECT_FALSE(assessReadiness(requirements, {}, conflicts).ready);
  EXPECT_EQ(assessReadiness({}, {}, conflicts).openConflicts, 0u);  // this side removed
  conflicts[0].projectRequirement->id = "db-2";                     // names another requirement
  EXPECT_EQ(assessReadiness(requirements, {}, conflicts).openConflicts, 0u);
}

TEST(Readiness, BasicsAreRecognisedInPlainWords) {
  EXPECT_TRUE(describesProduct("I want to build a todo app for small teams"));
  EXPECT_TRUE(describesProduct("We're making an online booking platform"));
  EXPECT_FALSE(describesProduct("The app should be fast"));
  EXPECT_FALSE(describesProduct("Users must sign in with Google"));
  EXPECT_TRUE(namesAudience("It is for teachers and their pupils"));
  EXPECT_TRUE(namesAudience("Our drivers need to see their route"));
  EXPECT_FALSE(namesAudience("Pages load in under 2 seconds"));
}

// Statements of a clinic's booking app, with the areas an interviewer would give them: some
// unclear, some in conflict, one of no area.
const std::vector<std::pair<std::string, std::string>>& clinicStatements() {
  static const std::vector<std::pair<std::string, std::string>> statements{
    {"I want to build a booking app for small clinics", ""},
    {"Patients sign in with their email address and a password", "authentication"},
    {"Only receptionists can cancel appointments", "authorization"},
    {"Every user can cancel appointments", "authorization"},
    {"Each appointment has a patient, a doctor, a time and a room", "data_model"},
    {"We must use PostgreSQL", "data_model"},
    {"The database will be MySQL", "data_model"},
    {"Expose a REST API for the lab system", "api"},
    {"The calendar should be easy to use", "ui_ux"},
    {"The app should be fast", "performance"},
    {"The calendar loads in under 1 second for 95% of requests", "performance"},
    {"Passwords are hashed with bcrypt", "security"},
    {"Reminders are sent by SMS etc.", "integrations"},
    {"Send reminders through Twilio 24 hours before each appointment", "integrations"},
    {"Host it on AWS in the EU region", "deployment"},
    {"Host it on our own servers", "deployment"},
    {"We do not need a mobile app", "ui_ux"},
    {"Hosting is TBD", "deployment"},
  };
  return statements;
}

// A session's requirements and the findings and conflicts a review records of them.
struct Reviewed {
  Reviewed() = default;
  Reviewed(const Reviewed&) = delete;  // the review's ids count in this one
  Reviewed& operator=(const Reviewed&) = delete;

  std::vector<ExtractedRequirement> requirements;
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;
  std::size_t next = 0;
  QualityReview review{[this](std::string_view kind) { return std::string(kind) + std::to_string(next++); }};

  QualityDelta add(ExtractedRequirement requirement) {
    requirements.push_back(std::move(requirement));
    return review.add(requirements.back(), {findings, conflicts});
  }
};

// Resolving or dismissing a finding or a conflict, and adding a requirement, never lower the
// score, unless the new requirement opened a conflict (README, "Readiness").
TEST(Readiness, NeverGoesDownWhenThingsAreSettledOrAdded) {
  const auto& statements = clinicStatements();
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::mt19937 random(seed);
    Reviewed session;
    auto& [requirements, findings, conflicts, next, review] = session;
    double before = assessReadiness(requirements, findings, conflicts).score;
    for (int step = 0; step < 30; ++step) {
      const std::size_t openConflictsBefore = assessReadiness(requirements, findings, conflicts).openConflicts;
      const int action = static_cast<int>(random() % 4);
      std::string did;
      if (action == 0 || requirements.empty()) {
        const auto& [text, area] = statements[random() % statements.size()];
        (void)session.add(requirement("r" + std::to_string(requirements.size()), text,
                                      area.empty() ? std::nullopt : std::optional<std::string>(area)));
        did = "added \"" + text + "\"";
      } else if (action == 1) {
        for (auto& f : findings) {
          if (f.status == ReviewStatus::Open) {
            ASSERT_TRUE(dismissFinding(findings, f.id).ok());
            did = "dismissed " + f.id;
            break;
          }
        }
      } else if (action == 2) {
        for (auto& c : conflicts) {
          if (c.status == ReviewStatus::Open) {
            const auto resolution = random() % 2 == 0 ? ConflictResolution::KeepBoth : ConflictResolution::Dismissed;
            ASSERT_TRUE(resolveConflict(conflicts, c.id, resolution).ok());
            did = "settled " + c.id;
            break;
          }
        }
      } else {
        // The person makes an unclear requirement precise.
        for (auto& r : requirements) {
          const bool unclear = std::any_of(findings.begin(), findings.end(), [&](const RequirementFinding& f) {
            return f.requirementId == r.id && f.status == ReviewStatus::Open;
          });
          if (!unclear) continue;
          r.text = "Search results appear in under 1 second for 95% of searches";
          (void)review.reexamine(r, {findings, conflicts});
          did = "made " + r.id + " precise";
          break;
        }
      }
      const Readiness after = assessReadiness(requirements, findings, conflicts);
      if (after.openConflicts <= openConflictsBefore) {
        ASSERT_GE(after.score + 1e-12, before) << "seed " << seed << " step " << step << ": " << did;
      }
      before = after.score;
    }
  }
}

// The assessment a tracker keeps is assessReadiness's, ids aside, after every addition; and
// what it says an addition would give is what that addition gives.
TEST(ReadinessTracker, KeepsWhatAssessReadinessGivesAsThingsAreAdded) {
  auto statements = clinicStatements();
  statements.emplace_back("Keep an audit trail", "compliance");  // not a standard area
  const auto withoutIds = [](Readiness readiness) {
    for (auto& area : readiness.areas) area.requirementIds.clear();
    return readiness;
  };
  for (unsigned seed = 1; seed <= 100; ++seed) {
    std::mt19937 random(seed);
    Reviewed session;
    const auto& [requirements, findings, conflicts, next, review] = session;
    (void)next;
    (void)review;
    ReadinessTracker tracker;
    for (int step = 0; step < 25; ++step) {
      const auto& [text, area] = statements[random() % statements.size()];
      ExtractedRequirement added = requirement("r" + std::to_string(step), text,
                                               area.empty() ? std::nullopt : std::optional<std::string>(area),
                                               RequirementCategory::Functional, random() % 3 == 0 ? 0.5 : 0.9);
      const QualityDelta delta = session.add(added);
      const Readiness foreseen =
          tracker.assessmentWith(std::vector{added}, delta.findings, delta.conflicts, 0.6);
      tracker.add(added);
      for (const auto& f : delta.findings) tracker.add(f);
      for (const auto& c : delta.conflicts) tracker.add(c);
      const Readiness assessed = assessReadiness(requirements, findings, conflicts, 0.6);
      ASSERT_EQ(tracker.assessment(0.6), withoutIds(assessed)) << "seed " << seed << ", step " << step;
      ASSERT_EQ(foreseen, tracker.assessment(0.6)) << "seed " << seed << ", step " << step;
      ASSERT_TRUE(sameAssessment(assessed, foreseen));
      ASSERT_EQ(ReadinessTracker(requirements, findings, conflicts).assessment(0.6), tracker.assessment(0.6));
    }
  }
}

TEST(ReadinessTracker, SameAssessmentLooksPastTheRequirementIds) {
  const std::vector<ExtractedRequirement> one{requirement("a", "Patients sign in with email", "authentication")};
  std::vector<ExtractedRequirement> two = one;
  two.push_back(requirement("b", "Staff sign in with a badge", "authentication"));
  EXPECT_TRUE(sameAssessment(assessReadiness(one, {}, {}), assessReadiness(two, {}, {})));
  two.push_back(requirement("c", "The calendar loads in under 1 second", "performance"));
  EXPECT_FALSE(sameAssessment(assessReadiness(one, {}, {}), assessReadiness(two, {}, {})));
}

}  // namespace
}  // namespace nexus::domain
