#include "analyst/reply_composer.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/asked_questions.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

// A gist longer than this is cut at a word: the acknowledgement should stay one short sentence.
constexpr std::size_t kMaxGistBytes = 110;
constexpr std::size_t kMaxListedGistBytes = 70;
// Up to this many requirements are named one by one; more are summarised by kind.
constexpr std::size_t kMaxListed = 3;

template <std::size_t N>
string_view pick(const std::array<string_view, N>& options, std::uint64_t seed, std::uint64_t salt = 0) {
  const std::uint64_t mixed = (seed ^ (salt * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
  return options[(mixed >> 29) % N];
}

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Replaces each "{}" in `pattern` with `value`.
std::string fill(string_view pattern, string_view value) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0) {
      out += value;
      ++i;
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "I"/"we" become "you" so the analyst speaks to the person about their needs.
std::string toSecondPerson(string_view text) {
  static const std::array<std::pair<string_view, string_view>, 19> kSwaps{{{"i", "you"},
                                                                           {"me", "you"},
                                                                           {"my", "your"},
                                                                           {"mine", "yours"},
                                                                           {"we", "you"},
                                                                           {"us", "you"},
                                                                           {"our", "your"},
                                                                           {"ours", "yours"},
                                                                           {"i'm", "you're"},
                                                                           {"we're", "you're"},
                                                                           {"i've", "you've"},
                                                                           {"we've", "you've"},
                                                                           {"i'd", "you'd"},
                                                                           {"we'd", "you'd"},
                                                                           {"i'll", "you'll"},
                                                                           {"we'll", "you'll"},
                                                                           {"myself", "yourself"},
                                                                           {"ourselves", "yourselves"},
                                                                           {"am", "are"}}};
  std::string out;
  std::string previous;
  for (std::size_t i = 0; i < text.size();) {
    if (!isLetter(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (isLetter(text[j]) || text[j] == '\'')) ++j;
    const string_view word = text.substr(i, j - i);
    const std::string lower = text::toLower(word);
    std::string replacement(word);
    for (const auto& [from, to] : kSwaps) {
      if (lower != from) continue;
      // "am" only after "I"; "US" in capitals is the country.
      if (from == "am" && previous != "i") break;
      if (from == "us" && word == "US") break;
      replacement = std::string(to);
      break;
    }
    out += replacement;
    previous = lower;
    i = j;
  }
  return out;
}

// Lower-cases the first letter unless the first word is a name ("Google", "PostgreSQL", "iOS").
std::string lowerFirst(std::string s) {
  if (s.empty() || !(s[0] >= 'A' && s[0] <= 'Z')) return s;
  std::size_t end = 0;
  while (end < s.size() && (isLetter(s[end]) || s[end] == '\'')) ++end;
  const std::string word = text::toLower(string_view(s).substr(0, end));
  const bool innerCapital = std::any_of(s.begin() + 1, s.begin() + static_cast<std::ptrdiff_t>(end),
                                        [](char c) { return c >= 'A' && c <= 'Z'; });
  const auto& lex = lexicon();
  if (innerCapital || word == "i" || lex.properNames.count(word) != 0 || lex.technologies.count(word) != 0)
    return s;
  s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string shorten(std::string s, std::size_t maxBytes) {
  if (s.size() <= maxBytes) return s;
  std::size_t cut = s.rfind(' ', maxBytes);
  if (cut == std::string::npos || cut < maxBytes / 2) cut = maxBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ' ')) s.pop_back();
  return s + "\xE2\x80\xA6";
}

std::string gist(const RecognizedRequirement& r, std::size_t maxBytes) {
  return shorten(paraphrase(r), maxBytes);
}

bool says(string_view lowerText, std::initializer_list<string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](string_view w) { return text::containsPhrase(lowerText, w); });
}

// A note on priority or kind, only when the person's own words do not already say it.
std::string note(const RecognizedRequirement& r, std::uint64_t seed) {
  const std::string lower = text::toLower(r.text);
  // A volume is what the design has to carry: say so, so the person knows the number was kept.
  if (r.fact == WorldFact::Volume) {
    return r.quality == Quality::Scalability ? " I'll note that as the growth to plan for."
                                             : " I'll note that as the expected load.";
  }
  switch (r.priority) {
    case Priority::Wont:
      if (says(lower, {"out of scope", "not in scope", "won't", "don't need", "no need", "not needed"}))
        return {};
      return std::string(pick(std::array<string_view, 3>{" I'll mark that as out of scope.",
                                                         " I'll record it as out of scope for now.",
                                                         " So that stays out of scope."},
                              seed, 7));
    case Priority::Could:
      if (says(lower,
               {"could", "may", "might", "nice to have", "optionally", "optional", "ideally", "maybe"}))
        break;
      return " I'll note it as a nice-to-have.";
    case Priority::Must:
      if (says(lower, {"must", "shall", "need", "needs", "needed", "has to", "have to", "required",
                       "essential", "critical", "mandatory", "vital", "crucial", "cannot", "can't"})) {
        break;
      }
      return " That's a must-have.";
    case Priority::Should:
      break;
  }
  switch (r.category) {
    case RequirementCategory::Constraint:
      return " I'll treat that as a constraint.";
    case RequirementCategory::Technical:
      return " I'll record it as a technical decision.";
    case RequirementCategory::Assumption:
      return " I'll keep that as an assumption to check later.";
    case RequirementCategory::NonFunctional:
      // "Product pages take 6 seconds to load" measures today's problem; only a stated bound
      // or a modal makes the number a target.
      if (r.measurable && says(lower, {"must", "should", "shall", "need", "needs", "has to", "have to",
                                       "under", "within", "below", "at least", "at most", "less than",
                                       "no more than", "up to", "not exceed", "or less", "or better"})) {
        return " Good: that's a measurable target.";
      }
      return {};
    case RequirementCategory::Functional:
      return {};
  }
  return {};
}

std::string acknowledgeOne(const RecognizedRequirement& r, std::uint64_t seed) {
  if (r.vision) {
    constexpr std::array<string_view, 4> kVision{
        "Great — so you're building {}.", "{} — got it, that's a clear starting point.",
        "Nice: {}. Let's work out what it needs to do.", "Sounds good — {}."};
    const string_view pattern = pick(kVision, seed, 1);
    std::string object = shorten(r.visionObject, kMaxGistBytes);
    return fill(pattern, pattern.front() == '{' ? capitalised(object) : object);
  }
  constexpr std::array<string_view, 6> kOpeners{"Got it — {}.", "Understood: {}.",  "Noted — {}.",
                                                "Okay, so {}.", "Makes sense: {}.", "Clear — {}."};
  return fill(pick(kOpeners, seed, 2), gist(r, kMaxGistBytes)) + note(r, seed);
}

std::string acknowledgeFew(const std::vector<RecognizedRequirement>& captured, std::uint64_t seed) {
  std::string list;
  for (std::size_t i = 0; i < captured.size(); ++i) {
    if (i > 0) list += i + 1 == captured.size() ? (captured.size() > 2 ? "; and " : ", and ") : "; ";
    list += gist(captured[i], kMaxListedGistBytes);
  }
  constexpr std::array<string_view, 4> kOpeners{"Got it — {}.", "Noted: {}.", "Understood — {}.",
                                                "Okay, I've captured that {}."};
  std::string out = fill(pick(kOpeners, seed, 3), list);
  // Out-of-scope items are pointed out unless the person's words already say so.
  const auto wont = std::count_if(captured.begin(), captured.end(), [](const RecognizedRequirement& r) {
    return r.priority == Priority::Wont &&
           !says(text::toLower(r.text),
                 {"out of scope", "not needed", "won't", "don't need", "no need", "not in scope"});
  });
  if (wont > 0) out += wont == 1 ? " One of them is out of scope." : " Some of them are out of scope.";
  return out;
}

std::string acknowledgeMany(const std::vector<RecognizedRequirement>& captured, std::uint64_t seed) {
  std::array<std::size_t, 5> byCategory{};
  std::size_t musts = 0;
  for (const auto& r : captured) {
    ++byCategory[static_cast<std::size_t>(r.category)];
    if (r.priority == Priority::Must) ++musts;
  }
  static constexpr std::array<std::pair<string_view, string_view>, 5> kNames{
      {{"functional", "functional"},
       {"non-functional", "non-functional"},
       {"technical", "technical"},
       {"constraint", "constraints"},
       {"assumption", "assumptions"}}};
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < byCategory.size(); ++i) {
    if (byCategory[i] == 0) continue;
    parts.push_back(std::to_string(byCategory[i]) + " " +
                    std::string(byCategory[i] == 1 ? kNames[i].first : kNames[i].second));
  }
  std::string breakdown;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) breakdown += i + 1 == parts.size() ? " and " : ", ";
    breakdown += parts[i];
  }
  constexpr std::array<string_view, 3> kOpeners{
      "Thanks, that's a lot to work with.", "That's very helpful detail.", "Great, plenty of detail there."};
  std::string out = std::string(pick(kOpeners, seed, 4)) + " I've captured " +
                    std::to_string(captured.size()) + " requirements: " + breakdown + ".";
  if (musts == 1) out += " One of them is a must-have.";
  if (musts > 1) out += " " + std::to_string(musts) + " of them are must-haves.";
  return out;
}

// "What else do you need from me?", "how does this work?": about the interview, not a decision.
bool asksAboutTheInterview(string_view message) {
  const std::string lower = text::toLower(message.substr(0, std::min<std::size_t>(message.size(), 200)));
  return says(lower, {"from me", "what else", "what next", "what now", "what's next", "how does this work",
                      "how does it work", "what should i", "what do you need", "what do i do",
                      "where do we start", "where should i start", "what can i tell you"});
}

bool startsNegative(string_view message) {
  const auto w = text::words(text::toLower(message.substr(0, std::min<std::size_t>(message.size(), 40))));
  return !w.empty() && (w[0] == "no" || w[0] == "nope" || w[0] == "nah" || (w[0] == "not" && w.size() > 1));
}

std::string smallTalk(const ReplyPlan& plan, std::uint64_t seed) {
  if (!plan.topic.empty()) {
    return fill(
        pick(std::array<string_view, 3>{"Good point — let's talk about {}.", "Sure, let's look at {}.",
                                        "Yes, {} matters — let's cover it."},
             seed, 12),
        domain::areaLabel(plan.topic));
  }
  switch (plan.kind) {
    case Utterance::Greeting:
      // Not plan.turn: a front end's own greeting counts as an asked question before the person
      // has said anything, and "hello again" to a first message reads wrong.
      if (!plan.spokeBefore) {
        return std::string(pick(
            std::array<string_view, 3>{
                "Hello! I'm your requirements analyst for this session. I'll ask one question at a time and "
                "keep a list of every requirement you mention — plain words are perfect.",
                "Hi there, welcome! Describe your project in your own words; I'll ask follow-up questions "
                "and "
                "note the requirements as we go.",
                "Welcome! Think of this as a conversation: you tell me what you need, I ask questions and "
                "capture the requirements."},
            seed, 5));
      }
      return std::string(pick(std::array<string_view, 3>{"Hi again!", "Welcome back!",
                                                         "Hello again — let's pick up where we left off."},
                              seed, 5));
    case Utterance::Thanks:
      return std::string(pick(std::array<string_view, 4>{"You're welcome!", "Happy to help.",
                                                         "Glad it's useful.", "Any time — let's keep going."},
                              seed, 6));
    case Utterance::Unsure:
      return std::string(pick(
          std::array<string_view, 3>{"No problem — we can come back to that later.",
                                     "That's fine; not everything has to be decided now. Let's look at "
                                     "something else.",
                                     "That's okay — it can stay an open point for now, and we'll move on."},
          seed, 7));
    case Utterance::Thinking:
      return std::string(pick(std::array<string_view, 2>{"Take your time — there's no rush. If it helps, "
                                                         "here's a different angle to consider meanwhile.",
                                                         "Sure, take a moment. We can also look at "
                                                         "something else first."},
                              seed, 8));
    case Utterance::Acknowledge:
      // "no" to a question is an answer, not good news: no "Great." for it.
      if (startsNegative(plan.message)) {
        return std::string(pick(std::array<string_view, 3>{"Okay, noted.", "Alright, good to know.",
                                                           "Fair enough."},
                                seed, 9));
      }
      return std::string(
          pick(std::array<string_view, 4>{"Great.", "Alright.", "Okay, moving on.", "Good."}, seed, 9));
    case Utterance::Farewell: {
      std::string out = "Thanks — we've covered a lot of ground";
      if (plan.totalRequirements > 0) {
        out += ": " + std::to_string(plan.totalRequirements) +
               (plan.totalRequirements == 1 ? " requirement so far" : " requirements so far");
      }
      return out +
             ". You can end the interview whenever you like; if you have a minute more, one more thing.";
    }
    case Utterance::Question:
      if (asksAboutTheInterview(plan.message)) {
        return std::string(pick(std::array<string_view, 2>{
                                    "Whatever you know about how it should work helps — rough answers are fine, "
                                    "and I'll ask about anything that's missing.",
                                    "Just answer what you can; \"don't know yet\" is a fine answer too. Here's "
                                    "what I'd like to know next."},
                                seed, 13));
      }
      return std::string(pick(
          std::array<string_view, 2>{"Good question — that's your call, and I'll record whatever you decide; "
                                     "if you're unsure, we can leave it open.",
                                     "I'm here to capture what you need rather than decide for you, but any "
                                     "preference you have is worth noting."},
          seed, 10));
    case Utterance::Clarify:
    case Utterance::Content:
      break;
  }
  return std::string(pick(std::array<string_view, 3>{"Thanks, that's useful context.", "Good to know.",
                                                     "That helps me understand the background."},
                          seed, 11));
}

}  // namespace

std::uint64_t variationSeed(std::string_view message, std::size_t turn) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : message.substr(0, std::min<std::size_t>(message.size(), 4096))) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  hash ^= static_cast<std::uint64_t>(turn) * 0x9E3779B97F4A7C15ULL;
  return hash;
}

std::string paraphrase(const RecognizedRequirement& requirement) {
  std::string s = requirement.text;
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?')) s.pop_back();
  std::replace(s.begin(), s.end(), '?', ' ');
  return lowerFirst(toSecondPerson(s));
}

std::string_view factFollowUp(const RecognizedRequirement& requirement, const domain::AskedQuestions& asked) {
  if (!requirement.fact) return {};
  std::string_view question;
  switch (*requirement.fact) {
    case WorldFact::Volume:
      // Growth already said ("up to 2,000 by next year"): only the peak is left to ask.
      if (asked.contains(kPeakQuestion) || asked.contains(kPeakAndGrowthQuestion)) return {};
      return requirement.quality == Quality::Scalability ? kPeakQuestion : kPeakAndGrowthQuestion;
    case WorldFact::DataShape:
      question = kDataShapeQuestion;
      break;
    case WorldFact::DataFeed: {
      // "every night" already says how often: only what happens when it fails is left to ask.
      const std::string lower = text::toLower(requirement.text);
      const bool scheduled = says(lower, {"every", "daily", "nightly", "hourly", "weekly", "each night", "each day",
                                          "once a", "twice a", "per day", "per hour"});
      if (asked.contains(kDataFeedQuestion) || asked.contains(kLateFeedQuestion)) return {};
      return scheduled ? kLateFeedQuestion : kDataFeedQuestion;
    }
    default:
      return {};
  }
  return asked.contains(question) ? std::string_view{} : question;
}

bool wasAsked(std::string_view question, const std::vector<std::string>& asked) {
  const std::string wanted = text::toLower(text::collapseWhitespace(question));
  return std::any_of(asked.begin(), asked.end(), [&](const std::string& previous) {
    return text::toLower(text::collapseWhitespace(previous)).find(wanted) != std::string::npos;
  });
}

std::string composeReply(const ReplyPlan& plan) {
  const std::uint64_t seed = variationSeed(plan.message, plan.turn);
  std::string lead;
  if (!plan.captured.empty()) {
    if (plan.greeted) lead = plan.spokeBefore ? "Hi! " : "Hello, and welcome! ";
    if (plan.captured.size() == 1)
      lead += acknowledgeOne(plan.captured.front(), seed);
    else if (plan.captured.size() <= kMaxListed)
      lead += acknowledgeFew(plan.captured, seed);
    else
      lead += acknowledgeMany(plan.captured, seed);
  } else if (!plan.settled.empty()) {
    lead = plan.settled;
  } else if (plan.kind != Utterance::Clarify && !(plan.kind == Utterance::Content && !plan.vague.empty())) {
    lead = smallTalk(plan, seed);
  }
  if (plan.question.empty()) return lead;
  if (lead.empty()) return plan.question;
  return lead + "\n\n" + plan.question;
}

}  // namespace nexus::analyst
