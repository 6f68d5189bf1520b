#pragma once
// The recogniser's judgements about a statement already known to be a requirement: its
// category (and the quality it is about), its MoSCoW priority, and its domain area.

#include <optional>
#include <string>

#include "core/types.hpp"
#include "analyst/lexicon.hpp"
#include "analyst/statement_features.hpp"

namespace nexus::analyst {

struct Decision {
  RequirementCategory category = RequirementCategory::Functional;
  std::optional<Quality> quality;  // the quality cues point to most, if any
};

// Assumption, constraint, technical choice, or functional against non-functional by weighing
// quality cues, numbers and the main verb against functional cues.
Decision decideCategory(const Words& words, const ModalHit& modal, Priority priority,
                        const Quantities& quantities, bool assumption);

// Explicit could ("nice to have", which beats wont) > wont > must boosters > weak could
// ("maybe", "eventually") > the modal > Should. `wont` is set when the statement rules
// something out.
Priority decidePriority(const Words& words, const ModalHit& modal, const Quantities& quantities, bool& wont);

// inferArea's choice, steered by the quality of a non-functional statement; none for visions.
std::optional<std::string> decideArea(const std::string& cleanText, const Decision& decision, bool vision);

// True when the statement names a technology ("PostgreSQL", `named`) or a technical noun.
bool mentionsTechnology(const Words& words, bool& named);

// What the team building it is like: "2 devs", "we're a small team", "we know python" (a skill
// counts only with a named technology, so "we know what we want" is none).
bool statesTeamFact(const Words& words);

}  // namespace nexus::analyst
