#pragma once
// How the requirements an interview captures enter the requirements database (DESIGN.md §3
// step 6 and §7): each one with the source "interview:<sessionId>", the message it was stated
// in, and its id in the session, so that recording it again adds nothing.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/types.hpp"
#include "store/requirements_store.hpp"

namespace nexus {

// "interview:<sessionId>"
std::string interviewSource(std::string_view sessionId);

// A requirement of session `sessionId` of project `projectId`, as the database records it.
NewRequirement newRequirementFrom(std::string_view projectId, std::string_view sessionId,
                                  const ExtractedRequirement& requirement);

// What recording a session's requirements did, one count per AddOutcome.
struct ExportCounts {
  std::size_t added = 0;            // new requirements of the project
  std::size_t merged = 0;           // joined a near-duplicate stated elsewhere
  std::size_t alreadyRecorded = 0;  // recorded by an earlier turn or export

  // The session's requirements that the database now holds: the count of
  // `exportToRequirementsDB`, the same every time a session is exported again.
  std::size_t total() const { return added + merged + alreadyRecorded; }
  bool operator==(const ExportCounts&) const = default;
};

// Records every requirement of the session, in order. Idempotent. Each requirement is its own
// write: on failure those recorded before stay, and exporting again completes the rest.
Result<ExportCounts> exportSessionRequirements(const InterviewSession& session, RequirementsStore& requirements);

}  // namespace nexus
