#include "cli/transcript.hpp"

#include <algorithm>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "core/enums.hpp"
#include "domain/areas.hpp"

namespace nexus::cli {
namespace {

std::string confidenceText(double confidence) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << confidence;
  return s.str();
}

std::string areaText(const ExtractedRequirement& r) { return r.area ? domain::areaLabel(*r.area) : "no area"; }

std::string joinLabels(const std::vector<std::string>& areas) {
  std::string out;
  for (const auto& a : areas) out += (out.empty() ? "" : ", ") + domain::areaLabel(a);
  return out;
}

}  // namespace

void printRequirement(std::ostream& out, const Style& style, const ExtractedRequirement& r) {
  out << "  " << style.good("+") << " " << r.text << "\n"
      << "    " << style.dim(std::string(toString(r.category)) + " · " + std::string(toString(r.priority)) + " · " +
                             confidenceText(r.confidence) + " · " + areaText(r))
      << "\n";
}

void printGaps(std::ostream& out, const Style& style, const std::vector<std::string>& gaps) {
  if (gaps.empty()) return;
  out << "  " << style.warn("Not covered yet: " + joinLabels(gaps)) << "\n";
}

void printRequirements(std::ostream& out, const Style& style, const InterviewSession& session) {
  if (session.extractedRequirements.empty()) {
    out << "No requirements captured yet.\n";
    return;
  }
  out << style.bold("Requirements (" + std::to_string(session.extractedRequirements.size()) + ")") << "\n";
  for (const auto& r : session.extractedRequirements) printRequirement(out, style, r);
}

void printAreas(std::ostream& out, const Style& style, const InterviewSession& session) {
  std::map<std::string, int> counts;
  for (const auto& r : session.extractedRequirements) {
    if (r.area) ++counts[*r.area];
  }
  out << style.bold("Explored") << "\n";
  if (session.exploredAreas.empty()) out << "  none yet\n";
  for (const auto& area : session.exploredAreas) {
    out << "  " << domain::areaLabel(area) << " (" << counts[area] << ")\n";
  }
  std::vector<std::string> open;
  for (const auto area : domain::kStandardAreas) {
    if (std::find(session.exploredAreas.begin(), session.exploredAreas.end(), area) == session.exploredAreas.end()) {
      open.emplace_back(area);
    }
  }
  out << style.bold("Not explored") << "\n  " << (open.empty() ? std::string("none") : joinLabels(open)) << "\n";
}

void printSummary(std::ostream& out, const Style& style, const InterviewSession& session) {
  std::map<std::string, int> byCategory;
  for (const auto& r : session.extractedRequirements) ++byCategory[std::string(toString(r.category))];
  std::string categories;
  for (const auto& [category, count] : byCategory) {
    categories += (categories.empty() ? "" : ", ") + std::to_string(count) + " " + category;
  }
  std::size_t userMessages = 0;
  for (const auto& m : session.messages) userMessages += m.role == MessageRole::User ? 1 : 0;
  out << "\n" << style.bold("Summary") << ": " << session.extractedRequirements.size() << " requirement"
      << (session.extractedRequirements.size() == 1 ? "" : "s") << (categories.empty() ? "" : " (" + categories + ")")
      << " from " << userMessages << " message" << (userMessages == 1 ? "" : "s") << ", "
      << session.exploredAreas.size() << " area" << (session.exploredAreas.size() == 1 ? "" : "s") << " explored.\n";
  printRequirements(out, style, session);
}

}  // namespace nexus::cli
