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
            "security, integrations, deployment.");
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

}  // namespace
}  // namespace nexus
