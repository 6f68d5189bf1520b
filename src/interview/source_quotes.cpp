#include "interview/source_quotes.hpp"

#include <algorithm>

namespace nexus {
namespace {

constexpr std::string_view kInterview = "interview:";

}  // namespace

SourceQuotes::SourceQuotes(SessionLoader load, std::size_t keptInterviews)
    : load_(std::move(load)), keptInterviews_(std::max<std::size_t>(1, keptInterviews)) {}

void SourceQuotes::add(std::string source, std::string messageId, std::string content) {
  given_.insert_or_assign({std::move(source), std::move(messageId)}, std::move(content));
}

const SourceQuotes::Messages& SourceQuotes::interview(std::string_view sessionId) const {
  for (auto it = recent_.begin(); it != recent_.end(); ++it) {
    if (it->first != sessionId) continue;
    recent_.splice(recent_.begin(), recent_, it);
    return recent_.front().second;
  }
  Messages messages;
  if (auto loaded = load_(sessionId); loaded && *loaded) {
    for (auto& message : (*loaded)->messages) messages.emplace(std::move(message.id), std::move(message.content));
  }
  recent_.emplace_front(std::string(sessionId), std::move(messages));
  if (recent_.size() > keptInterviews_) recent_.pop_back();
  return recent_.front().second;
}

std::optional<std::string_view> SourceQuotes::find(const RequirementSource& source) const {
  if (!source.messageId) return std::nullopt;
  if (const auto it = given_.find(std::pair{source.source, *source.messageId}); it != given_.end()) {
    return it->second;
  }
  if (!load_ || !source.source.starts_with(kInterview)) return std::nullopt;
  const Messages& messages = interview(std::string_view(source.source).substr(kInterview.size()));
  const auto it = messages.find(*source.messageId);
  if (it == messages.end()) return std::nullopt;
  return it->second;
}

}  // namespace nexus
