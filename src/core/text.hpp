#pragma once
// Small ASCII-oriented text helpers shared by the extractor, the question generator and the
// offline analyst. Non-ASCII bytes (UTF-8) pass through untouched.

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

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValidUtf8(std::string_view text);

// Cuts `text` to at most `maxBytes` bytes on a UTF-8 character boundary, adding "…" when cut.
std::string truncateUtf8(std::string_view text, std::size_t maxBytes);

}  // namespace nexus::text
