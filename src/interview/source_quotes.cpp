#include "interview/source_quotes.hpp"

#include <set>

namespace nexus {
namespace {

constexpr std::string_view kInterview = "interview:";

}  // namespace

void SourceQuotes::add(std::string source, std::string messageId, std::string content) {
  quotes_.insert_or_assign({std::move(source), std::move(messageId)}, std::move(content));
}

std::optional<std::string_view> SourceQuotes::find(const RequirementSource& source) const {
  if (!source.messageId) return std::nullopt;
  const auto it = quotes_.find(std::pair{source.source, *source.messageId});
  if (it == quotes_.end()) return std::nullopt;
  return it->second;
}

SourceQuotes quotesFor(std::span<const Requirement> requirements, const SessionLoader& load) {
  std::set<std::string, std::less<>> wanted;  // "source\nmessage id"
  std::set<std::string, std::less<>> sessionIds;
  for (const auto& r : requirements) {
    for (const auto& s : r.sources) {
      if (!s.messageId || !s.source.starts_with(kInterview)) continue;
      sessionIds.insert(s.source.substr(kInterview.size()));
      wanted.insert(s.source + "\n" + *s.messageId);
    }
  }
  SourceQuotes quotes;
  for (const auto& id : sessionIds) {
    auto loaded = load(id);
    if (!loaded || !*loaded) continue;
    const std::string source = std::string(kInterview) + id;
    for (const auto& message : (*loaded)->messages) {
      if (wanted.contains(source + "\n" + message.id)) quotes.add(source, message.id, message.content);
    }
  }
  return quotes;
}

}  // namespace nexus
