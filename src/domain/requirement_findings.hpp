#pragma once
// What makes one requirement hard to test (DESIGN.md §2 RequirementFinding), found in its words
// alone: deterministic, no model. The word lists and patterns are data in
// quality_lexicon.cpp, each with its source (ISO/IEC/IEEE 29148:2018 §5.2.7 and others).
// A precise requirement gets no finding: a false alarm costs the person's trust more than a miss.

#include <string>
#include <vector>

#include "core/quality.hpp"
#include "core/types.hpp"

namespace nexus::domain {

// A finding before it has an id, a requirement id and a status.
struct FindingDraft {
  FindingKind kind = FindingKind::VagueTerm;
  std::string term;        // the words that triggered it, exactly as written ("fast", "etc.")
  std::string message;     // what is unclear: "\"fast\" cannot be tested as it stands."
  std::string suggestion;  // a testable phrasing: "How fast? For example: search results in under 1 second for 95 % of searches."

  bool operator==(const FindingDraft&) const = default;
};

// The findings of a requirement's text, at most one per kind, in FindingKind order. Its category
// and area steer them: "unmeasured" applies to performance, scalability, availability and
// capacity statements only. Thread-safe (pure).
std::vector<FindingDraft> findIssues(const ExtractedRequirement& requirement);

}  // namespace nexus::domain
