#pragma once
// Requirements documents (DESIGN.md §4 `requirements:export`, `nexus export`): a project's
// requirements from the requirements database, or one session's, as a document to hand to a
// team. Markdown to read (markdown_document.hpp: by category and area, with the person's words,
// open questions and a traceability table), JSON in the DESIGN.md §2
// shapes (docs/project-document.schema.json; it imports back), CSV (RFC 4180) for spreadsheets,
// ReqIF 1.2 for requirements tools (reqif_document.hpp).
//
// Rendering is pure: the same input and `generatedAt` give the same bytes. A project's document
// is written as its requirements pass by in one walk over the store: nothing holds the whole
// document, nor every requirement (spilled_rows.hpp keeps rows that wait for their place).

#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/types.hpp"
#include "interview/source_quotes.hpp"
#include "store/requirements_store.hpp"

namespace nexus {

enum class DocumentFormat { Markdown, Json, Csv, Reqif };

// "markdown" (or "md"), "json", "csv", "reqif", in any case; nullopt for anything else.
std::optional<DocumentFormat> parseDocumentFormat(std::string_view text);
// "markdown", "json", "csv", "reqif"
std::string_view toString(DocumentFormat format);

// How requirement texts read in Markdown, CSV and ReqIF: as the person stated them, or rephrased
// in EARS (domain/ears.hpp) with the stated words beside them. JSON always keeps them as stated.
enum class DocumentStyle { AsStated, Ears };

// "as-stated", "ears", in any case; nullopt for anything else.
std::optional<DocumentStyle> parseDocumentStyle(std::string_view text);
// "as-stated", "ears"
std::string_view toString(DocumentStyle style);

// "Functional requirements", "Non-functional requirements", "Technical decisions", "Constraints",
// "Assumptions": how the documents head each category.
std::string_view categoryHeading(RequirementCategory category);

// The JSON project document's "format" and "schemaVersion" (docs/project-document.schema.json).
inline constexpr std::string_view kProjectDocumentFormat = "nexus-requirements";
inline constexpr int kProjectDocumentVersion = 1;

// Hands each requirement of a document to `visit`, oldest first (RequirementsStore::forEach's
// order), stopping when it returns false; a failure to read them is the walk's error.
using RequirementWalk = std::function<Result<void>(const RequirementsStore::RequirementVisitor& visit)>;
RequirementWalk walkOf(std::span<const Requirement> requirements);
// The project's requirements, straight from the store.
RequirementWalk walkOf(const RequirementsStore& store, std::string_view projectId);

// The document of project `projectId` (as renderProjectDocument below) written to `out` in one
// walk. Errors: the walk's, or StorageFailed when a temporary file for waiting rows cannot be
// written; failures of `out` itself end the walk and are the caller's to check. After an error
// `out` holds part of a document.
Result<void> writeProjectDocument(std::ostream& out, std::string_view projectId, const RequirementWalk& walk,
                                  DocumentFormat format, Timestamp generatedAt, double readyThreshold,
                                  const SourceQuotes& quotes, DocumentStyle style);

// The requirements of project `projectId` in the order given (RequirementsStore::list's).
// Markdown and JSON also carry the quality analysis of them (project_review.hpp): readiness,
// open conflicts, and open findings as "Open questions". JSON: {format, schemaVersion, projectId,
// generatedAt, requirements: [Requirement, with its history of edits], findings, conflicts,
// readiness}. `quotes` gives the person's words where a document shows them (ReqIF's Sources).
std::string renderProjectDocument(std::string_view projectId, std::span<const Requirement> requirements,
                                  DocumentFormat format, Timestamp generatedAt,
                                  double readyThreshold = kDefaultReadyThreshold,
                                  const SourceQuotes& quotes = SourceQuotes{},
                                  DocumentStyle style = DocumentStyle::AsStated);

// The session's extractedRequirements, each traced to the message it was stated in (quoted
// where the session holds that message), with the session's quality analysis as above.
// JSON: {sessionId, projectId, generatedAt, requirements: [ExtractedRequirement], findings,
// conflicts, readiness, requirementEdits}. ReqIF: as for a project, each requirement with the
// source "interview:<sessionId>" and the time of the message it was stated in.
std::string renderSessionDocument(const InterviewSession& session, DocumentFormat format, Timestamp generatedAt,
                                  double readyThreshold = kDefaultReadyThreshold,
                                  DocumentStyle style = DocumentStyle::AsStated);

}  // namespace nexus
