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
// The order puts the words first seen last first: words every requirement uses ("users",
// "must"-like content words) were seen early and so fall outside most prefixes, which keeps the
// lists a lookup reads short. A word not seen yet is in no text held, so where the lookup puts
// it does not matter.
//
// A value type: not thread-safe (the engine keeps one per session, changed under its lock).

#include <cstddef>
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
  std::size_t size() const { return texts_.size(); }

  // True when a text held is at least `threshold` similar to `text`. A threshold below the
  // index's own is answered by comparing with every text.
  bool anyAtLeast(std::string_view text, double threshold) const;

 private:
  struct Held {
    std::vector<std::string> words;   // text::contentWords
    std::vector<std::string> prefix;  // the words it is filed under
  };
  std::vector<std::string> prefixOf(std::vector<std::string> words) const;

  double threshold_;
  std::unordered_map<std::string, Held> texts_;                          // by id
  std::unordered_map<std::string, std::vector<std::string>> filedUnder_;  // word -> ids
  std::size_t withoutWords_ = 0;  // texts of stop words only: similar (1.0) to each other
  std::unordered_map<std::string, std::size_t> firstSeen_;  // word -> when it was first seen
};

}  // namespace nexus::domain
