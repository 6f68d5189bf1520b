#pragma once
// The one place that maps the model's enums to and from their JSON spellings.

#include <optional>
#include <span>
#include <string_view>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace nexus {

std::string_view toString(SessionStatus value);
std::string_view toString(InterviewMode value);
std::string_view toString(MessageRole value);
std::string_view toString(RequirementCategory value);
std::string_view toString(Priority value);
std::string_view toString(ValidationStatus value);
std::string_view toString(FindingKind value);
std::string_view toString(ConflictKind value);
std::string_view toString(ReviewStatus value);
std::string_view toString(ConflictResolution value);
std::string_view toString(AreaStatus value);
// The stable wire spelling: "model-failed", "storage-failed", … (what clients match on).
std::string_view toString(ErrorCode value);

// Exact JSON spellings only; nullopt for anything else.
std::optional<SessionStatus> parseSessionStatus(std::string_view text);
std::optional<InterviewMode> parseInterviewMode(std::string_view text);
std::optional<MessageRole> parseMessageRole(std::string_view text);
std::optional<Priority> parsePriority(std::string_view text);
std::optional<ValidationStatus> parseValidationStatus(std::string_view text);
std::optional<FindingKind> parseFindingKind(std::string_view text);
std::optional<ConflictKind> parseConflictKind(std::string_view text);
std::optional<ReviewStatus> parseReviewStatus(std::string_view text);
std::optional<ConflictResolution> parseConflictResolution(std::string_view text);
std::optional<AreaStatus> parseAreaStatus(std::string_view text);
std::optional<ErrorCode> parseErrorCode(std::string_view text);

// Every error code, in declaration order (for an API's self-description).
std::span<const ErrorCode> allErrorCodes();

// Lenient: accepts the spellings people and models use ("non_functional", "Non-Functional",
// "NFR", "tech", "constraints") as well as the exact JSON one.
std::optional<RequirementCategory> parseCategory(std::string_view text);

}  // namespace nexus
