#pragma once
// The words the conflict index reads requirements with, all as data in conflict_slots.cpp: the
// single-valued slots and their values, the metrics and their units, the cues of negation,
// bounds and permission, the capability synonyms and the words of access rules.
//
// Every phrase is in the token form of conflict_statement.hpp: lower case, words separated by
// single spaces, hyphens split ("on-premise" is "on premise"), "C#" is "csharp", "C++" is "cpp",
// ".NET" is "dotnet" and "%" is a word of its own.

#include <string_view>
#include <vector>

namespace nexus::domain::conflicts {

using Phrases = std::vector<std::string_view>;

// ---- exclusive-choice ---------------------------------------------------------------------

struct SlotValue {
  std::string_view name;  // as explanations write it: "PostgreSQL"
  Phrases phrases{};      // name the value ("postgresql", "postgres")
  // Name it as the only one ("only android"); on a slot whose mentions are not exclusive, only
  // these conflict with another value.
  Phrases onlyPhrases{};
  Phrases compatibleWith{};  // names of values that can hold beside it ("Android" beside "mobile")
};

struct Slot {
  std::string_view name;    // "database"
  std::string_view plural;  // "databases": "... name two different databases, ..."
  std::string_view why;     // "a project uses one"
  // True: every mention claims the one value (a project names its database once). False: a
  // mention ("an Android app") conflicts only with another value said to be the only one.
  bool mentionsAreExclusive = true;
  // True: two parts of one system may differ ("the portal is written in Java", "the risk engine
  // in Python"); values conflict unless both name a part and the two parts share no word.
  bool perComponent = false;
  Phrases context{};      // one of these must occur ("written in" for the backend language); empty: none
  Phrases otherTopics{};  // any of these and the statement is about something else ("frontend")
  Phrases masks{};        // phrases whose words name no value of this slot ("azure ad", "react to")
  std::vector<SlotValue> values{};
};

const std::vector<Slot>& singleValuedSlots();

// The words of a per-component statement that name no part of the system ("runs", "deployed",
// "backend"): what is left names the part ("portal", "risk engine").
const Phrases& componentNoise();

// In the few words before a value: it is not claimed ("not MySQL", "instead of MySQL").
const Phrases& valueNegations();
// Right after a value: it is not claimed ("MySQL is not an option").
const Phrases& valueNegationsAfter();
// In the few words before a value: a system being left or talked to, not the one chosen
// ("migrate from MySQL", "import from Oracle"). Still a mention: with a second value the
// statement names two and claims neither.
const Phrases& valueSources();

// ---- numeric ------------------------------------------------------------------------------

enum class Direction { AtMost, AtLeast, Exactly };

// A unit word and its size in the base unit of its family (time: ms, size: KB, ...).
struct Unit {
  std::string_view word;
  std::string_view family;
  double factor = 1.0;
};
const std::vector<Unit>& units();

// "per second", "a minute": a rate; `perSecond` turns one into events per second.
struct Rate {
  std::string_view phrase;
  double perSecond = 1.0;
};
const std::vector<Rate>& rates();
// Families whose quantities mean something only as a rate ("500 requests per second").
const Phrases& rateFamilies();

struct NumberWord {
  std::string_view word;
  double value = 0.0;
};
const std::vector<NumberWord>& numberWords();

struct Metric {
  std::string_view name;                // "response time", as explanations write it
  std::string_view family;              // of its units
  Direction usual = Direction::AtMost;  // what a bare number means ("load in 2 seconds": at most)
  Phrases words;                        // name the metric near a quantity of its family
  Phrases atMostWords;  // of `words`, those that make a bare number an upper bound ("deleted after")
};
const std::vector<Metric>& metrics();

struct BoundCue {
  std::string_view phrase;
  Direction direction = Direction::AtMost;
};
const std::vector<BoundCue>& boundsBefore();  // right before the number: "under", "at least"
const std::vector<BoundCue>& boundsAfter();   // right after the unit: "or less", "max"
// In the clause: the bound is allowed, not required ("may take up to 5 seconds").
const Phrases& permissionCues();

// ---- polarity -----------------------------------------------------------------------------

struct Capability {
  std::string_view key;      // "sign-in"
  std::string_view display;  // "signing in": "... asks for signing in ..."
  Phrases phrases;
};
const std::vector<Capability>& capabilities();

const Phrases& negationWords();        // negate their whole clause: "not", "never", "won't"
const Phrases& negatingDeterminers();  // negate the next few words: "no login", "without a login"
const Phrases& exclusionPhrases();     // rule out what their clause names: "out of scope", "no need"
const Phrases& falseNegations();       // look negative but are bounds or emphasis: "no more than"
// Say nothing about what is asked for: modal and light verbs, pronouns, articles, prepositions
// and the generic nouns of every statement ("app", "system", "feature").
const Phrases& fillerWords();

// ---- access -------------------------------------------------------------------------------

struct WordAlias {
  std::string_view word;
  std::string_view canonical;
};
const Phrases& everyonePhrases();               // "every user", "anyone"
const Phrases& accessModals();                  // "can", "may", "are": after who, before the action
const Phrases& accessLinkWords();               // "be able to", "allowed to": between modal and action
const std::vector<WordAlias>& actionAliases();  // "remove" -> "delete", "deleted" -> "delete"
const std::vector<WordAlias>& roleAliases();    // "administrator" -> "admin"
const Phrases& objectStops();                   // end the object of an action: "in", "after", "and"
const Phrases& objectSkips();                   // dropped from the object: "a", "the", "any"

}  // namespace nexus::domain::conflicts
