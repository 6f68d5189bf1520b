// Reading the numeric bounds of a statement: "pages load in under 2 seconds" is response time,
// at most 2,000 ms, of pages. A quantity is a number and a unit; its metric is the one whose
// words its clause holds most; its direction comes from a comparison word beside it, else from
// the metric ("load in 2 seconds" is at most, "keep logs for 30 days" at least).

#include <algorithm>
#include <limits>
#include <set>

#include "domain/conflict_claims.hpp"

namespace nexus::domain::conflicts {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();
// "1000 concurrent users": at most this many words between a count and its unit.
constexpr std::size_t kMaxWordsBeforeCountUnit = 2;

struct Quantity {
  std::size_t begin = 0;  // the number (the first of a range)
  std::size_t end = 0;    // one past the unit and its rate
  double low = 0.0;       // in the family's base unit; equal to high unless a range
  double high = 0.0;
  bool range = false;
  std::string_view family;
};

const Unit* unitOf(std::string_view word) {
  for (const auto& unit : units()) {
    if (unit.word == word) return &unit;
  }
  return nullptr;
}

bool isCountFamily(std::string_view family) { return family == "users" || family == "requests"; }
bool isRateFamily(std::string_view family) {
  const auto& families = rateFamilies();
  return std::find(families.begin(), families.end(), family) != families.end();
}

// The longest cue of `cues` that ends right before `index`, within its clause.
const BoundCue* cueEndingAt(const Statement& statement, std::size_t index,
                            const std::vector<BoundCue>& cues) {
  const BoundCue* best = nullptr;
  std::size_t bestLength = 0;
  const std::size_t clause = statement.clauseBegin(index);
  for (const auto& cue : cues) {
    const std::size_t length = wordCount(cue.phrase);
    if (length <= bestLength || index < clause + length) continue;
    if (statement.matchesAt(index - length, cue.phrase)) {
      best = &cue;
      bestLength = length;
    }
  }
  return best;
}

const BoundCue* cueStartingAt(const Statement& statement, std::size_t index,
                              const std::vector<BoundCue>& cues) {
  const BoundCue* best = nullptr;
  std::size_t bestLength = 0;
  for (const auto& cue : cues) {
    const std::size_t length = wordCount(cue.phrase);
    if (length > bestLength && statement.matchesAt(index, cue.phrase)) {
      best = &cue;
      bestLength = length;
    }
  }
  return best;
}

// "2", "two", and "a" in "under a second".
std::optional<double> numberAt(const Statement& statement, std::size_t index) {
  const std::string& word = statement.word(index);
  if (const auto value = numberValue(word)) return value;
  for (const auto& number : numberWords()) {
    if (number.word == word) return number.value;
  }
  if ((word == "a" || word == "an") && cueEndingAt(statement, index, boundsBefore())) return 1.0;
  return std::nullopt;
}

std::optional<Quantity> quantityAt(const Statement& statement, std::size_t index) {
  const auto value = numberAt(statement, index);
  if (!value) return std::nullopt;
  for (std::size_t at = index + 1; at < statement.size() && at <= index + 1 + kMaxWordsBeforeCountUnit;
       ++at) {
    if (statement.word(at) == kClauseBreak || numberValue(statement.word(at))) return std::nullopt;
    const Unit* unit = unitOf(statement.word(at));
    if (!unit) continue;
    if (at > index + 1 && !isCountFamily(unit->family)) return std::nullopt;
    Quantity quantity{index, at + 1, *value * unit->factor, *value * unit->factor, false, unit->family};
    double perSecond = 0.0;
    for (const auto& rate : rates()) {
      if (statement.matchesAt(quantity.end, rate.phrase)) {
        perSecond = rate.perSecond;
        quantity.end += wordCount(rate.phrase);
        break;
      }
    }
    // A count means something only as a rate ("500 requests per second") or only without one
    // ("1000 users", not "1000 users a day", which no metric here measures).
    if (isRateFamily(unit->family) != (perSecond > 0.0)) return std::nullopt;
    if (perSecond > 0.0) quantity.low = quantity.high = quantity.low * perSecond;
    return quantity;
  }
  return std::nullopt;
}

// "between 2 and 5 seconds".
std::optional<Quantity> rangeAt(const Statement& statement, std::size_t index) {
  if (index == 0 || statement.word(index - 1) != "between" || index + 2 >= statement.size())
    return std::nullopt;
  if (statement.word(index + 1) != "and") return std::nullopt;
  const auto first = numberAt(statement, index);
  const auto second = quantityAt(statement, index + 2);
  if (!first || !second || second->low == 0.0) return std::nullopt;
  const double factor = second->high / *numberAt(statement, index + 2);
  return Quantity{index, second->end, *first * factor, second->high, true, second->family};
}

class NumberReader {
 public:
  explicit NumberReader(const Statement& statement) : statement_(statement) {}

  std::optional<NumericClaim> claimFor(const Quantity& quantity) const {
    const std::size_t begin = statement_.clauseBegin(quantity.begin);
    const std::size_t end = statement_.clauseEnd(quantity.begin);
    const auto metric = metricOf(quantity, begin, end);
    if (!metric) return std::nullopt;

    std::vector<bool> taken(statement_.size(), false);
    std::fill(taken.begin() + static_cast<std::ptrdiff_t>(quantity.begin),
              taken.begin() + static_cast<std::ptrdiff_t>(quantity.end), true);
    const Direction direction = directionOf(quantity, begin, *metric, taken);
    NumericClaim claim;
    claim.metric = *metric;
    claim.permission = containsAny(statement_, begin, end, permissionCues());
    claim.allowed = intervalOf(quantity, direction);
    claim.bound = boundText(quantity, direction, claim.permission);
    claim.subject = subjectOf(begin, end, taken);
    return claim;
  }

 private:
  // The metric of the quantity's family whose words its clause holds most (the earlier one on
  // a tie); a family with one metric needs none of its words.
  std::optional<std::size_t> metricOf(const Quantity& quantity, std::size_t begin, std::size_t end) const {
    std::optional<std::size_t> best;
    std::size_t bestHits = 0;
    std::size_t ofFamily = 0;
    for (std::size_t m = 0; m < metrics().size(); ++m) {
      const Metric& metric = metrics()[m];
      if (metric.family != quantity.family) continue;
      if (ofFamily++ == 0 && !best) best = m;
      std::set<std::size_t> places;  // where one of its words starts
      for (const auto word : metric.words) {
        for (const std::size_t at : statement_.find(word)) {
          const bool inQuantity = at >= quantity.begin && at < quantity.end;
          if (at >= begin && at < end && !inQuantity) places.insert(at);
        }
      }
      const std::size_t hits = places.size();
      if (hits > bestHits) {
        best = m;
        bestHits = hits;
      }
    }
    if (bestHits == 0 && ofFamily != 1) return std::nullopt;
    return best;
  }

  // A comparison word right before the number or right after the unit, turned round by a
  // negation before it ("must not take longer than 3 seconds"); else what the metric says.
  Direction directionOf(const Quantity& quantity, std::size_t begin, std::size_t metric,
                        std::vector<bool>& taken) const {
    if (quantity.range) return Direction::Exactly;
    const BoundCue* cue = cueEndingAt(statement_, quantity.begin, boundsBefore());
    std::size_t cueBegin = quantity.begin;
    if (cue) {
      cueBegin -= wordCount(cue->phrase);
    } else if ((cue = cueStartingAt(statement_, quantity.end, boundsAfter()))) {
      cueBegin = quantity.begin;
      std::fill_n(taken.begin() + static_cast<std::ptrdiff_t>(quantity.end), wordCount(cue->phrase), true);
    }
    if (!cue) {
      const Metric& entry = metrics()[metric];
      const bool saysAtMost = containsAny(statement_, begin, statement_.clauseEnd(begin), entry.atMostWords);
      return saysAtMost ? Direction::AtMost : entry.usual;
    }
    std::fill(taken.begin() + static_cast<std::ptrdiff_t>(std::min(cueBegin, quantity.begin)),
              taken.begin() + static_cast<std::ptrdiff_t>(quantity.begin), true);
    if (cue->direction == Direction::Exactly || !negatedBefore(begin, cueBegin)) return cue->direction;
    return cue->direction == Direction::AtMost ? Direction::AtLeast : Direction::AtMost;
  }

  bool negatedBefore(std::size_t begin, std::size_t end) const {
    static const WordSet kNegations(negationWords());
    std::vector<bool> ignored(statement_.size(), false);
    markAll(statement_, falseNegations(), ignored);
    for (std::size_t i = begin; i < end; ++i) {
      if (!ignored[i] && (kNegations.contains(statement_.word(i)) || statement_.word(i) == "no")) return true;
    }
    return false;
  }

  static Interval intervalOf(const Quantity& quantity, Direction direction) {
    const double ceiling = quantity.family == "percent" ? 100.0 : kUnbounded;
    if (quantity.range) return {quantity.low, quantity.high};
    switch (direction) {
      case Direction::AtMost:
        return {0.0, quantity.high};
      case Direction::AtLeast:
        return {quantity.low, ceiling};
      case Direction::Exactly:
        break;
    }
    return {quantity.low, quantity.high};
  }

  std::string boundText(const Quantity& quantity, Direction direction, bool permission) const {
    const std::string written = statement_.writtenText(quantity.begin, quantity.end);
    if (quantity.range) return "between " + written + (permission ? " allowed" : "");
    switch (direction) {
      case Direction::AtMost:
        return permission ? "up to " + written + " allowed" : "at most " + written;
      case Direction::AtLeast:
        return permission ? written + " or more accepted" : "at least " + written;
      case Direction::Exactly:
        break;
    }
    return permission ? written + " allowed" : "exactly " + written;
  }

  // What is measured: the clause's content words less the quantity, its comparison, the words
  // of any metric and of permission ("search page" in "the search page loads in under 1 s").
  std::vector<std::string> subjectOf(std::size_t begin, std::size_t end, std::vector<bool>& taken) const {
    static const WordSet kFiller(fillerWords());
    static const WordSet kNegations(negationWords());
    markAll(statement_, permissionCues(), taken);
    markAll(statement_, falseNegations(), taken);
    for (const auto& metric : metrics()) markAll(statement_, metric.words, taken);
    std::set<std::string> words;
    for (std::size_t i = begin; i < end; ++i) {
      const std::string& word = statement_.word(i);
      if (taken[i] || kFiller.contains(word) || kNegations.contains(word) || word == "no") continue;
      if (numberValue(word) || unitOf(word)) continue;
      words.insert(stem(word));
    }
    return {words.begin(), words.end()};
  }

  const Statement& statement_;
};

}  // namespace

std::vector<NumericClaim> readNumbers(const Statement& statement) {
  std::vector<NumericClaim> claims;
  const NumberReader reader(statement);
  for (std::size_t i = 0; i < statement.size(); ++i) {
    auto quantity = rangeAt(statement, i);
    if (!quantity) quantity = quantityAt(statement, i);
    if (!quantity) continue;
    if (auto claim = reader.claimFor(*quantity)) claims.push_back(std::move(*claim));
    i = quantity->end - 1;
  }
  return claims;
}

}  // namespace nexus::domain::conflicts
