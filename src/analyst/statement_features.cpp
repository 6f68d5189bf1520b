#include "analyst/statement_features.hpp"

#include <algorithm>

namespace nexus::analyst {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return c >= 'a' && c <= 'z'; }

bool oneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

const std::string& wordAt(const Words& words, std::size_t i) {
  static const std::string empty;
  return i < words.size() ? words[i] : empty;
}

// Adjective-like modals ("critical") count only when predicated: "is critical", "it's vital".
bool predicated(const Words& words, std::size_t i) {
  if (i == 0) return false;
  return oneOf(words[i - 1], {"is", "are", "be", "it's", "that's", "very", "really", "absolutely", "also",
                              "most", "super", "extremely", "quite", "isn't", "aren't", "not"});
}

bool acceptModal(const Words& words, std::size_t i, std::size_t size) {
  const std::string& first = words[i];
  const std::string& before = i > 0 ? words[i - 1] : wordAt(words, kNoMatch);
  const bool firstPerson = oneOf(before, {"i", "you"});
  if (oneOf(first, {"can", "can't", "cannot", "may", "might", "will", "could", "would"}) && firstPerson)
    return false;
  if (first == "can" && size == 1 && oneOf(before, {"a", "the"})) return false;  // "a can of"
  if (first == "may" && oneOf(before, {"by", "in", "of", "early", "late", "mid"})) return false;  // the month
  if (oneOf(first, {"need", "needs", "want", "wants", "wish", "will"}) && size == 1 &&
      oneOf(before, {"a", "the", "no", "any", "this", "that", "our", "their"})) {
    return false;  // nouns: "a need", "the will"
  }
  if (oneOf(first, {"important", "essential", "critical", "crucial", "vital", "mandatory"}) &&
      !predicated(words, i)) {
    return false;
  }
  if (first == "required" && size == 1 && i + 1 < words.size() && !oneOf(words[i + 1], {"to", "for", "by"})) {
    return i + 1 == words.size() || predicated(words, i);  // "the required equipment" is no modal
  }
  return true;
}

constexpr std::string_view kAdverbs[]{
    "not",        "never",    "also",   "only",       "always",      "automatically", "still", "then",
    "just",       "easily",   "really", "definitely", "absolutely",  "simply",        "even",  "ideally",
    "optionally", "probably", "all",    "both",       "at",          "least",         "be",    "quickly",
    "initially",  "securely", "fully",  "clearly",    "immediately", "usually"};

}  // namespace

ModalHit firstModal(const Words& words) {
  const auto& modals = lexicon().modals;
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (const auto& cue : modals) {
      if (cue.phrase.matchesAt(words, i) && acceptModal(words, i, cue.phrase.size())) {
        return {&cue, i, i + cue.phrase.size()};
      }
    }
  }
  return {};
}

std::string_view baseIn(const WordSet& set, std::string_view word) {
  if (word.empty()) return {};
  auto probe = [&](std::string_view candidate) -> std::string_view {
    const auto it = set.find(candidate);
    return it == set.end() ? std::string_view{} : *it;
  };
  if (auto hit = probe(word); !hit.empty()) return hit;
  std::string w(word);
  auto tryCut = [&](std::size_t cut, std::string_view add) -> std::string_view {
    if (w.size() <= cut + 2) return {};
    return probe(w.substr(0, w.size() - cut) + std::string(add));
  };
  const auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  std::string_view hit;
  if (ends("ies")) hit = tryCut(3, "y");
  if (hit.empty() && ends("es")) hit = tryCut(2, "");
  if (hit.empty() && ends("s")) hit = tryCut(1, "");
  if (hit.empty() && ends("ied")) hit = tryCut(3, "y");
  if (hit.empty() && ends("ed")) hit = tryCut(2, "");
  if (hit.empty() && ends("ed")) hit = tryCut(1, "");
  if (hit.empty() && ends("ing")) hit = tryCut(3, "");
  if (hit.empty() && ends("ing")) hit = tryCut(3, "e");
  return hit;
}

std::string mainVerbAfter(const Words& words, std::size_t from, bool& negated, std::size_t& at) {
  negated = false;
  at = kNoMatch;
  for (std::size_t i = from; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "not" || w == "never" || w == "n't") negated = true;
    const bool adverb = std::find(std::begin(kAdverbs), std::end(kAdverbs), w) != std::end(kAdverbs) ||
                        (w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0 && w != "apply" &&
                         w != "reply" && w != "supply");
    if (w == "be" && i + 1 < words.size() && words[i + 1] != "able") {
      at = i;
      return w;
    }
    if (w == "be" && i + 2 < words.size() && words[i + 1] == "able" && words[i + 2] == "to") {
      i += 2;
      continue;
    }
    if (adverb && w != "be") continue;
    if (w == "to") continue;
    at = i;
    return w;
  }
  return {};
}

Quantities findQuantities(std::string_view lower, const Words& words) {
  Quantities q;
  auto classify = [&](std::string_view unit, std::string_view after, std::size_t numberStart) {
    const std::size_t ctxStart = numberStart > 12 ? numberStart - 12 : 0;
    const std::string_view before = lower.substr(ctxStart, numberStart - ctxStart);
    // "every 30 seconds", "after 10 minutes of inactivity", "2 minutes before the meeting": timing, not
    // speed.
    const bool periodic =
        before.find("every") != std::string_view::npos || before.find("after") != std::string_view::npos ||
        before.find("least") != std::string_view::npos || oneOf(after, {"before", "ago", "later"});
    if (oneOf(unit, {"ms", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds", "minute",
                     "minutes", "min", "mins"})) {
      (periodic ? q.periodic : q.time) = true;
    } else if (oneOf(unit, {"hour", "hours", "hr", "hrs"})) {
      // "a month's bills should run in under 2 hours" bounds a job's time; "24 hours a day" and
      // "after 1 hour" do not.
      const bool bound = before.find("under") != std::string_view::npos ||
                         before.find("within") != std::string_view::npos ||
                         before.find("than") != std::string_view::npos ||
                         before.find("most") != std::string_view::npos;
      if (bound && !periodic) q.time = true;
    } else if (oneOf(unit,
                     {"users", "concurrent", "simultaneous", "requests", "transactions", "rps", "qps", "tps",
                      "visitors", "sessions", "connections", "orders", "records", "customers", "k"})) {
      if (unit != "k" || oneOf(after, {"users", "concurrent", "requests", "visitors", "customers"}))
        q.load = true;
    } else if (oneOf(unit, {"gb", "mb", "tb", "kb", "kbps", "mbps", "gbps", "kbit", "mbit"})) {
      q.size = true;
    }
  };
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (!isDigit(lower[i]) || (i > 0 && (isLetter(lower[i - 1]) || isDigit(lower[i - 1])))) continue;
    const std::size_t start = i;
    while (i < lower.size() && (isDigit(lower[i]) || lower[i] == ',' || lower[i] == '.')) ++i;
    while (i > start && (lower[i - 1] == ',' || lower[i - 1] == '.')) --i;  // "10 seconds." ends the number
    if (i < lower.size() && lower[i] == '%') {
      q.percent = true;
      continue;
    }
    std::size_t u = i;
    if (u < lower.size() && lower[u] == 'k' && (u + 1 == lower.size() || !isLetter(lower[u + 1]))) {
      std::size_t a = u + 1;
      while (a < lower.size() && (lower[a] == ' ' || lower[a] == '-')) ++a;
      std::size_t b = a;
      while (b < lower.size() && isLetter(lower[b])) ++b;
      classify("k", lower.substr(a, b - a), start);
      continue;
    }
    while (u < lower.size() && (lower[u] == ' ' || lower[u] == '-')) ++u;
    std::size_t e = u;
    while (e < lower.size() && isLetter(lower[e])) ++e;
    std::size_t a = e;
    while (a < lower.size() && lower[a] == ' ') ++a;
    std::size_t b = a;
    while (b < lower.size() && isLetter(lower[b])) ++b;
    classify(lower.substr(u, e - u), lower.substr(a, b - a), start);
  }
  // Spelled-out amounts: "under a second", "two seconds", "a few milliseconds".
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const bool bound =
        i > 0 && oneOf(words[i - 1], {"under", "within", "than", "in", "below", "about", "around", "a",
                                      "only", "just", "takes", "take", "sub", "half"});
    if (bound && oneOf(words[i], {"a", "one", "two", "three", "five", "ten", "few", "half", "second"}) &&
        oneOf(words[i + 1], {"second", "seconds", "millisecond", "milliseconds"})) {
      const bool periodic = i > 0 && oneOf(words[i - 1], {"every", "after", "per"});
      (periodic ? q.periodic : q.time) = true;
    }
    // "come back in a couple of seconds", "a few seconds at most".
    if (oneOf(words[i], {"couple", "few"}) && i + 2 < words.size() && words[i + 1] == "of" &&
        oneOf(words[i + 2], {"seconds", "milliseconds"})) {
      q.time = true;
    }
    if (bound && oneOf(words[i], {"an", "one", "half"}) && oneOf(words[i + 1], {"hour", "hour's"}) &&
        oneOf(words[i - 1], {"under", "within", "than", "half"})) {
      q.time = true;  // "in under an hour", "within half an hour"
    }
    if (oneOf(words[i], {"thousands", "millions", "hundreds"}) && i + 2 < words.size() &&
        words[i + 1] == "of") {
      q.load = true;
    }
  }
  // A number, then up to two describing words, then people: "10k daily active players".
  const auto& people = lexicon().people;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool number = isDigit(words[i][0]) || oneOf(words[i], {"hundred", "hundreds", "thousand", "thousands",
                                                                 "million", "millions", "dozen", "dozens"});
    if (!number) continue;
    for (std::size_t k = i + 1; k < words.size() && k <= i + 3; ++k) {
      if (people.count(words[k]) != 0) {
        q.people = true;
        break;
      }
      if (!oneOf(words[k], {"of", "daily", "monthly", "weekly", "active", "concurrent", "simultaneous",
                            "registered", "paying", "new", "total", "more", "unique", "regular", "internal",
                            "external", "or", "so"})) {
        break;
      }
    }
  }
  return q;
}

QualityScores scoreQualities(const Words& words) {
  QualityScores scores{};
  for (const auto& cue : lexicon().qualities) {
    if (hasPhrase(words, cue.phrase)) scores[static_cast<std::size_t>(cue.quality)] += cue.weight;
  }
  return scores;
}

int scoreFunction(const Words& words) {
  int score = 0;
  for (const auto& cue : lexicon().functions) {
    if (hasPhrase(words, cue.phrase)) score += cue.weight;
  }
  return score;
}

std::size_t contentWords(const Words& words, std::size_t from, std::size_t to) {
  const auto& lex = lexicon();
  std::size_t count = 0;
  for (std::size_t i = from; i < words.size() && i < to; ++i) {
    const std::string& w = words[i];
    if (lex.fillerWords.count(w) != 0 || lex.vagueWords.count(w) != 0) continue;
    ++count;
  }
  return count;
}

bool hasVagueWord(const Words& words, std::size_t from) {
  const auto& vague = lexicon().vagueWords;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (vague.count(words[i]) != 0) return true;
  }
  return false;
}

}  // namespace nexus::analyst
