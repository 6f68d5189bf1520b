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

// "  3. TEXT" then the details: the numbers /edit and /drop take.
void printNumberedRequirements(std::ostream& out, const Style& style, const InterviewSession& session);
// "Readiness 0.62 (not ready; ready at 0.80)" then one chip per area: "[clear] authentication".
void printReadiness(std::ostream& out, const Style& style, const Readiness& readiness);
// The open conflicts and findings of the session, each with what would settle it.
void printOpenQuestions(std::ostream& out, const Style& style, const InterviewSession& session);
// What one turn found: "  ? unclear: ..." and "  ! conflict: ..." lines under its requirements.
void printReviewed(std::ostream& out, const Style& style, const std::vector<RequirementFinding>& findings,
                   const std::vector<RequirementConflict>& conflicts);

}  // namespace nexus::cli
