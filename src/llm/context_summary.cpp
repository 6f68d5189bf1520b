#include "llm/context_summary.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/enums.hpp"
#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/readiness.hpp"

namespace nexus {
namespace {

constexpr std::size_t kMaxRequirementsListed = 40;
constexpr std::size_t kMaxOpenItemsListed = 10;

const ExtractedRequirement* requirementById(const InterviewContext& context, std::string_view id) {
  for (const auto& r : context.requirements) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string quoted(std::string_view text) { return "\"" + text::truncateUtf8(text, 160) + "\""; }

std::string quoted(const ExtractedRequirement* requirement) {
  return requirement == nullptr ? std::string("(removed)") : quoted(requirement->text);
}

// The open conflicts and findings, with the instruction to settle them one at a time, and the
// readiness offer: what the offline analyst does by itself, asked of a model in words.
std::string renderQuality(const InterviewContext& context) {
  std::string out;
  std::size_t listed = 0;
  for (const auto& c : context.conflicts) {
    if (c.status != ReviewStatus::Open || listed == kMaxOpenItemsListed) continue;
    if (listed++ == 0) out += "Open conflicts (ask about the first one not yet asked, one per reply):\n";
    // The earlier side may be another interview's requirement of the same project.
    const std::string first = c.projectRequirement && c.isProjectSide(c.requirementIds[0])
                                  ? quoted(c.projectRequirement->text) + " (recorded in another interview)"
                                  : quoted(requirementById(context, c.requirementIds[0]));
    out += "- " + std::string(toString(c.kind)) + ": " + first + " vs " +
           quoted(requirementById(context, c.requirementIds[1])) + ". " + c.explanation +
           (c.askedInMessageId ? " (already asked)" : "") + "\n";
  }
  listed = 0;
  for (const auto& f : context.findings) {
    if (f.status != ReviewStatus::Open || listed == kMaxOpenItemsListed) continue;
    if (listed++ == 0) {
      out += "Open findings (when no conflict is open, ask how to make the latest one testable):\n";
    }
    out += "- " + std::string(toString(f.kind)) + " in " + quoted(requirementById(context, f.requirementId)) +
           ": " + f.message + (f.askedInMessageId ? " (already asked)" : "") + "\n";
  }
  const Readiness readiness =
      domain::assessReadiness(context.requirements, context.findings, context.conflicts, context.readyThreshold);
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", readiness.score);
  out += "Readiness: " + std::string(score) + (readiness.ready ? " (ready)" : " (not ready)") + ".";
  if (readiness.ready) {
    out += " If you have not said so yet, tell the person once that the requirements look complete enough "
           "to hand over, and offer to end the interview or go on.";
  }
  return out;
}

}  // namespace

std::string renderContextSummary(const InterviewContext& context) {
  std::string summary;
  const auto& requirements = context.requirements;
  if (requirements.empty()) {
    summary += "No requirements captured yet.\n";
  } else {
    std::map<std::string_view, int> byCategory;
    for (const auto& r : requirements) ++byCategory[toString(r.category)];
    summary += "Requirements captured so far: " + std::to_string(requirements.size()) + " (";
    bool first = true;
    for (const auto& [category, count] : byCategory) {
      summary += (first ? "" : ", ") + std::to_string(count) + " " + std::string(category);
      first = false;
    }
    summary += ").\n";
    const std::size_t from = requirements.size() > kMaxRequirementsListed ? requirements.size() - kMaxRequirementsListed : 0;
    if (from > 0) summary += "The " + std::to_string(kMaxRequirementsListed) + " most recent:\n";
    for (std::size_t i = from; i < requirements.size(); ++i) {
      const auto& r = requirements[i];
      summary += "- [" + std::string(toString(r.priority)) + ", " + std::string(toString(r.category));
      if (r.area) summary += ", " + *r.area;
      summary += "] " + text::truncateUtf8(r.text, 200) + "\n";
    }
  }
  std::vector<std::string_view> unexplored;
  for (const auto area : domain::kStandardAreas) {
    if (std::find(context.exploredAreas.begin(), context.exploredAreas.end(), area) == context.exploredAreas.end()) {
      unexplored.push_back(area);
    }
  }
  auto join = [](const auto& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + std::string(item);
    return out.empty() ? std::string("none") : out;
  };
  summary += "Areas explored: " + join(context.exploredAreas) + ".\n";
  summary += "Standard areas not yet explored: " + join(unexplored) + ".\n";
  summary += renderQuality(context);
  return summary;
}

}  // namespace nexus
