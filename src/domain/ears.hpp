#pragma once
// A requirement in the Easy Approach to Requirements Syntax (EARS; Mavin, Wilkinson, Harwood
// and Novak, "Easy Approach to Requirements Syntax", RE 2009), by rules, offline:
//
//   ubiquitous          The <system> shall <response>.
//   event-driven        When <trigger>, the <system> shall <response>.
//   state-driven        While <state>, the <system> shall <response>.
//   unwanted behaviour  If <condition>, then the <system> shall <response>.
//   optional feature    Where <feature>, the <system> shall <response>.
//   complex             While <state>, when <trigger>, the <system> shall <response>.
//
// The person's words are kept: the trigger, state and condition as they said them, the response
// from their clause with only its modal and subject rearranged ("patients need to be able to
// cancel" → "the system shall allow patients to cancel"). A statement the rules cannot rearrange
// without guessing — a fact with no modal ("everyone has Android phones"), a wish ("maybe later
// we could…"), a question, several sentences — is kept as stated and marked so, never mangled.
// A model backend may phrase better; these rules are the floor.

#include <string>
#include <string_view>

namespace nexus::domain {

enum class EarsPattern { Ubiquitous, EventDriven, StateDriven, UnwantedBehaviour, OptionalFeature, Complex, AsStated };

// "ubiquitous", "event-driven", "state-driven", "unwanted-behaviour", "optional-feature", "complex",
// "as-stated"
std::string_view toString(EarsPattern pattern);

struct EarsPhrasing {
  EarsPattern pattern = EarsPattern::AsStated;
  std::string text;  // the EARS sentence; for AsStated the statement as it was given
};

// `statement` is a requirement's text as captured. Pure and deterministic.
EarsPhrasing phraseInEars(std::string_view statement);

}  // namespace nexus::domain
