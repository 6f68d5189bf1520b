#pragma once
// Quality analysis of the captured requirements (DESIGN.md §2): findings that make one
// requirement hard to test, conflicts between two, and how ready the whole set is. Worked out by
// domain/quality/; JSON mapping in json.hpp, enum spellings in enums.hpp.

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace nexus {

// The readiness score at which requirements count as ready to hand over, unless configured
// (`--ready-threshold`, NEXUS_READY_THRESHOLD).
inline constexpr double kDefaultReadyThreshold = 0.8;

enum class FindingKind { VagueTerm, Unmeasured, OpenEnded, Compound, NoActor, Tbd };
enum class ConflictKind { Polarity, ExclusiveChoice, Numeric, Access };
// Open until the person settles it: resolved (the requirement was made precise, or one side of a
// conflict chosen) or dismissed (they said it is fine as it is).
enum class ReviewStatus { Open, Resolved, Dismissed };
enum class ConflictResolution { KeepFirst, KeepSecond, KeepBoth, Dismissed };
enum class AreaStatus { Missing, Partial, Clear };

struct RequirementFinding {
  std::string id;
  std::string requirementId;
  FindingKind kind = FindingKind::VagueTerm;
  std::optional<std::string> term;  // the words that triggered it, as the person wrote them
  std::string message;              // what is unclear, in plain words
  std::optional<std::string> suggestion;  // how to say it so that it can be tested
  ReviewStatus status = ReviewStatus::Open;
  // The assistant message that asked the person about it; an interviewer asks once.
  std::optional<std::string> askedInMessageId;

  bool operator==(const RequirementFinding&) const = default;
};

// A side of a conflict that lives in the project's requirements database, not in the session
// the conflict belongs to: stated in another interview of the project, or imported. Carried
// with the conflict so that it can be shown and asked about without the database at hand.
struct ProjectRequirementRef {
  std::string id;  // the requirements database's id
  std::string text;

  bool operator==(const ProjectRequirementRef&) const = default;
};

struct RequirementConflict {
  std::string id;
  std::array<std::string, 2> requirementIds;  // the earlier one first
  ConflictKind kind = ConflictKind::ExclusiveChoice;
  std::string explanation;  // one plain sentence
  ReviewStatus status = ReviewStatus::Open;
  std::optional<ConflictResolution> resolution;
  std::optional<std::string> askedInMessageId;  // as for findings
  // Set when one side (the first: it was there before) is a requirement of the project's
  // database rather than of this session; requirementIds names it by its database id.
  std::optional<ProjectRequirementRef> projectRequirement;

  bool isProjectSide(const std::string& requirementId) const {
    return projectRequirement && projectRequirement->id == requirementId;
  }
  bool operator==(const RequirementConflict&) const = default;
};

struct AreaReadiness {
  std::string area;
  AreaStatus status = AreaStatus::Missing;
  std::vector<std::string> requirementIds;

  bool operator==(const AreaReadiness&) const = default;
};

struct Readiness {
  double score = 0.0;  // 0..1, the formula is in the README ("Readiness")
  bool ready = false;  // score >= threshold and no open conflict
  double threshold = kDefaultReadyThreshold;
  std::vector<AreaReadiness> areas;  // the standard areas, in their order
  std::size_t openConflicts = 0;
  std::size_t openFindings = 0;

  bool operator==(const Readiness&) const = default;
};

}  // namespace nexus
