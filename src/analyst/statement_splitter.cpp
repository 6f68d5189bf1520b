#include "analyst/statement_splitter.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool isWordChar(char c) {
  return isAsciiLetter(c) || isDigit(c) || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}

// Words before a period that do not end a sentence. "etc" is handled apart: it ends one when
// a capitalised word follows.
constexpr std::array<string_view, 22> kAbbreviations{
    "e.g", "i.e", "eg", "ie", "vs", "approx", "mr",   "mrs", "ms",  "dr",  "st",
    "inc", "ltd", "jr", "sr", "cf", "resp",   "incl", "esp", "a.m", "p.m", "u.s"};

// Words after which a line break does not end a statement: the sentence goes on.
constexpr std::array<string_view, 24> kContinuationWords{
    "and", "or", "but",  "the",  "a",     "an",  "to", "of",   "with", "for", "in", "on",
    "at",  "by", "from", "that", "which", "who", "as", "than", "is",   "are", "be", "into"};

// Words that show a fragment has its own subject or verb, so it must not borrow a lead-in.
constexpr std::array<string_view, 40> kOwnSubjectWords{
    "i",     "we",    "you",  "they",   "he",    "she",   "it",  "this",  "that", "these",
    "those", "there", "the",  "a",      "an",    "our",   "my",  "their", "its",  "each",
    "every", "all",   "any",  "no",     "is",    "are",   "was", "were",  "has",  "have",
    "will",  "can",   "must", "should", "shall", "could", "may", "would", "need", "needs"};

// Lead-in phrases (lower case, word-separated) a subjectless fragment may borrow, longest first.
constexpr std::array<string_view, 26> kLeadPhrases{"must be able to",
                                                   "should be able to",
                                                   "shall be able to",
                                                   "will be able to",
                                                   "can be able to",
                                                   "would like to",
                                                   "need to be able to",
                                                   "need to",
                                                   "needs to",
                                                   "has to",
                                                   "have to",
                                                   "want to",
                                                   "wants to",
                                                   "like to",
                                                   "must",
                                                   "should",
                                                   "shall",
                                                   "will",
                                                   "can",
                                                   "could",
                                                   "may",
                                                   "might",
                                                   "need",
                                                   "needs",
                                                   "want",
                                                   "wants"};

// Verbs that make a clause a statement of its own: "..., and it must integrate with Stripe".
constexpr std::array<string_view, 23> kClauseModals{
    "must",   "should", "shall",   "will",  "can",      "could",    "may",       "might",
    "would",  "need",   "needs",   "has",   "have",     "cannot",   "can't",     "won't",
    "wont",   "it'll",  "we'll",   "they'll", "mustn't", "shouldn't", "doesn't"};

// A new subject (one to five words, "the admin", "only the patient's own therapist") before a modal.
constexpr std::size_t kMaxSubjectWords = 5;

template <std::size_t N>
bool contains(const std::array<string_view, N>& list, string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

struct Token {
  std::string lower;
  std::size_t begin;
  std::size_t end;
};

std::vector<Token> tokens(string_view text) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!isWordChar(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && isWordChar(text[j])) ++j;
    out.push_back({text::toLower(text.substr(i, j - i)), i, j});
    i = j;
  }
  return out;
}

// Strips a bullet or list number ("- ", "* ", "• ", "1. ", "2) ", "a) ") from the line start.
string_view stripBullet(string_view line, bool& wasBullet) {
  wasBullet = false;
  line = text::trim(line);
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && isSpace(line[1])) {
    wasBullet = true;
    return text::trim(line.substr(1));
  }
  if (line.size() >= 3 && line.substr(0, 3) == "\xE2\x80\xA2") {  // •
    wasBullet = true;
    return text::trim(line.substr(3));
  }
  std::size_t i = 0;
  while (i < line.size() && i < 3 && isDigit(line[i])) ++i;
  if (i == 0 && line.size() >= 2 && isLower(line[0]) && line[1] == ')') i = 1;
  if (i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && isSpace(line[i + 1])) {
    wasBullet = true;
    return text::trim(line.substr(i + 1));
  }
  return line;
}

// The word (letters and inner periods) that ends just before position `dot`.
string_view wordBefore(string_view s, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && (isAsciiLetter(s[start - 1]) || s[start - 1] == '.')) --start;
  return s.substr(start, dot - start);
}

bool endsSentenceAt(string_view s, std::size_t i, std::size_t next) {
  if (s[i] != '.') return true;  // '!' and '?' always end one
  const std::string word = text::toLower(wordBefore(s, i));
  if (contains(kAbbreviations, word)) return false;
  const char after = next < s.size() ? s[next] : '\0';
  if (word == "etc") return after == '\0' || isUpper(after);
  if (word == "no" && isDigit(after)) return false;                           // "No. 5"
  if (word.size() == 1 && isUpper(s[i - 1]) && isUpper(after)) return false;  // "J. Smith"
  if (!isLower(after)) return true;
  // People who type in lower case start their sentences so too ("GDPR compliant. data must stay
  // in the EU"). Not after an ellipsis ("wait... what") or a lone letter, nor before "and"/"or".
  const bool ellipsis = (i + 1 < s.size() && s[i + 1] == '.') || (i > 0 && s[i - 1] == '.');
  if (ellipsis || word.size() <= 1) return false;
  std::size_t end = next;
  while (end < s.size() && isAsciiLetter(s[end])) ++end;
  const std::string nextWord = text::toLower(s.substr(next, end - next));
  return nextWord != "and" && nextWord != "or";
}

// Sentences of one block of text (lines already joined).
std::vector<std::string> splitSentences(string_view block) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < block.size(); ++i) {
    const bool ellipsis = block.compare(i, 3, "\xE2\x80\xA6") == 0;
    if (block[i] != '.' && block[i] != '!' && block[i] != '?' && !ellipsis) continue;
    std::size_t end = ellipsis ? i + 3 : i + 1;
    while (end < block.size() && (block[end] == '.' || block[end] == '!' || block[end] == '?')) ++end;
    while (end < block.size() && (block[end] == '"' || block[end] == '\'' || block[end] == ')')) ++end;
    if (end < block.size() && !isSpace(block[end])) continue;  // "99.9%", "v1.2", "example.com"
    std::size_t next = end;
    while (next < block.size() && isSpace(block[next])) ++next;
    if (!ellipsis && !endsSentenceAt(block, i, next)) continue;
    out.emplace_back(text::trim(block.substr(start, end - start)));
    start = next;
    i = next == 0 ? 0 : next - 1;
  }
  if (start < block.size()) out.emplace_back(text::trim(block.substr(start)));
  return out;
}

// The lead-in of `statement` up to the end of its first modal phrase ("Users must be able to").
std::string leadIn(string_view statement) {
  static const auto kLeadWords = [] {
    std::vector<std::vector<std::string>> out;
    for (const auto phrase : kLeadPhrases) out.push_back(text::words(phrase));
    return out;
  }();
  const auto toks = tokens(statement);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    for (const auto& parts : kLeadWords) {
      if (i + parts.size() > toks.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < parts.size() && match; ++k) match = toks[i + k].lower == parts[k];
      if (match && i > 0) return std::string(statement.substr(0, toks[i + parts.size() - 1].end));
    }
  }
  return {};
}

bool hasOwnSubject(string_view fragment) {
  const auto toks = tokens(fragment);
  if (toks.empty()) return true;
  if (contains(kOwnSubjectWords, toks.front().lower)) return true;
  return std::any_of(toks.begin(), toks.end(), [](const Token& t) {
    return contains(kOwnSubjectWords, t.lower) && t.lower != "the" && t.lower != "a" && t.lower != "an" &&
           t.lower != "all" && t.lower != "any" && t.lower != "each" && t.lower != "every" &&
           t.lower != "no" && t.lower != "their" && t.lower != "its" && t.lower != "our" && t.lower != "my" &&
           t.lower != "that";
  });
}

std::string withLead(const std::string& lead, string_view fragment) {
  if (lead.empty() || hasOwnSubject(fragment)) return std::string(fragment);
  return lead + " " + std::string(fragment);
}

bool isClauseModal(const Token& t) {
  // "has"/"have" only as "has to"; the caller checks the word after.
  return contains(kClauseModals, t.lower);
}

// "and"/", but" at toks[at] opens a statement of its own when a new subject and a modal follow
// ("..., and it must integrate with Stripe") and the part before it has a modal of its own, so
// "Users and managers can see reports" and "create, edit and delete tasks" stay whole.
bool opensNewStatement(const std::vector<Token>& toks, std::size_t at, std::size_t partStart) {
  if (at + 2 >= toks.size() || toks[at + 1].lower == "also") return false;
  const auto modalAt = [&](std::size_t k) {
    if (!isClauseModal(toks[k])) return false;
    if (toks[k].lower == "has" || toks[k].lower == "have")
      return k + 1 < toks.size() && toks[k + 1].lower == "to";
    return true;
  };
  // A relative clause is no new subject: "the tasks they can edit", "the customers who can pay".
  static constexpr std::array<string_view, 7> kRelatives{"who",   "which", "that", "whom",
                                                          "whose", "where", "when"};
  static constexpr std::array<string_view, 6> kPronouns{"they", "we", "i", "you", "he", "she"};
  bool newSubject = false;
  for (std::size_t k = at + 2; k < toks.size() && k <= at + kMaxSubjectWords + 1; ++k) {
    const std::string& previous = toks[k - 1].lower;
    if (modalAt(k - 1) || contains(kRelatives, previous)) break;  // the subject holds no modal or relative
    if (k - 1 > at + 1 && contains(kPronouns, previous)) break;
    if (modalAt(k)) {
      newSubject = true;
      break;
    }
  }
  if (!newSubject) return false;
  for (std::size_t k = partStart; k < at; ++k) {
    if (modalAt(k) || toks[k].lower == "want" || toks[k].lower == "wants") return true;
  }
  return false;
}

// Splits a sentence at "; ", " and also " and before a new subject with a modal, lending
// subjectless parts the first part's lead-in.
void splitClauses(string_view sentence, std::vector<std::string>& out) {
  const std::string lower = text::toLower(sentence);
  std::vector<std::pair<std::size_t, std::size_t>> cuts;  // (cut start, next part start)
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (lower[i] == ';') {
      cuts.emplace_back(i, i + 1);
    } else if (lower.compare(i, 10, " and also ") == 0) {
      std::size_t cut = i;
      if (cut > 0 && lower[cut - 1] == ',') --cut;
      cuts.emplace_back(cut, i + 10);
      i += 9;
    }
  }
  const auto toks = tokens(sentence);
  std::size_t partStart = 0;  // first token of the current part
  for (std::size_t t = 0; t < toks.size(); ++t) {
    const bool afterComma = toks[t].begin >= 2 && sentence[toks[t].begin - 2] == ',';
    const bool joiner = toks[t].lower == "and" || (toks[t].lower == "but" && afterComma);
    const bool cutBefore = std::any_of(cuts.begin(), cuts.end(), [&](const auto& cut) {
      return cut.second <= toks[t].begin && (t == 0 || cut.first >= toks[t - 1].end);
    });
    if (cutBefore) partStart = t;
    if (!joiner || !opensNewStatement(toks, t, partStart)) continue;
    cuts.emplace_back(toks[t].begin - (afterComma ? 2 : 1), toks[t].end);
    partStart = t + 1;
  }
  std::sort(cuts.begin(), cuts.end());
  std::string lead;
  std::size_t start = 0;
  cuts.emplace_back(sentence.size(), sentence.size());
  for (const auto& [cut, next] : cuts) {
    const string_view part = text::trim(sentence.substr(start, cut - start));
    start = next;
    if (part.empty()) continue;
    if (!lead.empty() && !hasOwnSubject(part)) {
      out.push_back(withLead(lead, part));
    } else {
      lead = leadIn(part);
      out.emplace_back(part);
    }
  }
}

void cutLong(std::string statement, std::vector<std::string>& out) {
  while (statement.size() > kMaxStatementBytes) {
    std::size_t cut = statement.rfind(", ", kMaxStatementBytes);
    if (cut == std::string::npos || cut < kMaxStatementBytes / 2)
      cut = statement.rfind(' ', kMaxStatementBytes);
    if (cut == std::string::npos || cut == 0) cut = kMaxStatementBytes;
    // Never split a UTF-8 character.
    while (cut > 0 && (static_cast<unsigned char>(statement[cut]) & 0xC0) == 0x80) --cut;
    out.emplace_back(text::trim(string_view(statement).substr(0, cut)));
    statement = std::string(text::trim(string_view(statement).substr(cut + (statement[cut] == ',' ? 1 : 0))));
  }
  if (!statement.empty()) out.push_back(std::move(statement));
}

bool hasWordChar(string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return isWordChar(c); });
}

// A block is a run of lines that form running text; bullets, blank lines and line breaks
// that clearly start something new (a capitalised line after a finished one) separate blocks.
struct Block {
  std::string text;
  bool bullet = false;
};

std::vector<Block> blocks(string_view message) {
  std::vector<Block> out;
  bool open = false;
  std::size_t lineStart = 0;
  while (lineStart <= message.size()) {
    std::size_t lineEnd = message.find('\n', lineStart);
    if (lineEnd == string_view::npos) lineEnd = message.size();
    bool bullet = false;
    const string_view line = stripBullet(message.substr(lineStart, lineEnd - lineStart), bullet);
    lineStart = lineEnd + 1;
    if (line.empty()) {
      open = false;
      if (lineEnd == message.size()) break;
      continue;
    }
    bool startsNew = !open || bullet;
    if (!startsNew) {
      const std::string& prev = out.back().text;
      const char last = prev.back();
      const auto prevWords = text::words(prev.substr(prev.size() > 24 ? prev.size() - 24 : 0));
      const bool continues =
          last == ',' || (!prevWords.empty() && contains(kContinuationWords, prevWords.back()));
      const bool finished = last == ':' || last == '.' || last == '!' || last == '?';
      startsNew = finished || (!continues && isUpper(line.front()));
    }
    if (startsNew) {
      out.push_back({std::string(line), bullet});
    } else {
      out.back().text += ' ';
      out.back().text += line;
    }
    open = true;
    if (lineEnd == message.size()) break;
  }
  return out;
}

// "Users must be able to:" introduces the bullets below it; "Requirements:" does not.
std::string headerLead(string_view header) {
  header = text::trim(header);
  if (header.empty() || header.back() != ':') return {};
  header.remove_suffix(1);
  const auto ws = text::words(header);
  if (ws.size() < 2 || ws.front() == "what" || ws.front() == "here" || ws.front() == "these") return {};
  const std::string lead = leadIn(header);
  if (lead.empty()) return {};
  const auto leadWords = text::words(lead);
  // The header must stop at (or one verb after) its modal: "The app should support:".
  if (ws.size() > leadWords.size() + 1) return {};
  return std::string(header);
}

}  // namespace

std::vector<std::string> splitStatements(std::string_view message) {
  std::vector<std::string> out;
  std::string header;
  for (auto& block : blocks(message)) {
    const std::string collapsed = text::collapseWhitespace(block.text);
    if (!block.bullet) header.clear();
    std::vector<std::string> clauses;
    for (const auto& sentence : splitSentences(collapsed)) splitClauses(sentence, clauses);
    for (auto& clause : clauses) {
      if (!hasWordChar(clause)) continue;
      if (block.bullet && !header.empty()) clause = withLead(header, clause);
      cutLong(std::move(clause), out);
    }
    if (!block.bullet) header = headerLead(collapsed);
  }
  return out;
}

}  // namespace nexus::analyst
