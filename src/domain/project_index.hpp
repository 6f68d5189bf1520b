#pragma once
// The requirements of a project that one interview did not state itself (other interviews',
// imported ones), indexed once when the interview opens so that each requirement the interview
// adds is checked against them as well as against its own.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/types.hpp"
#include "domain/conflict_index.hpp"

namespace nexus::domain {

// Immutable once built: shared by the engine's session slot and the interviewer's turn, and read
// from several threads at once without a lock.
class ProjectIndex {
 public:
  // Ids are the requirements database's.
  explicit ProjectIndex(const std::vector<ExtractedRequirement>& requirements);

  // The conflicts `requirement` has with the project's requirements, each with the project's
  // requirement first (it was there before).
  std::vector<ConflictDraft> conflictsWith(const ExtractedRequirement& requirement) const;
  const ExtractedRequirement* find(std::string_view id) const;
  std::size_t size() const { return byId_.size(); }

 private:
  ConflictIndex index_;
  std::unordered_map<std::string, ExtractedRequirement> byId_;
};

}  // namespace nexus::domain
