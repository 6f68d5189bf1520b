#include "domain/statement_tokens.hpp"

#include <algorithm>
#include <array>

namespace nexus::domain {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isHighByte(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::string_view kCurlyApostrophe = "\xE2\x80\x99";

// Units people write against a number; split off so that "200ms" reads "200 ms". Anything else
// stays one word: "2FA", "4G", "3D".
constexpr std::array<std::string_view, 24> kAttachedUnits{
    "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "d", "k",
    "kb", "mb", "gb", "tb", "pb", "x",  "rps", "qps", "pm", "am", "st", "th"};

bool isAttachedUnit(std::string_view letters) {
  return std::find(kAttachedUnits.begin(), kAttachedUnits.end(), letters) != kAttachedUnits.end();
}

struct ParsedPhrase {
  std::vector<std::string_view> words;
  std::size_t reportFirst = 0;
  std::size_t reportLast = 0;
};

// "must [scale]" -> words {"must", "scale"}, reporting word 1 only.
ParsedPhrase parsePhrase(std::string_view phrase) {
  ParsedPhrase parsed;
  bool bracketed = false;
  while (!phrase.empty()) {
    const std::size_t space = phrase.find(' ');
    std::string_view word = phrase.substr(0, space);
    phrase = space == std::string_view::npos ? std::string_view{} : phrase.substr(space + 1);
    if (word.size() > 1 && word.front() == '[') {
      word.remove_prefix(1);
      parsed.reportFirst = parsed.words.size();
      bracketed = true;
    }
    if (word.size() > 1 && word.back() == ']') {
      word.remove_suffix(1);
      parsed.reportLast = parsed.words.size() + 1;
    }
    if (!word.empty()) parsed.words.push_back(word);
  }
  if (!bracketed) {
    parsed.reportFirst = 0;
    parsed.reportLast = parsed.words.size();
  }
  return parsed;
}

}  // namespace

Statement::Statement(std::string_view text) : text_(text) {
  std::size_t sentence = 0;
  std::size_t i = 0;
  const std::size_t n = text_.size();
  auto push = [&](std::string lowerText, TokenType type, std::size_t begin, std::size_t end) {
    tokens_.push_back(Token{std::move(lowerText), type, begin, end, sentence});
  };
  while (i < n) {
    const char c = text_[i];
    if (c == '\n') {
      ++sentence;
      ++i;
    } else if (isSpace(c) || c == '-' || c == '/') {
      ++i;
    } else if (isDigit(c)) {
      const std::size_t begin = i;
      while (i < n && (isDigit(text_[i]) ||
                       ((text_[i] == '.' || text_[i] == ',') && i + 1 < n && isDigit(text_[i + 1])))) {
        ++i;
      }
      std::size_t letters = i;
      while (letters < n && (isLetter(text_[letters]) || isDigit(text_[letters]))) ++letters;
      const std::string suffix = [&] {
        std::string s;
        for (std::size_t k = i; k < letters; ++k) s.push_back(lower(text_[k]));
        return s;
      }();
      if (suffix.empty() || isAttachedUnit(suffix)) {
        push(std::string(text_.substr(begin, i - begin)), TokenType::Number, begin, i);
        if (!suffix.empty()) push(suffix, TokenType::Word, i, letters);
      } else {
        std::string word;
        for (std::size_t k = begin; k < letters; ++k) word.push_back(lower(text_[k]));
        push(std::move(word), TokenType::Word, begin, letters);
      }
      i = letters;
    } else if (isLetter(c) || c == '\'' || isHighByte(c)) {
      const std::size_t begin = i;
      std::string word;
      while (i < n && (isLetter(text_[i]) || isDigit(text_[i]) || text_[i] == '\'' || isHighByte(text_[i]))) {
        if (text_.compare(i, kCurlyApostrophe.size(), kCurlyApostrophe) == 0) {
          word.push_back('\'');
          i += kCurlyApostrophe.size();
          continue;
        }
        word.push_back(lower(text_[i]));
        ++i;
      }
      push(std::move(word), TokenType::Word, begin, i);
    } else {
      push(std::string(1, c), TokenType::Punct, i, i + 1);
      ++i;
      // "node.js" and "e.g." go on; a stop before a space or the end ends the sentence.
      const bool atBreak = i == n || isSpace(text_[i]) || text_[i] == '\n';
      if ((c == '.' || c == '!' || c == '?') && atBreak) ++sentence;
    }
  }
}

std::string_view Statement::original(TokenSpan span) const {
  if (span.first >= span.last || span.last > tokens_.size()) return {};
  const std::size_t begin = tokens_[span.first].begin;
  return std::string_view(text_).substr(begin, tokens_[span.last - 1].end - begin);
}

TokenSpan Statement::sentenceOf(std::size_t index) const {
  const std::size_t sentence = tokens_[index].sentence;
  TokenSpan span{index, index + 1};
  while (span.first > 0 && tokens_[span.first - 1].sentence == sentence) --span.first;
  while (span.last < tokens_.size() && tokens_[span.last].sentence == sentence) ++span.last;
  return span;
}

std::vector<PhraseMatch> Statement::findAll(std::string_view phrase) const {
  const ParsedPhrase parsed = parsePhrase(phrase);
  std::vector<PhraseMatch> matches;
  const std::size_t length = parsed.words.size();
  if (length == 0 || length > tokens_.size()) return matches;
  for (std::size_t at = 0; at + length <= tokens_.size(); ++at) {
    bool all = true;
    for (std::size_t k = 0; k < length && all; ++k) all = tokens_[at + k].lower == parsed.words[k];
    if (all) {
      matches.push_back({{at, at + length}, {at + parsed.reportFirst, at + parsed.reportLast}});
    }
  }
  return matches;
}

std::optional<TokenSpan> Statement::matchAt(std::span<const std::string_view> phrases,
                                            std::size_t at) const {
  std::optional<TokenSpan> best;
  for (std::string_view phrase : phrases) {
    const ParsedPhrase parsed = parsePhrase(phrase);
    const std::size_t length = parsed.words.size();
    if (length == 0 || at + length > tokens_.size()) continue;
    bool all = true;
    for (std::size_t k = 0; k < length && all; ++k) all = tokens_[at + k].lower == parsed.words[k];
    if (all && (!best || length > best->last - best->first)) best = TokenSpan{at, at + length};
  }
  return best;
}

bool Statement::containsAny(std::span<const std::string_view> phrases, TokenSpan within) const {
  for (std::size_t at = within.first; at < within.last; ++at) {
    const auto match = matchAt(phrases, at);
    if (match && match->last <= within.last) return true;
  }
  return false;
}

bool Statement::isWord(std::size_t index, std::span<const std::string_view> words) const {
  if (index >= tokens_.size()) return false;
  return std::find(words.begin(), words.end(), tokens_[index].lower) != words.end();
}

}  // namespace nexus::domain
