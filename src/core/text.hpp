#pragma once
// Small ASCII-oriented text helpers shared by the extractor, the question generator and the
// offline analyst. Non-ASCII bytes (UTF-8) pass through untouched.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nexus::text {

std::string toLower(std::string_view text);
std::string_view trim(std::string_view text);
// Collapses runs of whitespace (including newlines) into single spaces and trims.
std::string collapseWhitespace(std::string_view text);
bool startsWith(std::string_view text, std::string_view prefix);
bool iequals(std::string_view a, std::string_view b);

// Lower-cased words of letters, digits and apostrophes: "Sign-in, now!" -> {"sign", "in", "now"}.
std::vector<std::string> words(std::string_view text);

// True when `phrase` (lower case, words separated by single spaces) occurs in `lowerText` on
// word boundaries: containsPhrase("log in now", "log in") but not containsPhrase("blog in", "log in").
bool containsPhrase(std::string_view lowerText, std::string_view phrase);

// Jaccard similarity of the content words (stop words dropped) of two texts, 0..1.
double tokenSimilarity(std::string_view a, std::string_view b);
// The words tokenSimilarity compares: lower-case, without stop words, sorted, once each.
std::vector<std::string> contentWords(std::string_view text);
// tokenSimilarity over two lists of contentWords().
double jaccard(const std::vector<std::string>& left, const std::vector<std::string>& right);
// The same over word sets given as numbers (one dictionary for both), ascending and distinct:
// the indexes' form, compared by one merge. `leftOnly` more words of `left` have no number (no
// right-hand set can hold them) and count in the union.
double jaccard(std::span<const std::uint32_t> left, std::span<const std::uint32_t> right, std::size_t leftOnly = 0);
// Prefix filtering (Chaudhuri, Ganti and Kaushik, ICDE 2006): with every set's words in one
// fixed order, two sets at least `threshold` similar share ⌈t·n⌉ of a set's n words, so the
// first n − ⌈t·n⌉ + 1 of each hold a word of the other. That length, for n words.
std::size_t similarityPrefixLength(std::size_t words, double threshold);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValidUtf8(std::string_view text);

// Cuts `text` to at most `maxBytes` bytes on a UTF-8 character boundary, adding "…" when cut.
std::string truncateUtf8(std::string_view text, std::size_t maxBytes);

}  // namespace nexus::text
