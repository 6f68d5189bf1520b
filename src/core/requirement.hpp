#pragma once
// The requirements database's model (DESIGN.md §7): a project's requirements with their
// validation state, feature link and every place they were stated. JSON mapping in json.hpp,
// enum spellings in enums.hpp, storage behind store/requirements_store.hpp.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/types.hpp"

namespace nexus {

enum class ValidationStatus { Pending, Validated, Rejected };

// One place a requirement was stated.
struct RequirementSource {
  std::string source;                    // "interview:<sessionId>", "manual", ...
  std::optional<std::string> messageId;  // the message the requirement was stated in
  // Its id at the source (the session's ExtractedRequirement id); a (source, originId) pair is
  // recorded at most once, so exporting a session twice adds nothing.
  std::optional<std::string> originId;
  Timestamp addedAt{};

  bool operator==(const RequirementSource&) const = default;
};

// One row of the requirements database.
struct Requirement {
  std::string id;
  std::string projectId;
  std::string text;
  RequirementCategory category = RequirementCategory::Functional;
  Priority priority = Priority::Should;
  double confidence = 0.5;  // 0..1
  std::optional<std::string> area;
  ValidationStatus validation = ValidationStatus::Pending;
  std::optional<std::string> featureId;
  std::vector<RequirementSource> sources;  // oldest first, never empty
  Timestamp createdAt{};
  Timestamp updatedAt{};
  // The fields the person changed through RequirementsStore::update ("text", "category",
  // "priority", "area"), each once, in the order first changed: a near-duplicate merge leaves
  // them as the person set them. Empty when none.
  std::vector<std::string> editedFields{};
  // Those changes, oldest first (requirementId is this requirement's id); never rewritten.
  std::vector<RequirementEdit> history{};

  bool operator==(const Requirement&) const = default;
};

// What a caller records; the store assigns id, validation, times and source.addedAt. Members
// have default initializers so that callers may name only the fields they set.
struct NewRequirement {
  std::string projectId{};
  std::string text{};
  RequirementCategory category = RequirementCategory::Functional;
  Priority priority = Priority::Should;
  double confidence = 0.5;
  std::optional<std::string> area{};
  RequirementSource source{};  // source.addedAt is set by the store
};

// Every field given must match; an empty filter matches everything.
// E.g. list("shop", {.priority = Priority::Must, .minConfidence = 0.8}).
struct RequirementFilter {
  std::optional<RequirementCategory> category{};
  std::optional<Priority> priority{};
  std::optional<std::string> area{};  // "" selects requirements without an area
  std::optional<double> minConfidence{};
  std::optional<ValidationStatus> validation{};
  std::optional<std::string> featureId{};  // "" selects requirements linked to no feature
};

// The fields an update may change; absent ones stay as they are.
struct RequirementChanges {
  std::optional<std::string> text{};
  std::optional<RequirementCategory> category{};
  std::optional<Priority> priority{};
  std::optional<double> confidence{};
  std::optional<std::string> area{};  // "" clears the area
};

// Counts of one project; every enum value is present, 0 when none.
struct RequirementStats {
  std::size_t total = 0;
  std::map<RequirementCategory, std::size_t> byCategory;
  std::map<Priority, std::size_t> byPriority;
  std::map<ValidationStatus, std::size_t> byValidation;

  bool operator==(const RequirementStats&) const = default;
};

enum class AddOutcome {
  Added,            // a new requirement
  Merged,           // a near-duplicate of an existing one, which gained the source
  AlreadyRecorded,  // that (source, originId) was recorded before; nothing written
};

struct AddResult {
  Requirement requirement;
  AddOutcome outcome = AddOutcome::Added;

  bool operator==(const AddResult&) const = default;
};

}  // namespace nexus
