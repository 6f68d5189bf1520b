#include "domain/quality_dialogue.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "domain/readiness.hpp"

namespace nexus::domain {
namespace {

// Phrases that accept what was flagged as it is. Matched on word boundaries in the lower-cased
// answer; negated forms ("not fine") are checked first.
constexpr std::array<std::string_view, 22> kAcceptPhrases{
    "that's fine",   "that is fine",  "it's fine",     "it is fine",    "fine as it is", "fine as is",
    "leave it",      "keep it",       "that's ok",     "that is ok",    "it's ok",       "that's okay",
    "it's okay",     "ignore it",     "ignore that",   "doesn't matter", "does not matter", "not a problem",
    "no problem",    "as it is",      "good enough",   "it's intended"};
constexpr std::array<std::string_view, 6> kNegatedAccept{"not fine", "isn't fine", "not ok", "not okay",
                                                         "is a problem", "not good enough"};
constexpr std::array<std::string_view, 7> kBothPhrases{
    "both", "keep both", "both hold", "both apply", "both are right", "both are true", "each of them"};
constexpr std::array<std::string_view, 7> kFirstPhrases{"the first", "the earlier", "the former", "the old one",
                                                        "first one", "what i said first", "the original"};
constexpr std::array<std::string_view, 7> kSecondPhrases{"the second", "the latter", "the new one", "the newer",
                                                         "the latest", "second one", "the last one"};

template <std::size_t N>
bool anyPhrase(std::string_view lower, const std::array<std::string_view, N>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](std::string_view phrase) { return text::containsPhrase(lower, phrase); });
}

// Words a side says that the other does not: "postgresql" for "We must use PostgreSQL" against
// "The database will be MySQL". Short and common words say nothing about which side is meant.
std::unordered_set<std::string> distinctiveWords(std::string_view side, std::string_view other) {
  const auto otherWords = text::words(other);
  const std::unordered_set<std::string> theirs(otherWords.begin(), otherWords.end());
  static const std::unordered_set<std::string_view> kCommon{
      "the", "a", "an", "we", "our", "must", "should", "will", "be", "is", "are", "use", "using", "it",
      "can", "could", "may", "need", "needs", "to", "of", "in", "on", "for", "and", "or", "with", "app",
      "system", "users", "user", "not", "no", "only", "all", "every", "also", "that", "this", "would", "want"};
  std::unordered_set<std::string> out;
  for (auto& word : text::words(side)) {
    if (word.size() < 3 || kCommon.contains(word) || theirs.contains(word)) continue;
    out.insert(std::move(word));
  }
  return out;
}

bool mentionsAny(const std::vector<std::string>& answerWords, const std::unordered_set<std::string>& wanted) {
  return std::any_of(answerWords.begin(), answerWords.end(),
                     [&](const std::string& word) { return wanted.contains(word); });
}

bool accepts(std::string_view lower) { return !anyPhrase(lower, kNegatedAccept) && anyPhrase(lower, kAcceptPhrases); }

}  // namespace

const ExtractedRequirement* findLatestFirst(std::span<const ExtractedRequirement> present, std::string_view id) {
  for (auto it = present.rbegin(); it != present.rend(); ++it) {
    if (it->id == id) return &*it;
  }
  return nullptr;
}

std::optional<QualityQuestion> nextQualityQuestion(std::span<const RequirementFinding> findings,
                                                   std::span<const RequirementConflict> conflicts,
                                                   std::span<const std::string> latestRequirementIds,
                                                   const RequirementLookup& present) {
  for (std::size_t i = 0; i < conflicts.size(); ++i) {
    const auto& c = conflicts[i];
    if (c.status != ReviewStatus::Open || c.askedInMessageId) continue;
    const auto held = [&](const std::string& id) { return c.isProjectSide(id) || present(id) != nullptr; };
    if (held(c.requirementIds[0]) && held(c.requirementIds[1])) return QualityQuestion{QualityQuestion::Subject::Conflict, i};
  }
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (f.status != ReviewStatus::Open || f.askedInMessageId) continue;
    if (std::find(latestRequirementIds.begin(), latestRequirementIds.end(), f.requirementId) ==
        latestRequirementIds.end()) {
      continue;
    }
    const ExtractedRequirement* requirement = present(f.requirementId);
    // "an app that helps shops sell faster": a goal, not yet a requirement to test.
    if (requirement != nullptr && !describesProduct(requirement->text)) {
      return QualityQuestion{QualityQuestion::Subject::Finding, i};
    }
  }
  return std::nullopt;
}

std::optional<QualityQuestion> nextQualityQuestion(std::span<const RequirementFinding> findings,
                                                   std::span<const RequirementConflict> conflicts,
                                                   std::span<const std::string> latestRequirementIds,
                                                   std::span<const ExtractedRequirement> present) {
  return nextQualityQuestion(findings, conflicts, latestRequirementIds,
                             [present](std::string_view id) { return findLatestFirst(present, id); });
}

std::optional<std::string_view> conflictSideText(const RequirementConflict& conflict, std::size_t side,
                                                 const RequirementLookup& present) {
  const std::string& id = conflict.requirementIds.at(side);
  if (const ExtractedRequirement* requirement = present(id)) return requirement->text;
  if (conflict.isProjectSide(id)) return conflict.projectRequirement->text;
  return std::nullopt;
}

std::optional<std::string_view> conflictSideText(const RequirementConflict& conflict, std::size_t side,
                                                 std::span<const ExtractedRequirement> present) {
  return conflictSideText(conflict, side, [present](std::string_view id) { return findLatestFirst(present, id); });
}

Verdict readConflictAnswer(std::string_view answer, std::string_view first, std::string_view second) {
  const std::string lower = text::toLower(answer);
  const auto answerWords = text::words(answer);
  const bool namesFirst = mentionsAny(answerWords, distinctiveWords(first, second));
  const bool namesSecond = mentionsAny(answerWords, distinctiveWords(second, first));
  if (namesFirst != namesSecond) return namesFirst ? Verdict::KeepFirst : Verdict::KeepSecond;
  const bool pointsFirst = anyPhrase(lower, kFirstPhrases);
  const bool pointsSecond = anyPhrase(lower, kSecondPhrases);
  if (pointsFirst != pointsSecond) return pointsFirst ? Verdict::KeepFirst : Verdict::KeepSecond;
  if (anyPhrase(lower, kBothPhrases)) return Verdict::KeepBoth;
  if (accepts(lower)) return Verdict::Dismiss;
  return Verdict::None;
}

Verdict readFindingAnswer(std::string_view answer) {
  return accepts(text::toLower(answer)) ? Verdict::Dismiss : Verdict::None;
}

bool refines(const ExtractedRequirement& candidate, const ExtractedRequirement& original) {
  if (candidate.id == original.id) return false;
  if (candidate.area && candidate.area == original.area) return true;
  return text::tokenSimilarity(candidate.text, original.text) >= 0.2;
}

}  // namespace nexus::domain
