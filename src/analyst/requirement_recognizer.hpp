#pragma once
// Decides whether one statement states a requirement, and if so of which kind: category,
// MoSCoW priority, confidence and domain area. Rule-based and deterministic.

#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"
#include "analyst/lexicon.hpp"
#include "analyst/world_facts.hpp"

namespace nexus::analyst {

struct RecognizedRequirement {
  std::string text;  // the statement cleaned up: trimmed, capitalised, ending in one period
  RequirementCategory category = RequirementCategory::Functional;
  Priority priority = Priority::Should;
  double confidence = 0.0;  // >= 0.8 for clear statements; < 0.7 for vague ones ("it should be nice")
  std::optional<std::string> area;
  // What the reply composer needs to paraphrase it.
  bool vision = false;             // the product itself: "I want to build a todo app"
  std::string visionObject;        // "a todo app for small teams"
  std::optional<Quality> quality;  // for non-functional ones: what it is about
  bool measurable = false;         // states a number: "under 2 seconds", "99.9%"
  bool answer = false;             // a short answer to the interviewer's question, not a new topic
  std::optional<WorldFact> fact;   // a fact the software has to live with (world_facts.hpp)
};

// nullopt when the statement is no requirement at all: small talk, questions, remarks about
// the interview ("let me think"), fragments without a requirement cue.
std::optional<RecognizedRequirement> recognize(std::string_view statement);

// The statement as it is stored: curly quotes straightened, bullets and leading fillers
// ("Also,", "Oh and") removed, whitespace collapsed, first letter capitalised, one final period.
std::string cleanStatement(std::string_view statement);

// True for "what do you mean?", "can you explain", "should we use Postgres?".
bool isQuestion(std::string_view statement);

}  // namespace nexus::analyst
