#pragma once
// Statements of fact about the world the software has to live with, said the way people say
// them in conversation rather than with "must" or "should": what the data looks like, where it
// comes from, how people sign in, how much of it there is, which devices everyone has, which
// protocol a machine speaks, how long records are kept. Requirements engineering counts each as
// a requirement (ISO/IEC/IEEE 29148 §5.2.5 on constraints and data; ISO/IEC 25010's capacity and
// time behaviour for volumes; retention as a legal and data rule), so the recogniser takes them
// as firm ("must") and files them in the area they belong to.

#include <optional>
#include <string_view>

#include "analyst/lexicon.hpp"
#include "analyst/statement_features.hpp"
#include "core/types.hpp"

namespace nexus::analyst {

enum class WorldFact {
  DataShape,  // "each appointment has a patient, a doctor and a room"
  DataFeed,   // "lab results arrive from our lab system every night"
  SignIn,     // "staff sign in with their Microsoft accounts"
  Volume,     // "we get about 500 referrals a week", "up to 2,000 sensors next year"
  Platform,   // "everyone has company Android phones"
  Fixed,      // "the meters only speak Modbus, we can't change that"
  Retention,  // "records are kept for two years"
  Regulation, // "we're bound by UK GDPR"
  Purpose,    // "this is for tracking homework across the school"
};

struct FactReading {
  WorldFact kind = WorldFact::DataShape;
  RequirementCategory category = RequirementCategory::Functional;
  std::string_view area;            // a standard area, or "" for none (what the product is for)
  std::optional<Quality> quality;   // for the non-functional ones
};

// The first kind of fact the statement states, in the order above except that a retention,
// volume or fixed-interface reading wins over a data shape or feed it also matches. `text` is the
// statement itself (its commas mark lists). Thread-safe.
std::optional<FactReading> readWorldFact(const Words& words, std::string_view text, const Quantities& quantities);

// A volume the reply can repeat, e.g. "about 500 referrals a week": the statement's words from
// the first number to the end. Empty when there is none.
std::string volumePhrase(std::string_view cleanText);

}  // namespace nexus::analyst
