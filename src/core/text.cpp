#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <array>
#include <iterator>
#include <set>

namespace nexus::text {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::array<std::string_view, 40> kStopWords{
    "a",    "an",   "the",  "and",  "or",   "of",   "to",   "in",   "on",   "for",
    "with", "be",   "is",   "are",  "it",   "that", "this", "we",   "i",    "our",
    "my",   "can",  "should", "must", "will", "would", "could", "shall", "need", "needs",
    "want", "have", "has",  "all",  "by",   "as",   "at",   "from", "so",   "also"};

bool isStopWord(std::string_view word) {
  return std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
}

}  // namespace

std::string toLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pendingSpace = false;
  for (char c : trim(text)) {
    if (isSpace(c)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c);
  }
  return out;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower(x) == lower(y);
         });
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (isWordChar(c)) {
      current.push_back(lower(c));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool containsPhrase(std::string_view lowerText, std::string_view phrase) {
  if (phrase.empty()) return false;
  for (std::size_t pos = lowerText.find(phrase); pos != std::string_view::npos;
       pos = lowerText.find(phrase, pos + 1)) {
    const bool startOk = pos == 0 || !isWordChar(lowerText[pos - 1]);
    const std::size_t end = pos + phrase.size();
    const bool endOk = end == lowerText.size() || !isWordChar(lowerText[end]);
    if (startOk && endOk) return true;
  }
  return false;
}

std::vector<std::string> contentWords(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : words(text)) {
    if (!isStopWord(w)) out.push_back(std::move(w));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<std::string>& left, const std::vector<std::string>& right) {
  if (left.empty() && right.empty()) return 1.0;
  std::vector<std::string_view> common;
  std::set_intersection(left.begin(), left.end(), right.begin(), right.end(), std::back_inserter(common));
  const std::size_t unionSize = left.size() + right.size() - common.size();
  return unionSize == 0 ? 0.0 : static_cast<double>(common.size()) / static_cast<double>(unionSize);
}

double jaccard(std::span<const std::uint32_t> left, std::span<const std::uint32_t> right, std::size_t leftOnly) {
  const std::size_t leftSize = left.size() + leftOnly;
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

std::size_t similarityPrefixLength(std::size_t words, double threshold) {
  // ⌈t·n⌉ taken a hair low, so that rounding never shortens the prefix below what the proof needs.
  const auto shared = static_cast<std::size_t>(std::ceil(threshold * static_cast<double>(words) - 1e-9));
  return std::min(words, words - std::min(shared, words) + 1);
}

double tokenSimilarity(std::string_view a, std::string_view b) { return jaccard(contentWords(a), contentWords(b)); }

bool isValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t codePoint = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      codePoint = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      codePoint = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      codePoint = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codePoint < kMinimum[length] || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string truncateUtf8(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return std::string(text);
  std::size_t cut = maxBytes;
  // Step back over UTF-8 continuation bytes so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
}

}  // namespace nexus::text
