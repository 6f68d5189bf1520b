#include "domain/near_duplicates.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/text.hpp"

namespace nexus::domain {
namespace {

// Jaccard similarity of two word sets, as text::jaccard computes it: `left` and `right` are the
// numbered words both may hold, ascending; `unseen` more words of `left` are in no text held.
double jaccard(const std::vector<std::uint32_t>& left, std::size_t unseen, const std::vector<std::uint32_t>& right) {
  const std::size_t leftSize = left.size() + unseen;
  if (leftSize == 0 && right.empty()) return 1.0;
  std::size_t common = 0;
  for (auto i = left.begin(), j = right.begin(); i != left.end() && j != right.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(leftSize + right.size() - common);
}

}  // namespace

NearDuplicates::NearDuplicates(double threshold) : threshold_(threshold) {
  if (!(threshold > 0.0 && threshold <= 1.0)) throw std::invalid_argument("a similarity threshold is in (0, 1]");
}

std::size_t NearDuplicates::prefixLength(std::size_t words) const {
  // ⌈t·n⌉ taken a hair low, so that rounding never shortens the prefix below what the proof needs.
  const auto shared = static_cast<std::size_t>(std::ceil(threshold_ * static_cast<double>(words) - 1e-9));
  return std::min(words, words - std::min(shared, words) + 1);
}

void NearDuplicates::file(std::uint32_t slot) {
  const auto& words = held_[slot].words;
  const std::size_t length = prefixLength(words.size());
  for (auto word = words.end() - static_cast<std::ptrdiff_t>(length); word != words.end(); ++word) {
    filedUnder_[*word].push_back(slot);
  }
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
  file(slot);
}

void NearDuplicates::remove(const std::string& id) {
  const auto found = slots_.find(id);
  if (found == slots_.end()) return;
  const std::uint32_t slot = found->second;
  Held& held = held_[slot];
  if (held.words.empty()) --withoutWords_;
  const std::size_t length = prefixLength(held.words.size());
  for (auto word = held.words.end() - static_cast<std::ptrdiff_t>(length); word != held.words.end(); ++word) {
    auto& slots = filedUnder_[*word];
    std::erase(slots, slot);
    if (slots.empty()) filedUnder_.erase(*word);
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
  const auto similar = [&](const Held& held) { return held.live && jaccard(words, unseen, held.words) >= threshold; };
  if (threshold < threshold_) return std::any_of(held_.begin(), held_.end(), similar);
  if (words.empty() && unseen == 0) return withoutWords_ > 0;  // only texts without words are similar to it
  // The prefix is the unseen words (filed under by no text), then the newest seen ones.
  const std::size_t length = prefixLength(words.size() + unseen);
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
