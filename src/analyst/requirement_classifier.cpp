#include "analyst/requirement_classifier.hpp"

#include <algorithm>

#include "domain/areas.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

bool oneOf(string_view word, std::initializer_list<string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool techAt(const Words& w, std::size_t i) {
  const auto& lex = lexicon();
  if (lex.technologies.count(w[i]) == 0) return false;
  if (oneOf(w[i],
            {"go", "c", "net", "js", "spring", "swift", "rust", "node", "spark", "lambda", "qt", "sap"})) {
    // Common words: a technology only right after "in", "use", "with" or as ".NET"/"Node.js".
    const string_view before = i > 0 ? string_view(w[i - 1]) : string_view{};
    return oneOf(before, {"in", "use", "using", "with", "on", "node", "next", "asp"});
  }
  return true;
}

}  // namespace

bool mentionsTechnology(const Words& w, bool& named) {
  named = false;
  bool noun = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (techAt(w, i)) named = true;
    if (lexicon().techNouns.count(w[i]) != 0) noun = true;
  }
  return named || noun;
}

bool statesTeamFact(const Words& w) {
  const auto& lex = lexicon();
  if (hasAny(w, lex.teamSize)) return true;
  bool named = false;
  return hasAny(w, lex.teamSkills) && mentionsTechnology(w, named) && named;
}

Decision decideCategory(const Words& w, const ModalHit& modal, Priority priority,
                        const Quantities& quantities, bool assumption) {
  const auto& lex = lexicon();
  Decision d;
  if (assumption) {
    d.category = RequirementCategory::Assumption;
    return d;
  }
  QualityScores q = scoreQualities(w);
  int f = scoreFunction(w);
  auto bump = [&](Quality quality, int by) { q[static_cast<std::size_t>(quality)] += by; };
  // "Freelancers get paid faster" is a goal for people; the software's speed is not in question.
  if (hasAny(w, lex.businessSpeed)) {
    auto& speed = q[static_cast<std::size_t>(Quality::Performance)];
    speed = std::max(0, speed - 2);
  }
  if (quantities.time) bump(Quality::Performance, 5);
  if (quantities.load) bump(Quality::Scalability, 3);
  if (quantities.size) bump(Quality::Performance, 1);
  if (quantities.percent && q[static_cast<std::size_t>(Quality::Availability)] > 0)
    bump(Quality::Availability, 2);

  // The main verb says whether the statement is about what the system does or how well.
  int formNf = 0;  // the sentence's form hints at a quality without naming one
  bool negated = false;
  std::size_t verbAt = kNoMatch;
  const std::size_t from = modal.cue != nullptr ? modal.end : 0;
  const std::string verb = mainVerbAfter(w, from, negated, verbAt);
  if (verb == "be" && verbAt + 1 < w.size()) {
    std::size_t next = verbAt + 1;
    while (next + 1 < w.size() &&
           oneOf(w[next], {"very", "fully", "easily", "quickly", "always", "highly", "more", "completely",
                           "reasonably", "extremely", "so", "as"})) {
      ++next;
    }
    if (lex.qualityAdjectives.count(w[next]) != 0) {
      // Which quality the adjective speaks of is left to the cue tables; the form is a hint.
      f -= 1;
      formNf = 1;
    }
  } else if (!verb.empty()) {
    if (!baseIn(lex.qualityVerbs, verb).empty()) {
      bump(Quality::Operational, 1);
      f -= 1;
    } else if (!baseIn(lex.actionVerbs, verb).empty()) {
      f += 2;
    }
  }
  if (negated) {
    f -= 1;
    // A prohibition about sensitive things ("never display the password") is a security rule.
    if (q[static_cast<std::size_t>(Quality::Security)] > 0) bump(Quality::Security, 2);
  }
  // "securely store", "quickly find": an adverb before the verb names how well.
  for (std::size_t i = from; i < verbAt && verbAt != kNoMatch; ++i) {
    if (w[i].size() < 5 || w[i].compare(w[i].size() - 2, 2, "ly") != 0) continue;
    const QualityScores adverb = scoreQualities(Words{w[i]});
    for (std::size_t k = 0; k < adverb.size(); ++k) {
      if (adverb[k] > 0) q[k] += 2;
    }
  }

  bool named = false;
  const bool tech = mentionsTechnology(w, named);
  const int security = q[static_cast<std::size_t>(Quality::Security)];
  if (hasAny(w, lex.constraints) || statesTeamFact(w)) {
    d.category = RequirementCategory::Constraint;
  } else if (tech && hasAny(w, lex.techUsage) && (named || security < 2)) {
    d.category =
        priority == Priority::Must ? RequirementCategory::Constraint : RequirementCategory::Technical;
  }
  int nf = formNf;
  std::size_t bestIndex = 0;
  for (std::size_t i = 0; i < q.size(); ++i) {
    nf += q[i];
    if (q[i] > q[bestIndex]) bestIndex = i;
  }
  if (q[bestIndex] > 0) d.quality = static_cast<Quality>(bestIndex);
  // A tie goes to the quality when a cue names one outright (weight 2 or a number).
  const bool nonFunctional = nf > f || (nf == f && q[bestIndex] >= 2);
  if (d.category == RequirementCategory::Functional && nonFunctional)
    d.category = RequirementCategory::NonFunctional;
  return d;
}

Priority decidePriority(const Words& w, const ModalHit& modal, const Quantities& quantities, bool& wont) {
  const auto& lex = lexicon();
  bool formalSubject = false;
  for (std::size_t i = 0; i < w.size() && i < 4; ++i) formalSubject |= lex.systemSubjects.count(w[i]) != 0;
  wont = hasAny(w, lex.wont);
  static const Phrases kWillNot{"will not", "won't"};
  static const Phrases kExplicitWont{"out of scope", "not needed", "no need", "not necessary"};
  if (wont && formalSubject && hasAny(w, kWillNot)) {
    // "The system will not store card numbers" forbids; it does not drop a feature.
    wont = hasAny(w, kExplicitWont);
  }
  if (wont && quantities.any()) wont = false;  // "95% of users will not need the manual" is a target
  if (hasAny(w, lex.strongCould)) return Priority::Could;
  if (wont) return Priority::Wont;
  if (hasAny(w, lex.mustBoosters)) return Priority::Must;
  if (hasAny(w, lex.weakCould)) return Priority::Could;
  if (modal.cue != nullptr) return modal.cue->priority;
  return Priority::Should;  // stated as a fact: "The app sends reminders"
}

std::optional<std::string> decideArea(const std::string& clean, const Decision& d, bool vision) {
  if (vision) return std::nullopt;
  auto areas = domain::inferAreas(clean);
  std::string qualityHome;
  if (d.quality && d.category != RequirementCategory::Functional)
    qualityHome = std::string(qualityArea(*d.quality));
  if (areas.empty()) {
    if (qualityHome.empty()) return std::nullopt;
    return qualityHome;
  }
  // A security rule is best filed under the narrowest of sign-in, permissions and security it touches.
  for (const auto& area : areas) {
    if (qualityHome == "security" &&
        (area == "authentication" || area == "authorization" || area == "security")) {
      return area;
    }
  }
  if (!qualityHome.empty() && std::find(areas.begin(), areas.end(), qualityHome) != areas.end())
    return qualityHome;
  return areas.front();
}

}  // namespace nexus::analyst
