#include "domain/conflict_index.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <set>
#include <utility>

#include "domain/conflict_claims.hpp"

namespace nexus::domain {
namespace {

using conflicts::AccessClaim;
using conflicts::CapabilityClaim;
using conflicts::ChoiceClaim;
using conflicts::NumericClaim;

// A requirement's place in the index. The tables hold slots, not ids: at 100,000 requirements
// a copy of the id in every key a requirement is filed under is most of the index's memory.
using Slot = std::uint32_t;
using Slots = std::vector<Slot>;
constexpr Slot kNoSlot = std::numeric_limits<Slot>::max();

// Takes one occurrence of `slot` out of a bag (a requirement may file the same claim twice).
void eraseOne(Slots& slots, Slot slot) {
  const auto found = std::find(slots.begin(), slots.end(), slot);
  if (found == slots.end()) return;
  *found = slots.back();
  slots.pop_back();
}

// A claim's words as a key: a hash of "delete project", "page search". Two keys that collide
// only make a candidate that the verdict (conflict_verdicts.cpp) then rejects, since every
// verdict compares the claims themselves.
using Key = std::uint64_t;

Key mixed(Key key, std::string_view word) {
  const Key hash = std::hash<std::string_view>{}(word);
  return key ^ (hash + 0x9e3779b97f4a7c15ULL + (key << 6) + (key >> 2));
}

Key headOf(std::string_view head) { return mixed(0, head); }
Key headOf(std::size_t index) { return mixed(0x51ed270b27cb6b1dULL * (index + 1), {}); }

// The key of a claim's first word (the bare head when it has none): a claim whose words all lie
// among another's is filed under it, and found from any of the other's words.
Key firstWordKey(Key head, const std::vector<std::string>& words) {
  return words.empty() ? head : mixed(head, words.front());
}

// Slots filed under keys; one node per (key, slot).
class SlotsByKey {
 public:
  void insert(Key key, Slot slot) { map_.emplace(key, slot); }
  void erase(Key key, Slot slot) {
    auto [first, last] = map_.equal_range(key);
    for (; first != last; ++first) {
      if (first->second == slot) {
        map_.erase(first);
        return;
      }
    }
  }
  std::size_t count(Key key) const { return map_.count(key); }
  void collect(Key key, Slots& out) const {
    for (auto [first, last] = map_.equal_range(key); first != last; ++first) out.push_back(first->second);
  }

 private:
  std::unordered_multimap<Key, Slot> map_;
};

// Who holds each value of each single-valued slot.
class ChoiceTable {
 public:
  // Holders of another value that rules this one out: any exclusive one, and plain mentions
  // too when this claim is exclusive.
  Slots candidates(const ChoiceClaim& claim) const {
    Slots slots;
    const auto slot = slots_.find(claim.slot);
    if (slot == slots_.end()) return slots;
    for (const auto& [value, holders] : slot->second) {
      if (value == claim.value) continue;
      slots.insert(slots.end(), holders.exclusive.begin(), holders.exclusive.end());
      if (claim.exclusive) slots.insert(slots.end(), holders.mentions.begin(), holders.mentions.end());
    }
    return slots;
  }

  void insert(const ChoiceClaim& claim, Slot slot) { bagOf(claim).push_back(slot); }

  void erase(const ChoiceClaim& claim, Slot slot) {
    eraseOne(bagOf(claim), slot);
    auto& values = slots_[claim.slot];
    const auto value = values.find(claim.value);
    if (value->second.exclusive.empty() && value->second.mentions.empty()) values.erase(value);
    if (values.empty()) slots_.erase(claim.slot);
  }

 private:
  struct Holders {
    Slots exclusive;
    Slots mentions;
  };
  Slots& bagOf(const ChoiceClaim& claim) {
    Holders& holders = slots_[claim.slot][claim.value];
    return claim.exclusive ? holders.exclusive : holders.mentions;
  }
  std::unordered_map<std::size_t, std::unordered_map<std::size_t, Holders>>
      slots_;  // slot -> value -> holders
};

// The bounds held on one (metric, subject), ordered so that those which cannot hold beside a
// new one are found by range, not by a scan. Keyed by value and slot: many share a value (every
// "at least" bound reaches infinity), and removing one must not walk them all.
class Bounds {
 public:
  bool empty() const { return constraintLows_.empty() && permissionLows_.empty(); }
  std::size_t size() const { return constraintLows_.size() + permissionLows_.size(); }

  void insert(const NumericClaim& claim, Slot slot) {
    (claim.permission ? permissionLows_ : constraintLows_).emplace(claim.allowed.low, slot);
    (claim.permission ? permissionHighs_ : constraintHighs_).emplace(claim.allowed.high, slot);
  }

  void erase(const NumericClaim& claim, Slot slot) {
    eraseEntry(claim.permission ? permissionLows_ : constraintLows_, {claim.allowed.low, slot});
    eraseEntry(claim.permission ? permissionHighs_ : constraintHighs_, {claim.allowed.high, slot});
  }

  // Requirements disjoint from the claim, permissions reaching outside a requirement, and
  // requirements narrower than a permission; numericConflict decides on each.
  void candidates(const NumericClaim& claim, Slots& out) const {
    const double low = claim.allowed.low;
    const double high = claim.allowed.high;
    if (claim.permission) {
      addRange(constraintLows_.upper_bound(low), constraintLows_.end(), out);
      addRange(constraintHighs_.begin(), constraintHighs_.lower_bound(high), out);
      return;
    }
    addRange(constraintLows_.upper_bound(high), constraintLows_.end(), out);
    addRange(constraintHighs_.begin(), constraintHighs_.lower_bound(low), out);
    addRange(permissionLows_.begin(), permissionLows_.lower_bound(low), out);
    addRange(permissionHighs_.upper_bound(high), permissionHighs_.end(), out);
  }

 private:
  using Entry = std::pair<double, Slot>;
  // Orders entries by value, then slot; compares with a bare value for the range queries.
  struct ByValue {
    using is_transparent = void;
    bool operator()(const Entry& a, const Entry& b) const { return a < b; }
    bool operator()(const Entry& a, double b) const { return a.first < b; }
    bool operator()(double a, const Entry& b) const { return a < b.first; }
  };
  // A multiset: one requirement may state the same bound twice.
  using Set = std::multiset<Entry, ByValue>;
  static void eraseEntry(Set& set, const Entry& entry) {
    if (const auto found = set.find(entry); found != set.end()) set.erase(found);
  }
  static void addRange(Set::const_iterator first, Set::const_iterator last, Slots& out) {
    for (; first != last; ++first) out.push_back(first->second);
  }
  Set constraintLows_, constraintHighs_, permissionLows_, permissionHighs_;
};

// Bounds by a word of their subject, in two ways. Broader-or-equal subjects ("page" for "search
// page") are found from any word of the narrower one, having been filed under their first; narrower
// subjects, having been filed under every word, are found from the rarest word of the broader one.
// Both keep a handful of entries per claim, where filing under every subset would keep 2^n.
class NumericTable {
 public:
  Slots candidates(const NumericClaim& claim) const {
    Slots slots;
    const Key head = headOf(claim.metric);
    lookUp(byFirstWord_, head, claim, slots);
    for (const auto& word : claim.subject) lookUp(byFirstWord_, mixed(head, word), claim, slots);
    if (const Bounds* narrower = fewestContaining(head, claim.subject)) narrower->candidates(claim, slots);
    return slots;
  }

  void insert(const NumericClaim& claim, Slot slot) {
    forEachKey(claim, [&](Map& map, Key key) { map[key].insert(claim, slot); });
  }

  void erase(const NumericClaim& claim, Slot slot) {
    forEachKey(claim, [&](Map& map, Key key) {
      const auto bounds = map.find(key);
      if (bounds == map.end()) return;
      bounds->second.erase(claim, slot);
      if (bounds->second.empty()) map.erase(bounds);
    });
  }

 private:
  using Map = std::unordered_map<Key, Bounds>;
  static void lookUp(const Map& map, Key key, const NumericClaim& claim, Slots& out) {
    if (const Bounds* bounds = find(map, key)) bounds->candidates(claim, out);
  }
  // Of the bounds whose subject holds every word of `subject` and more, the smallest set that
  // holds them all: those filed under its rarest word. Null when there are none.
  const Bounds* fewestContaining(Key head, const std::vector<std::string>& subject) const {
    if (subject.empty()) return find(containing_, head);
    const Bounds* fewest = nullptr;
    for (const auto& word : subject) {
      const Bounds* bounds = find(containing_, mixed(head, word));
      if (bounds == nullptr) return nullptr;  // no subject holds this word
      if (fewest == nullptr || bounds->size() < fewest->size()) fewest = bounds;
    }
    return fewest;
  }
  static const Bounds* find(const Map& map, Key key) {
    const auto found = map.find(key);
    return found == map.end() ? nullptr : &found->second;
  }
  template <typename Visit>
  void forEachKey(const NumericClaim& claim, Visit visit) {
    const Key head = headOf(claim.metric);
    visit(byFirstWord_, firstWordKey(head, claim.subject));
    if (claim.subject.empty()) return;
    visit(containing_, head);
    for (const auto& word : claim.subject) visit(containing_, mixed(head, word));
  }
  Map byFirstWord_;  // claims whose subject starts with this word (the bare metric: no subject)
  Map containing_;   // claims whose subject holds this word (the bare metric: any subject)
};

// Capabilities asked for, by each of their qualifiers (and by none), and ruled out, by their first.
// An exclusion rules out what is at least as narrow: it finds those from its rarest qualifier,
// and a requirement finds the exclusions from each of its qualifiers.
class CapabilityTable {
 public:
  Slots candidates(const CapabilityClaim& claim) const {
    Slots slots;
    const Key head = headOf(claim.key);
    if (!claim.excluded) {
      excludedWith_.collect(head, slots);
      for (const auto& qualifier : claim.qualifiers) excludedWith_.collect(mixed(head, qualifier), slots);
      return slots;
    }
    if (claim.qualifiers.empty()) {
      requiredWith_.collect(head, slots);
      return slots;
    }
    Key rarest = 0;
    std::size_t fewest = std::numeric_limits<std::size_t>::max();
    for (const auto& qualifier : claim.qualifiers) {
      const Key key = mixed(head, qualifier);
      if (const std::size_t count = requiredWith_.count(key); count < fewest) {
        fewest = count;
        rarest = key;
      }
    }
    requiredWith_.collect(rarest, slots);
    return slots;
  }

  void insert(const CapabilityClaim& claim, Slot slot) {
    forEachKey(claim, [&](SlotsByKey& table, Key key) { table.insert(key, slot); });
  }

  void erase(const CapabilityClaim& claim, Slot slot) {
    forEachKey(claim, [&](SlotsByKey& table, Key key) { table.erase(key, slot); });
  }

 private:
  template <typename Visit>
  void forEachKey(const CapabilityClaim& claim, Visit visit) {
    const Key head = headOf(claim.key);
    if (claim.excluded) {
      visit(excludedWith_, firstWordKey(head, claim.qualifiers));
      return;
    }
    visit(requiredWith_, head);
    for (const auto& qualifier : claim.qualifiers) visit(requiredWith_, mixed(head, qualifier));
  }
  SlotsByKey requiredWith_;  // asked for, with this qualifier among theirs (the bare key: any)
  SlotsByKey excludedWith_;  // ruled out, with this as their first qualifier (the bare key: none)
};

// Who alone may, or everyone may, per action and object.
class AccessTable {
 public:
  Slots candidates(const AccessClaim& claim) const {
    Slots slots;
    const auto rule = rules_.find(claim.rule);
    if (rule == rules_.end()) return slots;
    const Holders& holders = rule->second;
    if (!claim.role.empty()) slots.insert(slots.end(), holders.everyone.begin(), holders.everyone.end());
    for (const auto& [role, onlyThem] : holders.onlyRole) {
      if (role != claim.role) slots.insert(slots.end(), onlyThem.begin(), onlyThem.end());
    }
    return slots;
  }

  void insert(const AccessClaim& claim, Slot slot) { bagOf(claim).push_back(slot); }

  void erase(const AccessClaim& claim, Slot slot) {
    Holders& holders = rules_[claim.rule];
    if (claim.role.empty()) {
      eraseOne(holders.everyone, slot);
    } else if (const auto role = holders.onlyRole.find(claim.role); role != holders.onlyRole.end()) {
      eraseOne(role->second, slot);
      if (role->second.empty()) holders.onlyRole.erase(role);
    }
    if (holders.everyone.empty() && holders.onlyRole.empty()) rules_.erase(claim.rule);
  }

 private:
  struct Holders {
    std::unordered_map<std::string, Slots> onlyRole;
    Slots everyone;
  };
  Slots& bagOf(const AccessClaim& claim) {
    Holders& holders = rules_[claim.rule];
    return claim.role.empty() ? holders.everyone : holders.onlyRole[claim.role];
  }
  std::unordered_map<std::string, Holders> rules_;
};

}  // namespace

// What one requirement holds in the tables.
struct ConflictIndex::Keys {
  std::uint64_t sequence = 0;     // when it was added: the earlier of a pair comes first
  const std::string* id = nullptr;  // the key of `slotOf`, which does not move
  std::string text;
  conflicts::Claims claims;
};

struct ConflictIndex::Tables {
  // By slot; a removed requirement leaves its slot in `freeSlots`. A deque: growing it neither
  // copies the entries nor keeps room for as many again.
  std::deque<Keys> entries;
  std::vector<Slot> freeSlots;
  std::unordered_map<std::string, Slot> slotOf;  // by requirement id
  std::uint64_t nextSequence = 0;
  ChoiceTable choices;
  NumericTable numbers;
  CapabilityTable capabilities;
  AccessTable access;

  template <typename Visit>
  void forEachClaim(const conflicts::Claims& claims, Visit visit) {
    for (const auto& claim : claims.choices) visit(choices, claim);
    for (const auto& claim : claims.access) visit(access, claim);
    for (const auto& claim : claims.numbers) visit(numbers, claim);
    for (const auto& claim : claims.capabilities) visit(capabilities, claim);
  }

  Slot slotFor(std::string_view id) const {
    const auto found = slotOf.find(std::string(id));
    return found == slotOf.end() ? kNoSlot : found->second;
  }

  // The conflicts of `added` (not held, or held in `self`, which is skipped) with those held.
  std::vector<ConflictDraft> draftsFor(std::string_view id, const Keys& added, Slot self) const;

  // The drafts of one add, one per earlier requirement: the first verdict found for a pair wins.
  class Findings {
   public:
    Findings(const std::deque<Keys>& entries, std::string_view id, const Keys& added, Slot self)
        : entries_(entries), id_(id), added_(added), self_(self) {}

    // For each candidate, the first of its claims of this kind that cannot hold beside `claim`.
    template <typename Claim, typename Verdict>
    void check(const Slots& candidates, const Claim& claim, std::vector<Claim> conflicts::Claims::*kindOf,
               ConflictKind kind, Verdict verdict) {
      for (const Slot candidate : candidates) {
        if (candidate == self_ || drafts_.contains(candidate)) continue;
        const Keys& earlier = entries_[candidate];
        for (const auto& held : earlier.claims.*kindOf) {
          if (auto sentence = verdict(earlier.text, held, added_.text, claim)) {
            drafts_.emplace(candidate, ConflictDraft{*earlier.id, std::string(id_), kind, std::move(*sentence)});
            break;
          }
        }
      }
    }

    std::vector<ConflictDraft> inOrder() && {
      std::vector<std::pair<std::uint64_t, ConflictDraft>> sequenced;
      sequenced.reserve(drafts_.size());
      for (auto& [slot, draft] : drafts_) sequenced.emplace_back(entries_[slot].sequence, std::move(draft));
      std::sort(sequenced.begin(), sequenced.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<ConflictDraft> out;
      out.reserve(sequenced.size());
      for (auto& [sequence, draft] : sequenced) out.push_back(std::move(draft));
      return out;
    }

   private:
    const std::deque<Keys>& entries_;
    std::string_view id_;
    const Keys& added_;
    Slot self_;
    std::unordered_map<Slot, ConflictDraft> drafts_;
  };
};

ConflictIndex::ConflictIndex() : tables_(std::make_unique<Tables>()) {}
ConflictIndex::~ConflictIndex() = default;
ConflictIndex::ConflictIndex(ConflictIndex&&) noexcept = default;
ConflictIndex& ConflictIndex::operator=(ConflictIndex&&) noexcept = default;

std::vector<ConflictDraft> ConflictIndex::Tables::draftsFor(std::string_view id, const Keys& added,
                                                            Slot self) const {
  Findings findings(entries, id, added, self);
  using conflicts::Claims;
  const auto& claims = added.claims;
  for (const auto& claim : claims.choices) {
    findings.check(choices.candidates(claim), claim, &Claims::choices, ConflictKind::ExclusiveChoice,
                   conflicts::choiceConflict);
  }
  for (const auto& claim : claims.access) {
    findings.check(access.candidates(claim), claim, &Claims::access, ConflictKind::Access, conflicts::accessConflict);
  }
  for (const auto& claim : claims.numbers) {
    findings.check(numbers.candidates(claim), claim, &Claims::numbers, ConflictKind::Numeric,
                   conflicts::numericConflict);
  }
  for (const auto& claim : claims.capabilities) {
    findings.check(capabilities.candidates(claim), claim, &Claims::capabilities, ConflictKind::Polarity,
                   conflicts::capabilityConflict);
  }
  return std::move(findings).inOrder();
}

std::vector<ConflictDraft> ConflictIndex::add(const ExtractedRequirement& requirement) {
  remove(requirement.id);  // an edited text: its old claims go, it counts as just added
  Tables& tables = *tables_;
  Keys added{tables.nextSequence++, nullptr, requirement.text, conflicts::readClaims(requirement)};
  auto drafts = tables.draftsFor(requirement.id, added, kNoSlot);
  Slot slot = 0;
  if (tables.freeSlots.empty()) {
    slot = static_cast<Slot>(tables.entries.size());
    tables.entries.push_back(std::move(added));
  } else {
    slot = tables.freeSlots.back();
    tables.freeSlots.pop_back();
    tables.entries[slot] = std::move(added);
  }
  tables.entries[slot].id = &tables.slotOf.emplace(requirement.id, slot).first->first;
  tables.forEachClaim(tables.entries[slot].claims, [&](auto& table, const auto& claim) { table.insert(claim, slot); });
  return drafts;
}

std::vector<ConflictDraft> ConflictIndex::conflictsWith(const ExtractedRequirement& requirement) const {
  const Keys asked{tables_->nextSequence, nullptr, requirement.text, conflicts::readClaims(requirement)};
  return tables_->draftsFor(requirement.id, asked, tables_->slotFor(requirement.id));
}

void ConflictIndex::remove(std::string_view requirementId) {
  Tables& tables = *tables_;
  const auto found = tables.slotOf.find(std::string(requirementId));
  if (found == tables.slotOf.end()) return;
  const Slot slot = found->second;
  tables.forEachClaim(tables.entries[slot].claims, [&](auto& table, const auto& claim) { table.erase(claim, slot); });
  tables.entries[slot] = Keys{};
  tables.freeSlots.push_back(slot);
  tables.slotOf.erase(found);
}

std::size_t ConflictIndex::size() const { return tables_->slotOf.size(); }

std::optional<std::string_view> ConflictIndex::textOf(std::string_view requirementId) const {
  const Slot slot = tables_->slotFor(requirementId);
  if (slot == kNoSlot) return std::nullopt;
  return std::string_view(tables_->entries[slot].text);
}

}  // namespace nexus::domain
