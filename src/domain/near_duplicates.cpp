#include "domain/near_duplicates.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace nexus::domain {
NearDuplicates::NearDuplicates(double threshold) : threshold_(threshold) {
  if (!(threshold > 0.0 && threshold <= 1.0)) throw std::invalid_argument("a similarity threshold is in (0, 1]");
}

std::span<const std::uint32_t> NearDuplicates::prefixOf(const std::vector<std::uint32_t>& words) const {
  // The order is newest first: the highest numbers.
  return std::span<const std::uint32_t>(words).last(text::similarityPrefixLength(words.size(), threshold_));
}

void NearDuplicates::add(const std::string& id, std::string_view text) {
  remove(id);
  std::vector<std::uint32_t> words;
  for (const auto& word : text::contentWords(text)) {
    words.push_back(numbers_.try_emplace(word, static_cast<std::uint32_t>(numbers_.size())).first->second);
  }
  std::sort(words.begin(), words.end());
  std::uint32_t slot = 0;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(held_.size());
    held_.emplace_back();
  }
  if (words.empty()) ++withoutWords_;
  held_[slot] = {std::move(words), true};
  slots_.emplace(id, slot);
  for (const std::uint32_t word : prefixOf(held_[slot].words)) filedUnder_[word].push_back(slot);
}

void NearDuplicates::remove(const std::string& id) {
  const auto found = slots_.find(id);
  if (found == slots_.end()) return;
  const std::uint32_t slot = found->second;
  Held& held = held_[slot];
  if (held.words.empty()) --withoutWords_;
  for (const std::uint32_t word : prefixOf(held.words)) {
    auto& slots = filedUnder_[word];
    std::erase(slots, slot);
    if (slots.empty()) filedUnder_.erase(word);
  }
  held = {};
  free_.push_back(slot);
  slots_.erase(found);
}

bool NearDuplicates::anyAtLeast(std::string_view text, double threshold) const {
  std::vector<std::uint32_t> words;
  std::size_t unseen = 0;  // words no text holds: newest of all in the order
  for (const auto& word : text::contentWords(text)) {
    const auto number = numbers_.find(word);
    if (number == numbers_.end()) {
      ++unseen;
    } else {
      words.push_back(number->second);
    }
  }
  std::sort(words.begin(), words.end());
  const auto similar = [&](const Held& held) { return held.live && text::jaccard(words, held.words, unseen) >= threshold; };
  if (threshold < threshold_) return std::any_of(held_.begin(), held_.end(), similar);
  if (words.empty() && unseen == 0) return withoutWords_ > 0;  // only texts without words are similar to it
  // The prefix is the unseen words (filed under by no text), then the newest seen ones.
  const std::size_t length = text::similarityPrefixLength(words.size() + unseen, threshold_);
  const std::size_t seenInPrefix = length > unseen ? length - unseen : 0;
  for (auto word = words.end() - static_cast<std::ptrdiff_t>(seenInPrefix); word != words.end(); ++word) {
    const auto slots = filedUnder_.find(*word);
    if (slots == filedUnder_.end()) continue;
    for (const std::uint32_t slot : slots->second) {
      if (similar(held_[slot])) return true;
    }
  }
  return false;
}

}  // namespace nexus::domain
