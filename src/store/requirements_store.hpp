#pragma once
// The requirements database (DESIGN.md §7): every requirement of a project with its category,
// priority, confidence, area, validation state, feature link and every place it was stated.
// The engine sees this interface; the executable picks the backend (SQLite; memory in tests).
//
// Below the interface, in namespace requirement_rules: what every backend does the same way
// (input checks, the near-duplicate choice, the merge, filters, statistics), written once so
// that the backends differ only in how they store rows.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/requirement.hpp"
#include "core/result.hpp"

namespace nexus {

struct RequirementsStoreOptions {
  // Texts at least this similar (text::tokenSimilarity) are one requirement; the same
  // threshold the interview engine uses within a session.
  double nearDuplicateSimilarity = 0.8;
};

// Implementations are thread-safe. Failures: StorageFailed (one line naming the file and the
// cause), InvalidArgument (the caller's input, nothing written), NotFound (unknown id).
// Every state-changing method sets updatedAt from the store's clock.
class RequirementsStore {
 public:
  virtual ~RequirementsStore() = default;

  // Records a requirement, in this order of precedence:
  // - AlreadyRecorded when source.originId is set and that (source, originId) is recorded in
  //   any requirement: writes nothing and returns the requirement holding it;
  // - Merged when the project has a requirement whose text is at least nearDuplicateSimilarity
  //   similar (the most similar wins; ties go to the oldest): the source is appended,
  //   confidence becomes the higher one, priority the stronger one (must > should > could >
  //   wont), the area is filled if it was absent; text, category, validation and feature stay.
  //   A field in editedFields stays as the person set it: an edited priority is not raised, an
  //   edited (even cleared) area is not filled;
  // - Added otherwise: a new id, validation pending, created now.
  // The text and area are stored trimmed; an empty area, message id or origin id counts as none.
  // InvalidArgument for an empty project id or source, a text empty after trimming, text that is
  // not UTF-8, or a confidence outside [0, 1] (or NaN).
  virtual Result<AddResult> add(const NewRequirement& requirement) = 0;
  virtual Result<std::optional<Requirement>> get(std::string_view id) const = 0;
  // Oldest first: by createdAt, and in the order they were added within one millisecond (one
  // turn's requirements). Every filter given must match (see RequirementFilter).
  // InvalidArgument for an empty project id or a minConfidence outside [0, 1].
  virtual Result<std::vector<Requirement>> list(std::string_view projectId,
                                                const RequirementFilter& filter = {}) const = 0;
  // The same requirements as list() (order, filter, errors, sources and history), handed to
  // `visit` one at a time instead of held together: a document of a 100,000-requirement project
  // is written in the memory of one requirement. All come from one consistent state of the
  // store (one read transaction, or under the lock); a `visit` that returns false ends the walk
  // there (not an error). `visit` runs while the store is locked: it must not call this store.
  using RequirementVisitor = std::function<bool(const Requirement&)>;
  virtual Result<void> forEach(std::string_view projectId, const RequirementFilter& filter,
                               const RequirementVisitor& visit) const = 0;
  // The person's edit. Each of text, category, priority and area whose value actually changes
  // appends one history entry (field, old value, new value, editedAt = the store's clock now;
  // an absent area is no value) and is added to editedFields unless it is listed already.
  // Confidence is applied but neither listed nor kept as history; a field given with the value
  // it has records nothing (updatedAt is stamped all the same). NotFound for an unknown id; the
  // same checks as add(); nothing is written when they fail.
  virtual Result<Requirement> update(std::string_view id, const RequirementChanges& changes) = 0;
  // True if it existed; its sources go with it.
  virtual Result<bool> remove(std::string_view id) = 0;
  virtual Result<Requirement> validate(std::string_view id,
                                       ValidationStatus status = ValidationStatus::Validated) = 0;
  // nullopt (or "") unlinks.
  virtual Result<Requirement> linkToFeature(std::string_view id, std::optional<std::string> featureId) = 0;
  // Counts of the project's requirements; InvalidArgument for an empty project id.
  virtual Result<RequirementStats> stats(std::string_view projectId) const = 0;

  // Records the requirements of a document (DESIGN.md §4 `requirements:import`) in project
  // `projectId`, in one transaction: all of them, or none when anything fails. Each, in order:
  // - AlreadyRecorded when one of its sources with an origin id is recorded in a requirement of
  //   this project (by this import or before): importing a document twice adds nothing;
  // - Merged into the project's most similar requirement from before this import (the
  //   near-duplicate choice of add()): the sources it lacks are appended, then confidence,
  //   priority and area as add(). When it lacks none the outcome is AlreadyRecorded and nothing
  //   is written. Two requirements of one document are never merged with each other: the
  //   document's author kept them apart;
  // - Added otherwise, as the document has it: validation, feature, edited fields, history and
  //   every source, and its id and times where given (an empty id or one taken anywhere in the
  //   database gets a new one; an unset createdAt, updatedAt or addedAt is now).
  // `projectId` of the given requirements is ignored. InvalidArgument, naming the requirement by
  // its position, for what add() refuses, a requirement without sources, or one source twice.
  virtual Result<std::vector<AddResult>> importRequirements(std::string_view projectId,
                                                            std::span<const Requirement> requirements) = 0;
};

namespace requirement_rules {

// Input checks. The checked copies are what gets stored: text and area trimmed, and an empty
// area, message id, origin id or feature id is none. Errors are InvalidArgument naming the field.
Result<NewRequirement> checkedNewRequirement(const NewRequirement& requirement);
Result<RequirementChanges> checkedChanges(const RequirementChanges& changes);
Result<std::optional<std::string>> checkedFeatureId(const std::optional<std::string>& featureId);
Result<void> checkProjectId(std::string_view projectId);
Result<void> checkFilter(const RequirementFilter& filter);
Error unknownRequirement(std::string_view id);

// A requirement as add() creates it from a checked NewRequirement.
Requirement created(const NewRequirement& requirement, std::string id, Timestamp now);

// The merge of add(): `incoming` (checked) joins `existing`; fields in editedFields stay.
void mergeInto(Requirement& existing, const NewRequirement& incoming, Timestamp now);

// update() with checked changes, recording the person's edits (history, editedFields) at
// `now`; the caller stamps updatedAt, as for every other change.
void applyChanges(Requirement& requirement, const RequirementChanges& changes, Timestamp now);

// importRequirements' checks of the requirement at `position` (0-based) of a document, and
// the copy it records in `projectId`: text and area trimmed, empty optional ids none.
Result<Requirement> checkedImport(const Requirement& requirement, std::string_view projectId, std::size_t position);

// The requirement importRequirements adds from a checked one: `id`, and `now` for every time
// the document left unset.
Requirement createdFromImport(Requirement imported, std::string id, Timestamp now);

// importRequirements' merge of a checked `incoming` into `existing`: appends the sources it
// lacks (added now), then as mergeInto. False, with `existing` unchanged, when it lacked none.
bool mergeImport(Requirement& existing, const Requirement& incoming, Timestamp now);

// Whether `requirement` holds that place already (source, message id and origin id).
bool holdsSource(const Requirement& requirement, const RequirementSource& source);

// Whether the person changed `field` ("text", "category", "priority", "area").
bool edited(const Requirement& requirement, std::string_view field);

bool matches(const Requirement& requirement, const RequirementFilter& filter);

// Every category, priority and validation state at 0.
RequirementStats emptyStats();
void count(RequirementStats& stats, RequirementCategory category, Priority priority,
           ValidationStatus validation, std::size_t howMany = 1);

// A requirement of the project as the near-duplicate choice sees it.
struct DuplicateCandidate {
  std::string_view id;
  std::string_view text;
  Timestamp createdAt{};
};

// The candidate that add() merges into: the highest text::tokenSimilarity with `text` that is
// >= threshold; ties go to the oldest (createdAt, then id). nullopt if none is similar enough.
std::optional<std::size_t> nearDuplicate(std::span<const DuplicateCandidate> candidates, std::string_view text,
                                         double threshold);

}  // namespace requirement_rules
}  // namespace nexus
