#pragma once
// The requirements of one interview, answering "does it hold one at least this similar
// (text::tokenSimilarity) to a new text?" without comparing the new text with each.
//
// Prefix filtering (Chaudhuri, Ganti and Kaushik, ICDE 2006; Bayardo, Ma and Srikant, WWW 2007):
// put every text's content words in one fixed order. If two word sets x and y have Jaccard
// similarity at least t, they share at least ⌈t·|x|⌉ words, so the first |x| − ⌈t·|x|⌉ + 1 words
// of x and the first |y| − ⌈t·|y|⌉ + 1 of y have one in common (the first of their common
// words in the order). Each text is filed under the words of its prefix; a lookup compares, by
// the same Jaccard as tokenSimilarity, only the texts filed under a word of its own prefix. The
// answer is exactly that of comparing with every text.
//
// Words are numbered as they are first seen, and a text is its content words as sorted numbers,
// so a comparison is one merge of two short integer lists. The order puts the words first seen
// last first: words every requirement uses ("users",
// "must"-like content words) were seen early and so fall outside most prefixes, which keeps the
// lists a lookup reads short. A word not seen yet is in no text held, so where the lookup puts
// it does not matter.
//
// A value type: not thread-safe (the engine keeps one per session, changed under its lock).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nexus::domain {

class NearDuplicates {
 public:
  // `threshold` in (0, 1]: the least similarity lookups may ask for.
  explicit NearDuplicates(double threshold);

  // Holds `text` under `id`, replacing what that id held.
  void add(const std::string& id, std::string_view text);
  void remove(const std::string& id);
  std::size_t size() const { return slots_.size(); }

  // True when a text held is at least `threshold` similar to `text`. A threshold below the
  // index's own is answered by comparing with every text.
  bool anyAtLeast(std::string_view text, double threshold) const;

 private:
  struct Held {
    std::vector<std::uint32_t> words;  // text::contentWords, numbered, ascending
    bool live = false;                 // false: a free slot
  };
  // The words a text is filed under: the first of its words in the order.
  std::span<const std::uint32_t> prefixOf(const std::vector<std::uint32_t>& words) const;

  double threshold_;
  std::vector<Held> held_;                                  // by slot
  std::vector<std::uint32_t> free_;                         // slots to reuse
  std::unordered_map<std::string, std::uint32_t> slots_;    // id -> slot
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> filedUnder_;  // word -> slots
  std::size_t withoutWords_ = 0;  // texts of stop words only: similar (1.0) to each other
  std::unordered_map<std::string, std::uint32_t> numbers_;  // word -> its number: when it was first seen
};

}  // namespace nexus::domain
