#include "analyst/requirement_classifier.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/areas.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

bool oneOf(string_view word, std::initializer_list<string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool techAt(const Words& words, std::size_t i) {
  const auto& lex = lexicon();
  if (lex.technologies.count(words[i]) == 0) return false;
  if (oneOf(words[i],
            {"go", "c", "net", "js", "spring", "swift", "rust", "node", "spark", "lambda", "qt", "sap"})) {
    // Common words: a technology only right after "in", "use", "with" or as ".NET"/"Node.js".
    const string_view before = i > 0 ? string_view(words[i - 1]) : string_view{};
    return oneOf(before, {"in", "use", "using", "with", "on", "node", "next", "asp"});
  }
  return true;
}

}  // namespace

bool mentionsTechnology(const Words& words, bool& named) {
  named = false;
  static const Phrases kProductForms{"web app", "web application", "mobile app", "native app", "desktop app",
                                     "power app*", "sharepoint list*", "react native"};
  bool noun = hasAny(words, kProductForms);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (techAt(words, i)) named = true;
    if (lexicon().techNouns.count(words[i]) != 0) noun = true;
  }
  return named || noun;
}

bool statesTeamFact(const Words& words) {
  const auto& lex = lexicon();
  if (hasAny(words, lex.teamSize)) return true;
  bool named = false;
  return hasAny(words, lex.teamSkills) && mentionsTechnology(words, named) && named;
}

Decision decideCategory(const Words& words, const ModalHit& modal, Priority priority,
                        const Quantities& quantities, bool assumption) {
  const auto& lex = lexicon();
  Decision decision;
  if (assumption) {
    decision.category = RequirementCategory::Assumption;
    return decision;
  }
  QualityScores qualities = scoreQualities(words);
  int functionalScore = scoreFunction(words);
  auto bump = [&](Quality quality, int by) { qualities[static_cast<std::size_t>(quality)] += by; };
  // "Freelancers get paid faster" is a goal for people; the software's speed is not in question.
  if (hasAny(words, lex.businessSpeed)) {
    auto& speed = qualities[static_cast<std::size_t>(Quality::Performance)];
    speed = std::max(0, speed - 2);
  }
  // ISO/IEC 25010 defines usability as users being able to reach a goal with effectiveness and
  // efficiency: "a first-time customer shall be able to buy five items without reading any help"
  // is a usability measure, and "be able to" only its frame.
  static const Phrases kAbleTo{"able to"};
  if (qualities[static_cast<std::size_t>(Quality::Usability)] >= 2 && hasAny(words, kAbleTo))
    functionalScore -= 2;
  // Signing in as the gate to something ("must log in ... before they can place an order") is
  // access control; how sign-in works ("staff sign in with their smartcard") is a feature.
  static const Phrases kSignIn{"log in", "logged in", "log on", "logged on", "sign in", "signed in",
                               "authenticat*"};
  static const Phrases kGate{"before they can", "before he can", "before she can", "before you can",
                             "before being able to", "before accessing", "in order to access"};
  if (hasAny(words, kSignIn) && hasAny(words, kGate)) bump(Quality::Security, 2);
  if (quantities.time) bump(Quality::Performance, 5);
  if (quantities.load) bump(Quality::Scalability, 3);
  if (quantities.size) bump(Quality::Performance, 1);
  if (quantities.percent && qualities[static_cast<std::size_t>(Quality::Availability)] > 0)
    bump(Quality::Availability, 2);

  // The main verb says whether the statement is about what the system does or how well.
  int formHint = 0;  // the sentence's form hints at a quality without naming one
  bool negated = false;
  std::size_t verbAt = kNoMatch;
  const std::size_t from = modal.cue != nullptr ? modal.end : 0;
  const std::string verb = mainVerbAfter(words, from, negated, verbAt);
  if (verb == "be" && verbAt + 1 < words.size()) {
    std::size_t next = verbAt + 1;
    while (next + 1 < words.size() &&
           oneOf(words[next], {"very", "fully", "easily", "quickly", "always", "highly", "more", "completely",
                               "reasonably", "extremely", "so", "as"})) {
      ++next;
    }
    if (lex.qualityAdjectives.count(words[next]) != 0) {
      // The predicate names the statement's quality; the rest says where it applies: "notes have
      // to be encrypted, on the server and in the backups" is about security, not backups.
      functionalScore -= 1;
      formHint = 1;
      const QualityScores predicate = scoreQualities(Words{words[next]});
      for (std::size_t j = 0; j < predicate.size(); ++j) {
        if (predicate[j] >= 2) qualities[j] += 2;  // only an adjective that names a quality outright
      }
    }
  } else if (!verb.empty()) {
    if (!baseIn(lex.qualityVerbs, verb).empty()) {
      bump(Quality::Operational, 1);
      functionalScore -= 1;
    } else if (!baseIn(lex.actionVerbs, verb).empty()) {
      functionalScore += 2;
    }
  }
  if (negated) {
    functionalScore -= 1;
    // A prohibition about sensitive things ("never display the password") is a security rule.
    if (qualities[static_cast<std::size_t>(Quality::Security)] > 0) bump(Quality::Security, 2);
  }
  // "securely store", "quickly find": an adverb before the verb names how well.
  for (std::size_t i = from; i < verbAt && verbAt != kNoMatch; ++i) {
    if (words[i].size() < 5 || words[i].compare(words[i].size() - 2, 2, "ly") != 0) continue;
    const QualityScores adverb = scoreQualities(Words{words[i]});
    for (std::size_t j = 0; j < adverb.size(); ++j) {
      if (adverb[j] > 0) qualities[j] += 2;
    }
  }

  bool named = false;
  const bool tech = mentionsTechnology(words, named);
  static const Phrases kPreferences{"prefer*", "would rather", "rather than", "ideally", "if possible",
                                    "might be easiest", "would be easiest", "whatever's cheapest", "just be a",
                                    "like it to be", "like it in", "like it built", "i'd like the",
                                    "we'd like the", "would like the"};
  const int security = qualities[static_cast<std::size_t>(Quality::Security)];
  if (hasAny(words, lex.constraints) || hasAny(words, lex.limits) || statesTeamFact(words)) {
    decision.category = RequirementCategory::Constraint;
  } else if (tech && named && (priority == Priority::Could || priority == Priority::Wont) &&
             hasAny(words, lex.strongCould)) {
    // "PostgreSQL would be a bonus", "a GraphQL API would be nice": a technology wished for is a
    // technical decision still to make.
    decision.category = RequirementCategory::Technical;
  } else if (tech && priority != Priority::Must && hasAny(words, kPreferences)) {
    // "Ideally it'd run on Google Cloud", "our engineer prefers Linux": a technology preferred, not
    // mandated, is a technical decision to make.
    decision.category = RequirementCategory::Technical;
  } else if (tech && hasAny(words, lex.techUsage) && (named || security < 2)) {
    decision.category =
        priority == Priority::Must ? RequirementCategory::Constraint : RequirementCategory::Technical;
  }
  int nonFunctionalScore = formHint;
  std::size_t bestIndex = 0;
  for (std::size_t i = 0; i < qualities.size(); ++i) {
    nonFunctionalScore += qualities[i];
    if (qualities[i] > qualities[bestIndex]) bestIndex = i;
  }
  if (qualities[bestIndex] > 0) decision.quality = static_cast<Quality>(bestIndex);
  // A tie goes to the quality when a cue names one outright (weight 2 or a number).
  const bool nonFunctional = nonFunctionalScore > functionalScore ||
                             (nonFunctionalScore == functionalScore && qualities[bestIndex] >= 2);
  if (decision.category == RequirementCategory::Functional && nonFunctional)
    decision.category = RequirementCategory::NonFunctional;
  return decision;
}

Priority decidePriority(const Words& words, const ModalHit& modal, const Quantities& quantities, bool& wont) {
  const auto& lex = lexicon();
  static const Phrases kWillNot{"will not", "won't"};
  // "The system will not store card numbers": the software is the subject of "will not", so it
  // forbids. "We won't need it for the sheep": the person is, so it rules something out.
  bool formalSubject = false;
  std::size_t willNotAt = kNoMatch;
  for (const auto& phrase : kWillNot) willNotAt = std::min(willNotAt, findPhrase(words, phrase));
  const bool personDecides = !words.empty() && (words[0] == "we" || words[0] == "i" || words[0] == "we'll" ||
                                                words[0] == "i'll" || words[0] == "you");
  for (std::size_t i = 0; i < words.size() && i < 4 && i < willNotAt; ++i)
    formalSubject |= !personDecides && lex.systemSubjects.count(words[i]) != 0;
  wont = hasAny(words, lex.wont);
  static const Phrases kExplicitWont{"out of scope", "not needed", "no need", "not necessary", "won't need",
                                     "will not need", "won't have to"};
  if (wont && formalSubject && hasAny(words, kWillNot)) {
    // "The system will not store card numbers" forbids; it does not drop a feature.
    wont = hasAny(words, kExplicitWont);
  }
  if (wont && quantities.any()) wont = false;  // "95% of users will not need the manual" is a target
  if (hasAny(words, lex.strongCould)) return Priority::Could;
  if (wont) return Priority::Wont;
  if (hasAny(words, lex.mustBoosters)) return Priority::Must;
  // "Only managers may ever approve refunds", "drivers can never see each other's routes": a rule
  // that restricts or forbids binds, whatever softer word carries it (ISO/IEC/IEEE 29148 reads
  // prohibitions as mandatory).
  static const Phrases kRestrictions{"can only ever", "may only ever", "may never", "can never", "could never", "should never", "must never",
                                     "never", "may not", "no one but", "nobody but", "nobody except",
                                     "no one except"};
  if (hasAny(words, kRestrictions)) return Priority::Must;
  // "only" before a group of people and its modal ("only the class teacher can"), not before a
  // verb ("I'd only like a small dashboard, we can add more later").
  static const WordSet kVerbsAfterOnly{"like", "want", "wants", "need", "needs", "have", "has", "be", "use",
                                       "show", "see", "do", "works", "work", "run", "runs", "allow", "allows"};
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] != "only" || kVerbsAfterOnly.count(words[i + 1]) != 0) continue;
    for (std::size_t k = i + 1; k < words.size() && k <= i + 7; ++k) {
      if (words[k] == "can" || words[k] == "may" || words[k] == "might" || words[k] == "should") return Priority::Must;
    }
  }
  if (hasAny(words, lex.weakCould)) return Priority::Could;
  if (modal.cue != nullptr) return modal.cue->priority;
  return Priority::Must;  // stated as a fact: "The app sends reminders"
}

std::optional<std::string> decideArea(const std::string& cleanText, const Decision& decision, bool vision) {
  if (vision) return std::nullopt;
  auto areas = domain::inferAreas(cleanText);
  std::string qualityHome;
  // The quality steers the area of a non-functional statement; a technology choice or a
  // constraint is filed by what it is about.
  if (decision.quality && decision.category == RequirementCategory::NonFunctional)
    qualityHome = std::string(qualityArea(*decision.quality));
  if (areas.empty()) {
    if (qualityHome.empty()) return std::nullopt;
    return qualityHome;
  }
  // A given (a constraint, an assumption, a technology) that names devices says where it runs:
  // "we're assuming every volunteer has a smartphone".
  const bool given = decision.category == RequirementCategory::Constraint ||
                     decision.category == RequirementCategory::Assumption ||
                     decision.category == RequirementCategory::Technical;
  if (given && std::find(areas.begin(), areas.end(), "deployment") != areas.end()) return "deployment";
  // A word used in passing ("looking her up by her tag number should take a second") does not
  // outweigh the quality the statement is about.
  if (!qualityHome.empty() && domain::inferSpecificAreas(cleanText).empty()) return qualityHome;
  // A security rule is best filed under the narrowest of sign-in, permissions and security it touches;
  // how passwords are kept or how strong they are is security, not how people sign in.
  static const std::vector<std::string_view> kSigningIn{"log in", "logged in", "log on", "logged on", "sign in",
                                                        "signed in", "login", "sign-in", "authenticat"};
  const std::string lowerText = text::toLower(cleanText);
  const bool signingIn = std::any_of(kSigningIn.begin(), kSigningIn.end(), [&](std::string_view phrase) {
    return lowerText.find(phrase) != std::string::npos;
  });
  for (const auto& area : areas) {
    if (qualityHome == "security" && area == "authentication" && !signingIn &&
        std::find(areas.begin(), areas.end(), "security") != areas.end()) {
      continue;
    }
    if (qualityHome == "security" &&
        (area == "authentication" || area == "authorization" || area == "security")) {
      return area;
    }
  }
  if (!qualityHome.empty() && std::find(areas.begin(), areas.end(), qualityHome) != areas.end())
    return qualityHome;
  // "Sessions time out after 15 minutes": the minutes say nothing about speed.
  const bool aboutSpeed = decision.quality == Quality::Performance || decision.quality == Quality::Scalability;
  if (qualityHome == "security" && !aboutSpeed && areas.size() == 1 && areas.front() == "performance")
    return qualityHome;
  // "Card details must never be stored on our side": where a security rule applies (storage,
  // servers) is not what it is about.
  if (qualityHome == "security") return qualityHome;
  return areas.front();
}

}  // namespace nexus::analyst
