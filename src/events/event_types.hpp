#pragma once
// The event names of DESIGN.md §4. Payloads are JSON objects carrying "sessionId" where one applies.

#include <array>
#include <string_view>

namespace nexus::events {

inline constexpr std::string_view kStarted = "interview:started";
inline constexpr std::string_view kQuestionAsked = "interview:question-asked";  // every message added
inline constexpr std::string_view kDelta = "interview:delta";                    // streamed reply text
inline constexpr std::string_view kRequirementCaptured = "interview:requirement-captured";
inline constexpr std::string_view kAreaExplored = "interview:area-explored";
inline constexpr std::string_view kGapSuggested = "interview:gap-suggested";
inline constexpr std::string_view kSaved = "interview:saved";
inline constexpr std::string_view kPaused = "interview:paused";
inline constexpr std::string_view kResumed = "interview:resumed";
inline constexpr std::string_view kCompleted = "interview:completed";
// Quality analysis (domain/quality_review.hpp): {sessionId, finding}, {sessionId, conflict},
// {sessionId, readiness}, {sessionId, requirement, changedFields}. A finding or conflict whose
// status changes is announced again with the same id.
inline constexpr std::string_view kFindingDetected = "interview:finding-detected";
inline constexpr std::string_view kConflictDetected = "interview:conflict-detected";
inline constexpr std::string_view kReadinessChanged = "interview:readiness-changed";
inline constexpr std::string_view kRequirementUpdated = "interview:requirement-updated";
inline constexpr std::string_view kSystemError = "system:error";

inline constexpr std::array<std::string_view, 15> kAll{
    kStarted, kQuestionAsked, kDelta,           kRequirementCaptured, kAreaExplored,      kGapSuggested,
    kSaved,   kPaused,        kResumed,         kCompleted,           kFindingDetected,   kConflictDetected,
    kReadinessChanged,        kRequirementUpdated, kSystemError};

}  // namespace nexus::events
