#pragma once
// The near-duplicate scan of RequirementsStore::add() made cheap for large projects.
// text::tokenSimilarity tokenizes both texts on every call (about 2 µs a pair), so comparing a
// new text with 10,000 stored ones costs ~20 ms. This index reduces each stored text once to
// its content words as sorted integer ids, and files it under the words of its prefix (prefix
// filtering, as domain/near_duplicates.hpp explains it: ids are given in the order words are
// first seen, and the prefix is a text's newest words), so that a lookup compares only the
// texts filed under a word of its own prefix, by one merge of two short lists each. The texts
// that pass are handed to requirement_rules::nearDuplicate, so the choice (and the similarity
// that decides it) is exactly that of a plain scan with tokenSimilarity.
//
// Ownership: a store keeps one per project in memory. Thread safety: none; used under the
// store's mutex.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/string_map.hpp"
#include "core/types.hpp"

namespace nexus {

class NearDuplicateIndex {
 public:
  struct Text {
    std::string id;
    std::string text;
    Timestamp createdAt{};
  };
  // A stored text as a caller reads it, e.g. from a result row; copied only if it is new.
  struct TextView {
    std::string_view id;
    std::string_view text;
    Timestamp createdAt{};
  };

  // Inserts, or replaces the entry with that id.
  void put(Text entry);
  void erase(std::string_view id);
  // Makes the index hold exactly the texts `next` yields (it returns false after the last),
  // tokenizing only texts it does not hold yet: cheap when little has changed.
  void sync(const std::function<bool(TextView&)>& next);
  std::size_t size() const { return entries_.size(); }

  // The id add() merges into (requirement_rules::nearDuplicate over the stored texts), or
  // nullopt. Not const: learns the words of `text`.
  std::optional<std::string> nearDuplicate(std::string_view text, double threshold);

 private:
  struct Entry {
    Text text;
    std::vector<std::uint32_t> words;  // content word ids, sorted, unique
    std::uint64_t seenInSync = 0;
  };
  using Positions = std::vector<std::size_t>;

  std::vector<std::uint32_t> contentWords(std::string_view text);
  std::size_t place(Text entry);  // put(), returning where the entry is
  void eraseAt(std::size_t position);
  // The words a text of `words` is filed under at threshold_: its newest (highest ids).
  std::span<const std::uint32_t> prefixOf(const std::vector<std::uint32_t>& words) const;
  void file(std::size_t position);
  void unfile(std::size_t position);
  void fileAllAt(double threshold);

  std::vector<Entry> entries_;
  StringMap<std::size_t> positions_;  // id -> index in entries_
  // Every word seen; kStopWord for those tokenSimilarity ignores.
  StringMap<std::uint32_t> wordIds_;
  std::uint64_t syncs_ = 0;
  // The prefixes are those of the threshold lookups ask for (the store's, always the same); a
  // lookup at another files every text again first. 0: nothing filed yet.
  double threshold_ = 0.0;
  std::unordered_map<std::uint32_t, Positions> filedUnder_;  // word id -> entries
  Positions withoutWords_;  // entries of stop words only (similar, 1.0, to each other)
};

}  // namespace nexus
