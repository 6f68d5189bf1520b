#include "analyst/requirement_recognizer.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "domain/areas.hpp"
#include "analyst/requirement_classifier.hpp"
#include "analyst/statement_features.hpp"
#include "analyst/world_facts.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

// Longer input is no single statement; analysing a bounded prefix keeps the work bounded.
constexpr std::size_t kMaxAnalysedBytes = 2000;

bool oneOf(string_view word, std::initializer_list<string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

template <std::size_t N>
bool oneOf(string_view word, const string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isLetter(char c) { return isUpper(c) || isLower(c); }

// Curly quotes and dashes to ASCII, so "don’t" is one word the tables know.
std::string straighten(string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
        static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const auto c = static_cast<unsigned char>(s[i + 2]);
      if (c == 0x98 || c == 0x99) {
        out.push_back('\'');
        i += 2;
        continue;
      }
      if (c == 0x9C || c == 0x9D) {
        out.push_back('"');
        i += 2;
        continue;
      }
      if (c == 0x93 || c == 0x94) {
        out.push_back('-');
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Words that open a statement without adding to it. The second list only counts before a comma.
constexpr string_view kFillers[]{"also", "and", "oh",  "plus",        "additionally", "um",      "uh",
                                 "umm",  "hmm", "btw", "furthermore", "moreover",     "besides", "so"};
constexpr string_view kCommaFillers[]{
    "well",    "basically", "honestly", "yes",     "yeah",    "yep",      "right", "ok",     "okay",
    "sure",    "but",       "anyway",   "next",    "lastly",  "firstly",  "first", "second", "secondly",
    "thirdly", "third",     "then",     "finally", "alright", "actually", "oh",    "hi",     "hello",
    "hey",     "great",     "thanks",   "cool",    "fine",    "no",       "and"};

string_view stripLeadingFillers(string_view s) {
  for (int guard = 0; guard < 6; ++guard) {
    std::size_t end = 0;
    while (end < s.size() && isLetter(s[end])) ++end;
    if (end == 0 || end == s.size()) break;
    const std::string word = text::toLower(s.substr(0, end));
    const bool comma = s[end] == ',';
    const bool filler =
        (oneOf(word, kFillers) && (comma || s[end] == ' ')) || (comma && oneOf(word, kCommaFillers));
    if (!filler) break;
    string_view rest = text::trim(s.substr(end + (comma ? 1 : 0)));
    while (!rest.empty() && (rest.front() == ',' || rest.front() == '-')) rest = text::trim(rest.substr(1));
    if (text::words(rest).size() < 3) break;
    s = rest;
  }
  return s;
}

string_view stripBulletMarker(string_view s) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
    return text::trim(s.substr(1));
  if (s.compare(0, 3, "\xE2\x80\xA2") == 0) return text::trim(s.substr(3));
  return s;
}

const WordSet& personSubjects() {
  static const WordSet set{"user",          "users",          "customer",  "customers", "admin",    "admins",
                           "administrator", "administrators", "people",    "everyone",  "visitors", "visitor",
                           "members",       "member",         "staff",     "employees", "managers", "manager",
                           "team",          "teams",          "clients",   "client",    "buyers",   "sellers",
                           "vendors",       "guests",         "students",  "teachers",  "patients", "doctors",
                           "drivers",       "owners",         "owner",     "players",   "readers",  "editors",
                           "authors",       "agents",         "operators", "nobody",    "anyone",   "they"};
  return set;
}

// After "I"/"we" and a modal these talk about the conversation, whatever follows: "we need to decide".
const WordSet& strongMetaVerbs() {
  static const WordSet set{"think",   "decide",  "discuss", "talk",   "chat",  "consider", "clarify",
                           "figure",  "reflect", "sleep",   "wonder", "guess", "remember", "understand",
                           "explain", "mention", "tell",    "agree",  "pause", "finish",   "wrap"};
  return set;
}

const WordSet& productNouns() {
  static const WordSet set{
      "app",     "application", "tool",        "platform",  "website", "site",    "system",   "service",
      "product", "game",        "marketplace", "dashboard", "bot",     "api",     "portal",   "crm",
      "saas",    "extension",   "plugin",      "library",   "startup", "program", "software", "solution",
      "tracker", "manager",     "planner",     "store",     "shop",    "clone",   "cli",      "engine"};
  return set;
}

bool isParticiple(string_view w) {
  if (w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0) return true;
  return oneOf(
      w, {"shown", "sent",  "kept",  "given", "taken", "written", "built", "done", "made", "held",  "set",
          "read",  "found", "known", "seen",  "run",   "put",     "paid",  "sold", "told", "hidden"});
}

// Byte offset just past the k-th word, counting words as core/text.hpp's words() does.
std::size_t wordEndOffset(const std::string& s, std::size_t k) {
  auto wordChar = [](char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
  };
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (!wordChar(s[i])) {
      ++i;
      continue;
    }
    while (i < s.size() && wordChar(s[i])) ++i;
    if (count++ == k) return i;
  }
  return s.size();
}

// The text of `clean` from word `objectStart` on, without the final period.
std::string objectFrom(const std::string& clean, std::size_t objectStart) {
  const std::size_t pos = objectStart == 0 ? 0 : wordEndOffset(clean, objectStart - 1);
  std::string object(text::trim(string_view(clean).substr(std::min(pos, clean.size()))));
  while (!object.empty() && (object.back() == '.' || object.back() == '!')) object.pop_back();
  if (!object.empty() && isUpper(object[0]) && (object.size() < 2 || !isUpper(object[1])))
    object[0] = static_cast<char>(object[0] - 'A' + 'a');
  return object;
}

// "I'd like an app where ...", "We need a tool for ...": the person asks for the product itself
// when a product kind follows the article closely. Words that open a clause end the search, so
// "I need a REST API so our mobile app can sync" asks for an API, not for an app.
bool requestsProduct(const Words& w, std::size_t objectStart) {
  const auto& lex = lexicon();
  for (std::size_t i = objectStart; i < w.size() && i < objectStart + 4; ++i) {
    if (lex.productKinds.count(w[i]) != 0) return true;
    if (oneOf(w[i], {"so", "that", "which", "where", "to", "for", "with", "and", "of", "in", "on", "who"}))
      return false;
  }
  return false;
}

bool opensInFirstPerson(const Words& w) {
  return oneOf(w[0], {"i", "i'm", "im", "we", "we're", "our", "my"});
}

// "It's a marketplace for ...": a vision phrase followed closely by a product kind.
bool productFollowsVision(const Words& w) {
  for (const auto& phrase : lexicon().visions) {
    const std::size_t at = findPhrase(w, phrase);
    if (at != kNoMatch && requestsProduct(w, at + phrase.size())) return true;
  }
  return false;
}

// The product a vision statement names: "I want to build a todo app for small teams" ->
// "a todo app for small teams". Empty when the statement is no vision.
std::string visionObject(const Words& w, const std::string& clean) {
  const auto& lex = lexicon();
  for (const auto& phrase : lex.visions) {
    const std::size_t at = findPhrase(w, phrase);
    if (at == kNoMatch) continue;
    const std::size_t objectStart = at + phrase.size();
    bool product = false;
    for (std::size_t i = objectStart; i < w.size() && i < objectStart + 8; ++i) {
      if (productNouns().count(w[i]) != 0) product = true;
    }
    if (!product) continue;
    if (std::string object = objectFrom(clean, objectStart); !object.empty()) return object;
  }
  for (const auto& phrase : lex.productRequests) {
    const std::size_t at = findPhrase(w, phrase);
    if (at == kNoMatch || !requestsProduct(w, at + phrase.size())) continue;
    return objectFrom(clean, at + phrase.size() - 1);  // from the article: "an app where ..."
  }
  return {};
}

bool addressedToInterviewer(const Words& w) {
  const auto& lex = lexicon();
  if (lex.interviewerImperatives.count(w[0]) != 0) return true;
  if (w.size() >= 2 && oneOf(w[1], {"me", "us"}) && oneOf(w[0], {"show", "give", "let", "help", "send"}))
    return true;
  return w[0] == "let's" || w[0] == "lets";
}

// "I need to think about it", "we'll see": about the conversation, not the product.
bool aboutTheConversation(const Words& w, const ModalHit& modal) {
  // "Good question, I'll have to ask our engineer": the person defers; nothing is said yet.
  static const Phrases kDeferrals{"good question", "i'll have to ask", "i'd have to ask", "i need to ask",
                                  "i'll ask", "let me ask", "i'll check", "let me check", "i'll find out",
                                  "get back to you", "i'd have to check", "i'll have to check", "need to check with"};
  if (hasAny(w, kDeferrals)) return true;
  // "hang on, I need to find my glasses", "I've got a lesson at two so I need to leave": the
  // person pauses or leaves the conversation.
  static const Phrases kInterruptions{"hang on", "bear with me", "back in a minute", "back in a sec",
                                      "back in a moment", "give me a minute", "give me a sec", "before we go on",
                                      "before we carry on", "need a coffee", "need a tea", "need a break",
                                      "need to leave", "need to go", "got to go", "have to go", "need to grab",
                                      "need to find my", "need to be back", "need to head", "need to pop",
                                      "need to dash", "need to nip"};
  if (hasAny(w, kInterruptions)) return true;
  if (modal.cue == nullptr) {
    // "I've done ramp work for 22 years", "we had 40 people in at the party, it was great": the
    // speaker's past, told without asking for anything.
    static const Phrases kPastTold{"i've done", "i've worked", "i've been", "we've been", "started out",
                                   "it was great", "it was lovely", "it was a", "we had", "used to"};
    return hasAny(w, kPastTold);
  }
  bool negated = false;
  std::size_t verbAt = kNoMatch;
  const std::string verb = mainVerbAfter(w, modal.end, negated, verbAt);
  const string_view subject = modal.index > 0 ? string_view(w[modal.index - 1]) : string_view{};
  const bool firstPerson =
      oneOf(subject, {"i", "we", "you"}) || oneOf(w[modal.index], {"we'll", "i'd", "we'd"});
  if (!firstPerson || verb.empty()) return false;
  const std::string base(baseIn(lexicon().metaVerbs, verb));
  if (strongMetaVerbs().count(base.empty() ? verb : base) != 0) return true;
  return !base.empty() && verbAt != kNoMatch && contentWords(w, verbAt + 1) == 0;  // "we'll see"
}

// A specification-style command: "Enable users to ...", "Be intuitive", "Responsible for ...".
bool isImperative(const Words& w) {
  const auto& lex = lexicon();
  return (baseIn(lex.actionVerbs, w[0]) == w[0] && lex.metaVerbs.count(w[0]) == 0) ||
         (w[0] == "be" && lex.qualityAdjectives.count(w[1]) != 0) ||
         (w[0] == "responsible" && w[1] == "for") || oneOf(w[0], {"make", "ensure", "support", "provide"});
}

// A statement of what the product does, without a modal: a system or person subject with a verb
// ("The app sends reminders"), a passive ("is displayed"), or a gerund opening ("Tracking ...").
bool describesBehaviour(const Words& w) {
  const auto& lex = lexicon();
  if (w[0].size() > 5 && w[0].compare(w[0].size() - 3, 3, "ing") == 0 &&
      !baseIn(lex.actionVerbs, w[0]).empty()) {
    return true;
  }
  for (std::size_t i = 0; i + 1 < w.size() && i < 16; ++i) {
    const std::string& next = w[i + 1];
    const bool passive = oneOf(w[i], {"is", "are", "be", "been", "gets", "get", "will"}) &&
                         (isParticiple(next) || (i + 2 < w.size() && next == "be" && isParticiple(w[i + 2])));
    const bool subject =
        i < 4 && w[i] != "it" && (lex.systemSubjects.count(w[i]) != 0 || personSubjects().count(w[i]) != 0);
    const bool verb = !baseIn(lex.actionVerbs, next).empty() || !baseIn(lex.qualityVerbs, next).empty() ||
                      oneOf(next, {"provides", "supports", "has", "have", "offers", "includes", "contains"});
    const bool quality =
        oneOf(next, {"is", "are"}) && i + 2 < w.size() && lex.qualityAdjectives.count(w[i + 2]) != 0;
    if (passive || (subject && (verb || quality))) return true;
  }
  return false;
}

// Contractions typed without their apostrophe ("shouldnt", "dont"), as the tables spell them.
// Not "wont" (the tables know it) nor "lets" ("the app lets users ...").
void restoreApostrophes(Words& w) {
  static constexpr std::pair<string_view, string_view> kContractions[]{
      {"shouldnt", "shouldn't"}, {"dont", "don't"},     {"doesnt", "doesn't"}, {"cant", "can't"},
      {"isnt", "isn't"},         {"arent", "aren't"},   {"wouldnt", "wouldn't"}, {"couldnt", "couldn't"},
      {"mustnt", "mustn't"},     {"didnt", "didn't"},   {"havent", "haven't"}, {"im", "i'm"},
      {"ive", "i've"},           {"youre", "you're"},   {"theyre", "they're"}, {"thats", "that's"},
      {"whats", "what's"},       {"weve", "we've"}};
  for (auto& word : w) {
    for (const auto& [typed, spelled] : kContractions) {
      if (word == typed) {
        word = std::string(spelled);
        break;
      }
    }
  }
}

double roundTo2(double v) { return std::round(v * 100.0) / 100.0; }

// The statement's words, lower case, contractions spelled out; nullopt when it is too short to
// be a requirement or is a question.
std::optional<Words> candidateWords(string_view trimmed, const std::string& clean) {
  if (trimmed.empty() || trimmed.back() == ':' || isQuestion(trimmed)) return std::nullopt;
  if (clean.size() < 4) return std::nullopt;
  Words words = text::words(text::toLower(clean));
  if (words.size() < 2) return std::nullopt;
  restoreApostrophes(words);
  return words;
}

// A remark to the interviewer ("tell me more", "let's move on"), not about the product. "Let's
// use React" and "let's skip the chat for now" are decisions, not requests to the analyst.
bool remarkToInterviewer(const Words& words) {
  bool namedTech = false;
  const bool lets = words[0] == "let's" || words[0] == "lets";
  return addressedToInterviewer(words) &&
         !(lets && (mentionsTechnology(words, namedTech) || hasAny(words, lexicon().wont)));
}

// What the confidence rules look at: the statement's words and what was found in them.
struct Features {
  const Words& words;
  const ModalHit& modal;
  const Quantities& quantities;
  bool assumption;            // "we assume", "presumably"
  bool wont;                  // it rules something out
  bool headcount;             // how many people, with no other cue
  bool qualityCue;            // the provisional category names a quality
  const std::string& vision;  // the product a vision statement names, or empty
  bool worldFact;             // a fact the software has to live with (world_facts.hpp)
  bool wish;                  // "maybe later a mobile app": a could-have named without a verb
};

// What a rule changes besides the confidence.
enum class SideEffect {
  None,
  Estimate,       // priority made Should: "maybe" makes the amount an estimate, not the item optional
  ScaleEstimate,  // as Estimate, and the category re-decided as an assumption
};

// One way a statement shows that it is a requirement, and how clearly.
struct ConfidenceRule {
  std::string_view name;
  std::optional<double> confidence;  // nullopt: the modal cue's own
  bool (*matches)(const Features&);
  SideEffect effect = SideEffect::None;
};

// How clearly the statement is a requirement at all: the first rule that matches decides.
constexpr ConfidenceRule kConfidenceRules[]{
    // First: a modal ("must", "should", "we'd like") says it outright, and its cue says how firmly.
    {"modal", std::nullopt, [](const Features& features) { return features.modal.cue != nullptr; }},
    // Ruling something out ("out of scope", "leave out") is a decision, firmer than the forms below.
    {"rules out", 0.85, [](const Features& features) { return features.wont; }},
    // An assumption says it is one ("we assume"), whatever form or numbers its wording also has.
    {"assumption", 0.8, [](const Features& features) { return features.assumption; }},
    // A fact the software has to live with: the data's shape, a feed, the sign-in, a volume, the
    // devices, a fixed interface, a retention period. Before the headcount rule: "300 people at the
    // same time in the morning" is the load to design for, not a guess.
    {"world fact", 0.78, [](const Features& features) { return features.worldFact; }},
    // A number beside a quality cue is a target ("pages load in under 2 seconds").
    {"measured quality", 0.8,
     [](const Features& features) {
       // "sessions time out after 15 minutes": a period beside a quality cue is a policy.
       return (features.quantities.time || features.quantities.percent || features.quantities.load ||
               features.quantities.periodic) &&
              features.qualityCue;
     }},
    // The product itself: "I'm building the backend for a puzzle game", "It's a marketplace for bikes".
    {"vision", 0.8,
     [](const Features& features) {
       return !features.vision.empty() &&
              (opensInFirstPerson(features.words) || productFollowsVision(features.words));
     }},
    // "we're a small team, 2 devs, and we know python": a constraint on the build; before the limit
    // and headcount rules, which would make its numbers estimates.
    {"team fact", 0.75, [](const Features& features) { return statesTeamFact(features.words); }},
    // "budget is tight, maybe 30k"; before the headcount rule, so a budget is no guess at scale.
    {"limit", 0.75,
     [](const Features& features) {
       // "It's been a tough year with the budget cuts": the past, not this project's limit.
       static const Phrases kPast{"it's been", "it has been", "it was", "we had", "we've had", "last year"};
       if (hasAny(features.words, kPast)) return false;
       return hasAny(features.words, lexicon().limits);
     },
     SideEffect::Estimate},
    // "maybe 10k daily players at launch": scale to check later; before the form rules below, so a
    // headcount worded as a command or a description is still an estimate.
    {"headcount", 0.75, [](const Features& features) { return features.headcount; },
     SideEffect::ScaleEstimate},
    // A specification-style command ("Provide an export to PDF"): clearer than a description.
    {"imperative", 0.75, [](const Features& features) { return isImperative(features.words); }},
    // Last and weakest: "The app sends a reminder", "A list of patients is displayed"; but "patients
    // call and the receptionist writes it in a paper calendar" is how things are done today.
    {"describes behaviour", 0.72,
     [](const Features& features) {
       return describesBehaviour(features.words) && !hasAny(features.words, lexicon().asIs);
     }},
    // "maybe later a mobile app", "one day an API for partners": a feature wished for, without a verb.
    {"wish", 0.78, [](const Features& features) { return features.wish; }},
};

// A feature or product named after "maybe later", "one day", "would be nice": the MoSCoW could.
bool namesWish(const Words& words) {
  static const Phrases later{"maybe later", "later on", "maybe one day", "one day", "some day", "someday",
                             "eventually", "down the road", "in the future", "maybe in the future",
                             "in a later version", "phase 2", "in v2", "for v2", "would be nice", "nice to have",
                             "a bonus", "bonus"};
  if (!hasAny(words, later)) return false;
  const auto& lex = lexicon();
  for (const auto& word : words) {
    if (lex.productKinds.count(word) != 0 || lex.techNouns.count(word) != 0) return true;
  }
  return scoreFunction(words) > 0;
}

// What the statement's form says of its priority beyond its modal words (decidePriority).
struct PriorityForm {
  const Words& words;
  const ModalHit& modal;
  const std::optional<FactReading>& fact;
  bool assumption;
  bool hedged;  // "maybe", "probably", "hopefully"
  bool wish;    // "maybe later a mobile app"
};

// A wish is a could; a guess at scale is no optional item but not firm either. Told without a
// softener, a fact, a limit ("my budget is two thousand pounds") and an assumption are firm (the
// modal of "we assume the parlour software can export the yields" belongs to what is assumed),
// and so is a volume that "will" come ("we'll have about 4,000 meters by 2028").
Priority firmedPriority(Priority priority, const PriorityForm& form) {
  if (form.wish) return Priority::Could;
  const bool volume = form.fact && form.fact->kind == WorldFact::Volume;
  if (form.hedged) return volume && priority == Priority::Could ? Priority::Should : priority;
  const bool bare = form.modal.cue == nullptr;
  if (bare && priority == Priority::Should && (form.fact || hasAny(form.words, lexicon().limits))) return Priority::Must;
  if (form.assumption && (priority == Priority::Should || priority == Priority::Could) &&
      !hasAny(form.words, lexicon().strongCould)) {
    return Priority::Must;
  }
  const std::string_view modalWord =
      bare || form.modal.index >= form.words.size() ? std::string_view{} : std::string_view(form.words[form.modal.index]);
  const bool predicts = modalWord == "will" || modalWord == "we'll" || modalWord == "there'll" || modalWord == "it'll";
  // "that's what it'll be used on": a fact told with "will" is expected, not wished for.
  if (form.fact && predicts && priority == Priority::Should) return Priority::Must;
  return priority;
}

const ConfidenceRule* firstMatchingRule(const Features& features) {
  for (const auto& rule : kConfidenceRules) {
    if (rule.matches(features)) return &rule;
  }
  return nullptr;
}

// Vague statements ("it should be nice") are kept below the engine's threshold; hedges and
// rambling cost a little. nullopt when the statement says nothing at all.
std::optional<double> adjustForVagueness(const Words& words, const ModalHit& modal, bool wont,
                                         double confidence) {
  const auto& lex = lexicon();
  const std::size_t predicateStart = modal.cue != nullptr ? modal.end : 0;
  std::size_t content = contentWords(words, predicateStart);
  if (content == 0 && modal.cue != nullptr && !hasVagueWord(words, predicateStart)) {
    content = contentWords(words, 0, modal.index);  // "Google sign-in is a must": the subject says it all
  }
  if (content == 0) {
    if (!hasVagueWord(words, predicateStart) || wont) return std::nullopt;
    confidence = std::min(confidence, 0.45);
  } else if (contentWords(words, 0) == 1) {
    // "It should be fast": a start, but a lone quality word says little.
    const auto lone = std::find_if(words.begin(), words.end(), [&](const std::string& word) {
      return lex.fillerWords.count(word) == 0 && lex.vagueWords.count(word) == 0;
    });
    if (lone != words.end() && lex.qualityAdjectives.count(*lone) != 0)
      confidence = std::min(confidence, 0.72);
  }
  if (hasAny(words, lex.hedges)) confidence -= 0.05;
  if (hasAny(words, lex.weakCould) || hasAny(words, lex.strongCould)) confidence -= 0.05;
  if (words.size() > 60) confidence -= 0.05;
  return confidence;
}

}  // namespace

std::string cleanStatement(std::string_view statement) {
  const std::string straight = straighten(statement.substr(0, std::min(statement.size(), kMaxAnalysedBytes)));
  const std::string collapsed = text::collapseWhitespace(straight);
  string_view s = stripLeadingFillers(stripBulletMarker(collapsed));
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == ';' || s.back() == ':' ||
                        s.back() == ',' || s.back() == ' ' || s.back() == '-')) {
    s.remove_suffix(1);
  }
  while (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE2\x80\xA6") == 0) s.remove_suffix(3);
  s = text::trim(s);
  if (s.empty()) return {};
  std::string out(s);
  // "iOS", "eBay": a word with a capital inside keeps its first letter as written.
  const bool innerCapital = out.size() > 1 && isUpper(out[1]);
  if (isLower(out[0]) && !innerCapital) {
    std::size_t end = 0;
    while (end < out.size() && isLetter(out[end])) ++end;
    const bool camel = std::any_of(out.begin() + 1, out.begin() + static_cast<std::ptrdiff_t>(end), isUpper);
    if (!camel) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  if (out.back() != '?') out.push_back('.');
  return out;
}

bool isQuestion(std::string_view statement) {
  const string_view t = text::trim(statement);
  if (t.empty()) return false;
  if (t.back() == '?') return true;
  const auto w = text::words(text::toLower(t.substr(0, std::min<std::size_t>(t.size(), 200))));
  if (w.size() < 2) return w.size() == 1 && oneOf(w[0], {"what", "why", "how", "huh", "pardon"});
  // "Can we do the rest next week, lunch is starting": an inverted auxiliary asks, comma or not.
  if (oneOf(w[1], {"you", "we", "i", "it", "there", "they"}) &&
      oneOf(w[0], {"can", "could", "would", "will", "do", "does", "did", "are", "is", "should", "shall", "may",
                   "have", "has", "am", "was", "were"})) {
    return true;
  }
  if (t.find(',') != string_view::npos) return false;  // "When an order ships, email the buyer."
  return oneOf(w[0], {"what", "why", "how", "where", "who", "which", "whats", "what's"}) &&
         !oneOf(w[1], {"if", "about"});
}

std::optional<RecognizedRequirement> recognize(std::string_view statement) {
  const string_view trimmed = text::trim(statement);
  const std::string clean = cleanStatement(trimmed);
  const auto candidate = candidateWords(trimmed, clean);
  if (!candidate || remarkToInterviewer(*candidate)) return std::nullopt;
  const Words& words = *candidate;

  const ModalHit modal = firstModal(words);
  const Quantities quantities = findQuantities(text::toLower(clean), words);
  const bool assumption = hasAny(words, lexicon().assumptions);
  if (aboutTheConversation(words, modal)) return std::nullopt;

  bool wont = false;
  Priority priority = decidePriority(words, modal, quantities, wont);
  const std::string vision = visionObject(words, clean);
  // Without a modal or another cue, how many people there are is an estimate of scale to check
  // later: "maybe 10k daily players at launch". A bare "about 50 people" says too little alone;
  // as the answer to "how many?" it is read with the question (short_answer.hpp).
  const bool headcount = modal.cue == nullptr && !wont && !assumption && quantities.people &&
                         !quantities.time && words.size() >= 4;
  Decision provisional = decideCategory(words, modal, priority, quantities, assumption);
  // A fact about the world decides where the statement belongs, with or without a modal; told as
  // a fact (no modal, no softener) it is firm.
  std::optional<FactReading> fact;
  // A budget or a deadline is a limit, whatever else the sentence looks like.
  const bool limit = hasAny(words, lexicon().limits);
  if (!assumption && !wont && vision.empty() && !limit) fact = readWorldFact(words, clean, quantities);
  // With a modal, what the data looks like, where it comes from and how people sign in are
  // ordinary requirements, classified as such ("The system shall let users log in with ...").
  const bool shapeOfThings = fact && (fact->kind == WorldFact::DataShape || fact->kind == WorldFact::DataFeed ||
                                      fact->kind == WorldFact::SignIn);
  std::string_view shapeArea;  // what the statement describes, should the ordinary reading find no area
  if (shapeOfThings && modal.cue != nullptr) {
    shapeArea = fact->area;
    fact.reset();
  }
  // "maybe 10k daily players at launch, hopefully 100k", "it will probably double next year": a
  // guess, told with a softener; a guess at scale is kept as an assumption to check rather than a
  // load to design for.
  static const Phrases kGuesses{"hopefully", "i hope", "we hope", "fingers crossed", "if we're lucky"};
  const bool hedged = hasAny(words, lexicon().hedges) || hasAny(words, lexicon().weakCould) ||
                      hasAny(words, kGuesses);
  if (fact && fact->kind == WorldFact::Volume && hedged) fact->category = RequirementCategory::Assumption;
  if (fact) {
    provisional.category = fact->category;
    provisional.quality = fact->quality;
  }
  const bool wish = modal.cue == nullptr && !wont && namesWish(words);
  priority = firmedPriority(priority, {words, modal, fact, assumption, hedged, wish});

  const Features features{words, modal,  quantities, assumption, wont, headcount, provisional.quality.has_value(),
                          vision, fact.has_value(), wish};
  const ConfidenceRule* rule = firstMatchingRule(features);
  if (rule == nullptr) return std::nullopt;
  switch (rule->effect) {
    case SideEffect::None:
      break;
    case SideEffect::Estimate:
      // "budget is tight, maybe 30k" is an estimate; "we've got 15,000 pounds and that's the lot" is not.
      if (hedged || modal.cue != nullptr) priority = Priority::Should;
      break;
    case SideEffect::ScaleEstimate:
      priority = Priority::Should;
      provisional = decideCategory(words, modal, priority, quantities, true);
      break;
  }

  const double ruleConfidence = rule->confidence ? *rule->confidence : modal.cue->confidence;
  auto confidence = adjustForVagueness(words, modal, wont, ruleConfidence);
  if (!confidence) return std::nullopt;
  // "We've got iPads on the host stands, it has to work on those": the fact says what the vague
  // modal clause points at.
  if (fact) confidence = std::max(*confidence, 0.75);

  RecognizedRequirement requirement;
  requirement.text = clean;
  requirement.priority = priority;
  requirement.category = provisional.category;
  requirement.quality = provisional.quality;
  requirement.measurable = quantities.time || quantities.percent || quantities.load || quantities.size;
  requirement.visionObject = vision;
  requirement.vision = !requirement.visionObject.empty();
  if (requirement.vision) requirement.category = RequirementCategory::Functional;
  requirement.confidence = roundTo2(std::clamp(*confidence, 0.0, 1.0));
  requirement.area = fact ? (fact->area.empty() ? std::nullopt : std::optional<std::string>(std::string(fact->area)))
                          : decideArea(clean, provisional, requirement.vision);
  if (!requirement.area && !shapeArea.empty() && !requirement.vision) requirement.area = std::string(shapeArea);
  // A budget or a deadline bounds the whole project, not one part of it.
  if (requirement.category == RequirementCategory::Constraint && hasAny(words, lexicon().limits))
    requirement.area.reset();
  if (fact) requirement.fact = fact->kind;
  if (headcount && requirement.category == RequirementCategory::Assumption && !requirement.area)
    requirement.area = "performance";
  return requirement;
}

}  // namespace nexus::analyst
