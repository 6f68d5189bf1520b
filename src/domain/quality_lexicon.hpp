#pragma once
// The words and patterns behind requirement findings (requirement_findings.hpp), as data in one
// place; quality_lexicon.cpp names the source of each list. Phrases are lower case with words
// separated by single spaces and match whole words, so "user friendly" also matches
// "user-friendly" (hyphens and slashes separate words). A phrase may mark the words to report in
// brackets: "must [scale]" matches "must scale" and reports "scale".

#include <span>
#include <string_view>

namespace nexus::domain::lexicon {

// What a measure is about. A vague word and a missing measure about the same quality are one
// problem ("should be fast" is vague, not also unmeasured); Any covers every quality.
enum class Dimension { None, Speed, Volume, Availability, Any };

// Why a vague word cannot be tested; selects the message.
enum class VagueReason { Subjective, Quantity, Superlative, Comparative, Frequency };

// Words that make the findings' texts: one group per kind of advice.
struct VagueGroup {
  std::string_view name;
  Dimension dimension = Dimension::None;
  // True when naming a concrete mechanism makes the word specific ("secure: passwords hashed with
  // bcrypt").
  bool yieldsToMechanism = false;
};

struct VagueTerm {
  std::string_view phrase;
  std::string_view group;
  VagueReason reason = VagueReason::Subjective;
};

// A suggestion for a group (a vague group, a measure group, an open-ended group or a verb),
// optionally for one area; area "" is the fallback.
struct Suggestion {
  std::string_view key;
  std::string_view area;
  std::string_view text;
};

struct MeasureTrigger {
  std::string_view phrase;  // brackets mark the reported words
  std::string_view group;
  Dimension dimension = Dimension::Any;
  // Only in a statement about qualities (non-functional, or area "performance"): "patients see
  // the doctor's availability" is a feature, "availability" alone no uptime.
  bool needsQualityContext = false;
};

// When the words next to an open-ended phrase close it again.
enum class OpenRule {
  Always,
  UnlessNumberFollows,   // "at least 8 characters", "at least the last two versions" are bounds
  UnlessNumberPrecedes,  // "10 and more" is a bound
  UnlessReferenceFollows,  // "as required by the tax law" names its reference
};

struct OpenEndedTerm {
  std::string_view phrase;
  std::string_view group;
  OpenRule rule = OpenRule::Always;
};

// A decision made by a person, which a passive without an agent leaves unassigned.
struct PeopleVerb {
  std::string_view participle;  // "approved", "signed off"
  std::string_view base;        // "approve", "sign off"
  std::string_view exampleActor;  // "A manager"
};

std::span<const VagueGroup> vagueGroups();
std::span<const VagueTerm> vagueTerms();
// Phrases in which a vague word names something definite ("fast food", "nice to have").
std::span<const std::string_view> vagueExceptions();
// Concrete security mechanisms; any of them makes "secure" specific.
std::span<const std::string_view> securityMechanisms();
std::span<const Suggestion> vagueSuggestions();
// The messages of each VagueReason; "{term}" is replaced by the words as written.
std::string_view vagueMessage(VagueReason reason);

std::span<const MeasureTrigger> measureTriggers();
// Phrases that exclude a trigger where they overlap it ("autoscaling" is a mechanism).
std::span<const std::string_view> measureExceptions();
// First words of a statement that names a mechanism rather than a quality ("Use Redis ...").
std::span<const std::string_view> mechanismOpeners();
std::span<const Suggestion> measureSuggestions();
// Words that count as a number: "two", "hundred", "millions", "once".
std::span<const std::string_view> numberWords();
// Phrases that measure without digits: "within a second", "same day".
std::span<const std::string_view> measurePhrases();
// Units that may follow "one" or "a" to make a measure ("one second", "a day").
std::span<const std::string_view> timeUnits();

std::span<const OpenEndedTerm> openEndedTerms();
std::span<const Suggestion> openEndedSuggestions();
std::span<const Suggestion> openEndedMessages();

// Compound statements: modal verbs and the words that join two clauses.
std::span<const std::string_view> modalVerbs();
// Modals that are also names or months ("May", "Will"): modal only when not capitalised.
std::span<const std::string_view> caseSensitiveModals();
std::span<const std::string_view> clauseJoiners();

std::span<const PeopleVerb> peopleVerbs();
std::span<const std::string_view> passiveAuxiliaries();  // "is", "be", "gets"
// Words allowed between the auxiliary and the participle: "must be manually approved".
std::span<const std::string_view> passiveAdverbs();
// Words after the participle that say it is not a person's decision: "checked for viruses".
std::span<const std::string_view> notPeopleFollowers();
// Words that start a condition: a passive inside one states no requirement of its own.
std::span<const std::string_view> conditionWords();
// Words in the statement that make the system the actor ("automatically").
std::span<const std::string_view> systemActorWords();

std::span<const std::string_view> tbdTerms();
// Verbs that "later" turns into an open decision: "we'll decide later".
std::span<const std::string_view> decisionVerbs();
std::span<const std::string_view> decisionFillers();

// The messages and suggestions not keyed to a word. Placeholders: {term} (the words as written),
// {first} and {second} (the two parts of a compound), {actor}, {verb} and {object}.
struct FixedTexts {
  std::string_view unmeasuredMessage;
  std::string_view unmeasuredAreaMessage;  // no trigger word: the area says it is performance
  std::string_view compoundMessage;
  std::string_view compoundSuggestion;
  std::string_view noActorMessage;
  std::string_view noActorSuggestion;
  std::string_view tbdMessage;
  std::string_view tbdSuggestion;
};
const FixedTexts& fixedTexts();

}  // namespace nexus::domain::lexicon
