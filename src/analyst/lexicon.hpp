#pragma once
// The word lists the offline analyst reasons with, and a small matcher for phrases over the
// lower-cased words of a statement (core/text.hpp's words()). Kept apart from the logic so
// that tuning a list never touches the rules.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/types.hpp"

namespace nexus::analyst {

using Words = std::vector<std::string>;
inline constexpr std::size_t kNoMatch = static_cast<std::size_t>(-1);

// Lower-case words separated by spaces. A word ending in '*' matches any word it begins
// ("encrypt*" matches "encrypted"); "#" matches a number; "_" matches any one word.
class Phrase {
 public:
  Phrase(std::string_view spec);  // NOLINT(google-explicit-constructor): tables read better
  Phrase(const char* spec) : Phrase(std::string_view(spec)) {}  // NOLINT(google-explicit-constructor)
  std::size_t size() const { return parts_.size(); }
  bool matchesAt(const Words& words, std::size_t at) const;
  // The first letter every match starts with, or '\0' when the phrase starts with "#" or "_".
  char firstChar() const { return first_; }

 private:
  std::vector<std::string> parts_;
  char first_ = '\0';
};

using Phrases = std::vector<Phrase>;

// Index of the first match at or after `from`, or kNoMatch.
std::size_t findPhrase(const Words& words, const Phrase& phrase, std::size_t from = 0);
bool hasPhrase(const Words& words, const Phrase& phrase);
bool hasAny(const Words& words, const Phrases& phrases);
bool isNumber(std::string_view word);

// The quality a non-functional statement is about; each suggests a standard area.
enum class Quality {
  Performance,
  Scalability,
  Availability,
  Reliability,
  Security,
  Usability,
  LookAndFeel,
  Maintainability,
  Portability,
  Legal,
  Operational
};
inline constexpr std::size_t kQualityCount = 11;

// The standard area a quality belongs to, or "" when it has none of its own.
std::string_view qualityArea(Quality quality);

struct QualityCue {
  Phrase phrase;
  Quality quality;
  int weight;  // 2: names the quality; 1: hints at it
};

struct FunctionCue {
  Phrase phrase;
  int weight;
};

// A modal or need/want phrase: marks a statement as a requirement and sets its priority.
struct ModalCue {
  Phrase phrase;
  Priority priority;
  double confidence;  // how clearly the phrase states a requirement
};

using WordSet = std::unordered_set<std::string_view>;

struct Lexicon {
  std::vector<ModalCue> modals;  // longest first
  Phrases wont;                  // "out of scope", "don't need"
  Phrases strongCould;           // "nice to have", "ideally": beats wont
  Phrases weakCould;             // "maybe", "eventually"
  Phrases mustBoosters;          // "essential", "critical"
  Phrases assumptions;           // "we assume", "presumably"
  Phrases constraints;           // budget, deadline, law, licence, hosting mandates
  Phrases techUsage;             // "use", "written in", "built with", "run on"
  Phrases hedges;                // "i think", "probably": a little less sure
  Phrases visions;               // "i want to build", "we're making"
  Phrases productRequests;       // "i'd like an", "we need a": a vision when a product kind follows
  WordSet productKinds;          // app, tool, website: what such a request names when it is the product
  Phrases businessSpeed;         // "paid faster": a business outcome, not the software's speed
  Phrases teamSize;              // "2 devs", "we're a small team": who will build it
  Phrases teamSkills;            // "we know", "familiar with": a team fact only before a technology
  WordSet people;                // users, players, employees: a number before them is a headcount
  Phrases asIs;                  // "today", "on paper": how things are done now, not what is wanted
  Phrases limits;                // "budget", "deadline": a constraint even without a modal
  std::vector<QualityCue> qualities;
  std::vector<FunctionCue> functions;
  WordSet technologies;            // named products, languages, platforms
  WordSet techNouns;               // "framework", "database", "architecture"
  WordSet actionVerbs;             // what a system does for someone
  WordSet qualityVerbs;            // main verbs that describe how: use, run, comply
  WordSet qualityAdjectives;       // "be <adjective>" describes a quality
  WordSet vagueWords;              // nice, good, great: carry no content
  WordSet fillerWords;             // stop words, pronouns, modals
  WordSet metaVerbs;               // think, decide, discuss: talk about the interview
  WordSet interviewerImperatives;  // tell, explain, repeat: addressed to the analyst
  WordSet systemSubjects;          // system, application, app, website, ...
  WordSet properNames;             // keep their capital in paraphrases
};

const Lexicon& lexicon();

}  // namespace nexus::analyst
