#pragma once
// ReqIF 1.2 (OMG Requirements Interchange Format; DESIGN.md §7) out of the requirements
// database, for DOORS, Polarion, Jama, ReqView, Capella, StrictDoc and the like.
//
// One SPEC-OBJECT per requirement with the attribute names of the ReqIF Implementation Guide
// (ReqIF.Text as XHTML, ReqIF.Name, ReqIF.ForeignID = our id) and typed attributes of ours:
// Category, Priority, Validation and Area as enumerations, Confidence as a real, Sources as the
// readable places it was said (with the person's words), and Nexus.Sources, the same as JSON,
// so that `nexus import` reads every source back. One SPECIFICATION groups the requirements by
// category under heading objects (ReqIF.ChapterName).
//
// Phrased in EARS (`ears`), ReqIF.Text holds the EARS sentence (domain/ears.hpp), and two more
// attributes keep the rest: "EARS pattern" and Nexus.StatedText, the requirement as the person
// stated it, which `nexus import` takes as the text.
//
// Identifiers derive from our ids and the category names, so exporting the same project twice
// gives the same identifiers; LAST-CHANGE is each requirement's updatedAt. Text that XML 1.0
// cannot carry (control characters) is written as U+FFFD. Valid against the OMG schema
// (tests/data/reqif/reqif.xsd). Pure: the same input gives the same bytes.

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "core/requirement.hpp"
#include "core/types.hpp"
#include "interview/requirements_document.hpp"
#include "interview/source_quotes.hpp"

namespace nexus {

// Written in one walk: each requirement's object and hierarchy entry wait in a temporary file
// (spilled_rows.hpp) until the header and types, which need every area, are written. Throws
// std::runtime_error when that file fails; returns the walk's error.
Result<void> writeReqif(std::ostream& out, std::string_view projectId, const RequirementWalk& walk,
                        const SourceQuotes& quotes, Timestamp generatedAt, bool ears = false);

// The same of requirements in memory; throws std::runtime_error when the temporary file fails.
std::string renderReqif(std::string_view projectId, std::span<const Requirement> requirements,
                        const SourceQuotes& quotes, Timestamp generatedAt, bool ears = false);

// What XML 1.0 can carry of `utf8` (valid UTF-8): every character outside its Char production
// (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) becomes U+FFFD.
std::string xmlSafeText(std::string_view utf8);

}  // namespace nexus
