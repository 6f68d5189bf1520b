// Whether two claims of one kind cannot both hold, and the one sentence that says why.

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "domain/conflict_claims.hpp"

namespace nexus::domain::conflicts {
namespace {

std::string quoted(std::string_view text) {
  std::string collapsed = nexus::text::collapseWhitespace(text);
  if (collapsed.ends_with('.')) collapsed.pop_back();  // the sentence goes on after the quote
  return "\"" + collapsed + "\"";
}

// `inner` is a subset of `outer`; both sorted.
bool subsetOf(const std::vector<std::string>& inner, const std::vector<std::string>& outer) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

bool strictSubsetOf(const std::vector<std::string>& inner, const std::vector<std::string>& outer) {
  return inner.size() < outer.size() && subsetOf(inner, outer);
}

// a < b by more than rounding: "2 s" and "2000 ms" are one bound.
bool clearlyBelow(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a < b;
  return a < b - 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

// Both name a part of the system and no word of one names the other's.
bool otherParts(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  return std::none_of(a.begin(), a.end(),
                      [&](const std::string& word) { return std::binary_search(b.begin(), b.end(), word); });
}

bool compatible(const Slot& slot, std::size_t a, std::size_t b) {
  const auto lists = [&](std::size_t holder, std::size_t other) {
    const auto& names = slot.values[holder].compatibleWith;
    return std::find(names.begin(), names.end(), slot.values[other].name) != names.end();
  };
  return lists(a, b) || lists(b, a);
}

std::string valueShown(const Slot& slot, const ChoiceClaim& claim) {
  std::string shown(slot.values[claim.value].name);
  if (claim.exclusive && !slot.mentionsAreExclusive) shown += " only";
  return shown;
}

std::string whoMay(const AccessClaim& claim) {
  return claim.role.empty() ? "everyone" : "only " + claim.roleShown;
}

}  // namespace

std::optional<std::string> choiceConflict(std::string_view earlier, const ChoiceClaim& a,
                                          std::string_view later, const ChoiceClaim& b) {
  if (a.slot != b.slot || a.value == b.value || !(a.exclusive || b.exclusive)) return std::nullopt;
  const Slot& slot = singleValuedSlots()[a.slot];
  if (compatible(slot, a.value, b.value)) return std::nullopt;
  if (slot.perComponent && otherParts(a.component, b.component)) return std::nullopt;
  return quoted(earlier) + " and " + quoted(later) + " name two different " + std::string(slot.plural) +
         ", " + valueShown(slot, a) + " and " + valueShown(slot, b) + "; " + std::string(slot.why) + ".";
}

// Two bounds on one metric conflict when, for the same subject or one more general than the
// other ("pages" and "the search page"; no subject is the most general), the values they allow
// do not meet, or one permits a value the other forbids ("may take up to 5 s" against "must load
// in under 2 s"). A general permission and a narrower requirement within it are a refinement
// ("pages may take up to 5 s", "search must answer in 1 s"): the narrow subject tightens it.
std::optional<std::string> numericConflict(std::string_view earlier, const NumericClaim& a,
                                           std::string_view later, const NumericClaim& b) {
  if (a.metric != b.metric || (a.permission && b.permission)) return std::nullopt;
  const bool related =
      a.subject == b.subject || strictSubsetOf(a.subject, b.subject) || strictSubsetOf(b.subject, a.subject);
  if (!related) return std::nullopt;
  bool conflict = false;
  if (!a.permission && !b.permission) {
    conflict = clearlyBelow(a.allowed.high, b.allowed.low) || clearlyBelow(b.allowed.high, a.allowed.low);
  } else {
    const NumericClaim& permits = a.permission ? a : b;
    const NumericClaim& required = a.permission ? b : a;
    const bool refinement = strictSubsetOf(permits.subject, required.subject);
    conflict = !refinement && (clearlyBelow(permits.allowed.low, required.allowed.low) ||
                               clearlyBelow(required.allowed.high, permits.allowed.high));
  }
  if (!conflict) return std::nullopt;
  return quoted(earlier) + " and " + quoted(later) + " cannot both hold for the " +
         std::string(metrics()[a.metric].name) + ": " + a.bound + " against " + b.bound + ".";
}

// Asked for and ruled out conflict when the exclusion is at least as broad: "no login" rules
// out "users sign in with Google", but "guests need not sign in" does not rule out "users must".
std::optional<std::string> capabilityConflict(std::string_view earlier, const CapabilityClaim& a,
                                              std::string_view later, const CapabilityClaim& b) {
  if (a.key != b.key || a.excluded == b.excluded) return std::nullopt;
  const CapabilityClaim& excluded = a.excluded ? a : b;
  const CapabilityClaim& required = a.excluded ? b : a;
  if (!subsetOf(excluded.qualifiers, required.qualifiers)) return std::nullopt;
  const std::string first = quoted(earlier);
  const std::string second = quoted(later);
  if (a.display.empty()) {
    return a.excluded ? first + " rules out what " + second + " asks for."
                      : first + " asks for what " + second + " rules out.";
  }
  const std::string what(a.display);
  return a.excluded ? first + " rules out " + what + " and " + second + " asks for it."
                    : first + " asks for " + what + " and " + second + " rules it out.";
}

// Restricted to a role by one and granted to everyone, or restricted to another role, by the
// other. A plain grant to a role ("admins can delete projects") is no claim at all.
std::optional<std::string> accessConflict(std::string_view earlier, const AccessClaim& a,
                                          std::string_view later, const AccessClaim& b) {
  if (a.rule != b.rule || a.role == b.role) return std::nullopt;
  return quoted(earlier) + " and " + quoted(later) + " disagree on who may " + a.shown + ": " + whoMay(a) +
         ", or " + whoMay(b) + ".";
}

}  // namespace nexus::domain::conflicts
