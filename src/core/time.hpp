#pragma once
// ISO-8601 UTC with milliseconds, the only date format of the JSON shapes.

#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace nexus {

// "2026-01-16T03:57:45.123Z"
std::string formatIso8601(Timestamp time);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff]Z" and a numeric "+HH:MM"/"-HH:MM" offset; nullopt otherwise.
std::optional<Timestamp> parseIso8601(std::string_view text);

}  // namespace nexus
