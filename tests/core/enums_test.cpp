#include "core/enums.hpp"

#include <gtest/gtest.h>

namespace nexus {
namespace {

TEST(Enums, CategoriesRoundTripThroughTheirJsonSpelling) {
  for (auto c : {RequirementCategory::Functional, RequirementCategory::NonFunctional, RequirementCategory::Technical,
                 RequirementCategory::Constraint, RequirementCategory::Assumption}) {
    EXPECT_EQ(parseCategory(toString(c)), c);
  }
  EXPECT_EQ(toString(RequirementCategory::NonFunctional), "non-functional");
}

TEST(Enums, CategoryAcceptsTheSpellingsPeopleUse) {
  EXPECT_EQ(parseCategory("non_functional"), RequirementCategory::NonFunctional);
  EXPECT_EQ(parseCategory("Non-Functional"), RequirementCategory::NonFunctional);
  EXPECT_EQ(parseCategory("NFR"), RequirementCategory::NonFunctional);
  EXPECT_EQ(parseCategory(" nfr "), RequirementCategory::NonFunctional);
  EXPECT_EQ(parseCategory("Technical"), RequirementCategory::Technical);
  EXPECT_EQ(parseCategory("constraints"), RequirementCategory::Constraint);
  EXPECT_EQ(parseCategory("ASSUMPTION"), RequirementCategory::Assumption);
  EXPECT_EQ(parseCategory("banana"), std::nullopt);
  EXPECT_EQ(parseCategory(""), std::nullopt);
}

TEST(Enums, StrictEnumsAcceptOnlyExactSpellings) {
  EXPECT_EQ(parsePriority("wont"), Priority::Wont);
  EXPECT_EQ(parsePriority("Must"), std::nullopt);
  EXPECT_EQ(parseSessionStatus("paused"), SessionStatus::Paused);
  EXPECT_EQ(parseInterviewMode("evolution"), InterviewMode::Evolution);
  EXPECT_EQ(parseMessageRole("system"), MessageRole::System);
  EXPECT_EQ(parseMessageRole("bot"), std::nullopt);
}

TEST(Enums, ValidationStatusesRoundTripAndAreStrict) {
  for (auto v : {ValidationStatus::Pending, ValidationStatus::Validated, ValidationStatus::Rejected}) {
    EXPECT_EQ(parseValidationStatus(toString(v)), v);
  }
  EXPECT_EQ(toString(ValidationStatus::Pending), "pending");
  EXPECT_EQ(toString(ValidationStatus::Validated), "validated");
  EXPECT_EQ(toString(ValidationStatus::Rejected), "rejected");
  EXPECT_EQ(parseValidationStatus("Validated"), std::nullopt);
  EXPECT_EQ(parseValidationStatus("approved"), std::nullopt);
  EXPECT_EQ(parseValidationStatus(""), std::nullopt);
}

}  // namespace
}  // namespace nexus
