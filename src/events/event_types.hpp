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
inline constexpr std::string_view kSystemError = "system:error";

inline constexpr std::array<std::string_view, 11> kAll{
    kStarted, kQuestionAsked, kDelta, kRequirementCaptured, kAreaExplored, kGapSuggested,
    kSaved,   kPaused,        kResumed, kCompleted,         kSystemError};

}  // namespace nexus::events
