#pragma once
// Quality analysis applied to a session (DESIGN.md §2, issue "judge what was captured"): the
// findings and conflicts of its requirements kept current turn by turn, the person's answers
// and edits settling them. Pure bookkeeping on an InterviewSession and the session's
// QualityReview (its conflict index); the engine calls it under the session's locks, then
// persists and publishes what it reports.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/types.hpp"
#include "domain/project_index.hpp"
#include "domain/quality_review.hpp"

namespace nexus {

// A requirement the person (or their verdict on a conflict) changed.
struct UpdatedRequirement {
  ExtractedRequirement requirement;
  std::vector<std::string> changedFields;  // "text", "category", "priority", "area"
};

// A change to a requirement of the project's database that is not the session's own: the side
// of a conflict with another interview's requirement that the person decided against.
struct ProjectRequirementChange {
  std::string requirementId;  // the database's id
  RequirementChanges changes;
};

// What one step changed, for the events and the requirements database.
struct ReviewUpdate {
  domain::QualityDelta quality;            // findings and conflicts new or changed, as they are now
  std::vector<UpdatedRequirement> updated;  // requirements changed
  std::vector<ExtractedRequirement> removed;  // requirements removed, as they were
  std::vector<ProjectRequirementChange> projectChanges;
  // reviewTurn: the session's findings or conflicts changed, even if only by being marked as
  // asked about (which is not reported).
  bool recordChanged = false;

  bool empty() const { return quality.empty() && updated.empty() && removed.empty() && projectChanges.empty(); }
  void append(ReviewUpdate other);
};

// A fresh review over a session loaded from the store: indexes the session's requirements, and
// checks new ones against the project's other requirements too (projectRequirementsOf).
domain::QualityReview reviewOf(const InterviewSession& session,
                               std::shared_ptr<const domain::ProjectIndex> project = nullptr);

// The requirements of the project's database that the session did not state (other interviews',
// imported ones), as the review indexes them: database ids, "wont" ones too (they exclude).
std::vector<ExtractedRequirement> projectRequirementsOf(const std::vector<Requirement>& database,
                                                        std::string_view sessionId);

// Before the model sees the person's latest message (the session's last): what it settles of
// the question the previous reply asked. "Both" keeps both sides of a conflict, naming one side
// keeps it (the other becomes "wont"), "that's fine" dismisses.
ReviewUpdate settleAnswer(InterviewSession& session, domain::QualityReview& review, Timestamp now);
// True when settleAnswer() may change something once the person's latest message is the
// session's last: the previous reply asked about a finding or conflict that is still open.
bool awaitsVerdict(const InterviewSession& session);

// After the reply is applied: the findings and conflicts of the requirements it captured; a
// finding the answer refined is resolved; what the reply asks about is recorded against it
// (domain::nextQualityQuestion, the same choice the offline analyst makes).
ReviewUpdate reviewTurn(InterviewSession& session, domain::QualityReview& review,
                        const std::vector<ExtractedRequirement>& captured, std::string_view answerId,
                        std::string_view replyId);

// The person's edit of a requirement's text, category, priority or area ("" clears the area;
// confidence is not the person's to set). InvalidArgument for an empty or non-UTF-8 text, an
// unusable area or a confidence; NotFound for an unknown requirement. Fields given with their
// current value change nothing.
Result<ReviewUpdate> editRequirement(InterviewSession& session, domain::QualityReview& review,
                                     std::string_view requirementId, const RequirementChanges& changes,
                                     Timestamp now);
// The requirement leaves the session (its message no longer lists it); the removal is kept in
// requirementEdits. NotFound for an unknown requirement.
Result<ReviewUpdate> removeRequirement(InterviewSession& session, domain::QualityReview& review,
                                       std::string_view requirementId, Timestamp now);
// The person's verdict on a conflict: keep-first / keep-second make the other side "wont" (a
// project side through projectChanges, for the engine to apply to the database).
Result<ReviewUpdate> resolveConflict(InterviewSession& session, domain::QualityReview& review,
                                     std::string_view conflictId, ConflictResolution resolution, Timestamp now);
Result<ReviewUpdate> dismissFinding(InterviewSession& session, std::string_view findingId);

}  // namespace nexus
