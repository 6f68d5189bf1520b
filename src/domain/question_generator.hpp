#pragma once
// Chooses the interviewer's next question and the coverage gaps to point out.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
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
// questions already asked, indexed so that recording one and choosing the next question cost the
// same at the 20th message and at the 6,000th. A value type: not thread-safe; keep one per
// session (the engine does, and lends it to the interviewer for a turn) or build one per turn.
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
  // moves its area's depth on (the bank's own area/depth when it came from the bank, else
  // inferArea). A whole reply may be passed: each question sentence in it counts. Recording
  // the same text again changes nothing.
  void recordAsked(std::string_view question);

  // Top unexplored standard areas (at most kMaxGaps, in kStandardAreas order), or nothing
  // while fewer than kMinRequirementsForGaps requirements or kMinExploredAreasForGaps
  // explored areas exist.
  std::vector<std::string> gaps() const;

  // How deep the next question about `area` goes: Broad until the area has been asked about,
  // has a requirement or is explored (the person already covered it); then Detailed; then
  // Clarifying once a Detailed (or deeper) question about it was asked or it has >= 2
  // requirements. So an area normally gets one broad, one detailed, then clarifying questions.
  QuestionDepth depthFor(std::string_view area) const;

  // The next question, in this order of preference:
  //  1. gaps are due (see gaps()): the first gap area not yet asked about;
  //  2. follow the thread: the first area of `justDiscussed` (most relevant first) with an unasked
  //     question at its depth (or, once that depth is used up, at another non-broad depth), unless
  //     the last two questions were already about it and some area is still untouched;
  //  3. open something new: the general questions (goal, users, main workflow) while nothing has
  //     been captured or fewer than two of them were asked; a scope/success/timeline question for
  //     every three areas touched; the next untouched area in conversational order (ui_ux,
  //     data_model, authentication, authorization, integrations, performance, security,
  //     deployment, api); then deeper questions on the least-asked areas;
  //  4. closing questions, and last a generic one that is new.
  // Never one already asked, and never a broad question about an area the person has already
  // covered; a question a captured requirement already answers goes last. Among wordings of one
  // question the choice rotates with the history, avoiding the opening words of the previous
  // question. Same state, same question.
  Question nextQuestion(const std::vector<std::string>& justDiscussed = {}) const;

  // What has been recorded up to now, to take back later: an interviewer records a turn's
  // requirements and questions tentatively on the session's generator and rolls them back, so
  // that only the engine's record of the turn stays.
  struct Checkpoint {
    std::size_t explored = 0;
    std::size_t requirements = 0;
    std::size_t asked = 0;
    std::size_t history = 0;
    std::string lastOpening;
    std::uint64_t askedHash = 0;
    std::uint64_t requirementsHash = 0;
  };
  Checkpoint checkpoint() const;
  // Forgets everything recorded since `mark` was taken (marks taken later become invalid).
  void rollBack(const Checkpoint& mark);

 private:
  struct AskedTurn {
    std::string area;   // canonical area, "general", or empty when unknown
    QuestionDepth depth = QuestionDepth::Broad;
    std::string topic;  // the bank topic when the question came from the bank
  };

  bool wasAsked(const std::string& normalizedQuestion) const;
  std::size_t timesAsked(std::string_view area) const;
  std::size_t requirementsIn(std::string_view area) const;
  bool topicUsed(std::string_view area, std::string_view topic) const;
  bool hasUntouchedArea() const;
  bool delegatesSignIn() const;  // an authentication requirement names an external identity provider
  bool drilledTooLong(std::string_view area) const;
  std::uint64_t historySeed() const;
  std::vector<Question> candidates(std::string_view area, QuestionDepth depth, std::uint64_t seed) const;
  std::vector<Question> followUps(std::string_view area, std::uint64_t seed) const;
  std::optional<Question> pick(const std::vector<Question>& pool) const;
  Question lastResort() const;

  struct Recorded {
    std::string id;
    std::string text;
    std::optional<std::string> area;  // canonical
    Priority priority = Priority::Should;
    std::vector<std::string> answerPairs;  // keys of answeredPairs_ it counts in
    bool delegatesSignIn = false;
  };
  using AreaDepth = std::pair<std::string, QuestionDepth>;

  std::size_t timesAsked(std::string_view area, QuestionDepth depth) const;
  bool answeredInArea(std::string_view area, std::string_view question) const;

  std::vector<std::string> explored_;
  std::vector<Recorded> requirements_;
  std::unordered_set<std::string> requirementIds_;
  std::unordered_map<std::string, std::vector<std::size_t>> requirementsByArea_;  // indexes, oldest first
  // "area word word" for each two significant words of a requirement: how many requirements of
  // the area a question sharing both words is already answered by.
  std::unordered_map<std::string, std::size_t> answeredPairs_;
  std::size_t delegatingSignIn_ = 0;  // authentication requirements naming an identity provider
  std::vector<std::string> asked_;  // normalised question texts (whole texts and their questions)
  std::unordered_set<std::string> askedSet_;
  std::vector<AskedTurn> history_;  // one entry per area each recordAsked touched, in order
  std::map<AreaDepth, std::size_t> historyCounts_;
  std::map<std::pair<std::string, std::string>, std::size_t> topicsUsed_;  // (area, topic)
  std::string lastOpening_;  // first words of the last question asked
  static constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
  std::uint64_t askedHash_ = kFnvBasis;         // FNV-1a over asked_, in order
  std::uint64_t requirementsHash_ = kFnvBasis;  // and over the requirements' texts
};

}  // namespace nexus::domain
