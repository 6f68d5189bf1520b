// QualityReview against the project's other requirements: what other interviews recorded is
// checked against each new requirement, and a conflict with one carries its words.

#include "domain/quality_review.hpp"

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "domain/quality_dialogue.hpp"

namespace nexus::domain {
namespace {

ExtractedRequirement requirement(std::string id, std::string text, Priority priority = Priority::Must) {
  ExtractedRequirement r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.category = RequirementCategory::Constraint;
  r.priority = priority;
  r.confidence = 0.9;
  r.area = "data_model";
  return r;
}

class ProjectReview : public ::testing::Test {
 protected:
  void useProject(const std::vector<ExtractedRequirement>& project) {
    review_.useProject(std::make_shared<const ProjectIndex>(project));
  }

  QualityDelta add(const ExtractedRequirement& r) {
    session_.push_back(r);
    return review_.add(r, {findings_, conflicts_});
  }

  int next_ = 0;
  QualityReview review_{[this](std::string_view kind) { return std::string(kind) + "-" + std::to_string(next_++); }};
  std::vector<ExtractedRequirement> session_;
  std::vector<RequirementFinding> findings_;
  std::vector<RequirementConflict> conflicts_;
};

TEST_F(ProjectReview, ANewRequirementConflictsWithAnotherInterviewsAndCarriesItsWords) {
  useProject({requirement("db-postgres", "We must use PostgreSQL."),
                          requirement("db-login", "Users must sign in with their email address.")});
  const auto delta = add(requirement("s-mysql", "The database will be MySQL."));
  ASSERT_EQ(delta.conflicts.size(), 1u);
  const RequirementConflict& conflict = delta.conflicts[0];
  EXPECT_EQ(conflict.kind, ConflictKind::ExclusiveChoice);
  EXPECT_EQ(conflict.requirementIds[0], "db-postgres");
  EXPECT_EQ(conflict.requirementIds[1], "s-mysql");
  ASSERT_TRUE(conflict.projectRequirement);
  EXPECT_EQ(*conflict.projectRequirement, (ProjectRequirementRef{"db-postgres", "We must use PostgreSQL."}));
  EXPECT_TRUE(conflict.isProjectSide("db-postgres"));
  EXPECT_FALSE(conflict.isProjectSide("s-mysql"));

  EXPECT_EQ(conflictSideText(conflict, 0, session_), "We must use PostgreSQL.");
  EXPECT_EQ(conflictSideText(conflict, 1, session_), "The database will be MySQL.");
  EXPECT_FALSE(conflictSideText(conflict, 1, std::span<const ExtractedRequirement>{}));  // this side removed

  // Asked about first, though only one side is in the session.
  const std::vector<std::string> latest{"s-mysql"};
  const auto next = nextQualityQuestion(findings_, conflicts_, latest, session_);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->subject, QualityQuestion::Subject::Conflict);
}

TEST_F(ProjectReview, TwoOfTheProjectsOwnRequirementsAreNotThisSessionsConflict) {
  // Other interviews disagree among themselves: that is for requirements:analyze, not this session.
  useProject({requirement("db-postgres", "We must use PostgreSQL."),
                          requirement("db-mysql", "The database will be MySQL.")});
  // The session's own statement conflicts with one of them; the pair the two of them make is
  // not reported here.
  const auto delta = add(requirement("s-postgres", "Data is stored in PostgreSQL."));
  ASSERT_EQ(delta.conflicts.size(), 1u);
  EXPECT_EQ(delta.conflicts[0].requirementIds, (std::array<std::string, 2>{"db-mysql", "s-postgres"}));
}

TEST_F(ProjectReview, AConflictInsideTheSessionCarriesNoProjectRequirement) {
  useProject({requirement("db-login", "Users must sign in with their email address.")});
  add(requirement("s-postgres", "We must use PostgreSQL."));
  const auto delta = add(requirement("s-mysql", "The database will be MySQL."));
  ASSERT_EQ(delta.conflicts.size(), 1u);
  EXPECT_EQ(delta.conflicts[0].requirementIds[0], "s-postgres");
  EXPECT_FALSE(delta.conflicts[0].projectRequirement);
}

TEST_F(ProjectReview, AProjectRequirementDecidedAgainstNoLongerConflicts) {
  const std::vector<ExtractedRequirement> project{requirement("db-postgres", "We must use PostgreSQL.")};
  const auto mysql8 = requirement("s-mysql-8", "Data is stored in MySQL.");
  ASSERT_EQ(ProjectIndex(project).conflictsWith(mysql8).size(), 1u);  // what it would say otherwise

  useProject(project);
  ASSERT_EQ(add(requirement("s-mysql", "The database will be MySQL.")).conflicts.size(), 1u);
  review_.decideAgainstProject("db-postgres");
  review_.decideAgainstProject("no-such-requirement");  // ignored
  EXPECT_TRUE(add(mysql8).conflicts.empty());
}

}  // namespace
}  // namespace nexus::domain

namespace nexus::domain {
namespace {

TEST(ProjectIndex, AnswersWithoutChangingAndNeverComparesARequirementWithItself) {
  const ProjectIndex project({requirement("db-postgres", "We must use PostgreSQL.")});
  EXPECT_EQ(project.size(), 1u);
  ASSERT_NE(project.find("db-postgres"), nullptr);
  EXPECT_EQ(project.find("nothing"), nullptr);
  const auto mysql = requirement("s-mysql", "The database will be MySQL.");
  EXPECT_EQ(project.conflictsWith(mysql).size(), 1u);
  EXPECT_EQ(project.conflictsWith(mysql).size(), 1u);  // asking twice adds nothing
  EXPECT_TRUE(project.conflictsWith(requirement("db-postgres", "The database will be MySQL.")).empty());
}

}  // namespace
}  // namespace nexus::domain
