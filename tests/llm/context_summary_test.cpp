#include "llm/context_summary.hpp"

#include <gtest/gtest.h>

#include "support/llm_client_testing.hpp"

namespace nexus {
namespace {

ExtractedRequirement requirement(std::string text, RequirementCategory category, std::optional<std::string> area = {}) {
  ExtractedRequirement r;
  r.text = std::move(text);
  r.category = category;
  r.priority = Priority::Should;
  r.area = std::move(area);
  return r;
}

TEST(ContextSummaryTest, AnEmptyInterviewSaysSoAndListsEveryStandardArea) {
  EXPECT_EQ(renderContextSummary({}),
            "No requirements captured yet.\n"
            "Areas explored: none.\n"
            "Standard areas not yet explored: authentication, authorization, data_model, api, ui_ux, performance, "
            "security, integrations, deployment.\n"
            "Readiness: 0.00 (not ready).");
}

TEST(ContextSummaryTest, ListsRequirementsWithPriorityCategoryAndArea) {
  EXPECT_EQ(renderContextSummary(test::interviewRequest().context), test::kInterviewContextProse);
}

TEST(ContextSummaryTest, CountsByCategoryAndListsOnlyTheFortyMostRecent) {
  InterviewContext context;
  for (int i = 0; i < 45; ++i) {
    context.requirements.push_back(requirement("Requirement number " + std::to_string(i),
                                               i % 3 == 0 ? RequirementCategory::NonFunctional
                                                          : RequirementCategory::Functional));
  }
  const std::string summary = renderContextSummary(context);
  EXPECT_NE(summary.find("Requirements captured so far: 45 (30 functional, 15 non-functional).\n"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("The 40 most recent:\n"), std::string::npos);
  EXPECT_EQ(summary.find("Requirement number 4\n"), std::string::npos) << "the oldest five are only counted";
  EXPECT_NE(summary.find("Requirement number 5\n"), std::string::npos);
  EXPECT_NE(summary.find("Requirement number 44\n"), std::string::npos);
}

TEST(ContextSummaryTest, CutsLongRequirementsAndNamesExploredAreasInOrder) {
  InterviewContext context;
  context.requirements.push_back(requirement(std::string(300, 'x'), RequirementCategory::Constraint, "deployment"));
  context.exploredAreas = {"deployment", "security"};
  const std::string summary = renderContextSummary(context);
  EXPECT_NE(summary.find("- [should, constraint, deployment] " + std::string(200, 'x') + "\xE2\x80\xA6\n"),
            std::string::npos)
      << summary;
  EXPECT_EQ(summary.find(std::string(201, 'x')), std::string::npos);
  EXPECT_NE(summary.find("Areas explored: deployment, security.\n"), std::string::npos);
  EXPECT_NE(summary.find("not yet explored: authentication, authorization, data_model, api, ui_ux, performance, "
                         "integrations."),
            std::string::npos);
}

TEST(ContextSummaryTest, OpenConflictsAndFindingsComeWithTheInstructionToSettleThemOneAtATime) {
  InterviewContext context;
  context.requirements.push_back(requirement("We must use PostgreSQL", RequirementCategory::Constraint));
  context.requirements.edit().back().id = "a";
  context.requirements.push_back(requirement("The database will be MySQL", RequirementCategory::Constraint));
  context.requirements.edit().back().id = "b";
  context.requirements.push_back(requirement("The app should be fast", RequirementCategory::NonFunctional));
  context.requirements.edit().back().id = "c";
  context.conflicts.push_back({"k", {"a", "b"}, ConflictKind::ExclusiveChoice, "Two databases.", ReviewStatus::Open, {}, "m1", {}});
  context.conflicts.push_back({"k2", {"a", "c"}, ConflictKind::Polarity, "Settled.", ReviewStatus::Resolved, {}, {}, {}});
  context.findings.push_back({"f", "c", FindingKind::VagueTerm, "fast", "\"fast\" cannot be tested.", {}, ReviewStatus::Open, {}});
  const std::string summary = renderContextSummary(context);
  EXPECT_NE(summary.find("Open conflicts (ask about the first one not yet asked, one per reply):\n"
                         "- exclusive-choice: \"We must use PostgreSQL\" vs \"The database will be MySQL\". Two "
                         "databases. (already asked)\n"),
            std::string::npos)
      << summary;
  EXPECT_EQ(summary.find("Settled."), std::string::npos);
  EXPECT_NE(summary.find("- vague-term in \"The app should be fast\": \"fast\" cannot be tested.\n"), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("Readiness: "), std::string::npos);
}

TEST(ContextSummaryTest, AConflictWithAnotherInterviewQuotesItsWords) {
  InterviewContext context;
  context.requirements.push_back(requirement("The database will be MySQL", RequirementCategory::Constraint));
  context.requirements.edit().back().id = "b";
  context.conflicts.push_back({"k", {"db-1", "b"}, ConflictKind::ExclusiveChoice, "Two databases.",
                               ReviewStatus::Open, {}, {}, ProjectRequirementRef{"db-1", "We must use PostgreSQL"}});
  const std::string summary = renderContextSummary(context);
  EXPECT_NE(summary.find("- exclusive-choice: \"We must use PostgreSQL\" (recorded in another interview) vs \"The "
                         "database will be MySQL\". Two databases.\n"),
            std::string::npos)
      << summary;
}

}  // namespace
}  // namespace nexus
