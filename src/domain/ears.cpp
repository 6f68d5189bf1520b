#include "domain/ears.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "core/text.hpp"
#include "domain/ears_lexicon.hpp"

namespace nexus::domain {
namespace {

using namespace ears_lexicon;  // NOLINT: the rules read as sentences over these word lists

// ---- words ----

// A word as written and its key for matching: lower case, typographic apostrophes made plain,
// the punctuation around it dropped.
struct Word {
  std::string text;
  std::string key;
  bool endsClause = false;  // a comma (or semicolon, colon) follows it
};
using Words = std::vector<Word>;

std::string keyOf(std::string_view text) {
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\xE2\x80\x99") == 0) {  // ’
      plain += '\'';
      i += 2;
    } else {
      plain += text[i];
    }
  }
  const auto isEdge = [](char c) { return std::string_view(",.;:!?\"()'").find(c) != std::string_view::npos; };
  std::size_t begin = 0;
  std::size_t end = plain.size();
  while (begin < end && isEdge(plain[begin])) ++begin;
  while (end > begin && isEdge(plain[end - 1])) --end;
  return text::toLower(std::string_view(plain).substr(begin, end - begin));
}

Words split(std::string_view sentence) {
  Words words;
  std::size_t i = 0;
  while (i < sentence.size()) {
    while (i < sentence.size() && sentence[i] == ' ') ++i;
    const std::size_t begin = i;
    while (i < sentence.size() && sentence[i] != ' ') ++i;
    if (i == begin) break;
    const std::string_view text = sentence.substr(begin, i - begin);
    const char last = text.back();
    words.push_back({std::string(text), keyOf(text), last == ',' || last == ';' || last == ':'});
  }
  return words;
}

// Words [from, to) as written; the comma after the last one dropped.
std::string join(const Words& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + words[i].text;
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out;
}

template <std::size_t N>
bool isOneOf(std::string_view key, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

// The words at `at` are `phrase` (keys, separated by single spaces).
bool matches(const Words& words, std::size_t at, std::string_view phrase) {
  std::size_t i = at;
  while (!phrase.empty()) {
    const std::size_t space = phrase.find(' ');
    const std::string_view next = phrase.substr(0, space);
    if (i >= words.size() || words[i].key != next) return false;
    ++i;
    phrase = space == std::string_view::npos ? std::string_view() : phrase.substr(space + 1);
  }
  return true;
}

std::size_t phraseLength(std::string_view phrase) {
  return static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

// Lower-cases the first letter of a clause that now stands inside a sentence ("The patient" →
// "the patient", "A nurse" → "a nurse"), but not a name or an acronym: "I", "SMS", "BedTrack",
// "iPhone" keep their capitals.
std::string inSentence(std::string clause) {
  const std::size_t firstWordEnd = std::min(clause.find(' '), clause.size());
  if (firstWordEnd == 0 || !std::isupper(static_cast<unsigned char>(clause[0]))) return clause;
  if (firstWordEnd == 1 && clause[0] != 'A') return clause;
  for (std::size_t i = 1; i < firstWordEnd; ++i) {
    if (std::isupper(static_cast<unsigned char>(clause[i]))) return clause;
  }
  clause[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(clause[0])));
  return clause;
}

std::string capitalised(std::string sentence) {
  if (!sentence.empty()) sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  return sentence;
}

// ---- the response: "the <system> shall …" ----

// Third person singular of the first verb of `predicate` (past any adverbs): "load" → "loads",
// "be" → "is". The rest stays as written.
std::string conjugated(const Words& words, std::size_t from, std::size_t to, bool singular) {
  std::size_t verb = from;
  while (verb < to && isOneOf(words[verb].key, kAdverbs)) ++verb;
  if (verb >= to) return join(words, from, to);
  std::string form = words[verb].text;
  const std::string& key = words[verb].key;
  if (key == "be") {
    form = singular ? "is" : "are";
  } else if (singular && key == "have") {
    form = "has";
  } else if (singular && (key == "do" || key == "go")) {
    form += "es";
  } else if (singular) {
    const auto endsWith = [&](std::string_view tail) { return key.size() >= tail.size() && key.ends_with(tail); };
    const bool consonantY = key.size() >= 2 && key.back() == 'y' && std::string_view("aeiou").find(key[key.size() - 2]) == std::string_view::npos;
    if (consonantY) {
      form = form.substr(0, form.size() - 1) + "ies";
    } else if (endsWith("s") || endsWith("x") || endsWith("z") || endsWith("ch") || endsWith("sh") || endsWith("o")) {
      form += "es";
    } else {
      form += "s";
    }
  }
  // "be" comes before the adverbs ("are still accepted"), a verb after them ("still works").
  const std::string adverbs = join(words, from, verb);
  std::string out = key == "be" || adverbs.empty() ? form + (adverbs.empty() ? "" : " " + adverbs) : adverbs + " " + form;
  const std::string rest = join(words, verb + 1, to);
  return rest.empty() ? out : out + " " + rest;
}

// Whether a subject takes "is"/"loads" (singular) or "are"/"load": by its head noun, the word
// before any relative clause or prepositional phrase ("staff who check in patients").
bool singularSubject(const Words& words, std::size_t from, std::size_t to) {
  static constexpr std::array<std::string_view, 22> kHeadEnds{
      "who",  "which",  "that",   "with",   "from",  "of",    "in",     "on",    "at",      "for",     "whose",
      "without", "between", "to", "by",     "across", "within", "into", "about", "through", "per", "under"};
  static constexpr std::array<std::string_view, 8> kPlural{"they", "we", "i", "you", "staff", "people", "police", "both"};
  static constexpr std::array<std::string_view, 7> kSingular{"everyone", "everybody", "someone", "anyone",
                                                             "nobody",   "he",        "she"};
  // "scanning tickets keeps working": a gerund is one activity, whatever its object.
  static constexpr std::array<std::string_view, 12> kParticiples{
      "incoming", "outgoing", "existing", "remaining", "upcoming", "pending",
      "missing",  "visiting", "returning", "following", "recurring", "waiting"};
  const std::string& first = words[from].key;
  if (to - from >= 2 && first.size() > 4 && first.ends_with("ing") && !isOneOf(first, kParticiples) &&
      !first.ends_with("thing")) {
    return true;
  }
  std::size_t head = from;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from && isOneOf(words[i].key, kHeadEnds)) break;
    if (words[i].key == "and" || words[i].key == "or") return words[i].key == "or";
    head = i;
  }
  const std::string& key = words[head].key;
  if (isOneOf(key, kPlural)) return false;
  if (isOneOf(key, kSingular) || words[from].key == "each" || words[from].key == "every") return true;
  const bool plural = key.size() > 2 && key.back() == 's' && !key.ends_with("ss") && !key.ends_with("us") &&
                      !key.ends_with("is");
  return !plural;
}

// "we" → "us": a subject as the object of "allow … to".
std::string asObject(const Words& words, std::size_t from, std::size_t to) {
  if (to - from == 1) {
    const std::string& key = words[from].key;
    if (key == "i" || key == "i'd" || key == "i'll") return "me";
    if (key == "we" || key == "we'd" || key == "we'll") return "us";
    if (key == "they") return "them";
    if (key == "he") return "him";
    if (key == "she") return "her";
  }
  return inSentence(join(words, from, to));
}

enum class Force { Obligation, Ability };

struct Modal {
  std::size_t at = 0;      // where the subject ends
  std::size_t length = 0;  // words of the modal
  Force force = Force::Obligation;
  bool negated = false;
  bool never = false;      // said as "never" rather than "not"
  bool wish = false;       // "could", "might": not yet a requirement
  bool delegated = false;  // "we need the app to …": the subject comes after the modal
};

struct ModalForm {
  std::string_view words;
  Force force;
  bool negated;
  bool never;
  bool wish;
};

// Longest forms first, so that "must not" is not read as "must".
constexpr std::array<ModalForm, 44> kModals{{
    {"is required to", Force::Obligation, false, false, false},
    {"are required to", Force::Obligation, false, false, false},
    {"would like to", Force::Ability, false, false, false},
    {"do not need to", Force::Obligation, true, false, true},
    {"does not need to", Force::Obligation, true, false, true},
    {"don't need to", Force::Obligation, true, false, true},
    {"doesn't need to", Force::Obligation, true, false, true},
    {"is able to", Force::Ability, false, false, false},
    {"are able to", Force::Ability, false, false, false},
    {"must not", Force::Obligation, true, false, false},
    {"must never", Force::Obligation, true, true, false},
    {"shall not", Force::Obligation, true, false, false},
    {"shall never", Force::Obligation, true, true, false},
    {"should not", Force::Obligation, true, false, false},
    {"should never", Force::Obligation, true, true, false},
    {"will not", Force::Obligation, true, false, false},
    {"will never", Force::Obligation, true, true, false},
    {"can not", Force::Ability, true, false, false},
    {"can never", Force::Ability, true, true, false},
    {"may not", Force::Ability, true, false, false},
    {"may never", Force::Ability, true, true, false},
    {"has to", Force::Obligation, false, false, false},
    {"have to", Force::Obligation, false, false, false},
    {"need to", Force::Obligation, false, false, false},
    {"needs to", Force::Obligation, false, false, false},
    {"ought to", Force::Obligation, false, false, false},
    {"want to", Force::Ability, false, false, false},
    {"wants to", Force::Ability, false, false, false},
    {"wish to", Force::Ability, false, false, false},
    {"like to", Force::Ability, false, false, false},  // after "I'd", "we'd"
    {"mustn't", Force::Obligation, true, false, false},
    {"shouldn't", Force::Obligation, true, false, false},
    {"won't", Force::Obligation, true, false, false},
    {"cannot", Force::Ability, true, false, false},
    {"can't", Force::Ability, true, false, false},
    {"couldn't", Force::Ability, true, false, true},
    {"must", Force::Obligation, false, false, false},
    {"shall", Force::Obligation, false, false, false},
    {"should", Force::Obligation, false, false, false},
    {"will", Force::Obligation, false, false, false},
    {"can", Force::Ability, false, false, false},
    {"may", Force::Ability, false, false, false},
    {"could", Force::Ability, false, false, true},
    {"might", Force::Ability, false, false, true},
}};

constexpr std::size_t kMaxSubjectWords = 12;

std::optional<Modal> findModal(const Words& words, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i - from <= kMaxSubjectWords; ++i) {
    for (const ModalForm& form : kModals) {
      const std::size_t length = phraseLength(form.words);
      if (i + length > to || !matches(words, i, form.words)) continue;
      if (form.words == "like to" && (i == from || (words[i - 1].key != "i'd" && words[i - 1].key != "we'd"))) continue;
      return Modal{i, length, form.force, form.negated, form.never, form.wish, false};
    }
    // "we need the app to …", "I want reminders to …": the subject is between the verb and "to".
    static constexpr std::array<std::string_view, 5> kDelegating{"need", "needs", "want", "wants", "like"};
    // "like" delegates only after "I'd" / "we'd" ("I'd like reminders to …").
    const bool delegating = isOneOf(words[i].key, kDelegating) && i > from && isOneOf(words[i - 1].key, kSpeakers) &&
                            (words[i].key != "like" || words[i - 1].key.ends_with("'d"));
    if (delegating) {
      for (std::size_t j = i + 2; j < to && j <= i + 6; ++j) {
        if (words[j].key == "to") return Modal{i, j - i + 1, Force::Obligation, false, false, false, true};
        if (words[j].endsClause) break;
      }
    }
  }
  return std::nullopt;
}

// A comma inside a subject is a list ("doctors, nurses and receptionists"), else the words
// before the modal are another clause ("the devices only speak Modbus, we cannot …").
bool isSubject(const Words& words, std::size_t from, std::size_t to) {
  // Words that only a clause has: a finite verb or a subordinator ("we assume X must …",
  // "our system is Civica and we cannot …", "because we have juniors we must …").
  static constexpr std::array<std::string_view, 30> kClauseWords{
      "is",      "are",      "was",     "were",    "am",     "has",   "have",   "had",     "do",      "does",
      "did",     "because",  "since",   "although", "though", "assume", "assuming", "think", "guess",   "believe",
      "ideally", "hope",     "know",    "reckon",  "suppose", "we're", "it's",   "that's",  "there's", "they're"};
  static constexpr std::array<std::string_view, 4> kRelatives{"who", "which", "that", "whose"};
  for (std::size_t i = from; i < to; ++i) {
    if (isOneOf(words[i].key, kRelatives)) break;  // "beds that are reserved …": a relative clause
    if (isOneOf(words[i].key, kClauseWords)) return false;
    if (i > from && (words[i - 1].key == "and" || words[i - 1].key == "or") && isOneOf(words[i].key, kSpeakers)) {
      return false;
    }
  }
  std::size_t lastComma = to;
  for (std::size_t i = from; i < to; ++i) {
    if (words[i].endsClause) lastComma = i;
  }
  if (lastComma == to) return true;
  for (std::size_t i = lastComma + 1; i < to; ++i) {
    if (words[i].key == "and" || words[i].key == "or") return true;
  }
  return false;
}

// "It" is the system in a statement of its own ("it has to run on Android"); after a trigger or
// a condition it is usually what that clause named ("whenever a reading arrives, it must …").
bool isSystemSubject(const Words& words, std::size_t from, std::size_t to, bool afterCondition) {
  if (to <= from || to - from > 4 || !isOneOf(words[to - 1].key, kSystemNouns)) return false;
  return !(afterCondition && (words[to - 1].key == "it" || words[to - 1].key == "this"));
}

std::string systemName(const Words& words, std::size_t from, std::size_t to) {
  if (words[to - 1].key == "it" || words[to - 1].key == "this") {
    return "the system";
  }
  return inSentence(join(words, from, to));
}

// "Supervisors need a dashboard of late jobs" → "the system shall provide supervisors with a
// dashboard of late jobs". The speaker's "we need a booking system" names the product itself,
// which no "shall" improves, so it stays as stated.
std::optional<std::string> needing(const Words& words, std::size_t from, std::size_t to, bool afterCondition) {
  for (std::size_t i = from + 1; i + 1 < to && i - from <= kMaxSubjectWords; ++i) {
    if (words[i].key != "need" && words[i].key != "needs") continue;
    if (words[i + 1].key == "to" || !isSubject(words, from, i)) return std::nullopt;
    if (i - from == 1 && isOneOf(words[from].key, kSpeakers)) return std::nullopt;
    const std::string what = join(words, i + 1, to);
    if (isSystemSubject(words, from, i, afterCondition)) return systemName(words, from, i) + " shall provide " + what;
    return "the system shall provide " + asObject(words, from, i) + " with " + what;
  }
  return std::nullopt;
}

// The clause [from, to) as "the <system> shall …", or nullopt when its shape is not one the
// rules can rearrange without guessing.
std::optional<std::string> response(const Words& words, std::size_t from, std::size_t to, bool afterCondition) {
  while (from < to && (words[from].key == "then" || isOneOf(words[from].key, kDiscourseMarkers))) ++from;
  if (from >= to) return std::nullopt;

  // "There must be an audit trail" → "the system shall provide an audit trail".
  if (words[from].key == "there") {
    for (const std::string_view form : {"must be", "should be", "shall be", "will be", "needs to be", "has to be"}) {
      if (matches(words, from + 1, form) && from + 1 + phraseLength(form) < to) {
        return "the system shall provide " + join(words, from + 1 + phraseLength(form), to);
      }
    }
    return std::nullopt;
  }

  // "Show a clear error" → "the system shall show a clear error".
  if (isOneOf(words[from].key, kImperatives) && to - from >= 2) {
    return "the system shall " + inSentence(join(words, from, to));
  }

  const auto modal = findModal(words, from, to);
  if (!modal) return needing(words, from, to, afterCondition);
  if (modal->wish) return std::nullopt;
  std::size_t subjectFrom = from;
  std::size_t subjectTo = modal->at;
  std::size_t predicate = modal->at + modal->length;
  if (modal->delegated) {
    subjectFrom = modal->at + 1;
    subjectTo = modal->at + modal->length - 1;
  }
  if (words[subjectFrom].key == "i'd" || words[subjectFrom].key == "we'd") {
    if (subjectTo - subjectFrom != 1) return std::nullopt;
  }
  if (!isSubject(words, subjectFrom, subjectTo)) return std::nullopt;
  Force force = modal->force;
  if (matches(words, predicate, "be able to") || matches(words, predicate, "be allowed to")) {
    force = Force::Ability;
    predicate += 3;
  }
  while (predicate < to && words[predicate].key == "ever") ++predicate;
  // "won't need to …", "should want to …": a modal on a modal says what is not required.
  static constexpr std::array<std::string_view, 4> kSecondModals{"need", "have", "want", "like"};
  if (predicate >= to || (isOneOf(words[predicate].key, kSecondModals) && predicate + 1 < to &&
                          words[predicate + 1].key == "to")) {
    return std::nullopt;
  }
  const std::string verbPhrase = join(words, predicate, to);

  const bool speaker = subjectTo - subjectFrom == 1 && isOneOf(words[subjectFrom].key, kSpeakers);
  const bool system = subjectFrom == subjectTo || isSystemSubject(words, subjectFrom, subjectTo, afterCondition) ||
                      (speaker && isOneOf(words[predicate].key, kSystemVerbs) && !modal->delegated);
  if (system) {
    const std::string name = subjectFrom == subjectTo || speaker ? "the system" : systemName(words, subjectFrom, subjectTo);
    const std::string shall = modal->negated ? (modal->never ? " shall never " : " shall not ") : " shall ";
    return name + shall + (force == Force::Ability && !speaker ? "be able to " : "") + verbPhrase;
  }
  const std::string subject = asObject(words, subjectFrom, subjectTo);
  if (modal->negated) return "the system shall not allow " + subject + " to " + verbPhrase;
  if (force == Force::Ability || speaker) return "the system shall allow " + subject + " to " + verbPhrase;
  return "the system shall ensure that " + inSentence(join(words, subjectFrom, subjectTo)) + " " +
         conjugated(words, predicate, to, singularSubject(words, subjectFrom, subjectTo));
}

// ---- preconditions: the clauses before the response ----

enum class Clause { Trigger, State, Unwanted, Feature };

struct Precondition {
  Clause kind;
  std::string words;
};

bool any(const Words& words, std::size_t from, std::size_t to, const auto& list) {
  for (std::size_t i = from; i < to; ++i) {
    if (isOneOf(words[i].key, list)) return true;
  }
  return false;
}

// "fails", "is not paid", "doesn't show up": something going wrong.
bool describesTrouble(const Words& words, std::size_t from, std::size_t to) {
  return any(words, from, to, kUnwantedWords) ||
         std::any_of(words.begin() + static_cast<std::ptrdiff_t>(from), words.begin() + static_cast<std::ptrdiff_t>(to),
                     [](const Word& w) { return w.key.ends_with("n't"); });
}

// "the app is offline", "a driver is on a delivery": a state that lasts.
bool describesState(const Words& words, std::size_t from, std::size_t to) {
  for (std::size_t i = from + 1; i + 1 < to; ++i) {
    if (words[i].key != "is" && words[i].key != "are" && words[i].key != "am") continue;
    std::size_t next = i + 1;
    while (next < to && (words[next].key == "still" || words[next].key == "currently")) ++next;
    if (next < to && isOneOf(words[next].key, kStateWords)) return true;
  }
  return false;
}

// What a condition introduced by "if" (or "in case") is in EARS.
Clause conditionKind(const Words& words, std::size_t from, std::size_t to) {
  if (any(words, from, to, kFeatureWords) || (words[from].key == "the" && to - from >= 3 && words[to - 1].key == "on")) {
    return Clause::Feature;
  }
  if (describesTrouble(words, from, to)) return Clause::Unwanted;
  return describesState(words, from, to) ? Clause::State : Clause::Trigger;
}

struct Opening {
  std::size_t length;
  std::optional<Clause> kind;  // nullopt: by the condition's words (if, in case)
  bool stateWhenStative;       // "when the app is offline" is a state
};

std::optional<Opening> openingAt(const Words& words, std::size_t at) {
  if (at >= words.size()) return std::nullopt;
  if (matches(words, at, "as soon as")) return Opening{3, Clause::Trigger, false};
  if (matches(words, at, "as long as")) return Opening{3, Clause::State, false};
  if (matches(words, at, "in case")) return Opening{2, std::nullopt, false};
  const std::string& key = words[at].key;
  if (key == "when") return Opening{1, Clause::Trigger, true};
  if (key == "whenever" || key == "once") return Opening{1, Clause::Trigger, false};
  if (key == "while") return Opening{1, Clause::State, false};
  if (key == "if") return Opening{1, std::nullopt, false};
  if (key == "where") return Opening{1, Clause::Feature, false};
  return std::nullopt;
}

// EARS keeps "If … then" for what goes wrong, however the person introduced it ("when the
// signal is lost").
Clause kindOf(const Opening& opening, const Words& words, std::size_t from, std::size_t to) {
  if (!opening.kind) return conditionKind(words, from, to);
  if (opening.kind == Clause::Trigger && describesTrouble(words, from, to)) return Clause::Unwanted;
  if (opening.stateWhenStative && describesState(words, from, to)) return Clause::State;
  return *opening.kind;
}

constexpr std::size_t kMinConditionWords = 2;
constexpr std::size_t kMinTrailingConditionWords = 3;  // "… whenever they want" is no trigger

std::optional<EarsPhrasing> assemble(std::vector<Precondition> preconditions, const std::string& shall) {
  if (preconditions.empty()) return EarsPhrasing{EarsPattern::Ubiquitous, capitalised(shall) + "."};
  std::stable_sort(preconditions.begin(), preconditions.end(), [](const Precondition& a, const Precondition& b) {
    return (a.kind == Clause::State) > (b.kind == Clause::State);
  });
  if (preconditions.size() == 2 && preconditions[0].kind == preconditions[1].kind) return std::nullopt;
  std::string out;
  for (const auto& p : preconditions) {
    const bool first = out.empty();
    switch (p.kind) {
      case Clause::Trigger: out += first ? "When " : "when "; break;
      case Clause::State: out += first ? "While " : "while "; break;
      case Clause::Unwanted: out += first ? "If " : "if "; break;
      case Clause::Feature: out += first ? "Where " : "where "; break;
    }
    out += p.words + ", ";
  }
  if (preconditions.back().kind == Clause::Unwanted) out += "then ";
  out += shall + ".";
  if (preconditions.size() == 2) return EarsPhrasing{EarsPattern::Complex, out};
  switch (preconditions.front().kind) {
    case Clause::Trigger: return EarsPhrasing{EarsPattern::EventDriven, out};
    case Clause::State: return EarsPhrasing{EarsPattern::StateDriven, out};
    case Clause::Unwanted: return EarsPhrasing{EarsPattern::UnwantedBehaviour, out};
    case Clause::Feature: return EarsPhrasing{EarsPattern::OptionalFeature, out};
  }
  return std::nullopt;
}

std::optional<EarsPhrasing> phraseFrom(const Words& words, std::size_t at, std::vector<Precondition> preconditions);

// A main clause that carries its condition at the end: "lock the account if the password is
// wrong three times".
std::optional<EarsPhrasing> withTrailingCondition(const Words& words, std::size_t at) {
  for (std::size_t k = at + 1; k < words.size(); ++k) {
    const auto opening = openingAt(words, k);
    if (!opening || opening->kind == Clause::Feature) continue;
    const std::size_t conditionFrom = k + opening->length;
    if (words.size() - conditionFrom < kMinTrailingConditionWords) continue;
    const auto shall = response(words, at, k, true);
    if (!shall) continue;
    return assemble({{kindOf(*opening, words, conditionFrom, words.size()), join(words, conditionFrom, words.size())}},
                    *shall);
  }
  return std::nullopt;
}

std::optional<EarsPhrasing> phraseFrom(const Words& words, std::size_t at, std::vector<Precondition> preconditions) {
  while (at < words.size() && isOneOf(words[at].key, kDiscourseMarkers)) ++at;
  if (const auto opening = openingAt(words, at); opening && preconditions.size() < 2) {
    const std::size_t conditionFrom = at + opening->length;
    // The condition ends at a comma: the first one after which a response follows.
    for (std::size_t end = conditionFrom; end < words.size(); ++end) {
      if (!words[end].endsClause || end + 1 - conditionFrom < kMinConditionWords) continue;
      auto more = preconditions;
      more.push_back({kindOf(*opening, words, conditionFrom, end + 1), join(words, conditionFrom, end + 1)});
      if (auto phrased = phraseFrom(words, end + 1, std::move(more))) return phrased;
    }
    return std::nullopt;
  }
  if (preconditions.empty()) {
    if (auto trailing = withTrailingCondition(words, at)) return trailing;
  }
  const auto shall = response(words, at, words.size(), !preconditions.empty());
  if (!shall) return std::nullopt;
  return assemble(std::move(preconditions), *shall);
}

constexpr std::size_t kMaxStatementBytes = 400;

// One sentence, a statement rather than a question or a wish.
bool phrasable(std::string_view sentence) {
  if (sentence.empty() || sentence.size() > kMaxStatementBytes || sentence.back() == '?') return false;
  for (std::size_t i = 0; i + 1 < sentence.size(); ++i) {
    if (std::string_view(".?!;").find(sentence[i]) != std::string_view::npos && sentence[i + 1] == ' ') return false;
  }
  const std::string lower = text::toLower(sentence);
  return std::none_of(kWishPhrases.begin(), kWishPhrases.end(),
                      [&](std::string_view wish) { return text::containsPhrase(lower, wish); });
}

}  // namespace

std::string_view toString(EarsPattern pattern) {
  switch (pattern) {
    case EarsPattern::Ubiquitous: return "ubiquitous";
    case EarsPattern::EventDriven: return "event-driven";
    case EarsPattern::StateDriven: return "state-driven";
    case EarsPattern::UnwantedBehaviour: return "unwanted-behaviour";
    case EarsPattern::OptionalFeature: return "optional-feature";
    case EarsPattern::Complex: return "complex";
    case EarsPattern::AsStated: return "as-stated";
  }
  return "";
}

EarsPhrasing phraseInEars(std::string_view statement) {
  const EarsPhrasing asStated{EarsPattern::AsStated, std::string(statement)};
  std::string sentence = text::collapseWhitespace(statement);
  while (!sentence.empty() && (sentence.back() == '.' || sentence.back() == '!')) sentence.pop_back();
  if (!phrasable(sentence)) return asStated;
  const auto phrased = phraseFrom(split(sentence), 0, {});
  return phrased ? *phrased : asStated;
}

}  // namespace nexus::domain
