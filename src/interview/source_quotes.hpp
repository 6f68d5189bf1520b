#pragma once
// The words a person said, found for the requirements database's sources ("interview:<id>" and
// a message id), so that documents quote them beside each requirement.

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace nexus {

// (source, message id) -> the message's content.
class SourceQuotes {
 public:
  void add(std::string source, std::string messageId, std::string content);
  // The words of that place, if known.
  std::optional<std::string_view> find(const RequirementSource& source) const;

 private:
  std::map<std::pair<std::string, std::string>, std::string, std::less<>> quotes_;
};

// Loads each interview the requirements name once and keeps the messages they were stated in.
// An interview that was deleted or cannot be read is skipped: its requirements are then shown
// without a quote rather than failing the document.
using SessionLoader = std::function<Result<std::optional<InterviewSession>>(std::string_view sessionId)>;
SourceQuotes quotesFor(std::span<const Requirement> requirements, const SessionLoader& load);

}  // namespace nexus
