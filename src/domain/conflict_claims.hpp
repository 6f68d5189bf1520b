#pragma once
// What one requirement claims, in the terms the conflict index keys on (conflict_index.cpp), and
// whether two claims of one kind cannot both hold. Reading is in conflict_claims.cpp (choices,
// capabilities, access) and conflict_numbers.cpp; the verdicts and their sentences are in
// conflict_verdicts.cpp. All of it is pure.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/types.hpp"
#include "domain/conflict_slots.hpp"
#include "domain/conflict_statement.hpp"

namespace nexus::domain::conflicts {

// A value of a single-valued slot: "the database is PostgreSQL".
struct ChoiceClaim {
  std::size_t slot = 0;   // index in singleValuedSlots()
  std::size_t value = 0;  // index in the slot's values
  // Rules out every other value: any mention on an exclusive slot, an "only ..." on the others.
  bool exclusive = true;
  // On a per-component slot, the sorted stems naming the part it is said of ("portal"); empty:
  // the whole system.
  std::vector<std::string> component;

  bool operator==(const ChoiceClaim&) const = default;
};

// Values of a metric, in the base unit of its family (ms, KB, %, users, requests per second).
struct Interval {
  double low = 0.0;
  double high = 0.0;

  bool operator==(const Interval&) const = default;
};

// A bound on a metric of a subject: "pages load in under 2 seconds".
struct NumericClaim {
  std::size_t metric = 0;            // index in metrics()
  std::vector<std::string> subject;  // sorted stems of what is measured ("page"); empty: everything
  Interval allowed;                  // the values the requirement allows
  // "may take up to 5 seconds": declares every value of `allowed` fine, rather than requiring
  // the value to lie in it.
  bool permission = false;
  std::string bound;  // as explanations write it: "at most 2 seconds", "up to 5 seconds allowed"

  bool operator==(const NumericClaim&) const = default;
};

// A capability asked for or ruled out: "users must sign in", "no login".
struct CapabilityClaim {
  // "sign-in" for one of capabilities(); for any other, kGenericCapability and its content words.
  std::string key;
  std::string_view display;  // "signing in"; empty for a generic key
  // Sorted stems of the other content words of its clause ("user", "google"): an exclusion
  // rules out a requirement only when it is at least as broad (its qualifiers are a subset).
  std::vector<std::string> qualifiers;
  bool excluded = false;

  bool operator==(const CapabilityClaim&) const = default;
};

// The prefix of a generic capability key.
inline constexpr std::string_view kGenericCapability = "~";

// Who may do an action to an object: "only admins can delete projects".
struct AccessClaim {
  std::string rule;       // the action and the stems of its object: "delete project"
  std::string shown;      // as written: "delete projects"
  std::string role;       // the stems of who alone may ("admin"); empty: everyone may
  std::string roleShown;  // as written: "admins"

  bool operator==(const AccessClaim&) const = default;
};

struct Claims {
  std::vector<ChoiceClaim> choices;
  std::vector<NumericClaim> numbers;
  std::vector<CapabilityClaim> capabilities;
  std::vector<AccessClaim> access;

  bool operator==(const Claims&) const = default;
};

Claims readClaims(const ExtractedRequirement& requirement);
std::vector<NumericClaim> readNumbers(const Statement& statement);  // conflict_numbers.cpp

// The sentence naming both sides when the earlier claim (of the requirement whose text is
// `earlier`) and the later one cannot both hold, the earlier first; nullopt when they can.
std::optional<std::string> choiceConflict(std::string_view earlier, const ChoiceClaim& a,
                                          std::string_view later, const ChoiceClaim& b);
std::optional<std::string> numericConflict(std::string_view earlier, const NumericClaim& a,
                                           std::string_view later, const NumericClaim& b);
std::optional<std::string> capabilityConflict(std::string_view earlier, const CapabilityClaim& a,
                                              std::string_view later, const CapabilityClaim& b);
std::optional<std::string> accessConflict(std::string_view earlier, const AccessClaim& a,
                                          std::string_view later, const AccessClaim& b);

// ---- helpers shared by the readers ---------------------------------------------------------

// Membership in a word list of conflict_slots.hpp, by hash.
class WordSet {
 public:
  explicit WordSet(const Phrases& words) : words_(words.begin(), words.end()) {}
  bool contains(std::string_view word) const { return words_.contains(word); }

 private:
  std::unordered_set<std::string_view> words_;
};

// The word count of the longest of `phrases` that starts at `index`; 0 when none does.
std::size_t longestMatchAt(const Statement& statement, std::size_t index, const Phrases& phrases);
// True when one of `phrases` lies in [begin, end).
bool containsAny(const Statement& statement, std::size_t begin, std::size_t end, const Phrases& phrases);
// Sets `taken` on the tokens of every occurrence of `phrases`, so that no other reading uses them.
void markAll(const Statement& statement, const Phrases& phrases, std::vector<bool>& taken);


}  // namespace nexus::domain::conflicts
