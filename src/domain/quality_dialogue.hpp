#pragma once
// The interviewer's side of quality analysis: which open conflict or finding to ask about next
// (one per turn, never one already asked), and what the person's answer settles. Used alike by
// the engine, which records what was asked and settles it, and by the offline analyst, which
// words the question; so both agree without talking to each other.

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/quality.hpp"
#include "core/types.hpp"

namespace nexus::domain {

// The requirement of an id, or null when there is none.
using RequirementLookup = std::function<const ExtractedRequirement*(std::string_view id)>;

// Looks through `present` from its end, where a turn's new requirements are.
const ExtractedRequirement* findLatestFirst(std::span<const ExtractedRequirement> present, std::string_view id);

struct QualityQuestion {
  enum class Subject { Conflict, Finding };
  Subject subject = Subject::Conflict;
  std::size_t index = 0;  // into the conflicts or the findings

  bool operator==(const QualityQuestion&) const = default;
};

// The first open conflict not asked about yet (in the order found); else the first open finding
// not asked about yet of a requirement in `latestRequirementIds` (those of the person's latest
// message: an old vague statement is not worth interrupting the interview for), unless it
// describes the product itself (its adjectives are goals to explore, not yet something to
// test: domain::describesProduct). Conflicts whose requirements are not both in `present` (or
// the project requirement the conflict carries), and findings whose requirement is not, are
// skipped.
// Requirements are looked up by id only for the open conflicts not asked about yet and the
// findings of the latest requirements, so a turn does not go over every requirement.
std::optional<QualityQuestion> nextQualityQuestion(std::span<const RequirementFinding> findings,
                                                   std::span<const RequirementConflict> conflicts,
                                                   std::span<const std::string> latestRequirementIds,
                                                   const RequirementLookup& present);
std::optional<QualityQuestion> nextQualityQuestion(std::span<const RequirementFinding> findings,
                                                   std::span<const RequirementConflict> conflicts,
                                                   std::span<const std::string> latestRequirementIds,
                                                   std::span<const ExtractedRequirement> present);

// The text of one side of a conflict (0: the first): that requirement in `present`, else the
// project requirement the conflict carries; nullopt when neither has it (it was removed).
std::optional<std::string_view> conflictSideText(const RequirementConflict& conflict, std::size_t side,
                                                 const RequirementLookup& present);
std::optional<std::string_view> conflictSideText(const RequirementConflict& conflict, std::size_t side,
                                                 std::span<const ExtractedRequirement> present);

enum class Verdict { None, KeepFirst, KeepSecond, KeepBoth, Dismiss };

// The person's answer to "earlier you said `first`, now `second`: which one holds?". KeepBoth
// for "both", Dismiss for "that's fine"; KeepFirst / KeepSecond when the answer names what only
// one side says ("PostgreSQL") or points at it ("the first one", "the new one"); None otherwise.
Verdict readConflictAnswer(std::string_view answer, std::string_view first, std::string_view second);

// The person's answer to a question about a finding: Dismiss ("that's fine", "keep it as it
// is") or None. An answer that states the requirement precisely settles it through refines().
Verdict readFindingAnswer(std::string_view answer);

// True when `candidate`, captured from the answer to a question about `original`'s finding,
// says the same thing precisely: the same area, or words in common.
bool refines(const ExtractedRequirement& candidate, const ExtractedRequirement& original);

}  // namespace nexus::domain
