#include "domain/conflict_statement.hpp"

#include <charconv>

namespace nexus::domain::conflicts {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool isWordByte(char c) {
  return isLetter(c) || isDigit(c) || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}
bool isClausePunctuation(char c) {
  constexpr std::string_view kPunctuation = ".,;:!?()[]{}\"";
  return kPunctuation.find(c) != std::string_view::npos;
}

constexpr std::string_view kCurlyApostrophe = "\xE2\x80\x99";

// Spellings whose symbols the tokenizer would drop, as the word the data lists them by.
struct SymbolWord {
  std::string_view written;  // lower case, matched at a word start
  std::string_view word;
};
constexpr SymbolWord kSymbolWords[] = {
    {"c++", "cpp"}, {"c#", "csharp"}, {"f#", "fsharp"}, {".net", "dotnet"}};

class Tokenizer {
 public:
  explicit Tokenizer(std::vector<Token>& out) : out_(out) {}

  void run(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) i = step(text, i);
    flush();
  }

 private:
  std::size_t step(std::string_view text, std::size_t i) {
    if (current_.written.empty()) {
      if (const auto symbol = symbolAt(text, i)) {
        out_.push_back({std::string(symbol->word), std::string(text.substr(i, symbol->written.size()))});
        return i + symbol->written.size();
      }
    }
    if (text.substr(i, kCurlyApostrophe.size()) == kCurlyApostrophe) {
      append('\'', '\'');
      return i + kCurlyApostrophe.size();
    }
    const char c = text[i];
    const bool betweenDigits = i > 0 && isDigit(text[i - 1]) && i + 1 < text.size() && isDigit(text[i + 1]);
    if (c == ',' && betweenDigits && isNumberSoFar()) return i + 1;  // "1,000" is one number
    if (c == '.' && betweenDigits && isNumberSoFar()) {
      append('.', '.');
      return i + 1;
    }
    if (isWordByte(c)) {
      append(lower(c), c);
      return i + 1;
    }
    flush();
    // "node.js", "next.js": a dot inside a name separates words, it ends no clause.
    const bool insideName =
        c == '.' && i > 0 && isWordByte(text[i - 1]) && i + 1 < text.size() && isLetter(text[i + 1]);
    if (insideName) return i + 1;
    if (c == '%') out_.push_back({"%", "%"});
    if (isClausePunctuation(c)) breakClause();
    return i + 1;
  }

  std::optional<SymbolWord> symbolAt(std::string_view text, std::size_t i) const {
    if (i > 0 && isWordByte(text[i - 1])) return std::nullopt;
    for (const auto& symbol : kSymbolWords) {
      const std::size_t end = i + symbol.written.size();
      if (end > text.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < symbol.written.size() && same; ++k)
        same = lower(text[i + k]) == symbol.written[k];
      if (same && (end == text.size() || !isWordByte(text[end]))) return symbol;
    }
    return std::nullopt;
  }

  bool isNumberSoFar() const {
    if (current_.word.empty()) return false;
    for (char c : current_.word) {
      if (!isDigit(c) && c != '.') return false;
    }
    return true;
  }

  void append(char word, char written) {
    current_.word.push_back(word);
    current_.written.push_back(written);
  }

  // "2s" and "500ms" are a number and a unit; "mp3" and "v2" stay words.
  void flush() {
    Token token = std::move(current_);
    current_ = {};
    trimApostrophes(token);
    if (token.word.empty()) return;
    std::size_t digits = 0;
    while (digits < token.word.size() && (isDigit(token.word[digits]) || token.word[digits] == '.')) ++digits;
    if (digits > 0 && digits < token.word.size() && isLetter(token.word[digits])) {
      out_.push_back({token.word.substr(0, digits), token.written.substr(0, digits)});
      out_.push_back({token.word.substr(digits), token.written.substr(digits)});
      return;
    }
    out_.push_back(std::move(token));
  }

  static void trimApostrophes(Token& token) {
    while (!token.word.empty() && token.word.front() == '\'') {
      token.word.erase(0, 1);
      token.written.erase(0, 1);
    }
    while (!token.word.empty() && token.word.back() == '\'') {
      token.word.pop_back();
      token.written.pop_back();
    }
  }

  void breakClause() {
    if (!out_.empty() && out_.back().word != kClauseBreak) out_.push_back({std::string(kClauseBreak), ""});
  }

  std::vector<Token>& out_;
  Token current_;
};

}  // namespace

Statement::Statement(std::string_view text) {
  Tokenizer(tokens_).run(text);
  for (std::size_t i = 0; i < tokens_.size(); ++i) positions_[tokens_[i].word].push_back(i);
}

bool Statement::matchesAt(std::size_t index, std::string_view phrase) const {
  std::size_t at = index;
  while (!phrase.empty()) {
    const std::size_t space = phrase.find(' ');
    const std::string_view piece = phrase.substr(0, space);
    if (at >= tokens_.size() || tokens_[at].word != piece) return false;
    ++at;
    phrase = space == std::string_view::npos ? std::string_view{} : phrase.substr(space + 1);
  }
  return at > index;
}

std::vector<std::size_t> Statement::find(std::string_view phrase) const {
  const auto firstWord = positions_.find(phrase.substr(0, phrase.find(' ')));
  if (firstWord == positions_.end()) return {};
  std::vector<std::size_t> starts;
  for (const std::size_t at : firstWord->second) {
    if (matchesAt(at, phrase)) starts.push_back(at);
  }
  return starts;
}

std::size_t Statement::clauseBegin(std::size_t index) const {
  while (index > 0 && tokens_[index - 1].word != kClauseBreak) --index;
  return index;
}

std::size_t Statement::clauseEnd(std::size_t index) const {
  while (index < tokens_.size() && tokens_[index].word != kClauseBreak) ++index;
  return index;
}

std::string Statement::writtenText(std::size_t begin, std::size_t end) const {
  std::string out;
  for (std::size_t i = begin; i < end && i < tokens_.size(); ++i) {
    if (!out.empty() && tokens_[i].word != "%") out.push_back(' ');
    out += tokens_[i].written;
  }
  return out;
}

std::size_t wordCount(std::string_view phrase) {
  std::size_t count = phrase.empty() ? 0 : 1;
  for (char c : phrase) count += c == ' ' ? 1 : 0;
  return count;
}

std::optional<double> numberValue(std::string_view word) {
  if (word.empty() || !isDigit(word.front()) || !isDigit(word.back())) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc{} || end != word.data() + word.size()) return std::nullopt;
  return value;
}

std::string stem(std::string_view word) {
  std::string out(word);
  if (out.size() > 2 && out.ends_with("'s")) out.resize(out.size() - 2);
  if (out.size() > 4 && out.ends_with("ies")) return out.substr(0, out.size() - 3) + "y";
  const bool keepsItsS = out.ends_with("ss") || out.ends_with("us") || out.ends_with("is");
  if (out.size() > 3 && out.back() == 's' && !keepsItsS) out.pop_back();
  return out;
}

}  // namespace nexus::domain::conflicts
