#include "analyst/short_answer.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/text.hpp"
#include "analyst/small_talk.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

// Longer replies are statements of their own, for the recogniser.
constexpr std::size_t kMaxAnswerWords = 12;
constexpr std::size_t kMaxAnswerBytes = 200;

// What the answer must give. People: a number with people, or a bare "about 50". Items: a few
// words naming things ("leaderboards and tournaments"), for questions that ask which ones.
enum class Amount { People, Count, Duration, Date, Items };

// What a question asks for, and how an answer to it is recorded. The first entry whose cue the
// question contains decides, so narrower cues come first.
struct AnswerCue {
  std::array<string_view, 4> questionCues;  // any of them, lower case; "" unused
  string_view label;                        // "Expected users" -> "Expected users: about 50 people."
  RequirementCategory category;
  Priority priority;
  string_view area;  // "" for none
  Amount amount;
};

using enum Amount;
constexpr auto kF = RequirementCategory::Functional;
constexpr auto kNf = RequirementCategory::NonFunctional;
constexpr auto kAssume = RequirementCategory::Assumption;
constexpr auto kShould = Priority::Should;

constexpr std::array<AnswerCue, 17> kCues{{
    // The follow-ups to stated facts (reply_composer.hpp's factFollowUp).
    {{"when is it busiest", "", "", ""}, "Peak time", kAssume, kShould, "performance", Items},
    {{"must always be filled in", "", "", ""}, "Details always required", kF, Priority::Must, "data_model", Items},
    {{"how often does that arrive", "", "", ""}, "When the feed arrives", kF, Priority::Must, "integrations", Items},
    {{"when it is late or doesn't come at all", "", "", ""},
     "When the feed is late or missing",
     kF,
     Priority::Must,
     "integrations",
     Items},
    {{"at the same time", "concurrent", "simultaneous", ""},
     "Expected users at the same time",
     kAssume,
     kShould,
     "performance",
     Count},
    {{"how many people", "how many users", "", ""}, "Expected users", kAssume, kShould, "performance", Count},
    {{"who will use", "who is it for", "", ""}, "Expected users", kAssume, kShould, "performance", People},
    {{"people using it", "who uses it", "main people", ""},
     "Expected users",
     kAssume,
     kShould,
     "performance",
     People},
    {{"response time", "how quickly should it respond", "how fast", ""},
     "Acceptable response time",
     kNf,
     kShould,
     "performance",
     Duration},
    {{"how much data", "", "", ""}, "Expected data volume", kAssume, kShould, "performance", Count},
    {{"how much downtime", "", "", ""}, "Acceptable downtime", kNf, kShould, "deployment", Duration},
    {{"deadline", "ready by", "ready for", ""},
     "Deadline",
     RequirementCategory::Constraint,
     kShould,
     "",
     Date},
    {{"out of scope", "", "", ""}, "Out of scope for the first version", kF, Priority::Wont, "", Items},
    {{"must stay in", "only have three", "", ""}, "Must-have features", kF, Priority::Must, "", Items},
    {{"which other tools", "which other systems", "tools you already use", ""},
     "Tools to connect",
     kF,
     kShould,
     "integrations",
     Items},
    {{"keep track of", "kinds of records", "things it needs to remember", "information should it store"},
     "Main records",
     kF,
     kShould,
     "data_model",
     Items},
    {{"first screen show", "single most important thing", "main thing they should be able", ""},
     "Key features",
     kF,
     kShould,
     "",
     Items},
}};

constexpr std::array<string_view, 30> kNumberWords{
    "one",    "two",     "three",    "four",     "five",      "six",     "seven",    "eight",
    "nine",   "ten",     "eleven",   "twelve",   "fifteen",   "twenty",  "thirty",   "forty",
    "fifty",  "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
    "dozens", "few",     "couple",   "handful",  "half",      "k"};

constexpr std::array<string_view, 12> kTimeUnits{"ms",      "millisecond", "milliseconds", "second",
                                                 "seconds", "sec",         "minute",       "minutes",
                                                 "hour",    "hours",       "day",          "days"};

constexpr std::array<string_view, 24> kDateWords{
    "january",   "february", "march",    "april",    "may",    "june",      "july", "august",
    "september", "october",  "november", "december", "q1",     "q2",        "q3",   "q4",
    "spring",    "summer",   "autumn",   "fall",     "winter", "christmas", "week", "month"};

constexpr std::array<string_view, 6> kHedges{"maybe", "perhaps", "probably", "guess", "think", "unsure"};

// An answer with one of these states something of its own: the recogniser's business.
constexpr std::array<string_view, 16> kModals{"must",  "should", "shall", "can",   "could", "will",
                                              "would", "need",   "needs", "want",  "wants", "may",
                                              "might", "has",    "have",  "cannot"};

// Answers that name nothing: "nothing", "no idea", "all of them".
constexpr std::array<string_view, 16> kNoItems{"nothing",  "none",     "no",   "nope", "not", "nah",
                                               "dunno",    "idk",      "yes",  "yeah", "all", "everything",
                                               "anything", "whatever", "same", "i"};

constexpr std::array<string_view, 36> kPeople{
    "people",      "users",     "user",     "employees", "employee", "staff",    "persons",     "members",
    "players",     "customers", "clients",  "students",  "teachers", "patients", "drivers",     "agents",
    "colleagues",  "workers",   "managers", "admins",    "team",     "teams",    "freelancers", "visitors",
    "subscribers", "guests",    "of",       "them",      "us",       "folks",    "shoppers",    "buyers",
    "sellers",     "readers",   "learners", "volunteers"};

template <std::size_t N>
bool anyWordIn(const std::vector<std::string>& words, const std::array<string_view, N>& list) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(list.begin(), list.end(), w) != list.end();
  });
}

bool hasDigit(string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool givesAmount(string_view lower, const std::vector<std::string>& words, Amount amount) {
  switch (amount) {
    case Amount::People:
      // "about 50" alone answers "how many?"; with more words, they must be about people.
      return (hasDigit(lower) || anyWordIn(words, kNumberWords)) &&
             (words.size() <= 3 || anyWordIn(words, kPeople));
    case Amount::Items:
      return std::find(kNoItems.begin(), kNoItems.end(), words.front()) == kNoItems.end() &&
             std::any_of(words.begin(), words.end(), [](const std::string& w) { return w.size() >= 3; });
    case Amount::Count:
      return hasDigit(lower) || anyWordIn(words, kNumberWords);
    case Amount::Duration:
      return (hasDigit(lower) || anyWordIn(words, kNumberWords) || text::containsPhrase(lower, "a") ||
              text::containsPhrase(lower, "an") || text::containsPhrase(lower, "under")) &&
             anyWordIn(words, kTimeUnits);
    case Amount::Date:
      return hasDigit(lower) || anyWordIn(words, kDateWords) || text::containsPhrase(lower, "end of");
  }
  return false;
}

const AnswerCue* cueFor(string_view lowerQuestion) {
  for (const auto& cue : kCues) {
    for (const auto phrase : cue.questionCues) {
      if (!phrase.empty() && lowerQuestion.find(phrase) != string_view::npos) return &cue;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<RecognizedRequirement> recognizeShortAnswer(std::string_view answer,
                                                          std::string_view lastQuestion,
                                                          bool statementsFound) {
  const string_view trimmed = text::trim(answer);
  if (trimmed.empty() || trimmed.size() > kMaxAnswerBytes || lastQuestion.empty() || isQuestion(trimmed) ||
      trimmed.find('?') != string_view::npos) {
    return std::nullopt;
  }
  const std::string question =
      text::toLower(lastQuestion.substr(0, std::min<std::size_t>(lastQuestion.size(), 400)));
  const AnswerCue* cue = cueFor(question);
  if (cue == nullptr) return std::nullopt;
  // "bye" or "no idea" after "Which tools?" names no tool.
  if (cue->amount == Items && (statementsFound || classifyUtterance(trimmed) != Utterance::Content))
    return std::nullopt;
  const std::string lower = text::toLower(trimmed);
  const auto words = text::words(lower);
  if (words.empty() || words.size() > kMaxAnswerWords || anyWordIn(words, kModals) ||
      !givesAmount(lower, words, cue->amount)) {
    return std::nullopt;
  }

  std::string said = text::collapseWhitespace(trimmed);
  while (!said.empty() && (said.back() == '.' || said.back() == '!' || said.back() == ',')) said.pop_back();
  RecognizedRequirement r;
  r.text = std::string(cue->label) + ": " + said + ".";
  r.category = cue->category;
  r.priority = cue->priority;
  r.confidence = anyWordIn(words, kHedges) ? 0.75 : 0.8;
  if (!cue->area.empty()) r.area = std::string(cue->area);
  r.measurable = cue->amount == Duration;
  r.answer = true;
  return r;
}

}  // namespace nexus::analyst
