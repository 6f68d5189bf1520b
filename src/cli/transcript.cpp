#include "cli/transcript.hpp"

#include <algorithm>
#include <iomanip>
#include <map>
#include <optional>
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

std::string scoreText(double score) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << score;
  return s.str();
}

const ExtractedRequirement* byId(const InterviewSession& session, const std::string& id) {
  const auto it = std::find_if(session.extractedRequirements.begin(), session.extractedRequirements.end(),
                               [&](const ExtractedRequirement& r) { return r.id == id; });
  return it == session.extractedRequirements.end() ? nullptr : &*it;
}

std::size_t numberOf(const InterviewSession& session, const std::string& id) {
  for (std::size_t i = 0; i < session.extractedRequirements.size(); ++i) {
    if (session.extractedRequirements[i].id == id) return i + 1;
  }
  return 0;
}

}  // namespace

void printNumberedRequirements(std::ostream& out, const Style& style, const InterviewSession& session) {
  if (session.extractedRequirements.empty()) {
    out << "No requirements captured yet.\n";
    return;
  }
  out << style.bold("Requirements (" + std::to_string(session.extractedRequirements.size()) + ")") << "\n";
  std::size_t number = 0;
  for (const auto& r : session.extractedRequirements) {
    const std::string edited = r.editedFields ? " · edited" : "";
    out << "  " << ++number << ". " << r.text << "\n"
        << "     " << style.dim(std::string(toString(r.category)) + " · " + std::string(toString(r.priority)) + " · " +
                                confidenceText(r.confidence) + " · " + areaText(r) + edited)
        << "\n";
  }
}

void printReadiness(std::ostream& out, const Style& style, const Readiness& readiness) {
  const std::string verdict = readiness.ready ? "ready" : "not ready";
  out << style.bold("Readiness " + scoreText(readiness.score)) << " (" << verdict << "; ready at "
      << scoreText(readiness.threshold) << " with no open conflict)\n";
  for (const auto& area : readiness.areas) {
    const std::string status(toString(area.status));
    const std::string chip = "[" + status + "]";
    const std::string shown = area.status == AreaStatus::Clear     ? style.good(chip)
                              : area.status == AreaStatus::Partial ? style.warn(chip)
                                                                   : style.dim(chip);
    out << "  " << shown << std::string(10 - std::min<std::size_t>(chip.size(), 9), ' ') << domain::areaLabel(area.area)
        << " (" << area.requirementIds.size() << ")\n";
  }
  out << "  " << readiness.openConflicts << " open conflict" << (readiness.openConflicts == 1 ? "" : "s") << ", "
      << readiness.openFindings << " open finding" << (readiness.openFindings == 1 ? "" : "s") << "\n";
}

void printOpenQuestions(std::ostream& out, const Style& style, const InterviewSession& session) {
  std::size_t shown = 0;
  for (const auto& c : session.conflicts) {
    if (c.status != ReviewStatus::Open) continue;
    // One side may be another interview's requirement: it has no number here.
    const auto side = [&](std::size_t i) -> std::optional<std::string> {
      if (const auto* r = byId(session, c.requirementIds[i])) return "#" + std::to_string(numberOf(session, r->id)) + " " + r->text;
      if (c.isProjectSide(c.requirementIds[i])) return c.projectRequirement->text + " (another interview)";
      return std::nullopt;
    };
    const auto first = side(0);
    const auto second = side(1);
    if (!first || !second) continue;
    if (shown++ == 0) out << style.bold("Conflicts") << "\n";
    out << "  " << style.warn("! " + std::string(toString(c.kind))) << " " << *first << "\n    vs " << *second
        << "\n    " << style.dim(c.explanation) << "\n";
  }
  if (shown == 0) out << "No open conflicts.\n";
  std::size_t unclear = 0;
  for (const auto& f : session.findings) {
    if (f.status != ReviewStatus::Open) continue;
    const auto* requirement = byId(session, f.requirementId);
    if (requirement == nullptr) continue;
    if (unclear++ == 0) out << style.bold("Unclear requirements") << "\n";
    out << "  " << style.warn("? " + std::string(toString(f.kind))) << " #" << numberOf(session, requirement->id)
        << " " << requirement->text << "\n    " << f.message << (f.suggestion ? " " + *f.suggestion : "") << "\n";
  }
  if (unclear == 0) out << "No unclear requirements.\n";
  if (shown + unclear > 0) out << style.dim("  /edit N text ... makes one precise; /drop N removes one") << "\n";
}

void printReviewed(std::ostream& out, const Style& style, const std::vector<RequirementFinding>& findings,
                   const std::vector<RequirementConflict>& conflicts) {
  for (const auto& f : findings) {
    if (f.status != ReviewStatus::Open) continue;
    out << "    " << style.warn("? " + std::string(toString(f.kind)) + ":") << " " << style.dim(f.message) << "\n";
  }
  for (const auto& c : conflicts) {
    if (c.status != ReviewStatus::Open) continue;
    out << "  " << style.warn("! conflict (" + std::string(toString(c.kind)) + "): ") << c.explanation << "\n";
  }
}

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
