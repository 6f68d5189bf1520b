#pragma once
// The interviewer's earlier questions, asked whether a question was put before: whether, in any
// case and spacing, it is part of one of them. Each question is normalised once, when it is
// added, and its words are indexed, so that a lookup reads only the earlier questions that hold
// the lookup's rarest inner word instead of every one: a turn costs about the same at message
// 6,000 as at message 20. The engine keeps one per session and lends it to the interviewer
// (InterviewContext::askedIndex).
//
// Not thread-safe for changes; const lookups may run at once.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_map.hpp"

namespace nexus::domain {

class AskedQuestions {
 public:
  AskedQuestions() = default;
  explicit AskedQuestions(std::span<const std::string> questions);

  void add(std::string_view question);
  bool contains(std::string_view question) const;
  std::size_t size() const { return normalized_.size(); }

 private:
  std::vector<std::string> normalized_;  // lower case, words one space apart
  // Each word -> the questions that hold it, in order. A word inside a lookup (not its first or
  // last, which may be the end of a longer word) is a whole word of any question holding it.
  StringMap<std::vector<std::uint32_t>> holders_;
};

}  // namespace nexus::domain
