#include "domain/requirement_findings.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "domain/areas.hpp"  // normalizeArea
#include "domain/quality_lexicon.hpp"
#include "domain/statement_tokens.hpp"

namespace nexus::domain {
namespace {

namespace lex = lexicon;
using lex::Dimension;

// ---- Shared helpers -------------------------------------------------------------------------

std::string fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out(pattern);
  for (const auto& [key, value] : values) {
    const std::string placeholder = "{" + std::string(key) + "}";
    for (std::size_t at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + value.size())) {
      out.replace(at, placeholder.size(), value);
    }
  }
  return out;
}

// The suggestion of `key` for `area`, else its fallback (area "").
std::string suggestionFor(std::span<const lex::Suggestion> table, std::string_view key,
                          const std::optional<std::string>& area) {
  std::string_view fallback;
  for (const auto& suggestion : table) {
    if (suggestion.key != key) continue;
    if (area && suggestion.area == *area) return std::string(suggestion.text);
    if (suggestion.area.empty() && fallback.empty()) fallback = suggestion.text;
  }
  return std::string(fallback);
}

std::vector<TokenSpan> spansOf(const Statement& statement, std::span<const std::string_view> phrases) {
  std::vector<TokenSpan> spans;
  for (std::string_view phrase : phrases) {
    for (const auto& match : statement.findAll(phrase)) spans.push_back(match.whole);
  }
  return spans;
}

bool overlapsAny(const TokenSpan& span, const std::vector<TokenSpan>& others) {
  return std::any_of(others.begin(), others.end(),
                     [&](const TokenSpan& other) { return span.overlaps(other); });
}

bool isPunct(const Statement& statement, std::size_t index, std::string_view mark) {
  return index < statement.size() && statement[index].type == TokenType::Punct &&
         statement[index].lower == mark;
}

std::string capitalized(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// "The order" -> "the order", but "PRs" and "API keys" keep their capitals.
std::string asObject(std::string_view text) {
  std::string out(text);
  const bool acronym = out.size() > 1 && out[1] >= 'A' && out[1] <= 'Z';
  if (!acronym && !out.empty() && out[0] >= 'A' && out[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  }
  return out;
}

std::string_view trimClauseEnd(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ';' ||
                           text.back() == ':' || text.back() == '.')) {
    text.remove_suffix(1);
  }
  return text;
}

// ---- Numbers and measures -------------------------------------------------------------------

bool isNumberAt(const Statement& statement, std::size_t index) {
  if (index >= statement.size()) return false;
  const std::string& word = statement[index].lower;
  if (statement[index].type == TokenType::Number) return true;
  if (word == "one") return index == 0 || statement[index - 1].lower != "no";  // not "no one"
  // "at least once", "once a day" count; "once the order is paid" is a condition.
  if (word == "once") {
    const bool bound = index > 0 && (statement[index - 1].lower == "least" ||
                                     statement[index - 1].lower == "most" ||
                                     statement[index - 1].lower == "exactly");
    const bool rate = index + 1 < statement.size() &&
                      (statement[index + 1].lower == "a" || statement[index + 1].lower == "per" ||
                       statement[index + 1].lower == "every");
    return bound || rate;
  }
  return statement.isWord(index, lex::numberWords());
}

// A number, or "a"/"an" before a unit of time: "a year", "an hour".
bool quantityAt(const Statement& statement, std::size_t index) {
  if (isNumberAt(statement, index)) return true;
  if (index >= statement.size()) return false;
  const std::string& word = statement[index].lower;
  if (word != "a" && word != "an") return false;
  const auto unit = statement.matchAt(lex::timeUnits(), index + 1);
  return unit.has_value();
}

// A number next to a vague word is the person making it testable ("fast: under 200 ms", "many
// users (up to 500)"); we do not second-guess its unit: a miss costs less than a false alarm.
bool hasMeasure(const Statement& statement, TokenSpan within) {
  for (std::size_t index = within.first; index < within.last; ++index) {
    if (quantityAt(statement, index) || isPunct(statement, index, "%") ||
        statement[index].lower == "percent") {
      return true;
    }
  }
  return statement.containsAny(lex::measurePhrases(), within);
}

TokenSpan everything(const Statement& statement) { return {0, statement.size()}; }

// ---- Vague terms ----------------------------------------------------------------------------

struct VagueHit {
  TokenSpan span;
  const lex::VagueTerm* term = nullptr;
};

const lex::VagueGroup& groupOf(std::string_view name) {
  const auto groups = lex::vagueGroups();
  const auto found = std::find_if(groups.begin(), groups.end(),
                                  [&](const lex::VagueGroup& group) { return group.name == name; });
  return found != groups.end() ? *found : groups.front();
}

// "faster than the current system" names what it is compared with.
bool referenceFollows(const Statement& statement, std::size_t from, TokenSpan sentence) {
  const std::size_t until = std::min(sentence.last, from + 6);
  for (std::size_t index = from; index < until; ++index) {
    const std::string& word = statement[index].lower;
    if (word == "than" || word == "compared" || word == "instead") return true;
  }
  return false;
}

// Every vague word that no number, mechanism or reference makes testable, in text order
// (the longest first where two start together).
std::vector<VagueHit> vagueHits(const Statement& statement) {
  std::vector<TokenSpan> definite = spansOf(statement, lex::vagueExceptions());
  // A comparative with its reference is settled, and so are the words inside it.
  for (const auto& term : lex::vagueTerms()) {
    if (term.reason != lex::VagueReason::Comparative) continue;
    for (const auto& match : statement.findAll(term.phrase)) {
      if (referenceFollows(statement, match.whole.last, statement.sentenceOf(match.whole.first))) {
        definite.push_back(match.whole);
      }
    }
  }
  std::vector<VagueHit> hits;
  for (const auto& term : lex::vagueTerms()) {
    for (const auto& match : statement.findAll(term.phrase)) {
      if (overlapsAny(match.whole, definite)) continue;
      const TokenSpan sentence = statement.sentenceOf(match.whole.first);
      if (hasMeasure(statement, sentence)) continue;
      if (groupOf(term.group).yieldsToMechanism &&
          statement.containsAny(lex::securityMechanisms(), sentence)) {
        continue;
      }
      hits.push_back({match.whole, &term});
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const VagueHit& a, const VagueHit& b) {
    if (a.span.first != b.span.first) return a.span.first < b.span.first;
    return a.span.last > b.span.last;
  });
  return hits;
}

FindingDraft vagueFinding(const Statement& statement, const VagueHit& hit,
                          const std::optional<std::string>& area) {
  FindingDraft draft;
  draft.kind = FindingKind::VagueTerm;
  draft.term = std::string(statement.original(hit.span));
  draft.message = fill(lex::vagueMessage(hit.term->reason), {{"term", draft.term}});
  draft.suggestion = suggestionFor(lex::vagueSuggestions(), hit.term->group, area);
  return draft;
}

// The qualities the vague words already ask to measure.
std::set<Dimension> coveredDimensions(const std::vector<VagueHit>& hits) {
  std::set<Dimension> covered;
  for (const auto& hit : hits) {
    const Dimension dimension = groupOf(hit.term->group).dimension;
    if (dimension != Dimension::None) covered.insert(dimension);
  }
  return covered;
}

// ---- Unmeasured qualities -------------------------------------------------------------------

std::optional<FindingDraft> unmeasuredFinding(const Statement& statement,
                                              const ExtractedRequirement& requirement,
                                              const std::optional<std::string>& area,
                                              const std::set<Dimension>& covered) {
  if (hasMeasure(statement, everything(statement))) return std::nullopt;
  if (statement.isWord(0, lex::mechanismOpeners())) return std::nullopt;
  const bool qualityContext =
      requirement.category == RequirementCategory::NonFunctional || area == "performance";
  const auto isCovered = [&](Dimension dimension) {
    return covered.count(Dimension::Any) > 0 || covered.count(dimension) > 0;
  };
  const std::vector<TokenSpan> mechanisms = spansOf(statement, lex::measureExceptions());

  std::optional<PhraseMatch> best;
  const lex::MeasureTrigger* bestTrigger = nullptr;
  for (const auto& trigger : lex::measureTriggers()) {
    if (trigger.needsQualityContext && !qualityContext) continue;
    if (isCovered(trigger.dimension)) continue;
    for (const auto& match : statement.findAll(trigger.phrase)) {
      if (overlapsAny(match.whole, mechanisms)) continue;
      if (!best || match.reported.first < best->reported.first) {
        best = match;
        bestTrigger = &trigger;
      }
      break;
    }
  }
  const auto& texts = lex::fixedTexts();
  if (best) {
    FindingDraft draft;
    draft.kind = FindingKind::Unmeasured;
    draft.term = std::string(statement.original(best->reported));
    draft.message = fill(texts.unmeasuredMessage, {{"term", draft.term}});
    draft.suggestion = suggestionFor(lex::measureSuggestions(), bestTrigger->group, area);
    return draft;
  }
  // No trigger word, but the person filed it under performance.
  if (area == "performance" && requirement.category == RequirementCategory::NonFunctional &&
      covered.empty()) {
    FindingDraft draft;
    draft.kind = FindingKind::Unmeasured;
    draft.message = std::string(texts.unmeasuredAreaMessage);
    draft.suggestion = suggestionFor(lex::measureSuggestions(), "", area);
    return draft;
  }
  return std::nullopt;
}

// ---- Open-ended clauses ---------------------------------------------------------------------

bool openEndedStands(const Statement& statement, const lex::OpenEndedTerm& term, TokenSpan span) {
  switch (term.rule) {
    case lex::OpenRule::Always:
      return true;
    case lex::OpenRule::UnlessNumberFollows: {
      // The number may come a few words on: "at least the last two versions".
      const TokenSpan sentence = statement.sentenceOf(span.first);
      const std::size_t until = std::min(sentence.last, span.last + 4);
      for (std::size_t index = span.last; index < until; ++index) {
        if (quantityAt(statement, index)) return false;
      }
      return true;
    }
    case lex::OpenRule::UnlessNumberPrecedes:
      return span.first == 0 || !isNumberAt(statement, span.first - 1);
    case lex::OpenRule::UnlessReferenceFollows: {
      static constexpr std::string_view kReferences[] = {"by", "under", "per", "in"};
      return !statement.isWord(span.last, kReferences);
    }
  }
  return true;
}

std::optional<FindingDraft> openEndedFinding(const Statement& statement,
                                             const std::optional<std::string>& area) {
  std::optional<TokenSpan> best;
  const lex::OpenEndedTerm* bestTerm = nullptr;
  for (const auto& term : lex::openEndedTerms()) {
    for (const auto& match : statement.findAll(term.phrase)) {
      if (!openEndedStands(statement, term, match.whole)) continue;
      const bool earlier = !best || match.whole.first < best->first ||
                           (match.whole.first == best->first && match.whole.last > best->last);
      if (earlier) {
        best = match.whole;
        bestTerm = &term;
      }
      break;
    }
  }
  if (!best) return std::nullopt;
  std::string term(statement.original(*best));
  // "etc." is written with its stop; keep it as the person wrote it.
  const std::size_t end = statement[best->last - 1].end;
  if (bestTerm->phrase == "etc" && end < statement.text().size() && statement.text()[end] == '.') {
    term.push_back('.');
  }
  FindingDraft draft;
  draft.kind = FindingKind::OpenEnded;
  draft.message = fill(suggestionFor(lex::openEndedMessages(), bestTerm->group, area), {{"term", term}});
  draft.suggestion = suggestionFor(lex::openEndedSuggestions(), bestTerm->group, area);
  draft.term = std::move(term);
  return draft;
}

// ---- Compound statements --------------------------------------------------------------------

bool isModalSpelling(const Statement& statement, std::size_t index) {
  if (!statement.isWord(index, lex::caseSensitiveModals())) return true;
  // "May" and "Will" are a month and a name; "may" and "MAY" are modals.
  const std::string_view written = statement.original({index, index + 1});
  const bool allUpper = std::all_of(written.begin(), written.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return allUpper || (written[0] >= 'a' && written[0] <= 'z');
}

std::vector<TokenSpan> modalsOf(const Statement& statement) {
  std::vector<TokenSpan> modals;
  for (std::size_t index = 0; index < statement.size(); ++index) {
    const auto modal = statement.matchAt(lex::modalVerbs(), index);
    if (!modal || !isModalSpelling(statement, index)) continue;
    modals.push_back(*modal);
    index = modal->last - 1;
  }
  return modals;
}

// Words that open a relative or conditional clause: what follows is no subject of its own.
constexpr std::string_view kClauseOpeners[] = {"who",   "whom", "whose", "that", "which",
                                               "whether", "if", "when",  "where"};

// The clause before `at`: from the last comma, semicolon or joiner, or the sentence start.
std::size_t clauseStart(const Statement& statement, std::size_t at, TokenSpan sentence) {
  for (std::size_t index = at; index > sentence.first; --index) {
    const std::size_t before = index - 1;
    if (isPunct(statement, before, ",") || isPunct(statement, before, ";") ||
        statement.isWord(before, lex::clauseJoiners())) {
      return index;
    }
  }
  return sentence.first;
}

// "When a patient cancels," before the first modal: the opening condition, comma included.
std::optional<TokenSpan> leadingCondition(const Statement& statement, TokenSpan sentence,
                                          std::size_t firstModal) {
  if (!statement.matchAt(lex::conditionWords(), sentence.first)) return std::nullopt;
  for (std::size_t index = sentence.first + 1; index < firstModal; ++index) {
    if (isPunct(statement, index, ",")) return TokenSpan{sentence.first, index + 1};
  }
  return std::nullopt;
}

struct CompoundSplit {
  TokenSpan joiner;
  TokenSpan firstModal;
  TokenSpan secondModal;
};

// "X must A and Y must B", "must A and should B": the joiner nearest the second modal, with at
// most a short subject between them and the first modal's own words before it.
std::optional<CompoundSplit> findCompound(const Statement& statement) {
  const std::vector<TokenSpan> modals = modalsOf(statement);
  for (std::size_t k = 0; k + 1 < modals.size(); ++k) {
    const TokenSpan first = modals[k];
    const TokenSpan second = modals[k + 1];
    if (statement[first.first].sentence != statement[second.first].sentence) continue;
    // "users who can edit and delete must ..." is one subject with a relative clause.
    if (first.first > 0 && statement.isWord(first.first - 1, kClauseOpeners)) continue;
    constexpr std::size_t kMaxSubjectWords = 6;
    for (std::size_t at = second.first; at > first.last + 1; --at) {
      const std::size_t index = at - 1;
      const auto joiner = statement.matchAt(lex::clauseJoiners(), index);
      if (joiner && joiner->last <= second.first) {
        bool subjectOk = second.first - joiner->last <= kMaxSubjectWords;
        for (std::size_t s = joiner->last; s < second.first && subjectOk; ++s) {
          subjectOk = statement[s].type != TokenType::Punct && !statement.isWord(s, kClauseOpeners);
        }
        if (subjectOk) return CompoundSplit{*joiner, first, second};
        break;
      }
      if (statement[index].type == TokenType::Punct) break;
      if (second.first - index > kMaxSubjectWords + 1) break;
    }
  }
  return std::nullopt;
}

std::optional<FindingDraft> compoundFinding(const Statement& statement) {
  const auto split = findCompound(statement);
  if (!split) return std::nullopt;
  const TokenSpan sentence = statement.sentenceOf(split->joiner.first);
  std::size_t sentenceEnd = sentence.last;
  while (sentenceEnd > split->secondModal.last && statement[sentenceEnd - 1].type == TokenType::Punct) {
    --sentenceEnd;
  }
  const std::string firstPart(trimClauseEnd(statement.original({sentence.first, split->joiner.first})));
  std::string secondPart(statement.original({split->joiner.last, sentenceEnd}));
  if (split->joiner.last == split->secondModal.first) {
    // "must send an email and should log the event": the second part shares the subject.
    const std::size_t subjectStart = clauseStart(statement, split->firstModal.first, sentence);
    const std::string_view subject = statement.original({subjectStart, split->firstModal.first});
    if (!subject.empty()) secondPart = std::string(subject) + " " + secondPart;
  }
  // "When a patient cancels, A and B": the condition holds for both parts.
  if (const auto condition = leadingCondition(statement, sentence, split->firstModal.first)) {
    secondPart = std::string(statement.original(*condition)) + " " + asObject(secondPart);
  }
  const auto& texts = lex::fixedTexts();
  FindingDraft draft;
  draft.kind = FindingKind::Compound;
  draft.term = std::string(statement.original({split->joiner.first, split->secondModal.last}));
  draft.message = std::string(texts.compoundMessage);
  draft.suggestion = fill(texts.compoundSuggestion,
                          {{"first", capitalized(firstPart)}, {"second", capitalized(secondPart)}});
  return draft;
}

// ---- No actor -------------------------------------------------------------------------------

struct Passive {
  TokenSpan phrase;  // auxiliary to participle: "be approved"
  TokenSpan subject;
  const lex::PeopleVerb* verb = nullptr;
};

// The auxiliary before a participle, over up to two adverbs: "must be manually approved".
std::optional<std::size_t> auxiliaryBefore(const Statement& statement, std::size_t participle) {
  std::size_t index = participle;
  for (int adverbs = 0; index > 0 && adverbs <= 2; ++adverbs) {
    --index;
    if (statement.isWord(index, lex::passiveAuxiliaries())) return index;
    if (!statement.isWord(index, lex::passiveAdverbs())) return std::nullopt;
  }
  return std::nullopt;
}

bool agentFollows(const Statement& statement, std::size_t from, TokenSpan sentence) {
  const std::size_t until = std::min(sentence.last, from + 5);
  for (std::size_t index = from; index < until; ++index) {
    if (statement[index].lower == "by") return true;
  }
  return false;
}

// The subject of the passive: the words of its clause before the modal or the auxiliary.
TokenSpan subjectBefore(const Statement& statement, std::size_t auxiliary, TokenSpan sentence) {
  std::size_t end = auxiliary;
  for (std::size_t width = 1; width <= 2 && width <= auxiliary; ++width) {
    const auto modal = statement.matchAt(lex::modalVerbs(), auxiliary - width);
    if (modal && modal->last == auxiliary) {
      end = modal->first;
      break;
    }
  }
  return {clauseStart(statement, end, sentence), end};
}

std::optional<Passive> findPassive(const Statement& statement) {
  for (std::size_t index = 0; index < statement.size(); ++index) {
    for (const auto& verb : lex::peopleVerbs()) {
      const std::string_view participle[] = {verb.participle};
      const auto match = statement.matchAt(participle, index);
      if (!match) continue;
      const auto auxiliary = auxiliaryBefore(statement, index);
      if (!auxiliary) continue;
      const TokenSpan sentence = statement.sentenceOf(index);
      if (statement.isWord(match->last, lex::notPeopleFollowers())) continue;
      if (agentFollows(statement, match->last, sentence)) continue;
      if (statement.containsAny(lex::systemActorWords(), sentence)) continue;
      const TokenSpan subject = subjectBefore(statement, *auxiliary, sentence);
      // "once the order is approved, ..." is a condition, not a requirement of its own.
      if (statement.containsAny(lex::conditionWords(), {subject.first, *auxiliary})) continue;
      return Passive{{*auxiliary, match->last}, subject, &verb};
    }
  }
  return std::nullopt;
}

std::optional<FindingDraft> noActorFinding(const Statement& statement) {
  const auto passive = findPassive(statement);
  if (!passive) return std::nullopt;
  const TokenSpan subject = passive->subject;
  const std::size_t subjectWords = subject.last - subject.first;
  bool plainSubject = subjectWords >= 1 && subjectWords <= 6;
  for (std::size_t index = subject.first; index < subject.last && plainSubject; ++index) {
    plainSubject = statement[index].type == TokenType::Word;
  }
  const std::string object = plainSubject ? asObject(statement.original(subject)) : "it";
  const auto& texts = lex::fixedTexts();
  FindingDraft draft;
  draft.kind = FindingKind::NoActor;
  draft.term = std::string(statement.original(passive->phrase));
  draft.message = fill(texts.noActorMessage, {{"term", draft.term}});
  draft.suggestion = fill(texts.noActorSuggestion, {{"actor", passive->verb->exampleActor},
                                                    {"verb", passive->verb->base},
                                                    {"object", object}});
  return draft;
}

// ---- Open decisions -------------------------------------------------------------------------

struct TextHit {
  std::size_t begin = 0;  // byte offset, to order hits of different shapes
  std::string term;
};

void keepEarliest(std::optional<TextHit>& best, TextHit candidate) {
  if (!best || candidate.begin < best->begin) best = std::move(candidate);
}

// "decide later", "we'll figure it out later".
std::optional<TokenSpan> decisionLater(const Statement& statement, std::size_t later) {
  std::size_t verbEnd = later;
  for (int fillers = 0; verbEnd > 0 && fillers < 2 && statement.isWord(verbEnd - 1, lex::decisionFillers());
       ++fillers) {
    --verbEnd;
  }
  for (std::size_t width = 1; width <= 3 && width <= verbEnd; ++width) {
    const auto verb = statement.matchAt(lex::decisionVerbs(), verbEnd - width);
    if (verb && verb->last == verbEnd) return TokenSpan{verb->first, later + 1};
  }
  return std::nullopt;
}

std::optional<FindingDraft> tbdFinding(const Statement& statement) {
  std::optional<TextHit> best;
  for (std::string_view phrase : lex::tbdTerms()) {
    const auto matches = statement.findAll(phrase);
    if (!matches.empty()) {
      keepEarliest(best, {statement[matches.front().whole.first].begin,
                          std::string(statement.original(matches.front().whole))});
    }
  }
  for (std::size_t index = 0; index < statement.size(); ++index) {
    const std::string_view written = statement.original({index, index + 1});
    if (written == "XXX") keepEarliest(best, {statement[index].begin, std::string(written)});
    if (statement[index].lower == "later") {
      if (const auto span = decisionLater(statement, index)) {
        keepEarliest(best, {statement[span->first].begin, std::string(statement.original(*span))});
      }
    }
  }
  const std::string_view text = statement.text();
  if (const std::size_t at = text.find("??"); at != std::string_view::npos) {
    const std::size_t end = text.find_first_not_of('?', at);
    keepEarliest(best, {at, std::string(text.substr(at, end == std::string_view::npos ? end : end - at))});
  }
  if (!best) return std::nullopt;
  const auto& texts = lex::fixedTexts();
  FindingDraft draft;
  draft.kind = FindingKind::Tbd;
  draft.term = std::move(best->term);
  draft.message = fill(texts.tbdMessage, {{"term", draft.term}});
  draft.suggestion = std::string(texts.tbdSuggestion);
  return draft;
}

}  // namespace

std::vector<FindingDraft> findIssues(const ExtractedRequirement& requirement) {
  const Statement statement(requirement.text);
  // Only the stated area: one guessed from the words ("export" -> integrations) steers the
  // examples and the quality statements wrongly more often than it helps.
  const std::optional<std::string> area =
      requirement.area ? normalizeArea(*requirement.area) : std::nullopt;

  std::vector<FindingDraft> findings;
  const std::vector<VagueHit> vague = vagueHits(statement);
  if (!vague.empty()) findings.push_back(vagueFinding(statement, vague.front(), area));
  if (auto finding = unmeasuredFinding(statement, requirement, area, coveredDimensions(vague))) {
    findings.push_back(std::move(*finding));
  }
  if (auto finding = openEndedFinding(statement, area)) findings.push_back(std::move(*finding));
  if (auto finding = compoundFinding(statement)) findings.push_back(std::move(*finding));
  if (auto finding = noActorFinding(statement)) findings.push_back(std::move(*finding));
  if (auto finding = tbdFinding(statement)) findings.push_back(std::move(*finding));
  return findings;
}

}  // namespace nexus::domain
