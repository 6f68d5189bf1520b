#pragma once
// The observations the recogniser's rules are made of: which modal a statement uses, what its
// main verb is, whether it states a number, how strongly it speaks of each quality.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "analyst/lexicon.hpp"

namespace nexus::analyst {

struct ModalHit {
  const ModalCue* cue = nullptr;
  std::size_t index = kNoMatch;  // first word of the phrase
  std::size_t end = kNoMatch;    // one past its last word
};

// The first modal or need/want phrase that speaks for the statement's subject, skipping uses
// that are not one: "I can't decide", "by May", "an important participant".
ModalHit firstModal(const Words& words);

// The main verb after `from` (the modal's end, or 0), past adverbs and negations. Empty when
// none. `negated` is set when "not"/"never" stands between.
std::string mainVerbAfter(const Words& words, std::size_t from, bool& negated, std::size_t& at);

// A verb's dictionary form when the simple rules find one in `set`: "displays", "displayed",
// "displaying" -> "display". Empty when none.
std::string_view baseIn(const WordSet& set, std::string_view word);

struct Quantities {
  bool time = false;      // "2 seconds", "500 ms", "under a second"
  bool periodic = false;  // "every 30 seconds", "after 10 minutes": not a speed
  bool percent = false;   // "99.9%"
  bool load = false;      // "10,000 concurrent users", "100 requests per second"
  bool size = false;      // "5 GB"
  bool people = false;    // a headcount: "10k daily players", "about 50 employees", "thousands of users"
  bool any() const { return time || percent || load || size; }
};

// Scans the lower-cased statement for numbers with units.
Quantities findQuantities(std::string_view lower, const Words& words);

using QualityScores = std::array<int, kQualityCount>;

// Sums the quality cues found, each phrase counted once.
QualityScores scoreQualities(const Words& words);
int scoreFunction(const Words& words);

// Number of words in [from, to) that carry content (not fillers, not vague words).
std::size_t contentWords(const Words& words, std::size_t from, std::size_t to = kNoMatch);
bool hasVagueWord(const Words& words, std::size_t from);

}  // namespace nexus::analyst
