#include "core/enums.hpp"

#include <gtest/gtest.h>

#include <set>

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

// Clients match on these spellings (system:error's code, JSON-RPC error data.code): they never
// change once released.
TEST(Enums, ErrorCodesHaveStableDistinctWireSpellings) {
  EXPECT_EQ(toString(ErrorCode::ModelFailed), "model-failed");
  EXPECT_EQ(toString(ErrorCode::StorageFailed), "storage-failed");
  EXPECT_EQ(toString(ErrorCode::NotFound), "not-found");
  EXPECT_EQ(toString(ErrorCode::NotActive), "not-active");
  EXPECT_EQ(toString(ErrorCode::Busy), "busy");
  EXPECT_EQ(toString(ErrorCode::PayloadTooLarge), "payload-too-large");
  EXPECT_EQ(toString(ErrorCode::InvalidArgument), "invalid-argument");
  EXPECT_EQ(toString(ErrorCode::Cancelled), "cancelled");
  std::set<std::string_view> seen;
  for (const ErrorCode code : allErrorCodes()) {
    const std::string_view spelling = toString(code);
    EXPECT_NE(spelling, "unknown");
    EXPECT_TRUE(seen.insert(spelling).second) << spelling << " is spelled twice";
    EXPECT_EQ(parseErrorCode(spelling), code);
  }
  EXPECT_EQ(seen.size(), 12u) << "a new ErrorCode needs its spelling (and a row in the README's error table)";
  EXPECT_EQ(parseErrorCode("model backend failed"), std::nullopt);
}

}  // namespace
}  // namespace nexus
