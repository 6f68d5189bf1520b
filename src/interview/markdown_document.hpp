#pragma once
// The Markdown requirements document (requirements_document.hpp): something a product manager
// hands to a team without editing.
//
//   # title, then facts (project, date, readiness, counts)
//   ## Overview               counts by priority and by category
//   ## <Category> (n)         one section per category that has requirements, in DESIGN order,
//   ### <Area> (n)            then one table per area: id, requirement, priority, confidence,
//                             validation and the person's words (EARS: the phrasing, its
//                             pattern and the requirement as stated)
//   ## Readiness              the score and each standard area's status
//   ## Open questions         unexplored areas, open conflicts, open findings
//   ## Traceability           requirement → session → message, one row per place it was said
//
// User text is escaped so that it shows literally and cannot break the layout. Pure. Written in
// one walk over the requirements: each table row goes, rendered, to a temporary file until its
// section's turn (spilled_rows.hpp), so memory holds counts and the quality analysis, not rows.

#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/quality.hpp"
#include "core/requirement.hpp"
#include "core/types.hpp"
#include "interview/requirements_document.hpp"
#include "interview/source_quotes.hpp"

namespace nexus {

struct MarkdownHeading {
  std::string title;                                               // Markdown already
  std::vector<std::pair<std::string_view, std::string>> facts;     // label, value (Markdown already)
};

struct MarkdownQuality {
  // The text of a requirement as the review saw it, for the findings and conflicts it is quoted
  // in; nullopt for one the review did not see.
  std::function<std::optional<std::string_view>(std::string_view requirementId)> textOf;
  std::span<const RequirementFinding> findings;
  std::span<const RequirementConflict> conflicts;
  Readiness readiness;
};

// What the writer asks of its caller around the walk: the heading and the quality analysis come
// after it (they count what passed), and `see` is shown each requirement as it passes.
struct MarkdownParts {
  std::function<void(const Requirement&)> see;
  std::function<MarkdownHeading()> heading;
  std::function<MarkdownQuality()> quality;  // its spans must outlive writeMarkdown
};

// Throws std::runtime_error when the temporary file fails; returns the walk's error.
Result<void> writeMarkdown(std::ostream& out, const RequirementWalk& walk, const SourceQuotes& quotes,
                           const MarkdownParts& parts, DocumentStyle style);

// User text as inline Markdown that shows literally, on one line.
std::string markdownText(std::string_view text);
// An id as inline code where it can be, else as escaped text.
std::string markdownCode(std::string_view id);

}  // namespace nexus
