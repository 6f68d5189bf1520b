#pragma once
// A requirement's text as the conflict index reads it: lower-case word tokens with the clause
// breaks kept, so that "PostgreSQL, not MySQL" negates MySQL only and "2.5 seconds" stays one
// number. Phrases are matched on whole tokens, never inside a word.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nexus::domain::conflicts {

// The token standing for . , ; : ! ? ( ) and the like: words on either side are in different
// clauses.
inline constexpr std::string_view kClauseBreak = "|";

struct Token {
  std::string word;     // lower case: "postgresql", "2.5", "%", "csharp"
  std::string written;  // as the person wrote it: "PostgreSQL", "2.5", "%", "C#"
};

class Statement {
 public:
  explicit Statement(std::string_view text);
  // The positions index views the tokens' words: no copies.
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  std::size_t size() const { return tokens_.size(); }
  const std::string& word(std::size_t index) const { return tokens_[index].word; }
  const std::string& written(std::size_t index) const { return tokens_[index].written; }

  // True when the words of `phrase` are the tokens from `index` on.
  bool matchesAt(std::size_t index, std::string_view phrase) const;
  // Where `phrase` starts, in order; a phrase whose first word is absent costs one lookup.
  std::vector<std::size_t> find(std::string_view phrase) const;
  bool contains(std::string_view phrase) const { return !find(phrase).empty(); }

  // The tokens [begin, end) of the clause holding `index`; breaks are not part of it.
  std::size_t clauseBegin(std::size_t index) const;
  std::size_t clauseEnd(std::size_t index) const;

  // The written words [begin, end) joined by spaces ("%" joins its number: "99.9%").
  std::string writtenText(std::size_t begin, std::size_t end) const;

 private:
  std::vector<Token> tokens_;
  std::unordered_map<std::string_view, std::vector<std::size_t>> positions_;  // by word
};

// The number of words in a phrase: "at the same time" has 4.
std::size_t wordCount(std::string_view phrase);

// "2", "2.5", "1000" (from "1,000"); nullopt for anything else.
std::optional<double> numberValue(std::string_view word);

// A light stem, enough to meet singular and plural: "pages" -> "page", "policies" -> "policy",
// "user's" -> "user"; "status" and "access" keep their "s".
std::string stem(std::string_view word);

}  // namespace nexus::domain::conflicts
