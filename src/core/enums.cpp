#include "core/enums.hpp"

#include <array>
#include <string>
#include <utility>

namespace nexus {
namespace {

template <typename Enum, std::size_t N>
using Spellings = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Spellings<SessionStatus, 3> kStatuses{{
    {SessionStatus::Active, "active"},
    {SessionStatus::Paused, "paused"},
    {SessionStatus::Completed, "completed"},
}};
constexpr Spellings<InterviewMode, 2> kModes{{
    {InterviewMode::Genesis, "genesis"},
    {InterviewMode::Evolution, "evolution"},
}};
constexpr Spellings<MessageRole, 3> kRoles{{
    {MessageRole::User, "user"},
    {MessageRole::Assistant, "assistant"},
    {MessageRole::System, "system"},
}};
constexpr Spellings<RequirementCategory, 5> kCategories{{
    {RequirementCategory::Functional, "functional"},
    {RequirementCategory::NonFunctional, "non-functional"},
    {RequirementCategory::Technical, "technical"},
    {RequirementCategory::Constraint, "constraint"},
    {RequirementCategory::Assumption, "assumption"},
}};
constexpr Spellings<Priority, 4> kPriorities{{
    {Priority::Must, "must"},
    {Priority::Should, "should"},
    {Priority::Could, "could"},
    {Priority::Wont, "wont"},
}};
constexpr Spellings<ValidationStatus, 3> kValidations{{
    {ValidationStatus::Pending, "pending"},
    {ValidationStatus::Validated, "validated"},
    {ValidationStatus::Rejected, "rejected"},
}};
constexpr Spellings<FindingKind, 6> kFindingKinds{{
    {FindingKind::VagueTerm, "vague-term"},
    {FindingKind::Unmeasured, "unmeasured"},
    {FindingKind::OpenEnded, "open-ended"},
    {FindingKind::Compound, "compound"},
    {FindingKind::NoActor, "no-actor"},
    {FindingKind::Tbd, "tbd"},
}};
constexpr Spellings<ConflictKind, 4> kConflictKinds{{
    {ConflictKind::Polarity, "polarity"},
    {ConflictKind::ExclusiveChoice, "exclusive-choice"},
    {ConflictKind::Numeric, "numeric"},
    {ConflictKind::Access, "access"},
}};
constexpr Spellings<ReviewStatus, 3> kReviewStatuses{{
    {ReviewStatus::Open, "open"},
    {ReviewStatus::Resolved, "resolved"},
    {ReviewStatus::Dismissed, "dismissed"},
}};
constexpr Spellings<ConflictResolution, 4> kResolutions{{
    {ConflictResolution::KeepFirst, "keep-first"},
    {ConflictResolution::KeepSecond, "keep-second"},
    {ConflictResolution::KeepBoth, "keep-both"},
    {ConflictResolution::Dismissed, "dismissed"},
}};
constexpr Spellings<AreaStatus, 3> kAreaStatuses{{
    {AreaStatus::Missing, "missing"},
    {AreaStatus::Partial, "partial"},
    {AreaStatus::Clear, "clear"},
}};
constexpr Spellings<ErrorCode, 12> kErrorCodes{{
    {ErrorCode::InvalidArgument, "invalid-argument"},
    {ErrorCode::InvalidRequest, "invalid-request"},
    {ErrorCode::ParseError, "parse-error"},
    {ErrorCode::UnknownMethod, "unknown-method"},
    {ErrorCode::NotFound, "not-found"},
    {ErrorCode::NotActive, "not-active"},
    {ErrorCode::Busy, "busy"},
    {ErrorCode::PayloadTooLarge, "payload-too-large"},
    {ErrorCode::ModelFailed, "model-failed"},
    {ErrorCode::StorageFailed, "storage-failed"},
    {ErrorCode::Cancelled, "cancelled"},
    {ErrorCode::Internal, "internal"},
}};

template <typename Enum, std::size_t N>
std::string_view spell(const Spellings<Enum, N>& table, Enum value) {
  for (const auto& [e, s] : table) {
    if (e == value) return s;
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const Spellings<Enum, N>& table, std::string_view text) {
  for (const auto& [e, s] : table) {
    if (s == text) return e;
  }
  return std::nullopt;
}

// Lower case, letters and digits only: "Non_Functional " -> "nonfunctional".
std::string squash(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

}  // namespace

std::string_view toString(SessionStatus value) { return spell(kStatuses, value); }
std::string_view toString(InterviewMode value) { return spell(kModes, value); }
std::string_view toString(MessageRole value) { return spell(kRoles, value); }
std::string_view toString(RequirementCategory value) { return spell(kCategories, value); }
std::string_view toString(Priority value) { return spell(kPriorities, value); }
std::string_view toString(ValidationStatus value) { return spell(kValidations, value); }
std::string_view toString(ErrorCode value) { return spell(kErrorCodes, value); }
std::string_view toString(FindingKind value) { return spell(kFindingKinds, value); }
std::string_view toString(ConflictKind value) { return spell(kConflictKinds, value); }
std::string_view toString(ReviewStatus value) { return spell(kReviewStatuses, value); }
std::string_view toString(ConflictResolution value) { return spell(kResolutions, value); }
std::string_view toString(AreaStatus value) { return spell(kAreaStatuses, value); }

std::optional<SessionStatus> parseSessionStatus(std::string_view text) { return lookup(kStatuses, text); }
std::optional<InterviewMode> parseInterviewMode(std::string_view text) { return lookup(kModes, text); }
std::optional<MessageRole> parseMessageRole(std::string_view text) { return lookup(kRoles, text); }
std::optional<Priority> parsePriority(std::string_view text) { return lookup(kPriorities, text); }
std::optional<ValidationStatus> parseValidationStatus(std::string_view text) {
  return lookup(kValidations, text);
}

std::optional<ErrorCode> parseErrorCode(std::string_view text) { return lookup(kErrorCodes, text); }
std::optional<FindingKind> parseFindingKind(std::string_view text) { return lookup(kFindingKinds, text); }
std::optional<ConflictKind> parseConflictKind(std::string_view text) { return lookup(kConflictKinds, text); }
std::optional<ReviewStatus> parseReviewStatus(std::string_view text) { return lookup(kReviewStatuses, text); }
std::optional<ConflictResolution> parseConflictResolution(std::string_view text) {
  return lookup(kResolutions, text);
}
std::optional<AreaStatus> parseAreaStatus(std::string_view text) { return lookup(kAreaStatuses, text); }

std::span<const ErrorCode> allErrorCodes() {
  static constexpr auto kAll = [] {
    std::array<ErrorCode, kErrorCodes.size()> all{};
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = kErrorCodes[i].first;
    return all;
  }();
  return kAll;
}

std::optional<RequirementCategory> parseCategory(std::string_view text) {
  if (auto exact = lookup(kCategories, text)) return exact;
  const std::string key = squash(text);
  static constexpr std::array<std::pair<std::string_view, RequirementCategory>, 16> kAliases{{
      {"functional", RequirementCategory::Functional},
      {"function", RequirementCategory::Functional},
      {"feature", RequirementCategory::Functional},
      {"fr", RequirementCategory::Functional},
      {"nonfunctional", RequirementCategory::NonFunctional},
      {"nfr", RequirementCategory::NonFunctional},
      {"nf", RequirementCategory::NonFunctional},
      {"quality", RequirementCategory::NonFunctional},
      {"technical", RequirementCategory::Technical},
      {"tech", RequirementCategory::Technical},
      {"technology", RequirementCategory::Technical},
      {"constraint", RequirementCategory::Constraint},
      {"constraints", RequirementCategory::Constraint},
      {"assumption", RequirementCategory::Assumption},
      {"assumptions", RequirementCategory::Assumption},
      {"functionalrequirement", RequirementCategory::Functional},
  }};
  for (const auto& [alias, category] : kAliases) {
    if (alias == key) return category;
  }
  if (key == "nonfunctionalrequirement") return RequirementCategory::NonFunctional;
  return std::nullopt;
}

}  // namespace nexus
