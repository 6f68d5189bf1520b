#include "domain/question_generator.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/question_bank.hpp"

namespace nexus::domain {
namespace {

// The order in which new areas are opened when there is no thread to follow: what people see
// and do, what it keeps, who gets in and who may do what, what it talks to, how well it must
// work, where it runs, and last the programmatic surface (least relevant to most people).
constexpr std::array<std::string_view, 9> kOpeningOrder{
    "ui_ux",       "data_model", "authentication", "authorization", "integrations",
    "performance", "security",   "deployment",     "api"};

// General questions opened before the first area, and one scope/success question per this
// many areas touched, so the conversation keeps returning to the big picture.
constexpr std::size_t kOpeningGeneralQuestions = 2;
constexpr std::size_t kAreasPerGeneralQuestion = 3;
// A thread is left for a new area after this many questions about it in a row.
constexpr std::size_t kMaxDrillStreak = 2;
// Consecutive questions should not begin with the same words.
constexpr std::size_t kOpeningWords = 3;

std::string openingOf(std::string_view question) {
  const auto words = text::words(question);
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < kOpeningWords; ++i) {
    if (i > 0) out += ' ';
    out += words[i];
  }
  return out;
}

// Words too common to show that a question has already been answered.
constexpr std::array<std::string_view, 32> kCommonWords{
    "should", "must",  "would", "could", "will",  "with",  "that",   "this",    "have",   "need",   "needs",
    "want",   "able",  "they",  "them",  "their", "there", "from",   "what",    "when",   "which",  "about",
    "into",   "than",  "then",  "each",  "every", "some",  "people", "someone", "system", "also"};

// The words that show a question already answered by a requirement sharing two of them ("Users
// sign in with Google" answers "Should people sign in with ... Google ...?"): distinct, not
// short, not common; sorted.
std::vector<std::string> significantWords(std::string_view text) {
  std::vector<std::string> out;
  for (auto& word : text::words(text)) {
    const bool common = std::find(kCommonWords.begin(), kCommonWords.end(), word) != kCommonWords.end();
    if (word.size() < 4 || common) continue;
    out.push_back(std::move(word));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The keys of every two of `words` (sorted) in `area`.
std::vector<std::string> pairKeys(std::string_view area, const std::vector<std::string>& words) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::size_t j = i + 1; j < words.size(); ++j) {
      keys.push_back(std::string(area) + '\x1f' + words[i] + '\x1f' + words[j]);
    }
  }
  return keys;
}

void mix(std::uint64_t& hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;  // FNV-1a: stable across platforms, unlike std::hash
  }
  hash ^= 0xff;
  hash *= 0x100000001b3ULL;
}

}  // namespace

std::string_view toString(QuestionDepth depth) {
  switch (depth) {
    case QuestionDepth::Broad: return "broad";
    case QuestionDepth::Detailed: return "detailed";
    case QuestionDepth::Clarifying: return "clarifying";
  }
  return "broad";
}

bool QuestionGenerator::markExplored(std::string_view area) {
  const auto canonical = normalizeArea(area);
  if (!canonical || isExplored(*canonical)) return false;
  explored_.push_back(*canonical);
  return true;
}

std::vector<std::string> QuestionGenerator::markExploredFrom(std::string_view text) {
  std::vector<std::string> added;
  for (auto& area : inferAreas(text)) {
    if (markExplored(area)) added.push_back(std::move(area));
  }
  return added;
}

bool QuestionGenerator::isExplored(std::string_view area) const {
  const auto canonical = normalizeArea(area);
  return canonical && std::find(explored_.begin(), explored_.end(), *canonical) != explored_.end();
}

void QuestionGenerator::recordRequirement(const ExtractedRequirement& requirement) {
  if (!requirement.id.empty() && !requirementIds_.insert(requirement.id).second) return;
  Recorded recorded{requirement.id, requirement.text, std::nullopt, requirement.priority, {}, false};
  if (requirement.area) recorded.area = normalizeArea(*requirement.area);
  if (!recorded.area) recorded.area = inferArea(requirement.text);
  if (recorded.area) {
    markExplored(*recorded.area);
    requirementsByArea_[*recorded.area].push_back(requirements_.size());
    recorded.answerPairs = pairKeys(*recorded.area, significantWords(requirement.text));
    for (const auto& key : recorded.answerPairs) ++answeredPairs_[key];
    recorded.delegatesSignIn =
        *recorded.area == "authentication" && namesExternalIdentityProvider(requirement.text);
    delegatingSignIn_ += recorded.delegatesSignIn ? 1 : 0;
  }
  mix(requirementsHash_, requirement.text);
  requirements_.push_back(std::move(recorded));
}

void QuestionGenerator::recordAsked(std::string_view question) {
  const std::string whole = normalizeQuestion(question);
  if (whole.empty() || wasAsked(whole)) return;
  const auto remember = [&](const std::string& normalized) {
    asked_.push_back(normalized);
    askedSet_.insert(normalized);
    mix(askedHash_, normalized);
  };
  remember(whole);

  // A model's message may wrap its question in other sentences; each question in it counts.
  std::vector<std::string> parts;
  if (findTemplate(question) == nullptr) parts = questionSentences(question);
  if (parts.empty()) parts.emplace_back(question);
  for (const auto& part : parts) {
    const std::string normalized = normalizeQuestion(part);
    if (!normalized.empty() && !wasAsked(normalized)) remember(normalized);
  }

  // One step of depth per area per call, judged before this call's own turns count.
  std::vector<AskedTurn> turns;
  for (const auto& part : parts) {
    AskedTurn turn;
    if (const auto* templ = findTemplate(part)) {
      turn = {std::string(templ->area), templ->depth, std::string(templ->topic)};
    } else if (auto area = inferArea(part)) {
      turn = {*area, depthFor(*area), {}};
    }
    const bool seen =
        std::any_of(turns.begin(), turns.end(), [&](const AskedTurn& t) { return t.area == turn.area; });
    if (!seen) turns.push_back(std::move(turn));
  }
  for (auto& turn : turns) {
    ++historyCounts_[{turn.area, turn.depth}];
    if (!turn.topic.empty()) ++topicsUsed_[{turn.area, turn.topic}];
    history_.push_back(std::move(turn));
  }
  lastOpening_ = openingOf(parts.back());
}

std::vector<std::string> QuestionGenerator::gaps() const {
  std::vector<std::string> out;
  if (requirements_.size() < kMinRequirementsForGaps || explored_.size() < kMinExploredAreasForGaps) {
    return out;
  }
  for (const auto area : kStandardAreas) {
    if (out.size() == kMaxGaps) break;
    if (!isExplored(area)) out.emplace_back(area);
  }
  return out;
}

QuestionDepth QuestionGenerator::depthFor(std::string_view area) const {
  const auto canonical = normalizeArea(area);
  if (!canonical) return QuestionDepth::Broad;
  const bool askedDetailed = timesAsked(*canonical, QuestionDepth::Detailed) > 0 ||
                             timesAsked(*canonical, QuestionDepth::Clarifying) > 0;
  const std::size_t requirements = requirementsIn(*canonical);
  if (askedDetailed || requirements >= 2) return QuestionDepth::Clarifying;
  if (timesAsked(*canonical) > 0 || requirements > 0 || isExplored(*canonical)) {
    return QuestionDepth::Detailed;
  }
  return QuestionDepth::Broad;
}

Question QuestionGenerator::nextQuestion(const std::vector<std::string>& justDiscussed) const {
  const std::uint64_t seed = historySeed();

  // 1. Coverage gaps, once they are due: open the first one nobody has asked about yet.
  for (const auto& gap : gaps()) {
    if (timesAsked(gap) > 0) continue;
    if (auto question = pick(candidates(gap, depthFor(gap), seed))) return *question;
  }

  // 2. Follow the thread the person just opened, going deeper.
  for (const auto& raw : justDiscussed) {
    const auto area = normalizeArea(raw);
    if (!area || *area == kGeneralArea || drilledTooLong(*area)) continue;
    if (auto question = pick(followUps(*area, seed))) return *question;
  }

  // 3. Open something new.
  const auto countGeneral = [&](QuestionDepth depth) { return timesAsked(kGeneralArea, depth); };
  if (requirements_.empty() || countGeneral(QuestionDepth::Broad) < kOpeningGeneralQuestions) {
    if (auto question = pick(candidates(kGeneralArea, QuestionDepth::Broad, seed))) return *question;
  }
  const auto touched = static_cast<std::size_t>(std::count_if(
      kStandardAreas.begin(), kStandardAreas.end(),
      [&](std::string_view area) { return isExplored(area) || timesAsked(area) > 0; }));
  if (countGeneral(QuestionDepth::Detailed) < touched / kAreasPerGeneralQuestion) {
    if (auto question = pick(candidates(kGeneralArea, QuestionDepth::Detailed, seed))) return *question;
  }
  for (const auto area : kOpeningOrder) {
    if (isExplored(area) || timesAsked(area) > 0) continue;
    if (auto question = pick(candidates(area, QuestionDepth::Broad, seed))) return *question;
  }
  for (const auto depth : {QuestionDepth::Broad, QuestionDepth::Detailed}) {
    if (auto question = pick(candidates(kGeneralArea, depth, seed))) return *question;
  }
  // Deeper questions, spreading them over the areas asked about least.
  std::vector<std::string_view> areas(kOpeningOrder.begin(), kOpeningOrder.end());
  std::stable_sort(areas.begin(), areas.end(),
                   [&](std::string_view a, std::string_view b) { return timesAsked(a) < timesAsked(b); });
  for (const auto area : areas) {
    if (auto question = pick(followUps(area, seed))) return *question;
  }

  // 4. Closing questions, then a generic one that is still new.
  if (auto question = pick(candidates(kGeneralArea, QuestionDepth::Clarifying, seed))) return *question;
  return lastResort();
}

bool QuestionGenerator::wasAsked(const std::string& normalizedQuestion) const {
  return askedSet_.contains(normalizedQuestion);
}

std::size_t QuestionGenerator::timesAsked(std::string_view area, QuestionDepth depth) const {
  const auto found = historyCounts_.find({std::string(area), depth});
  return found == historyCounts_.end() ? 0 : found->second;
}

std::size_t QuestionGenerator::timesAsked(std::string_view area) const {
  return timesAsked(area, QuestionDepth::Broad) + timesAsked(area, QuestionDepth::Detailed) +
         timesAsked(area, QuestionDepth::Clarifying);
}

std::size_t QuestionGenerator::requirementsIn(std::string_view area) const {
  const auto found = requirementsByArea_.find(std::string(area));
  return found == requirementsByArea_.end() ? 0 : found->second.size();
}

bool QuestionGenerator::topicUsed(std::string_view area, std::string_view topic) const {
  return !topic.empty() && topicsUsed_.contains({std::string(area), std::string(topic)});
}

// True when a requirement of `area` shares two significant words with the question.
bool QuestionGenerator::answeredInArea(std::string_view area, std::string_view question) const {
  for (const auto& key : pairKeys(area, significantWords(question))) {
    if (answeredPairs_.contains(key)) return true;
  }
  return false;
}

bool QuestionGenerator::hasUntouchedArea() const {
  return std::any_of(kStandardAreas.begin(), kStandardAreas.end(),
                     [&](std::string_view area) { return !isExplored(area) && timesAsked(area) == 0; });
}

bool QuestionGenerator::delegatesSignIn() const { return delegatingSignIn_ > 0; }

bool QuestionGenerator::drilledTooLong(std::string_view area) const {
  std::size_t streak = 0;
  for (auto turn = history_.rbegin(); turn != history_.rend() && turn->area == area; ++turn) ++streak;
  return streak >= kMaxDrillStreak && hasUntouchedArea();
}

std::uint64_t QuestionGenerator::historySeed() const {
  std::uint64_t hash = askedHash_;
  mix(hash, std::string_view(reinterpret_cast<const char*>(&requirementsHash_), sizeof requirementsHash_));
  return hash;
}

std::vector<Question> QuestionGenerator::candidates(std::string_view area, QuestionDepth depth,
                                                    std::uint64_t seed) const {
  auto templates = questionTemplates(area, depth);
  // Questions that assume the wrong way of signing in are left out (see SignInStyle).
  const bool delegated = delegatesSignIn();
  const SignInStyle unfit = delegated ? SignInStyle::OwnPasswords : SignInStyle::External;
  std::erase_if(templates, [&](const QuestionTemplate* templ) { return templ->signIn == unfit; });
  std::vector<Question> out;
  if (templates.empty()) return out;
  std::rotate(templates.begin(), templates.begin() + static_cast<std::ptrdiff_t>(seed % templates.size()),
              templates.end());
  if (area == kGeneralArea) {
    // The big picture has a natural order (goal, then users, then workflow): rotate only the
    // wordings within a topic, keeping the topics in bank order.
    const auto bank = questionBank();
    const auto topicRank = [&](const QuestionTemplate* templ) {
      const auto sameTopic = [&](const QuestionTemplate& t) {
        return t.area == area && t.topic == templ->topic;
      };
      return std::find_if(bank.begin(), bank.end(), sameTopic) - bank.begin();
    };
    std::stable_sort(templates.begin(), templates.end(),
                     [&](const auto* a, const auto* b) { return topicRank(a) < topicRank(b); });
  }
  if (delegated) {
    // What sign-in through a provider raises is asked before the questions that fit any sign-in.
    std::stable_partition(templates.begin(), templates.end(),
                          [](const QuestionTemplate* templ) { return templ->signIn == SignInStyle::External; });
  }
  const std::string questionArea = area == kGeneralArea ? std::string() : std::string(area);

  // Quoting the person's own words is the most concrete follow-up; the newest thread first.
  // Never an out-of-scope one: "what would make 'Mobile apps are out of scope' confusing?" is absurd.
  // Each template needs quoting only up to its first question that pick() would take (not asked,
  // and not opening like the last question): pick() never looks past the first of those.
  std::vector<const QuestionTemplate*> quoting;
  for (const auto* templ : templates) {
    if (hasRequirementPlaceholder(*templ)) quoting.push_back(templ);
  }
  std::vector<bool> found(quoting.size(), false);
  std::size_t open = quoting.size();
  if (const auto inArea = requirementsByArea_.find(std::string(area)); inArea != requirementsByArea_.end()) {
    const auto& indexes = inArea->second;
    for (auto index = indexes.rbegin(); index != indexes.rend() && open > 0; ++index) {
      const Recorded& requirement = requirements_[*index];
      if (requirement.priority == Priority::Wont || text::trim(requirement.text).empty()) continue;
      for (std::size_t t = 0; t < quoting.size(); ++t) {
        if (found[t]) continue;
        Question question{fillTemplate(quoting[t]->text, requirement.text), questionArea, depth};
        if (!wasAsked(normalizeQuestion(question.text)) &&
            (lastOpening_.empty() || openingOf(question.text) != lastOpening_)) {
          found[t] = true;
          --open;
        }
        out.push_back(std::move(question));
      }
    }
  }
  const auto quoted = static_cast<std::ptrdiff_t>(out.size());
  for (const auto* templ : templates) {
    if (!hasRequirementPlaceholder(*templ) && !topicUsed(templ->area, templ->topic)) {
      out.push_back({std::string(templ->text), questionArea, depth});
    }
  }
  // What the person already said in their own words is asked last, if at all.
  std::stable_partition(out.begin() + quoted, out.end(),
                        [&](const Question& question) { return !answeredInArea(area, question.text); });
  return out;
}

std::vector<Question> QuestionGenerator::followUps(std::string_view area, std::uint64_t seed) const {
  const QuestionDepth depth = depthFor(area);
  auto out = candidates(area, depth, seed);
  // Once the area's own depth is used up, what is left at the other non-broad depth still counts.
  if (depth == QuestionDepth::Detailed || depth == QuestionDepth::Clarifying) {
    const QuestionDepth other =
        depth == QuestionDepth::Detailed ? QuestionDepth::Clarifying : QuestionDepth::Detailed;
    auto more = candidates(area, other, seed);
    out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return out;
}

std::optional<Question> QuestionGenerator::pick(const std::vector<Question>& pool) const {
  const Question* sameOpening = nullptr;
  for (const auto& question : pool) {
    if (wasAsked(normalizeQuestion(question.text))) continue;
    if (lastOpening_.empty() || openingOf(question.text) != lastOpening_) return question;
    if (sameOpening == nullptr) sameOpening = &question;
  }
  if (sameOpening != nullptr) return *sameOpening;
  return std::nullopt;
}

Question QuestionGenerator::lastResort() const {
  // Two phrasings, alternated, so even these do not open alike twice in a row.
  const auto make = [](std::size_t index, const std::string& subject) {
    return index % 2 == 0 ? "Is there anything more to add " + subject + "?"
                          : "What else should we write down " + subject + "?";
  };
  const auto fresh = [&](const Question& question) {
    return !wasAsked(normalizeQuestion(question.text)) && openingOf(question.text) != lastOpening_;
  };
  std::size_t index = 0;
  for (const auto area : kStandardAreas) {
    Question question{make(index++, "on the " + areaLabel(area) + " side"), std::string(area),
                      QuestionDepth::Clarifying};
    if (fresh(question)) return question;
  }
  for (std::size_t point = 1;; ++point) {
    const std::string numbered = point == 1 ? "" : " (point " + std::to_string(point) + ")";
    Question question{make(index++, "before we wrap up" + numbered), {}, QuestionDepth::Clarifying};
    if (fresh(question)) return question;
  }
}

QuestionGenerator::Checkpoint QuestionGenerator::checkpoint() const {
  return {explored_.size(), requirements_.size(), asked_.size(), history_.size(),
          lastOpening_,     askedHash_,           requirementsHash_};
}

void QuestionGenerator::rollBack(const Checkpoint& mark) {
  while (requirements_.size() > mark.requirements) {
    const Recorded& last = requirements_.back();
    if (!last.id.empty()) requirementIds_.erase(last.id);
    if (last.area) {
      auto& indexes = requirementsByArea_[*last.area];
      indexes.pop_back();
      if (indexes.empty()) requirementsByArea_.erase(*last.area);
      for (const auto& key : last.answerPairs) {
        if (--answeredPairs_[key] == 0) answeredPairs_.erase(key);
      }
      delegatingSignIn_ -= last.delegatesSignIn ? 1 : 0;
    }
    requirements_.pop_back();
  }
  while (asked_.size() > mark.asked) {
    askedSet_.erase(asked_.back());
    asked_.pop_back();
  }
  while (history_.size() > mark.history) {
    const AskedTurn& last = history_.back();
    if (--historyCounts_[{last.area, last.depth}] == 0) historyCounts_.erase({last.area, last.depth});
    if (!last.topic.empty() && --topicsUsed_[{last.area, last.topic}] == 0) topicsUsed_.erase({last.area, last.topic});
    history_.pop_back();
  }
  explored_.resize(mark.explored);
  lastOpening_ = mark.lastOpening;
  askedHash_ = mark.askedHash;
  requirementsHash_ = mark.requirementsHash;
}

}  // namespace nexus::domain
