#pragma once
// The words a person said, found for the requirements database's sources ("interview:<id>" and
// a message id), so that documents quote them beside each requirement.

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace nexus {

using SessionLoader = std::function<Result<std::optional<InterviewSession>>(std::string_view sessionId)>;

// (source, message id) -> the message's content: given ones (add), or, with a loader, read from
// the interview on first use. A document walks a project's requirements mostly interview by
// interview, so the last few interviews read are kept (their messages only) and the rest let
// go: the words of 100,000 requirements are never all in memory. An interview that was deleted
// or cannot be read gives no quotes: its requirements are shown without one rather than failing
// the document. Not thread-safe (find() fills the cache).
class SourceQuotes {
 public:
  SourceQuotes() = default;
  explicit SourceQuotes(SessionLoader load, std::size_t keptInterviews = 4);

  void add(std::string source, std::string messageId, std::string content);
  // The words of that place, if known; valid until the next find().
  std::optional<std::string_view> find(const RequirementSource& source) const;

 private:
  using Messages = std::unordered_map<std::string, std::string>;  // message id -> content
  const Messages& interview(std::string_view sessionId) const;

  std::map<std::pair<std::string, std::string>, std::string, std::less<>> given_;
  SessionLoader load_;
  std::size_t keptInterviews_ = 0;
  mutable std::list<std::pair<std::string, Messages>> recent_;  // most recently used first
};

}  // namespace nexus
