#pragma once
// The person's changes to a requirement as the terminal takes them: `/edit 3 priority must` in
// `nexus interview`, `--priority must` in `nexus requirements update`.

#include <string>
#include <string_view>
#include <vector>

#include "core/requirement.hpp"
#include "core/result.hpp"

namespace nexus::cli {

// The first `count` space-separated words, then the rest of the line as one more item (if any):
// splitFirst("2 text Users can export", 2) -> {"2", "text", "Users can export"}.
std::vector<std::string> splitFirst(std::string_view line, std::size_t count);

// One field set to one value: priority (must/should/could/wont), category, area ("none" or ""
// clears it) or text. InvalidArgument naming the field or value otherwise.
Result<RequirementChanges> changesFor(std::string_view field, std::string_view value);

}  // namespace nexus::cli
