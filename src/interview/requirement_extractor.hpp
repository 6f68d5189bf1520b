#pragma once
// Turns an interviewer's raw output into the text shown to the person and the requirements it
// tagged. The tag format is the one the system prompt asks for (prompts.hpp):
//
//   <requirement>
//     <text>Users sign in with Google</text>
//     <category>functional</category>      functional | non-functional | technical | constraint | assumption
//     <priority>must</priority>            must | should | could | wont
//     <confidence>0.9</confidence>         0..1
//     <area>authentication</area>          optional
//   </requirement>
//
// Blocks may stand anywhere, inside <requirements>…</requirements>, next to <thinking>.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace nexus {

struct ExtractionResult {
  std::string displayText;  // the reply without requirement blocks and <thinking>, tidied
  std::vector<ExtractedRequirement> requirements;  // at or above the threshold, in order; fresh ids, sourceMessageId empty
  std::size_t rawCount = 0;       // well-formed blocks found
  std::size_t filteredCount = 0;  // of those, dropped for low confidence
  std::size_t malformedCount = 0; // blocks skipped because they could not be read
};

// Stateless apart from its threshold; const methods are thread-safe.
class RequirementExtractor {
 public:
  static constexpr double kDefaultThreshold = 0.7;

  explicit RequirementExtractor(double confidenceThreshold = kDefaultThreshold);

  // Throws std::invalid_argument outside 0..1.
  void setThreshold(double confidenceThreshold);
  double threshold() const { return threshold_; }

  ExtractionResult extract(std::string_view rawOutput) const;

 private:
  double threshold_;
};

}  // namespace nexus
