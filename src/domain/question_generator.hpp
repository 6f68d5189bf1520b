#pragma once
// Chooses the interviewer's next question and the coverage gaps to point out.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace nexus::domain {

enum class QuestionDepth { Broad, Detailed, Clarifying };

std::string_view toString(QuestionDepth depth);

struct Question {
  std::string text;  // one question, ending in '?'
  std::string area;  // the area it is about; empty for general questions (vision, users, scope)
  QuestionDepth depth = QuestionDepth::Broad;
};

// Holds what the interview has covered so far: explored areas, captured requirements, and the
// questions already asked. A value type: not thread-safe; build one per turn from the session
// (cheap) or keep one per session under the session's lock.
class QuestionGenerator {
 public:
  // Gaps are suggested only once this much has been said (DESIGN.md §3).
  static constexpr std::size_t kMinRequirementsForGaps = 3;
  static constexpr std::size_t kMinExploredAreasForGaps = 2;
  static constexpr std::size_t kMaxGaps = 3;

  // Marks an area explored; normalises the name; ignores empty names. Returns true if new.
  bool markExplored(std::string_view area);
  // Marks every area the text touches (inferAreas) and returns the newly explored ones.
  std::vector<std::string> markExploredFrom(std::string_view text);
  bool isExplored(std::string_view area) const;
  const std::vector<std::string>& exploredAreas() const { return explored_; }

  // A captured requirement: counts towards gaps, marks its area explored, and is what
  // clarifying questions may refer back to.
  void recordRequirement(const ExtractedRequirement& requirement);
  std::size_t requirementCount() const { return requirements_.size(); }

  // A question the interviewer already asked (any wording); it is never asked again, and it
  // moves its area's depth on.
  void recordAsked(std::string_view question);

  // Top unexplored standard areas (at most kMaxGaps, in kStandardAreas order), or nothing
  // while fewer than kMinRequirementsForGaps requirements or kMinExploredAreasForGaps
  // explored areas exist.
  std::vector<std::string> gaps() const;

  // How deep the next question about `area` goes: Broad until the area has been asked about
  // or has requirements, then Detailed, then Clarifying.
  QuestionDepth depthFor(std::string_view area) const;

  // The next question: about a gap first when gaps are due, otherwise following up on the
  // areas just discussed (`justDiscussed`, most relevant first) or opening the next
  // unexplored area. Never one already asked, and never a broad question about an area the
  // person has already covered. Wording varies between calls with different histories.
  Question nextQuestion(const std::vector<std::string>& justDiscussed = {}) const;

 private:
  std::vector<std::string> explored_;
  std::vector<ExtractedRequirement> requirements_;
  std::vector<std::string> asked_;  // normalised question texts
};

}  // namespace nexus::domain
