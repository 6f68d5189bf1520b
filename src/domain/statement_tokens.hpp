#pragma once
// A requirement's text cut into tokens that remember where they came from, so that a finding
// can quote the words exactly as the person wrote them ("User-Friendly", "etc."). Private to
// requirement_findings.cpp.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nexus::domain {

enum class TokenType { Word, Number, Punct };

struct Token {
  std::string lower;  // a lower-case word, a number ("99.9", "10,000") or one punctuation mark
  TokenType type = TokenType::Word;
  std::size_t begin = 0;  // byte range in the original text
  std::size_t end = 0;
  std::size_t sentence = 0;  // a sentence ends at '.', '!' or '?' before a space, and at a line break
};

// Tokens [first, last) of a statement.
struct TokenSpan {
  std::size_t first = 0;
  std::size_t last = 0;

  bool overlaps(const TokenSpan& other) const { return first < other.last && other.first < last; }
};

// A phrase (see quality_lexicon.hpp) found in a statement: all of it, and the words it reports.
struct PhraseMatch {
  TokenSpan whole;
  TokenSpan reported;
};

class Statement {
 public:
  // Words are letters, digits and apostrophes (’ reads as '); hyphens, slashes and spaces only
  // separate them. A number keeps its decimal point and thousands separators; a unit written
  // against it ("200ms", "2GB") is a word of its own.
  explicit Statement(std::string_view text);

  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  std::size_t size() const { return tokens_.size(); }
  const Token& operator[](std::size_t index) const { return tokens_[index]; }

  // The original text of a span, exactly as written.
  std::string_view original(TokenSpan span) const;
  // Tokens of the sentence that holds token `index`.
  TokenSpan sentenceOf(std::size_t index) const;

  // Every occurrence of `phrase`, in text order.
  std::vector<PhraseMatch> findAll(std::string_view phrase) const;
  // The phrase of `phrases` that starts at token `at`, the longest one when several do.
  std::optional<TokenSpan> matchAt(std::span<const std::string_view> phrases, std::size_t at) const;
  bool containsAny(std::span<const std::string_view> phrases, TokenSpan within) const;
  bool isWord(std::size_t index, std::span<const std::string_view> words) const;

 private:
  std::string text_;
  std::vector<Token> tokens_;
};

}  // namespace nexus::domain
