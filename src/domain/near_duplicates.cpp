#include "domain/near_duplicates.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/text.hpp"

namespace nexus::domain {
NearDuplicates::NearDuplicates(double threshold) : threshold_(threshold) {
  if (!(threshold > 0.0 && threshold <= 1.0)) throw std::invalid_argument("a similarity threshold is in (0, 1]");
}

std::vector<std::string> NearDuplicates::prefixOf(std::vector<std::string> ordered) const {
  // Newest first; words not seen yet before all (ahead of any held word, which is all that counts).
  const auto rank = [&](const std::string& word) {
    const auto seen = firstSeen_.find(word);
    return seen == firstSeen_.end() ? firstSeen_.size() : seen->second;
  };
  std::sort(ordered.begin(), ordered.end(), [&](const std::string& a, const std::string& b) {
    const std::size_t ra = rank(a);
    const std::size_t rb = rank(b);
    return ra != rb ? ra > rb : a < b;
  });
  // ⌈t·n⌉ taken a hair low, so that rounding never shortens the prefix below what the proof needs.
  const auto shared = static_cast<std::size_t>(std::ceil(threshold_ * static_cast<double>(ordered.size()) - 1e-9));
  const std::size_t length = std::min(ordered.size(), ordered.size() - std::min(shared, ordered.size()) + 1);
  ordered.resize(length);
  return ordered;
}

void NearDuplicates::add(const std::string& id, std::string_view text) {
  remove(id);
  auto words = text::contentWords(text);
  for (const auto& word : words) firstSeen_.try_emplace(word, firstSeen_.size());
  Held held{words, prefixOf(words)};
  if (words.empty()) ++withoutWords_;
  for (const auto& word : held.prefix) filedUnder_[word].push_back(id);
  texts_.emplace(id, std::move(held));
}

void NearDuplicates::remove(const std::string& id) {
  const auto found = texts_.find(id);
  if (found == texts_.end()) return;
  if (found->second.words.empty()) --withoutWords_;
  for (const auto& word : found->second.prefix) {
    auto& ids = filedUnder_[word];
    std::erase(ids, id);
    if (ids.empty()) filedUnder_.erase(word);
  }
  texts_.erase(found);
}

bool NearDuplicates::anyAtLeast(std::string_view text, double threshold) const {
  const auto words = text::contentWords(text);
  if (threshold < threshold_) {
    return std::any_of(texts_.begin(), texts_.end(),
                       [&](const auto& held) { return text::jaccard(held.second.words, words) >= threshold; });
  }
  if (words.empty()) return withoutWords_ > 0;  // only texts without words are similar to it
  for (const auto& word : prefixOf(words)) {
    const auto ids = filedUnder_.find(word);
    if (ids == filedUnder_.end()) continue;
    for (const auto& id : ids->second) {
      if (text::jaccard(texts_.at(id).words, words) >= threshold) return true;
    }
  }
  return false;
}

}  // namespace nexus::domain
