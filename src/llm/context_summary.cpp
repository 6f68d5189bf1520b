#include "llm/context_summary.hpp"

#include <algorithm>
#include <map>

#include "core/enums.hpp"
#include "core/text.hpp"
#include "domain/areas.hpp"

namespace nexus {
namespace {

constexpr std::size_t kMaxRequirementsListed = 40;

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
  summary += "Standard areas not yet explored: " + join(unexplored) + ".";
  return summary;
}

}  // namespace nexus
