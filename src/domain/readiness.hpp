#pragma once
// How ready a set of requirements is to hand to a team (DESIGN.md §2 Readiness). The formula,
// which the README documents under "Readiness":
//
//   area value  = 0 missing (no requirement), 0.5 partial (only unclear ones), 1 clear
//   coverage    = mean area value over the nine standard areas
//   basics      = (what it is stated + who it is for stated + a functional requirement) / 3
//   score       = (0.25 × basics + 0.75 × coverage) / (1 + open conflicts)
//   ready       = score >= threshold and no open conflict
//
// A requirement is clear when its confidence is at least kClearConfidence and it has no open
// finding; one the person decided against (priority "wont") covers its area too. The score is
// monotone: resolving or dismissing a finding or a conflict, and adding a requirement, never lower
// it (unless the new requirement opens a conflict). Moving a requirement to another area, or
// removing one, can.

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "core/quality.hpp"
#include "core/string_map.hpp"
#include "core/types.hpp"
#include "domain/areas.hpp"

namespace nexus::domain {

inline constexpr double kClearConfidence = 0.7;  // the engine's default capture threshold

// True when the text says what is being built ("a booking app for ...", "we want to build a
// tool that ...").
bool describesProduct(std::string_view text);
// True when the text names who it is for: a group of people ("for small teams", "patients",
// "our drivers").
bool namesAudience(std::string_view text);

// The basics of the score: what is being built is stated, who it is for, a functional
// requirement. They only grow as requirements come, so the engine keeps them per session and a
// turn need not read every requirement's text again (rebuilt when the person edits).
struct ReadinessBasics {
  bool what = false;
  bool who = false;
  bool functional = false;

  void add(const ExtractedRequirement& requirement);
  bool operator==(const ReadinessBasics&) const = default;
};
ReadinessBasics basicsOf(std::span<const ExtractedRequirement> requirements);

// The readiness worked out as requirements pass by one at a time (a walk over a project's
// database), keeping only each area's requirement ids. assessReadiness is this over spans, so
// the formula is written once. Not thread-safe.
class ReadinessTally {
 public:
  // `known`: the basics of every requirement that will be added, worked out before.
  explicit ReadinessTally(const ReadinessBasics* known = nullptr);
  // `unclear`: the requirement has an open finding.
  void add(const ExtractedRequirement& requirement, bool unclear);
  // The counts are of the open findings and conflicts among the requirements added.
  Readiness finish(std::size_t openFindings, std::size_t openConflicts, double threshold) &&;

 private:
  Readiness readiness_;  // the areas' requirement ids so far
  std::array<std::size_t, kStandardAreas.size()> clear_{};  // clear requirements per area
  std::array<std::size_t, kStandardAreas.size()> held_{};   // all requirements per area
  ReadinessBasics basics_;
  bool basicsKnown_ = false;
};

// A session's readiness kept as turns add to it, so that a turn need not read every requirement:
// requirements, and the findings and conflicts reported for them (open ones). Anything else (an
// edit, a removal, a finding or conflict settled) is not an addition: then the engine makes the
// tracker again from the session. It gives the readiness without the areas' requirement ids
// (the "assessment"), which is what a turn compares to tell whether the readiness moved; the ids
// come from assessReadiness when it did. Not thread-safe.
class ReadinessTracker {
 public:
  ReadinessTracker() = default;
  ReadinessTracker(std::span<const ExtractedRequirement> requirements, std::span<const RequirementFinding> findings,
                   std::span<const RequirementConflict> conflicts);

  void add(const ExtractedRequirement& requirement);
  // Counts when open and of a requirement added before (for a conflict: both sides added, or
  // the project's side).
  void add(const RequirementFinding& finding);
  void add(const RequirementConflict& conflict);

  // assessReadiness's result with every area's requirementIds left empty.
  Readiness assessment(double threshold) const;
  // What assessment() would give after these were added (in this order), without adding them.
  Readiness assessmentWith(std::span<const ExtractedRequirement> requirements,
                           std::span<const RequirementFinding> findings,
                           std::span<const RequirementConflict> conflicts, double threshold) const;

  const ReadinessBasics& basics() const { return counts_.basics; }

 private:
  struct Held {
    std::size_t area = kStandardAreas.size();  // none of the standard ones
    bool confident = false;
    std::size_t openFindings = 0;
  };
  struct Counts {
    std::array<std::size_t, kStandardAreas.size()> clear{};  // clear requirements per area
    std::array<std::size_t, kStandardAreas.size()> held{};   // all requirements per area
    ReadinessBasics basics;
    std::size_t openFindings = 0;
    std::size_t openConflicts = 0;
  };
  // What each addition does to the counts; written once for add() and assessmentWith().
  static Held heldOf(const ExtractedRequirement& requirement);
  static void count(Counts& counts, const Held& requirement, const ExtractedRequirement& added);
  static void count(Counts& counts, Held* requirement, const RequirementFinding& finding);
  static void count(Counts& counts, bool bothSidesHeld, const RequirementConflict& conflict);
  static Readiness assessmentOf(const Counts& counts, double threshold);

  StringMap<Held> held_;  // by requirement id
  Counts counts_;
};

// Everything but the areas' requirement ids is the same: the readiness did not move.
bool sameAssessment(const Readiness& a, const Readiness& b);

// Thread-safe (pure). Findings and conflicts of requirements not in `requirements` are ignored
// (a conflict's project side, which lives in the project's database, counts as there).
// `basics`: those of `requirements`, when the caller keeps them (ReadinessBasics).
Readiness assessReadiness(std::span<const ExtractedRequirement> requirements,
                          std::span<const RequirementFinding> findings,
                          std::span<const RequirementConflict> conflicts,
                          double threshold = kDefaultReadyThreshold, const ReadinessBasics* basics = nullptr);

}  // namespace nexus::domain
