#include "domain/conflict_index.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>
#include <utility>

#include "domain/conflict_claims.hpp"

namespace nexus::domain {
namespace {

using conflicts::AccessClaim;
using conflicts::CapabilityClaim;
using conflicts::ChoiceClaim;
using conflicts::NumericClaim;
using IdSet = std::unordered_set<std::string>;
using Ids = std::vector<std::string>;

void addAll(const IdSet& ids, Ids& out) { out.insert(out.end(), ids.begin(), ids.end()); }

// Erases `id` from `map[key]`, and the bucket when it empties.
template <typename Map>
void eraseFrom(Map& map, const std::string& key, const std::string& id) {
  const auto bucket = map.find(key);
  if (bucket == map.end()) return;
  bucket->second.erase(id);
  if (bucket->second.empty()) map.erase(bucket);
}

// A claim's words as part of a key: "delete project", "page search".
std::string keyOf(std::string_view head, const std::vector<std::string>& words) {
  std::string key(head);
  for (const auto& word : words) key += " " + word;
  return key;
}

// Who holds each value of each single-valued slot.
class ChoiceTable {
 public:
  // Holders of another value that rules this one out: any exclusive one, and plain mentions
  // too when this claim is exclusive.
  Ids candidates(const ChoiceClaim& claim) const {
    Ids ids;
    const auto slot = slots_.find(claim.slot);
    if (slot == slots_.end()) return ids;
    for (const auto& [value, holders] : slot->second) {
      if (value == claim.value) continue;
      addAll(holders.exclusive, ids);
      if (claim.exclusive) addAll(holders.mentions, ids);
    }
    return ids;
  }

  void insert(const ChoiceClaim& claim, const std::string& id) { setOf(claim).insert(id); }

  void erase(const ChoiceClaim& claim, const std::string& id) {
    setOf(claim).erase(id);
    auto& slot = slots_[claim.slot];
    const auto value = slot.find(claim.value);
    if (value->second.exclusive.empty() && value->second.mentions.empty()) slot.erase(value);
    if (slot.empty()) slots_.erase(claim.slot);
  }

 private:
  struct Holders {
    IdSet exclusive;
    IdSet mentions;
  };
  IdSet& setOf(const ChoiceClaim& claim) {
    Holders& holders = slots_[claim.slot][claim.value];
    return claim.exclusive ? holders.exclusive : holders.mentions;
  }
  std::unordered_map<std::size_t, std::unordered_map<std::size_t, Holders>>
      slots_;  // slot -> value -> holders
};

// The bounds held on one (metric, subject), ordered so that those which cannot hold beside a
// new one are found by range, not by a scan. Keyed by value and id: many share a value (every
// "at least" bound reaches infinity), and removing one must not walk them all.
class Bounds {
 public:
  bool empty() const { return constraintLows_.empty() && permissionLows_.empty(); }

  void insert(const NumericClaim& claim, const std::string& id) {
    (claim.permission ? permissionLows_ : constraintLows_).emplace(claim.allowed.low, id);
    (claim.permission ? permissionHighs_ : constraintHighs_).emplace(claim.allowed.high, id);
  }

  void erase(const NumericClaim& claim, const std::string& id) {
    (claim.permission ? permissionLows_ : constraintLows_).erase({claim.allowed.low, id});
    (claim.permission ? permissionHighs_ : constraintHighs_).erase({claim.allowed.high, id});
  }

  // Requirements disjoint from the claim, permissions reaching outside a requirement, and
  // requirements narrower than a permission; numericConflict decides on each.
  void candidates(const NumericClaim& claim, Ids& out) const {
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
  using Entry = std::pair<double, std::string>;
  // Orders entries by value, then id; compares with a bare value for the range queries.
  struct ByValue {
    using is_transparent = void;
    bool operator()(const Entry& a, const Entry& b) const { return a < b; }
    bool operator()(const Entry& a, double b) const { return a.first < b; }
    bool operator()(double a, const Entry& b) const { return a < b.first; }
  };
  using Set = std::set<Entry, ByValue>;
  static void addRange(Set::const_iterator first, Set::const_iterator last, Ids& out) {
    for (; first != last; ++first) out.push_back(first->second);
  }
  Set constraintLows_, constraintHighs_, permissionLows_, permissionHighs_;
};

// Bounds by (metric, subject), and by every narrower subject of one ("page" holds "search page").
class NumericTable {
 public:
  Ids candidates(const NumericClaim& claim) const {
    Ids ids;
    const std::string head = std::to_string(claim.metric);
    for (const auto& subset : conflicts::subsetsOf(claim.subject))
      lookUp(bySubject_, keyOf(head, subset), claim, ids);
    lookUp(narrowerThan_, keyOf(head, claim.subject), claim, ids);
    return ids;
  }

  void insert(const NumericClaim& claim, const std::string& id) {
    forEachKey(claim, [&](auto& map, const std::string& key) { map[key].insert(claim, id); });
  }

  void erase(const NumericClaim& claim, const std::string& id) {
    forEachKey(claim, [&](auto& map, const std::string& key) {
      const auto bounds = map.find(key);
      if (bounds == map.end()) return;
      bounds->second.erase(claim, id);
      if (bounds->second.empty()) map.erase(bounds);
    });
  }

 private:
  using Map = std::unordered_map<std::string, Bounds>;
  static void lookUp(const Map& map, const std::string& key, const NumericClaim& claim, Ids& out) {
    if (const auto bounds = map.find(key); bounds != map.end()) bounds->second.candidates(claim, out);
  }
  template <typename Visit>
  void forEachKey(const NumericClaim& claim, Visit visit) {
    const std::string head = std::to_string(claim.metric);
    visit(bySubject_, keyOf(head, claim.subject));
    for (const auto& subset : conflicts::subsetsOf(claim.subject)) {
      if (subset.size() < claim.subject.size()) visit(narrowerThan_, keyOf(head, subset));
    }
  }
  Map bySubject_;     // claims of exactly this subject
  Map narrowerThan_;  // claims whose subject strictly contains this one
};

// Capabilities asked for, under every subset of their qualifiers, and ruled out, under theirs.
class CapabilityTable {
 public:
  Ids candidates(const CapabilityClaim& claim) const {
    Ids ids;
    if (claim.excluded) {
      lookUp(requiredWith_, keyOf(claim.key, claim.qualifiers), ids);
    } else {
      for (const auto& subset : conflicts::subsetsOf(claim.qualifiers))
        lookUp(excludedWith_, keyOf(claim.key, subset), ids);
    }
    return ids;
  }

  void insert(const CapabilityClaim& claim, const std::string& id) {
    forEachKey(claim, [&](auto& map, const std::string& key) { map[key].insert(id); });
  }

  void erase(const CapabilityClaim& claim, const std::string& id) {
    forEachKey(claim, [&](auto& map, const std::string& key) { eraseFrom(map, key, id); });
  }

 private:
  using Map = std::unordered_map<std::string, IdSet>;
  static void lookUp(const Map& map, const std::string& key, Ids& out) {
    if (const auto ids = map.find(key); ids != map.end()) addAll(ids->second, out);
  }
  template <typename Visit>
  void forEachKey(const CapabilityClaim& claim, Visit visit) {
    if (claim.excluded) {
      visit(excludedWith_, keyOf(claim.key, claim.qualifiers));
      return;
    }
    for (const auto& subset : conflicts::subsetsOf(claim.qualifiers))
      visit(requiredWith_, keyOf(claim.key, subset));
  }
  Map requiredWith_;  // asked for, with these qualifiers among theirs
  Map excludedWith_;  // ruled out, with exactly these qualifiers
};

// Who alone may, or everyone may, per action and object.
class AccessTable {
 public:
  Ids candidates(const AccessClaim& claim) const {
    Ids ids;
    const auto rule = rules_.find(claim.rule);
    if (rule == rules_.end()) return ids;
    if (!claim.role.empty()) addAll(rule->second.everyone, ids);
    for (const auto& [role, holders] : rule->second.onlyRole) {
      if (role != claim.role) addAll(holders, ids);
    }
    return ids;
  }

  void insert(const AccessClaim& claim, const std::string& id) { setOf(claim).insert(id); }

  void erase(const AccessClaim& claim, const std::string& id) {
    Holders& holders = rules_[claim.rule];
    if (claim.role.empty()) {
      holders.everyone.erase(id);
    } else {
      eraseFrom(holders.onlyRole, claim.role, id);
    }
    if (holders.everyone.empty() && holders.onlyRole.empty()) rules_.erase(claim.rule);
  }

 private:
  struct Holders {
    std::unordered_map<std::string, IdSet> onlyRole;
    IdSet everyone;
  };
  IdSet& setOf(const AccessClaim& claim) {
    Holders& holders = rules_[claim.rule];
    return claim.role.empty() ? holders.everyone : holders.onlyRole[claim.role];
  }
  std::unordered_map<std::string, Holders> rules_;
};

}  // namespace

// What one requirement holds in the tables.
struct ConflictIndex::Keys {
  std::uint64_t sequence = 0;  // when it was added: the earlier of a pair comes first
  std::string text;
  conflicts::Claims claims;
};

struct ConflictIndex::Tables {
  std::unordered_map<std::string, Keys> entries;  // by requirement id
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

  // The conflicts of `added` (not yet held, or just taken out) with those held.
  std::vector<ConflictDraft> draftsFor(std::string_view id, const Keys& added) const;

  // The drafts of one add, one per earlier requirement: the first verdict found for a pair wins.
  class Findings {
   public:
    Findings(const std::unordered_map<std::string, Keys>& entries, std::string_view id, const Keys& added)
        : entries_(entries), id_(id), added_(added) {}

    // For each candidate, the first of its claims of this kind that cannot hold beside `claim`.
    template <typename Claim, typename Verdict>
    void check(const Ids& candidates, const Claim& claim, std::vector<Claim> conflicts::Claims::*kindOf,
               ConflictKind kind, Verdict verdict) {
      for (const auto& candidate : candidates) {
        if (candidate == id_ || drafts_.contains(candidate)) continue;
        const auto& earlier = entries_.at(candidate);
        for (const auto& held : earlier.claims.*kindOf) {
          if (auto sentence = verdict(earlier.text, held, added_.text, claim)) {
            drafts_.emplace(candidate,
                            ConflictDraft{candidate, std::string(id_), kind, std::move(*sentence)});
            break;
          }
        }
      }
    }

    std::vector<ConflictDraft> inOrder() && {
      std::vector<ConflictDraft> out;
      out.reserve(drafts_.size());
      for (auto& [id, draft] : drafts_) out.push_back(std::move(draft));
      std::sort(out.begin(), out.end(), [&](const ConflictDraft& a, const ConflictDraft& b) {
        return entries_.at(a.firstId).sequence < entries_.at(b.firstId).sequence;
      });
      return out;
    }

   private:
    const std::unordered_map<std::string, Keys>& entries_;
    std::string_view id_;
    const Keys& added_;
    std::unordered_map<std::string, ConflictDraft> drafts_;
  };
};

ConflictIndex::ConflictIndex() : tables_(std::make_unique<Tables>()) {}
ConflictIndex::~ConflictIndex() = default;
ConflictIndex::ConflictIndex(ConflictIndex&&) noexcept = default;
ConflictIndex& ConflictIndex::operator=(ConflictIndex&&) noexcept = default;

std::vector<ConflictDraft> ConflictIndex::Tables::draftsFor(std::string_view id, const Keys& added) const {
  Findings findings(entries, id, added);
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
  Keys added{tables.nextSequence++, requirement.text, conflicts::readClaims(requirement)};
  auto drafts = tables.draftsFor(requirement.id, added);
  tables.forEachClaim(added.claims, [&](auto& table, const auto& claim) { table.insert(claim, requirement.id); });
  tables.entries.emplace(requirement.id, std::move(added));
  return drafts;
}

std::vector<ConflictDraft> ConflictIndex::conflictsWith(const ExtractedRequirement& requirement) const {
  const Keys asked{tables_->nextSequence, requirement.text, conflicts::readClaims(requirement)};
  return tables_->draftsFor(requirement.id, asked);
}

void ConflictIndex::remove(std::string_view requirementId) {
  Tables& tables = *tables_;
  const auto entry = tables.entries.find(std::string(requirementId));
  if (entry == tables.entries.end()) return;
  tables.forEachClaim(entry->second.claims,
                      [&](auto& table, const auto& claim) { table.erase(claim, entry->first); });
  tables.entries.erase(entry);
}

std::size_t ConflictIndex::size() const { return tables_->entries.size(); }

}  // namespace nexus::domain
