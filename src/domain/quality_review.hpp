#pragma once
// Keeps the findings and conflicts of a set of requirements current as requirements arrive, are
// changed by the person, or go; and the person's verdicts on them. The findings and conflicts
// themselves live with the caller (a session, or a report over a project's database): this
// holds the conflict index over them and the rules of what changes when.
//
// Rules: a finding or conflict is reported once per requirement and kind (per pair and kind for
// conflicts), whatever its status: one the person dismissed never comes back. When a
// requirement's text changes, its open findings that no longer apply are resolved and its open
// conflicts that no longer hold are resolved; when it goes, its open findings and conflicts are
// resolved.

#include <functional>
#include <string>
#include <memory>
#include <optional>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "core/quality.hpp"
#include "core/result.hpp"
#include "core/types.hpp"
#include "domain/conflict_index.hpp"
#include "domain/project_index.hpp"

namespace nexus::domain {

// What one change added or altered, each entry as it is now.
struct QualityDelta {
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;

  bool empty() const { return findings.empty() && conflicts.empty(); }
  void append(QualityDelta other);
};

// The analysed state, owned by the caller.
struct QualityRecord {
  std::vector<RequirementFinding>& findings;
  std::vector<RequirementConflict>& conflicts;
};

// Not thread-safe: one per session (or report), used under its lock.
class QualityReview {
 public:
  // Ids for new entries; told which kind ("finding" or "conflict") the id is for.
  using IdSource = std::function<std::string(std::string_view kind)>;
  explicit QualityReview(IdSource newId);

  // Indexes requirements whose findings and conflicts are already recorded (a loaded session),
  // without reporting anything.
  void restore(const std::vector<ExtractedRequirement>& requirements);
  // The project's requirements that are not the caller's own (domain::ProjectIndex): later
  // requirements are checked against them too, and a conflict with one carries it as its
  // projectRequirement. Nothing is reported. May be null (none).
  void useProject(std::shared_ptr<const ProjectIndex> project);
  // Requirements held elsewhere (a session's, lent for a turn): later requirements are checked
  // against them too, after the project's and before those added here. Nothing is reported about
  // them; they are neither restored nor added here. May be null (none); must outlive the review.
  void useHeld(const ConflictLookup* held) { held_ = held; }
  // The index over the requirements added and restored, for lending (see useHeld).
  const ConflictIndex& index() const { return index_; }
  // A project requirement the person decided against (a conflict settled for the other side):
  // nothing is reported against it any more.
  void decideAgainstProject(std::string_view projectRequirementId);

  // A new requirement: its findings, and its conflicts with those before it.
  QualityDelta add(const ExtractedRequirement& requirement, QualityRecord record);
  // The same requirement after the person changed it.
  QualityDelta reexamine(const ExtractedRequirement& requirement, QualityRecord record);
  // The requirement is gone.
  QualityDelta remove(std::string_view requirementId, QualityRecord record);
  // The text of a requirement added (or restored) and not removed, as the review last read it;
  // valid until the next change. nullopt for any other id.
  std::optional<std::string_view> textOf(std::string_view requirementId) const { return index_.textOf(requirementId); }

 private:
  QualityDelta reportFindings(const ExtractedRequirement& requirement, QualityRecord record);
  QualityDelta reportConflicts(const ExtractedRequirement& requirement, QualityRecord record);
  RequirementConflict opened(ConflictDraft draft);

  IdSource newId_;
  ConflictIndex index_;
  std::vector<ConflictDraft> conflictsOf(const ExtractedRequirement& requirement);  // project's first, then the index's
  std::shared_ptr<const ProjectIndex> project_;
  const ConflictLookup* held_ = nullptr;
  std::unordered_set<std::string> decidedAgainst_;  // of project_'s
};

// The person's verdicts; settling one again records the newer verdict. NotFound for an unknown
// id. What a verdict does to the requirements (keep-first: the second becomes "wont") is the
// caller's to apply, as an edit of the person's.
Result<RequirementConflict> resolveConflict(std::vector<RequirementConflict>& conflicts, std::string_view conflictId,
                                            ConflictResolution resolution);
Result<RequirementFinding> dismissFinding(std::vector<RequirementFinding>& findings, std::string_view findingId);

}  // namespace nexus::domain
