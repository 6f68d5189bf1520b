#pragma once
// How sessions, requirements and areas look in the terminal; shared by the interview and
// `nexus sessions show`.

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/terminal.hpp"
#include "core/types.hpp"

namespace nexus::cli {

// "  + TEXT" then "    CATEGORY · PRIORITY · CONFIDENCE · AREA" (the end-to-end tests read this).
void printRequirement(std::ostream& out, const Style& style, const ExtractedRequirement& r);
void printRequirements(std::ostream& out, const Style& style, const InterviewSession& session);
void printGaps(std::ostream& out, const Style& style, const std::vector<std::string>& gaps);
void printAreas(std::ostream& out, const Style& style, const InterviewSession& session);
void printSummary(std::ostream& out, const Style& style, const InterviewSession& session);

}  // namespace nexus::cli
