#include "domain/readiness.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

#include "core/text.hpp"
#include "domain/areas.hpp"

namespace nexus::domain {
namespace {

constexpr double kBasicsWeight = 0.25;
constexpr double kCoverageWeight = 0.75;

// Nouns that name a piece of software. With a determiner or a verb of making before them they
// say what is being built ("a booking app"); alone they may be any remark ("the app is slow").
constexpr std::array<std::string_view, 28> kProductNouns{
    "app",     "application", "tool",    "platform",  "system",   "website", "site",
    "service", "portal",      "dashboard", "game",    "bot",      "product", "software",
    "api",     "marketplace", "shop",    "store",     "tracker",  "manager", "planner",
    "cms",     "crm",         "saas",    "extension", "plugin",   "library", "program"};
constexpr std::array<std::string_view, 14> kMakingWords{
    "a", "an", "build", "building", "create", "creating", "make", "making", "develop", "developing",
    "want", "need", "our", "new"};
constexpr std::size_t kMakingWindow = 4;  // words between "a"/"build" and the noun: "a simple online booking app"

// Groups of people a product is for (plural and singular where both are common).
constexpr std::array<std::string_view, 48> kAudienceWords{
    "users",     "user",      "customers", "customer", "clients",   "client",   "students",  "student",
    "teachers",  "teacher",   "patients",  "patient",  "doctors",   "nurses",   "staff",     "employees",
    "drivers",   "driver",    "admins",    "administrators", "managers", "members", "member", "team",
    "teams",     "people",    "players",   "parents",  "buyers",    "sellers",  "visitors",  "guests",
    "shoppers",  "readers",   "developers", "owners",  "freelancers", "families", "volunteers", "agents",
    "technicians", "operators", "residents", "tenants", "clinicians", "pupils", "subscribers", "citizens"};

template <std::size_t N>
bool isOneOf(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

double valueOf(AreaStatus status) {
  switch (status) {
    case AreaStatus::Missing:
      return 0.0;
    case AreaStatus::Partial:
      return 0.5;
    case AreaStatus::Clear:
      return 1.0;
  }
  return 0.0;
}

// An area with a clear requirement is clear; with only unclear ones, partial.
AreaStatus statusOf(std::size_t clear, std::size_t held) {
  return clear > 0 ? AreaStatus::Clear : held > 0 ? AreaStatus::Partial : AreaStatus::Missing;
}

// The score and whether it is ready, from the areas' statuses, the open conflicts and the basics.
void score(Readiness& readiness, const ReadinessBasics& basics) {
  double coverage = 0.0;
  for (const auto& area : readiness.areas) coverage += valueOf(area.status);
  coverage /= static_cast<double>(kStandardAreas.size());
  const double stated =
      (static_cast<double>(basics.what) + static_cast<double>(basics.who) + static_cast<double>(basics.functional)) /
      3.0;
  readiness.score = (kBasicsWeight * stated + kCoverageWeight * coverage) /
                    (1.0 + static_cast<double>(readiness.openConflicts));
  readiness.ready = readiness.score >= readiness.threshold && readiness.openConflicts == 0;
}

}  // namespace

bool describesProduct(std::string_view text) {
  const auto words = text::words(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!isOneOf(words[i], kProductNouns)) continue;
    const std::size_t from = i > kMakingWindow ? i - kMakingWindow : 0;
    for (std::size_t j = from; j < i; ++j) {
      if (isOneOf(words[j], kMakingWords)) return true;
    }
  }
  return false;
}

bool namesAudience(std::string_view text) {
  const auto words = text::words(text);
  return std::any_of(words.begin(), words.end(), [](const std::string& w) { return isOneOf(w, kAudienceWords); });
}

Readiness assessReadiness(std::span<const ExtractedRequirement> requirements,
                          std::span<const RequirementFinding> findings,
                          std::span<const RequirementConflict> conflicts, double threshold,
                          const ReadinessBasics* basics) {
  std::unordered_set<std::string_view> present;
  for (const auto& r : requirements) present.insert(r.id);
  std::unordered_set<std::string_view> unclear;  // requirements with an open finding
  std::size_t openFindings = 0;
  for (const auto& f : findings) {
    if (f.status != ReviewStatus::Open || !present.contains(f.requirementId)) continue;
    unclear.insert(f.requirementId);
    ++openFindings;
  }
  std::size_t openConflicts = 0;
  for (const auto& c : conflicts) {
    const auto held = [&](const std::string& id) { return present.contains(id) || c.isProjectSide(id); };
    if (c.status == ReviewStatus::Open && held(c.requirementIds[0]) && held(c.requirementIds[1])) ++openConflicts;
  }
  ReadinessTally tally(basics);
  for (const auto& r : requirements) tally.add(r, unclear.contains(r.id));
  return std::move(tally).finish(openFindings, openConflicts, threshold);
}

void ReadinessBasics::add(const ExtractedRequirement& r) {
  what = what || describesProduct(r.text);
  who = who || namesAudience(r.text);
  functional = functional || r.category == RequirementCategory::Functional;
}

ReadinessBasics basicsOf(std::span<const ExtractedRequirement> requirements) {
  ReadinessBasics basics;
  for (const auto& r : requirements) basics.add(r);
  return basics;
}

ReadinessTally::ReadinessTally(const ReadinessBasics* known) {
  for (const auto area : kStandardAreas) readiness_.areas.push_back({std::string(area), AreaStatus::Missing, {}});
  if (known != nullptr) {
    basics_ = *known;
    basicsKnown_ = true;
  }
}

void ReadinessTally::add(const ExtractedRequirement& r, bool unclear) {
  if (!basicsKnown_) basics_.add(r);
  if (!r.area) return;
  const auto standard = std::find(kStandardAreas.begin(), kStandardAreas.end(), *r.area);
  if (standard == kStandardAreas.end()) return;
  const auto area = static_cast<std::size_t>(standard - kStandardAreas.begin());
  readiness_.areas[area].requirementIds.push_back(r.id);
  ++held_[area];
  if (r.confidence >= kClearConfidence && !unclear) ++clear_[area];
}

Readiness ReadinessTally::finish(std::size_t openFindings, std::size_t openConflicts, double threshold) && {
  Readiness readiness = std::move(readiness_);
  readiness.threshold = threshold;
  readiness.openFindings = openFindings;
  readiness.openConflicts = openConflicts;
  for (std::size_t i = 0; i < readiness.areas.size(); ++i) readiness.areas[i].status = statusOf(clear_[i], held_[i]);
  score(readiness, basics_);
  return readiness;
}

ReadinessTracker::ReadinessTracker(std::span<const ExtractedRequirement> requirements,
                                   std::span<const RequirementFinding> findings,
                                   std::span<const RequirementConflict> conflicts) {
  held_.reserve(requirements.size());
  for (const auto& r : requirements) add(r);
  for (const auto& f : findings) add(f);
  for (const auto& c : conflicts) add(c);
}

ReadinessTracker::Held ReadinessTracker::heldOf(const ExtractedRequirement& requirement) {
  Held held;
  held.confident = requirement.confidence >= kClearConfidence;
  if (requirement.area) {
    const auto standard = std::find(kStandardAreas.begin(), kStandardAreas.end(), *requirement.area);
    held.area = static_cast<std::size_t>(standard - kStandardAreas.begin());
  }
  return held;
}

void ReadinessTracker::count(Counts& counts, const Held& requirement, const ExtractedRequirement& added) {
  counts.basics.add(added);
  if (requirement.area == kStandardAreas.size()) return;
  ++counts.held[requirement.area];
  if (requirement.confident && requirement.openFindings == 0) ++counts.clear[requirement.area];
}

void ReadinessTracker::count(Counts& counts, Held* requirement, const RequirementFinding& finding) {
  if (finding.status != ReviewStatus::Open || requirement == nullptr) return;
  ++counts.openFindings;
  // Its first open finding makes a clear requirement unclear.
  if (requirement->openFindings++ == 0 && requirement->confident && requirement->area != kStandardAreas.size()) {
    --counts.clear[requirement->area];
  }
}

void ReadinessTracker::count(Counts& counts, bool bothSidesHeld, const RequirementConflict& conflict) {
  if (conflict.status == ReviewStatus::Open && bothSidesHeld) ++counts.openConflicts;
}

void ReadinessTracker::add(const ExtractedRequirement& requirement) {
  const auto [entry, added] = held_.try_emplace(requirement.id, heldOf(requirement));
  if (added) count(counts_, entry->second, requirement);
}

void ReadinessTracker::add(const RequirementFinding& finding) {
  const auto it = held_.find(std::string_view(finding.requirementId));
  count(counts_, it == held_.end() ? nullptr : &it->second, finding);
}

void ReadinessTracker::add(const RequirementConflict& conflict) {
  const auto held = [&](const std::string& id) { return conflict.isProjectSide(id) || held_.contains(std::string_view(id)); };
  count(counts_, held(conflict.requirementIds[0]) && held(conflict.requirementIds[1]), conflict);
}

Readiness ReadinessTracker::assessment(double threshold) const { return assessmentOf(counts_, threshold); }

Readiness ReadinessTracker::assessmentWith(std::span<const ExtractedRequirement> requirements,
                                           std::span<const RequirementFinding> findings,
                                           std::span<const RequirementConflict> conflicts, double threshold) const {
  Counts counts = counts_;
  // The requirements added here, and copies of those held that a finding here changes.
  std::unordered_map<std::string_view, Held> overlay;
  const auto find = [&](std::string_view id) -> Held* {
    if (const auto it = overlay.find(id); it != overlay.end()) return &it->second;
    if (const auto it = held_.find(id); it != held_.end()) return &overlay.emplace(id, it->second).first->second;
    return nullptr;
  };
  for (const auto& r : requirements) {
    if (find(r.id) != nullptr) continue;
    count(counts, overlay.emplace(r.id, heldOf(r)).first->second, r);
  }
  for (const auto& f : findings) count(counts, find(f.requirementId), f);
  for (const auto& c : conflicts) {
    const auto held = [&](const std::string& id) { return c.isProjectSide(id) || find(id) != nullptr; };
    count(counts, held(c.requirementIds[0]) && held(c.requirementIds[1]), c);
  }
  return assessmentOf(counts, threshold);
}

Readiness ReadinessTracker::assessmentOf(const Counts& counts, double threshold) {
  Readiness readiness;
  readiness.threshold = threshold;
  readiness.openFindings = counts.openFindings;
  readiness.openConflicts = counts.openConflicts;
  for (std::size_t i = 0; i < kStandardAreas.size(); ++i) {
    readiness.areas.push_back({std::string(kStandardAreas[i]), statusOf(counts.clear[i], counts.held[i]), {}});
  }
  score(readiness, counts.basics);
  return readiness;
}

bool sameAssessment(const Readiness& a, const Readiness& b) {
  if (a.score != b.score || a.ready != b.ready || a.threshold != b.threshold || a.openConflicts != b.openConflicts ||
      a.openFindings != b.openFindings || a.areas.size() != b.areas.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.areas.size(); ++i) {
    if (a.areas[i].area != b.areas[i].area || a.areas[i].status != b.areas[i].status) return false;
  }
  return true;
}

}  // namespace nexus::domain
