#include "domain/conflict_claims.hpp"

#include <algorithm>
#include <set>

namespace nexus::domain::conflicts {
namespace {

// How far back a negation or a source word reaches: "we do not want to use MySQL".
constexpr std::size_t kValueWindow = 4;
// How far back "no" and "without" reach: "no mobile app", "without any login".
constexpr std::size_t kDeterminerWindow = 3;
// At most this many words name who ("only the account owner") and the object of an action.
constexpr std::size_t kMaxRoleWords = 4;
constexpr std::size_t kMaxObjectWords = 3;

const WordSet& filler() {
  static const WordSet set(fillerWords());
  return set;
}
const WordSet& negations() {
  static const WordSet set(negationWords());
  return set;
}
const WordSet& determiners() {
  static const WordSet set(negatingDeterminers());
  return set;
}

bool anyTaken(const std::vector<bool>& taken, std::size_t begin, std::size_t length) {
  return std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(begin),
                     taken.begin() + static_cast<std::ptrdiff_t>(begin + length), [](bool t) { return t; });
}

// ---- exclusive-choice ---------------------------------------------------------------------

enum class Mention { Claimed, Source, Negated };

Mention mentionAt(const Statement& statement, std::size_t begin, std::size_t length) {
  static const WordSet kNegations(valueNegations());
  static const WordSet kSources(valueSources());
  const std::size_t clause = statement.clauseBegin(begin);
  const std::size_t from = begin >= clause + kValueWindow ? begin - kValueWindow : clause;
  bool source = false;
  for (std::size_t i = begin; i-- > from;) {
    if (statement.word(i) == "but") break;
    if (kNegations.contains(statement.word(i))) return Mention::Negated;
    source = source || kSources.contains(statement.word(i));
  }
  if (longestMatchAt(statement, begin + length, valueNegationsAfter()) > 0) return Mention::Negated;
  return source ? Mention::Source : Mention::Claimed;
}

struct ValueMention {
  std::size_t value = 0;
  bool exclusive = false;
  Mention kind = Mention::Claimed;
};

void collectMentions(const Statement& statement, const std::vector<bool>& masked, std::size_t value,
                     const Phrases& phrases, bool exclusive, std::vector<ValueMention>& out) {
  for (const auto phrase : phrases) {
    for (const std::size_t at : statement.find(phrase)) {
      const std::size_t length = wordCount(phrase);
      if (!anyTaken(masked, at, length)) out.push_back({value, exclusive, mentionAt(statement, at, length)});
    }
  }
}

// The part of the system a statement on `slot` is about: its content words less the slot's own
// phrases ("The portal is written in Java" -> "portal").
std::vector<std::string> componentOf(const Statement& statement, const Slot& slot) {
  static const WordSet kNoise(componentNoise());
  std::vector<bool> slotWords(statement.size(), false);
  markAll(statement, slot.context, slotWords);
  markAll(statement, slot.masks, slotWords);
  for (const auto& value : slot.values) {
    markAll(statement, value.phrases, slotWords);
    markAll(statement, value.onlyPhrases, slotWords);
  }
  std::set<std::string> words;
  for (std::size_t i = 0; i < statement.size(); ++i) {
    const std::string& word = statement.word(i);
    if (slotWords[i] || word == kClauseBreak || filler().contains(word) || kNoise.contains(word)) continue;
    if (numberValue(word)) continue;
    words.insert(stem(word));
  }
  return {words.begin(), words.end()};
}

// The one value a statement claims for `slot`, if it names exactly one (negated mentions aside):
// "migrate from MySQL to PostgreSQL" or "support PostgreSQL and MySQL" claims none.
std::optional<ChoiceClaim> readChoice(const Statement& statement, std::size_t slotIndex) {
  const Slot& slot = singleValuedSlots()[slotIndex];
  if (!slot.context.empty() && !containsAny(statement, 0, statement.size(), slot.context))
    return std::nullopt;
  if (containsAny(statement, 0, statement.size(), slot.otherTopics)) return std::nullopt;
  std::vector<bool> masked(statement.size(), false);
  markAll(statement, slot.masks, masked);

  std::vector<ValueMention> mentions;
  for (std::size_t v = 0; v < slot.values.size(); ++v) {
    collectMentions(statement, masked, v, slot.values[v].onlyPhrases, true, mentions);
    collectMentions(statement, masked, v, slot.values[v].phrases, slot.mentionsAreExclusive, mentions);
  }
  std::set<std::size_t> named;
  bool claimed = false;
  bool exclusive = false;
  for (const auto& mention : mentions) {
    if (mention.kind == Mention::Negated) continue;
    named.insert(mention.value);
    if (mention.kind == Mention::Claimed) {
      claimed = true;
      exclusive = exclusive || mention.exclusive;
    }
  }
  if (named.size() != 1 || !claimed) return std::nullopt;
  ChoiceClaim claim{slotIndex, *named.begin(), exclusive, {}};
  if (slot.perComponent) claim.component = componentOf(statement, slot);
  return claim;
}

// ---- polarity -----------------------------------------------------------------------------

struct CapabilityMention {
  std::size_t capability = 0;
  std::size_t begin = 0;
  std::size_t length = 0;
};

// Each capability phrase, left to right, the longest at each place ("email notifications"
// before "notifications"), none overlapping.
std::vector<CapabilityMention> findCapabilities(const Statement& statement) {
  std::vector<CapabilityMention> all;
  for (std::size_t c = 0; c < capabilities().size(); ++c) {
    for (const auto phrase : capabilities()[c].phrases) {
      for (const std::size_t at : statement.find(phrase)) all.push_back({c, at, wordCount(phrase)});
    }
  }
  std::sort(all.begin(), all.end(), [](const CapabilityMention& a, const CapabilityMention& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.length > b.length;
  });
  std::vector<CapabilityMention> found;
  std::size_t free = 0;  // the first token no mention has taken
  for (const auto& mention : all) {
    if (mention.begin < free) continue;
    found.push_back(mention);
    free = mention.begin + mention.length;
  }
  return found;
}

class PolarityReader {
 public:
  PolarityReader(const Statement& statement, bool wont)
      : statement_(statement),
        wont_(wont),
        ignored_(statement.size(), false),
        excluding_(statement.size(), false) {
    markAll(statement, falseNegations(), ignored_);
    markAll(statement, exclusionPhrases(), excluding_);
  }

  bool clauseExcludes(std::size_t index) const {
    for (std::size_t i = statement_.clauseBegin(index); i < statement_.clauseEnd(index); ++i) {
      if (excluding_[i] || (!ignored_[i] && negations().contains(statement_.word(i)))) return true;
    }
    return false;
  }

  bool determinerBefore(std::size_t index) const {
    const std::size_t clause = statement_.clauseBegin(index);
    const std::size_t from = index >= clause + kDeterminerWindow ? index - kDeterminerWindow : clause;
    for (std::size_t i = from; i < index; ++i) {
      if (!ignored_[i] && determiners().contains(statement_.word(i))) return true;
    }
    return false;
  }

  bool excludes(const CapabilityMention& mention) const {
    return wont_ || clauseExcludes(mention.begin) || determinerBefore(mention.begin);
  }

  bool statementExcludes() const {
    if (wont_) return true;
    for (std::size_t i = 0; i < statement_.size(); ++i) {
      const bool negating =
          negations().contains(statement_.word(i)) || determiners().contains(statement_.word(i));
      if (excluding_[i] || (!ignored_[i] && negating)) return true;
    }
    return false;
  }

  // Content words of [begin, end) outside `taken`: not filler, negation, number or clause break.
  void addContentWords(std::size_t begin, std::size_t end, const std::vector<bool>& taken,
                       std::set<std::string>& out) const {
    for (std::size_t i = begin; i < end; ++i) {
      const std::string& word = statement_.word(i);
      if (taken[i] || ignored_[i] || excluding_[i] || word == kClauseBreak) continue;
      if (filler().contains(word) || negations().contains(word) || determiners().contains(word)) continue;
      if (numberValue(word)) continue;
      out.insert(stem(word));
    }
  }

  std::vector<CapabilityClaim> read(bool hasNumbers) const {
    const auto mentions = findCapabilities(statement_);
    if (mentions.empty()) return hasNumbers ? std::vector<CapabilityClaim>{} : generic();
    std::vector<CapabilityClaim> claims;
    std::vector<bool> done(capabilities().size(), false);
    for (const auto& first : mentions) {
      if (done[first.capability]) continue;
      done[first.capability] = true;
      if (auto claim = claimFor(first.capability, mentions)) claims.push_back(std::move(*claim));
    }
    return claims;
  }

 private:
  // One claim for all mentions of a capability; none when they disagree ("users without an
  // account can browse; to buy they must log in").
  std::optional<CapabilityClaim> claimFor(std::size_t capability,
                                          const std::vector<CapabilityMention>& mentions) const {
    std::vector<bool> taken(statement_.size(), false);
    std::set<std::size_t> clauses;
    std::optional<bool> excluded;
    for (const auto& mention : mentions) {
      if (mention.capability != capability) continue;
      std::fill_n(taken.begin() + static_cast<std::ptrdiff_t>(mention.begin), mention.length, true);
      clauses.insert(statement_.clauseBegin(mention.begin));
      const bool thisOne = excludes(mention);
      if (excluded && *excluded != thisOne) return std::nullopt;
      excluded = thisOne;
    }
    std::set<std::string> qualifiers;
    for (const std::size_t clause : clauses)
      addContentWords(clause, statement_.clauseEnd(clause), taken, qualifiers);
    const Capability& entry = capabilities()[capability];
    return CapabilityClaim{std::string(entry.key),
                           entry.display,
                           {qualifiers.begin(), qualifiers.end()},
                           excluded.value_or(false)};
  }

  // A capability the table lacks is keyed by all its content words: only the same words,
  // asked for and ruled out, make a conflict ("send a weekly summary" / "do not send ...").
  std::vector<CapabilityClaim> generic() const {
    std::set<std::string> words;
    addContentWords(0, statement_.size(), std::vector<bool>(statement_.size(), false), words);
    if (words.empty()) return {};
    std::string key(kGenericCapability);
    for (const auto& word : words) key += " " + word;
    return {CapabilityClaim{std::move(key), {}, {}, statementExcludes()}};
  }

  const Statement& statement_;
  bool wont_;
  std::vector<bool> ignored_;    // inside a false negation ("no more than")
  std::vector<bool> excluding_;  // inside an exclusion phrase ("out of scope")
};

// ---- access -------------------------------------------------------------------------------

std::string aliasOf(std::string_view word, const std::vector<WordAlias>& aliases) {
  for (const auto& alias : aliases) {
    if (alias.word == word) return std::string(alias.canonical);
  }
  return std::string(word);
}

std::string roleStem(std::string_view word) {
  const std::string direct = aliasOf(word, roleAliases());
  return direct != word ? direct : aliasOf(stem(word), roleAliases());
}

struct Words {
  std::string stems;  // joined by spaces
  std::string shown;  // as written
};

// Up to `limit` words from `begin` until a stop word, skipping articles; empty at a number.
std::optional<Words> phraseFrom(const Statement& statement, std::size_t begin, std::size_t limit,
                                bool isRole) {
  static const WordSet kStops(objectStops());
  static const WordSet kSkips(objectSkips());
  static const WordSet kModals(accessModals());
  Words out;
  std::size_t count = 0;
  for (std::size_t i = begin; i < statement.size() && count < limit; ++i) {
    const std::string& word = statement.word(i);
    if (kStops.contains(word) || (isRole && kModals.contains(word))) break;
    if (numberValue(word)) return std::nullopt;
    // A statement's first word is capitalised as such, not as a name.
    const std::string& shown = i == 0 ? word : statement.written(i);
    if (!out.shown.empty()) out.shown += ' ';
    out.shown += shown;  // "the account owner": articles are kept for people, not for keys
    if (kSkips.contains(word) && count == 0) continue;
    if (!out.stems.empty()) out.stems += ' ';
    out.stems += isRole ? roleStem(word) : stem(word);
    ++count;
  }
  if (out.stems.empty()) return std::nullopt;
  return out;
}

class AccessReader {
 public:
  explicit AccessReader(const Statement& statement) : statement_(statement) {}

  std::vector<AccessClaim> read() const {
    std::vector<AccessClaim> claims;
    for (std::size_t i = 0; i < statement_.size(); ++i) {
      std::optional<AccessClaim> claim;
      if (statement_.word(i) == "only") claim = onlyRole(i);
      if (!claim) {
        if (const std::size_t length = longestMatchAt(statement_, i, everyonePhrases()))
          claim = actionAfter(i + length, {});
      }
      if (!claim) claim = passive(i);
      if (claim) claims.push_back(std::move(*claim));
    }
    return claims;
  }

 private:
  // "only admins can delete projects", "only the account owner may delete a project".
  std::optional<AccessClaim> onlyRole(std::size_t only) const {
    static const WordSet kModals(accessModals());
    std::size_t modal = only + 1;
    while (modal < statement_.size() && modal <= only + kMaxRoleWords + 1 &&
           !kModals.contains(statement_.word(modal))) {
      ++modal;
    }
    if (modal >= statement_.size() || !kModals.contains(statement_.word(modal)) || modal == only + 1)
      return std::nullopt;
    const auto role = phraseFrom(statement_, only + 1, modal - only - 1, true);
    if (!role) return std::nullopt;
    return actionAfter(modal, *role);
  }

  // From a modal (or where one must follow): "[can] [be able to] delete projects".
  std::optional<AccessClaim> actionAfter(std::size_t at, const Words& role) const {
    static const WordSet kModals(accessModals());
    static const WordSet kLinks(accessLinkWords());
    if (at >= statement_.size() || !kModals.contains(statement_.word(at))) return std::nullopt;
    std::size_t verb = at + 1;
    while (verb < statement_.size() && kLinks.contains(statement_.word(verb))) ++verb;
    if (verb >= statement_.size() || statement_.word(verb) == kClauseBreak) return std::nullopt;
    const auto object = phraseFrom(statement_, verb + 1, kMaxObjectWords, false);
    if (!object) return std::nullopt;
    const std::string action = aliasOf(statement_.word(verb), actionAliases());
    return AccessClaim{action + " " + object->stems, statement_.written(verb) + " " + object->shown,
                       role.stems, role.shown};
  }

  // "projects can only be deleted by admins", "projects can be deleted by anyone".
  std::optional<AccessClaim> passive(std::size_t modal) const {
    static const WordSet kModals(accessModals());
    if (!kModals.contains(statement_.word(modal))) return std::nullopt;
    std::size_t at = modal + 1;
    const auto skip = [&](std::string_view word) {
      if (at < statement_.size() && statement_.word(at) == word) ++at;
    };
    skip("only");
    if (at >= statement_.size() || statement_.word(at) != "be") return std::nullopt;
    const std::size_t participle = ++at;
    ++at;
    skip("only");
    if (at >= statement_.size() || statement_.word(at) != "by" || participle >= statement_.size())
      return std::nullopt;
    const bool onlySome = statement_.word(modal + 1) == "only" || statement_.word(at - 1) == "only";
    const std::size_t who = at + 1;
    Words role;
    if (onlySome) {
      const auto named = phraseFrom(statement_, who, kMaxRoleWords, true);
      if (!named) return std::nullopt;
      role = *named;
    } else if (longestMatchAt(statement_, who, everyonePhrases()) == 0) {
      return std::nullopt;
    }
    const std::size_t clause = statement_.clauseBegin(modal);
    const auto object = phraseFrom(statement_, clause, std::min(kMaxObjectWords, modal - clause), false);
    if (!object) return std::nullopt;
    const std::string action = aliasOf(statement_.word(participle), actionAliases());
    return AccessClaim{action + " " + object->stems, action + " " + object->shown, role.stems, role.shown};
  }

  const Statement& statement_;
};

bool negatesAnything(const Statement& statement) {
  std::vector<bool> ignored(statement.size(), false);
  markAll(statement, falseNegations(), ignored);
  for (std::size_t i = 0; i < statement.size(); ++i) {
    if (!ignored[i] && negations().contains(statement.word(i))) return true;
  }
  return false;
}

}  // namespace

std::size_t longestMatchAt(const Statement& statement, std::size_t index, const Phrases& phrases) {
  if (index >= statement.size()) return 0;
  const std::string_view word = statement.word(index);
  std::size_t best = 0;
  for (const auto phrase : phrases) {
    const bool sameFirstWord =
        phrase.starts_with(word) && (phrase.size() == word.size() || phrase[word.size()] == ' ');
    if (!sameFirstWord) continue;
    const std::size_t length = wordCount(phrase);
    if (length > best && statement.matchesAt(index, phrase)) best = length;
  }
  return best;
}

bool containsAny(const Statement& statement, std::size_t begin, std::size_t end, const Phrases& phrases) {
  for (const auto phrase : phrases) {
    for (const std::size_t at : statement.find(phrase)) {
      if (at >= begin && at + wordCount(phrase) <= end) return true;
    }
  }
  return false;
}

void markAll(const Statement& statement, const Phrases& phrases, std::vector<bool>& taken) {
  for (const auto phrase : phrases) {
    for (const std::size_t at : statement.find(phrase)) {
      std::fill_n(taken.begin() + static_cast<std::ptrdiff_t>(at), wordCount(phrase), true);
    }
  }
}

Claims readClaims(const ExtractedRequirement& requirement) {
  const Statement statement(requirement.text);
  const bool wont = requirement.priority == Priority::Wont;
  Claims claims;
  // A requirement the person will not have claims nothing but its own absence.
  if (!wont) {
    for (std::size_t slot = 0; slot < singleValuedSlots().size(); ++slot) {
      if (auto choice = readChoice(statement, slot)) claims.choices.push_back(*choice);
    }
    claims.numbers = readNumbers(statement);
    // "Not everyone can delete projects" restricts without saying to whom.
    if (!negatesAnything(statement)) claims.access = AccessReader(statement).read();
  }
  claims.capabilities = PolarityReader(statement, wont).read(!claims.numbers.empty());
  return claims;
}

}  // namespace nexus::domain::conflicts
