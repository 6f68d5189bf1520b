#include "cli/requirements_command.hpp"

#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "cli/transcript.hpp"
#include "domain/areas.hpp"
#include "interview/project_review.hpp"

namespace nexus::cli {
namespace {

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string confidenceText(double confidence) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << confidence;
  return s.str();
}

std::string sourceText(const RequirementSource& source) {
  return source.source + (source.messageId ? " (message " + *source.messageId + ")" : "");
}

// "2 must, 1 should": the non-zero counts in enum order.
template <typename Enum>
std::string countsText(const std::map<Enum, std::size_t>& counts) {
  std::string text;
  for (const auto& [value, n] : counts) {
    if (n != 0) text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(toString(value));
  }
  return text.empty() ? "none" : text;
}

void printRequirement(std::ostream& out, const Style& style, const Requirement& r) {
  std::string details = std::string(toString(r.category)) + " · " + std::string(toString(r.priority)) + " · " +
                        confidenceText(r.confidence) + " · " + (r.area ? domain::areaLabel(*r.area) : "no area") +
                        " · " + std::string(toString(r.validation));
  if (r.featureId) details += " · feature " + *r.featureId;
  std::string sources = sourceText(r.sources.front());
  if (r.sources.size() > 1) sources += " and " + plural(r.sources.size() - 1, "more source");
  out << "  " << r.text << "\n"
      << "    " << style.dim(details) << "\n"
      << "    " << style.dim("id " + r.id + " · from " + sources) << "\n";
}

// One line for a failed call on requirement `id`.
int failed(std::ostream& err, const std::string& action, const Error& error) {
  err << "nexus: cannot " << action << ": " << error.message << "\n";
  return 1;
}

}  // namespace

int listRequirements(const RequirementsStore& store, const std::string& projectId, const RequirementFilter& filter,
                     bool json, std::ostream& out, std::ostream& err, const Style& style) {
  auto listed = store.list(projectId, filter);
  if (!listed) return failed(err, "list the requirements of project " + projectId, listed.error());
  if (json) {
    out << nlohmann::json(*listed).dump(2) << "\n";
    return 0;
  }
  if (listed->empty()) {
    out << "No requirements recorded for project " << projectId << ".\n";
    return 0;
  }
  out << style.bold("Project " + projectId + ": " + plural(listed->size(), "requirement")) << "\n";
  for (const auto& r : *listed) printRequirement(out, style, r);
  return 0;
}

int showRequirementStats(const RequirementsStore& store, const std::string& projectId, bool json, std::ostream& out,
                         std::ostream& err) {
  auto stats = store.stats(projectId);
  if (!stats) return failed(err, "count the requirements of project " + projectId, stats.error());
  if (json) {
    out << nlohmann::json(*stats).dump(2) << "\n";
    return 0;
  }
  out << "Project " << projectId << ": " << plural(stats->total, "requirement") << "\n"
      << "  by category:   " << countsText(stats->byCategory) << "\n"
      << "  by priority:   " << countsText(stats->byPriority) << "\n"
      << "  by validation: " << countsText(stats->byValidation) << "\n";
  return 0;
}

int setValidation(RequirementsStore& store, const std::string& id, ValidationStatus status, std::ostream& out,
                  std::ostream& err) {
  auto changed = store.validate(id, status);
  if (!changed) return failed(err, "mark requirement " + id + " " + std::string(toString(status)), changed.error());
  out << "Requirement " << id << " is " << toString(status) << ": " << changed->text << "\n";
  return 0;
}

int linkRequirement(RequirementsStore& store, const std::string& id, const std::optional<std::string>& featureId,
                    std::ostream& out, std::ostream& err) {
  auto changed = store.linkToFeature(id, featureId);
  if (!changed) return failed(err, featureId ? "link requirement " + id : "unlink requirement " + id, changed.error());
  if (featureId) {
    out << "Requirement " << id << " belongs to feature " << *featureId << ".\n";
  } else {
    out << "Requirement " << id << " belongs to no feature.\n";
  }
  return 0;
}

int updateRequirement(RequirementsStore& store, const std::string& id, const RequirementChanges& changes,
                      std::ostream& out, std::ostream& err, const Style& style) {
  if (!changes.text && !changes.category && !changes.priority && !changes.area) {
    err << "nexus: nothing to change: give --text, --category, --priority or --area\n";
    return 1;
  }
  auto changed = store.update(id, changes);
  if (!changed) return failed(err, "update requirement " + id, changed.error());
  out << "Updated:\n";
  printRequirement(out, style, *changed);
  return 0;
}

int analyzeRequirements(const RequirementsStore& store, const std::string& projectId, double readyThreshold,
                        bool json, std::ostream& out, std::ostream& err, const Style& style) {
  auto review = reviewProject(store, projectId, readyThreshold);
  if (!review) return failed(err, "analyze the requirements of project " + projectId, review.error());
  if (json) {
    out << nlohmann::json{{"conflicts", review->conflicts},
                          {"findings", review->findings},
                          {"readiness", review->readiness}}
                .dump(2)
        << "\n";
    return 0;
  }
  auto listed = store.list(projectId);
  if (!listed) return failed(err, "list the requirements of project " + projectId, listed.error());
  std::map<std::string, const Requirement*> byId;
  for (const auto& r : *listed) byId[r.id] = &r;
  const auto textOf = [&](const std::string& id) { return byId.contains(id) ? byId[id]->text : id; };
  out << style.bold("Project " + projectId) << "\n";
  printReadiness(out, style, review->readiness);
  if (!review->conflicts.empty()) out << style.bold("Conflicts") << "\n";
  for (const auto& c : review->conflicts) {
    out << "  " << style.warn("! " + std::string(toString(c.kind))) << " " << textOf(c.requirementIds[0])
        << "\n    vs " << textOf(c.requirementIds[1]) << "\n    " << style.dim(c.explanation) << "\n";
  }
  if (!review->findings.empty()) out << style.bold("Unclear requirements") << "\n";
  for (const auto& f : review->findings) {
    out << "  " << style.warn("? " + std::string(toString(f.kind))) << " " << textOf(f.requirementId) << "\n    "
        << f.message << (f.suggestion ? " " + *f.suggestion : "") << "\n    " << style.dim("id " + f.requirementId)
        << "\n";
  }
  return 0;
}

int deleteRequirement(RequirementsStore& store, const std::string& id, std::ostream& out, std::ostream& err) {
  auto removed = store.remove(id);
  if (!removed) return failed(err, "delete requirement " + id, removed.error());
  if (!*removed) {
    err << "nexus: no requirement with id \"" << id << "\"\n";
    return 1;
  }
  out << "Deleted requirement " << id << ".\n";
  return 0;
}

int exportSession(InterviewService& interviews, const std::string& sessionId, std::ostream& out,
                  std::ostream& err) {
  auto exported = interviews.exportToRequirementsDB(sessionId);
  if (!exported) return failed(err, "export session " + sessionId, exported.error());
  out << "Session " << sessionId << ": " << plural(exported->total(), "requirement")
      << " in the requirements database (" << exported->added << " new, " << exported->merged
      << " merged with near-duplicates, " << exported->alreadyRecorded << " already there).\n";
  return 0;
}

}  // namespace nexus::cli
