#include "store/near_duplicate_index.hpp"

#include <algorithm>
#include <limits>

#include "core/text.hpp"
#include "store/requirements_store.hpp"

namespace nexus {
namespace {

constexpr std::uint32_t kStopWord = std::numeric_limits<std::uint32_t>::max();
// Floating-point slack for the prefilters: they may let a text through, never keep one out.
constexpr double kSlack = 1e-9;

}  // namespace

std::vector<std::uint32_t> NearDuplicateIndex::contentWords(std::string_view text) {
  std::vector<std::uint32_t> ids;
  for (std::string& word : text::words(text)) {
    auto it = wordIds_.find(word);
    if (it == wordIds_.end()) {
      // tokenSimilarity drops exactly the words that leave nothing to compare, so asking it
      // keeps its stop-word list the only one.
      const bool stop = text::tokenSimilarity(word, "") == 1.0;
      const auto id = stop ? kStopWord : static_cast<std::uint32_t>(wordIds_.size());
      it = wordIds_.emplace(std::move(word), id).first;
    }
    if (it->second != kStopWord) ids.push_back(it->second);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void NearDuplicateIndex::put(Text entry) { place(std::move(entry)); }

std::size_t NearDuplicateIndex::place(Text entry) {
  std::vector<std::uint32_t> words = contentWords(entry.text);
  if (const auto it = positions_.find(entry.id); it != positions_.end()) {
    unfile(it->second);
    entries_[it->second] = {std::move(entry), std::move(words)};
    file(it->second);
    return it->second;
  }
  positions_.emplace(entry.id, entries_.size());
  entries_.push_back({std::move(entry), std::move(words)});
  file(entries_.size() - 1);
  return entries_.size() - 1;
}

std::span<const std::uint32_t> NearDuplicateIndex::prefixOf(const std::vector<std::uint32_t>& words) const {
  // The order is newest first: the highest ids.
  return std::span<const std::uint32_t>(words).last(text::similarityPrefixLength(words.size(), threshold_));
}

void NearDuplicateIndex::file(std::size_t position) {
  if (threshold_ <= 0.0) return;
  const auto& words = entries_[position].words;
  if (words.empty()) {
    withoutWords_.push_back(position);
    return;
  }
  for (const std::uint32_t word : prefixOf(words)) filedUnder_[word].push_back(position);
}

void NearDuplicateIndex::unfile(std::size_t position) {
  if (threshold_ <= 0.0) return;
  const auto& words = entries_[position].words;
  if (words.empty()) {
    std::erase(withoutWords_, position);
    return;
  }
  for (const std::uint32_t word : prefixOf(words)) {
    const auto it = filedUnder_.find(word);
    std::erase(it->second, position);
    if (it->second.empty()) filedUnder_.erase(it);
  }
}

void NearDuplicateIndex::fileAllAt(double threshold) {
  filedUnder_.clear();
  withoutWords_.clear();
  threshold_ = threshold;
  for (std::size_t i = 0; i < entries_.size(); ++i) file(i);
}

void NearDuplicateIndex::erase(std::string_view id) {
  if (const auto it = positions_.find(id); it != positions_.end()) eraseAt(it->second);
}

void NearDuplicateIndex::eraseAt(std::size_t position) {
  unfile(position);
  positions_.erase(entries_[position].text.id);
  if (position + 1 != entries_.size()) {  // the last entry fills the hole
    unfile(entries_.size() - 1);
    entries_[position] = std::move(entries_.back());
    positions_[entries_[position].text.id] = position;
    entries_.pop_back();
    file(position);
    return;
  }
  entries_.pop_back();
}

void NearDuplicateIndex::sync(const std::function<bool(TextView&)>& next) {
  const std::uint64_t sync = ++syncs_;
  for (TextView row; next(row);) {
    const auto known = positions_.find(row.id);
    const std::size_t position = known != positions_.end() && entries_[known->second].text.text == row.text
                                     ? known->second
                                     : place({std::string(row.id), std::string(row.text), row.createdAt});
    entries_[position].text.createdAt = row.createdAt;
    entries_[position].seenInSync = sync;
  }
  for (std::size_t i = 0; i < entries_.size();) {
    if (entries_[i].seenInSync == sync) {
      ++i;
    } else {
      eraseAt(i);  // moves the last entry here: look at i again
    }
  }
}

std::optional<std::string> NearDuplicateIndex::nearDuplicate(std::string_view text, double threshold) {
  const std::vector<std::uint32_t> words = contentWords(text);
  // The lookup's own new words are in no text held: its prefix is taken as any other's.
  if (threshold > 0.0 && threshold != threshold_) fileAllAt(threshold);
  Positions filed;
  if (threshold <= 0.0) {
    filed.resize(entries_.size());
    for (std::size_t i = 0; i < filed.size(); ++i) filed[i] = i;
  } else if (words.empty()) {
    filed = withoutWords_;
  } else {
    for (const std::uint32_t word : prefixOf(words)) {
      if (const auto it = filedUnder_.find(word); it != filedUnder_.end()) {
        filed.insert(filed.end(), it->second.begin(), it->second.end());
      }
    }
    std::sort(filed.begin(), filed.end());  // in the order of a plain scan, each once
    filed.erase(std::unique(filed.begin(), filed.end()), filed.end());
  }
  std::vector<requirement_rules::DuplicateCandidate> candidates;
  for (const std::size_t position : filed) {
    const Entry& entry = entries_[position];
    // Jaccard similarity is at most the ratio of the two sizes: most texts stop here.
    // By value: std::minmax of two temporaries would return references to them.
    const std::size_t shorter = std::min(words.size(), entry.words.size());
    const std::size_t longer = std::max(words.size(), entry.words.size());
    if (shorter > 0 && static_cast<double>(shorter) < threshold * static_cast<double>(longer) - kSlack)
      continue;
    if (text::jaccard(words, entry.words) < threshold - kSlack) continue;
    candidates.push_back({entry.text.id, entry.text.text, entry.text.createdAt});
  }
  const auto chosen = requirement_rules::nearDuplicate(candidates, text, threshold);
  if (!chosen) return std::nullopt;
  return std::string(candidates[*chosen].id);
}

}  // namespace nexus
