#pragma once
// Readable failures: GoogleTest prints the model's values as their JSON (found by ADL in
// namespace nexus), one definition for every test that compares them.

#include <ostream>

#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "core/requirement.hpp"
#include "core/types.hpp"

namespace nexus {

inline std::string printable(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline void PrintTo(const InterviewSession& value, std::ostream* out) { *out << printable(value); }
inline void PrintTo(const SessionSummary& value, std::ostream* out) { *out << printable(value); }
inline void PrintTo(const Requirement& value, std::ostream* out) { *out << printable(value); }
inline void PrintTo(const RequirementStats& value, std::ostream* out) { *out << printable(value); }
inline void PrintTo(AddOutcome value, std::ostream* out) {
  *out << (value == AddOutcome::Added ? "Added" : value == AddOutcome::Merged ? "Merged" : "AlreadyRecorded");
}
inline void PrintTo(const AddResult& value, std::ostream* out) {
  *out << "{";
  PrintTo(value.outcome, out);
  *out << ", " << printable(value.requirement) << "}";
}

}  // namespace nexus
