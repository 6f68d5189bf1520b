#pragma once
// Answers that only mean something next to the question they answer: "about 50 people" after
// "Who will use it, and roughly how many people is that?". On their own they state nothing, so
// the recogniser passes them by; read with the question they are facts worth recording.

#include <optional>
#include <string_view>

#include "analyst/requirement_recognizer.hpp"

namespace nexus::analyst {

// The requirement a short answer (at most a dozen words, no modal verb, no question) to
// `lastQuestion` states, when the question asks for something the answer gives:
//  - an amount — how many people, a response time, a data volume, acceptable downtime, a
//    deadline: "about 50 people", "under 2 seconds", "before Christmas";
//  - which things — out of scope, must stay in, tools to connect, main records, key features:
//    "a web version and chat". Only when the message held no statement of its own
//    (`statementsFound`), which then speaks for itself.
// The text records both halves ("Expected users: about 50 people."), since the answer alone
// says nothing later. An answer takes the place of what the recogniser reads in the same words
// without the question ("About 50 people.").
//
// Numbers of people are assumptions about scale (area performance): people estimate them, and
// they are to be checked, not promised. Stated targets (response time, downtime) are
// non-functional, a date is a constraint, things named are functional with the question's
// priority (out of scope: wont; must stay in: must). Confidence is 0.8, 0.75 with a hedge
// ("maybe", "I guess"); nullopt when the answer gives nothing ("yes", "not many", "no idea").
std::optional<RecognizedRequirement> recognizeShortAnswer(std::string_view answer,
                                                          std::string_view lastQuestion,
                                                          bool statementsFound);

}  // namespace nexus::analyst
