#pragma once
// Requirements that cannot both hold (DESIGN.md §2 RequirementConflict), found as each one
// arrives: polarity (a capability required and excluded), exclusive-choice (two values for a
// single-valued slot such as the database), numeric (incompatible bounds on one metric of one
// thing) and access (only some may do what everyone may do). Slots, values and metric words are
// data in conflict_slots.cpp. A refinement ("pages load in under 2 s", then "the search page
// loads in under 1 s") is no conflict, and neither is a paraphrase.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/quality.hpp"
#include "core/types.hpp"

namespace nexus::domain {

// A conflict before it has an id and a status.
struct ConflictDraft {
  std::string firstId;   // the requirement added earlier
  std::string secondId;  // the one just added
  ConflictKind kind = ConflictKind::ExclusiveChoice;
  std::string explanation;  // one plain sentence naming both sides

  bool operator==(const ConflictDraft&) const = default;
};

// Conflicts with requirements held elsewhere: a session's, which the engine keeps indexed and
// lends to the interviewer for a turn behind the session's lock. Implementations say whether
// they are thread-safe.
class ConflictLookup {
 public:
  virtual ~ConflictLookup() = default;
  // The conflicts `requirement` would have with those held (each pair once, earliest first),
  // adding nothing.
  virtual std::vector<ConflictDraft> conflictsWith(const ExtractedRequirement& requirement) const = 0;
};

// The requirements seen so far, keyed by what they say about slots, metrics, capabilities and
// access; never a pairwise scan: a new requirement is compared only with those filed under its
// keys (an exclusion, with those asking for its capability under its rarest qualifier). The
// tables hold a small integer per requirement, not its id, and a claim is filed under its words
// one by one rather than under every subset of them, so 100,000 requirements fit in tens of
// megabytes. A value type: changing it is not thread-safe (keep one per session under its lock);
// conflictsWith() is.
class ConflictIndex final : public ConflictLookup {
 public:
  ConflictIndex();
  ~ConflictIndex() override;
  ConflictIndex(ConflictIndex&&) noexcept;
  ConflictIndex& operator=(ConflictIndex&&) noexcept;

  // The conflicts of `requirement` with those added before it (each pair once, earliest first),
  // then adds it. Adding an id already held replaces that entry (an edited text), which then
  // counts as just added: it is the second of its pairs.
  std::vector<ConflictDraft> add(const ExtractedRequirement& requirement);
  // The conflicts `requirement` would have with those held, adding nothing (a requirement held
  // under the same id is not compared with itself). Const, so several threads may ask at once
  // while nobody changes the index.
  std::vector<ConflictDraft> conflictsWith(const ExtractedRequirement& requirement) const override;
  // Forgets a requirement (removed by the person); unknown ids are ignored.
  void remove(std::string_view requirementId);
  std::size_t size() const;
  // The text held for a requirement, valid until it is removed or replaced; nullopt when none.
  std::optional<std::string_view> textOf(std::string_view requirementId) const;

 private:
  struct Keys;
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace nexus::domain
