#include "store/requirements_store.hpp"

#include <algorithm>
#include <sstream>

#include "core/enums.hpp"
#include "core/text.hpp"

namespace nexus::requirement_rules {
namespace {

Error invalid(std::string message) { return Error::invalidArgument(std::move(message)); }

std::optional<Error> checkText(std::string_view value, const char* field) {
  if (!text::isValidUtf8(value)) return invalid(std::string(field) + " is not valid UTF-8");
  return std::nullopt;
}

std::optional<Error> checkRequirementText(std::string_view value) {
  if (auto error = checkText(value, "the requirement text")) return error;
  if (text::trim(value).empty()) return invalid("the requirement text is empty");
  return std::nullopt;
}

std::optional<Error> checkConfidence(double confidence) {
  if (confidence >= 0.0 && confidence <= 1.0) return std::nullopt;  // false for NaN too
  std::ostringstream out;
  out << "confidence must be between 0 and 1 (got " << confidence << ")";
  return invalid(out.str());
}

// "" is one more way to say "none": stored as absent.
Result<std::optional<std::string>> checkedOptionalId(const std::optional<std::string>& value,
                                                     const char* field) {
  if (!value || value->empty()) return std::optional<std::string>{};
  if (auto error = checkText(*value, field)) return *error;
  return value;
}

// must > should > could > wont, which is the enum's order.
Priority stronger(Priority a, Priority b) { return std::min(a, b); }

std::optional<std::string> trimmedArea(const std::optional<std::string>& area) {
  if (!area) return std::nullopt;
  const std::string_view trimmed = text::trim(*area);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

}  // namespace

Result<void> checkProjectId(std::string_view projectId) {
  if (projectId.empty()) return invalid("the project id is empty");
  if (auto error = checkText(projectId, "the project id")) return *error;
  return {};
}

namespace {

Result<RequirementSource> checkedSource(const RequirementSource& source) {
  if (text::trim(source.source).empty()) return invalid("the requirement's source is empty");
  if (auto error = checkText(source.source, "the requirement's source")) return *error;
  auto messageId = checkedOptionalId(source.messageId, "the source's message id");
  if (!messageId) return messageId.error();
  auto originId = checkedOptionalId(source.originId, "the source's origin id");
  if (!originId) return originId.error();
  return RequirementSource{source.source, std::move(*messageId), std::move(*originId), source.addedAt};
}

bool samePlace(const RequirementSource& a, const RequirementSource& b) {
  return a.source == b.source && a.messageId == b.messageId && a.originId == b.originId;
}

}  // namespace

Result<NewRequirement> checkedNewRequirement(const NewRequirement& requirement) {
  if (auto checked = checkProjectId(requirement.projectId); !checked) return checked.error();
  if (auto error = checkRequirementText(requirement.text)) return *error;
  if (auto error = checkConfidence(requirement.confidence)) return *error;
  if (requirement.area) {
    if (auto error = checkText(*requirement.area, "the area")) return *error;
  }
  auto source = checkedSource(requirement.source);
  if (!source) return source.error();

  NewRequirement checked = requirement;
  checked.text = std::string(text::trim(requirement.text));
  checked.area = trimmedArea(requirement.area);
  checked.source = std::move(*source);
  return checked;
}

Result<Requirement> checkedImport(const Requirement& requirement, std::string_view projectId, std::size_t position) {
  const auto refused = [&](const Error& error) {
    return invalid("requirement " + std::to_string(position + 1) + " of the document: " + error.message);
  };
  if (auto checked = checkProjectId(projectId); !checked) return checked.error();
  if (auto error = checkRequirementText(requirement.text)) return refused(*error);
  if (auto error = checkConfidence(requirement.confidence)) return refused(*error);
  if (requirement.area) {
    if (auto error = checkText(*requirement.area, "the area")) return refused(*error);
  }
  if (auto error = checkText(requirement.id, "the id")) return refused(*error);
  auto featureId = checkedFeatureId(requirement.featureId);
  if (!featureId) return refused(featureId.error());
  if (requirement.sources.empty()) return refused(invalid("it has no source"));

  Requirement checked = requirement;
  checked.projectId = std::string(projectId);
  checked.text = std::string(text::trim(requirement.text));
  checked.area = trimmedArea(requirement.area);
  checked.featureId = std::move(*featureId);
  checked.sources.clear();
  for (const auto& source : requirement.sources) {
    auto place = checkedSource(source);
    if (!place) return refused(place.error());
    if (holdsSource(checked, *place)) return refused(invalid("the source " + place->source + " is listed twice"));
    checked.sources.push_back(std::move(*place));
  }
  return checked;
}

Requirement createdFromImport(Requirement imported, std::string id, Timestamp now) {
  imported.id = std::move(id);
  const Timestamp unset{};
  if (imported.createdAt == unset) imported.createdAt = now;
  if (imported.updatedAt == unset) imported.updatedAt = std::max(now, imported.createdAt);
  for (auto& source : imported.sources) {
    if (source.addedAt == unset) source.addedAt = imported.createdAt;
  }
  for (auto& edit : imported.history) edit.requirementId = imported.id;
  return imported;
}

bool holdsSource(const Requirement& requirement, const RequirementSource& source) {
  return std::any_of(requirement.sources.begin(), requirement.sources.end(),
                     [&](const RequirementSource& held) { return samePlace(held, source); });
}

bool mergeImport(Requirement& existing, const Requirement& incoming, Timestamp now) {
  std::vector<RequirementSource> lacking;
  for (const auto& source : incoming.sources) {
    if (!holdsSource(existing, source)) lacking.push_back(source);
  }
  if (lacking.empty()) return false;
  for (auto& source : lacking) {
    source.addedAt = now;
    existing.sources.push_back(std::move(source));
  }
  existing.confidence = std::max(existing.confidence, incoming.confidence);
  if (!edited(existing, "priority")) existing.priority = stronger(existing.priority, incoming.priority);
  if (!existing.area && !edited(existing, "area")) existing.area = incoming.area;
  existing.updatedAt = now;
  return true;
}

Result<RequirementChanges> checkedChanges(const RequirementChanges& changes) {
  RequirementChanges checked = changes;
  if (changes.text) {
    if (auto error = checkRequirementText(*changes.text)) return *error;
    checked.text = std::string(text::trim(*changes.text));
  }
  if (changes.confidence) {
    if (auto error = checkConfidence(*changes.confidence)) return *error;
  }
  if (changes.area) {
    if (auto error = checkText(*changes.area, "the area")) return *error;
    checked.area = std::string(text::trim(*changes.area));  // "" stays: it clears the area
  }
  return checked;
}

Result<std::optional<std::string>> checkedFeatureId(const std::optional<std::string>& featureId) {
  return checkedOptionalId(featureId, "the feature id");
}

Result<void> checkFilter(const RequirementFilter& filter) {
  if (filter.minConfidence) {
    if (auto error = checkConfidence(*filter.minConfidence)) return *error;
  }
  return {};
}

Error unknownRequirement(std::string_view id) {
  return Error::notFound("no requirement with id \"" + text::truncateUtf8(id, 64) + "\"");
}

Requirement created(const NewRequirement& requirement, std::string id, Timestamp now) {
  Requirement out;
  out.id = std::move(id);
  out.projectId = requirement.projectId;
  out.text = requirement.text;
  out.category = requirement.category;
  out.priority = requirement.priority;
  out.confidence = requirement.confidence;
  out.area = requirement.area;
  out.sources.push_back(requirement.source);
  out.sources.back().addedAt = now;
  out.createdAt = out.updatedAt = now;
  return out;
}

bool edited(const Requirement& requirement, std::string_view field) {
  return std::find(requirement.editedFields.begin(), requirement.editedFields.end(), field) !=
         requirement.editedFields.end();
}

void mergeInto(Requirement& existing, const NewRequirement& incoming, Timestamp now) {
  existing.sources.push_back(incoming.source);
  existing.sources.back().addedAt = now;
  existing.confidence = std::max(existing.confidence, incoming.confidence);
  if (!edited(existing, "priority")) existing.priority = stronger(existing.priority, incoming.priority);
  if (!existing.area && !edited(existing, "area")) existing.area = incoming.area;
  existing.updatedAt = now;
}

namespace {

// Sets `field` to `value` if it differs, recording the person's edit.
template <typename T>
void edit(Requirement& requirement, const char* name, T& field, const T& value,
          std::optional<std::string> (*spell)(const T&), Timestamp now) {
  if (field == value) return;
  requirement.history.push_back({requirement.id, name, spell(field), spell(value), now});
  if (!edited(requirement, name)) requirement.editedFields.emplace_back(name);
  field = value;
}

std::optional<std::string> spellText(const std::string& value) { return value; }
std::optional<std::string> spellArea(const std::optional<std::string>& value) { return value; }
std::optional<std::string> spellCategory(const RequirementCategory& value) { return std::string(toString(value)); }
std::optional<std::string> spellPriority(const Priority& value) { return std::string(toString(value)); }

}  // namespace

void applyChanges(Requirement& requirement, const RequirementChanges& changes, Timestamp now) {
  if (changes.text) edit(requirement, "text", requirement.text, *changes.text, spellText, now);
  if (changes.category) edit(requirement, "category", requirement.category, *changes.category, spellCategory, now);
  if (changes.priority) edit(requirement, "priority", requirement.priority, *changes.priority, spellPriority, now);
  if (changes.confidence) requirement.confidence = *changes.confidence;
  if (changes.area) {
    const std::optional<std::string> area = changes.area->empty() ? std::nullopt : changes.area;
    edit(requirement, "area", requirement.area, area, spellArea, now);
  }
}

bool matches(const Requirement& requirement, const RequirementFilter& filter) {
  if (filter.category && requirement.category != *filter.category) return false;
  if (filter.priority && requirement.priority != *filter.priority) return false;
  if (filter.area) {
    const std::string_view wanted = text::trim(*filter.area);
    if (wanted.empty() ? requirement.area.has_value() : requirement.area != wanted) return false;
  }
  if (filter.minConfidence && requirement.confidence < *filter.minConfidence) return false;
  if (filter.validation && requirement.validation != *filter.validation) return false;
  if (filter.featureId && (filter.featureId->empty() ? requirement.featureId.has_value()
                                                     : requirement.featureId != *filter.featureId))
    return false;
  return true;
}

RequirementStats emptyStats() {
  RequirementStats stats;
  for (auto category :
       {RequirementCategory::Functional, RequirementCategory::NonFunctional, RequirementCategory::Technical,
        RequirementCategory::Constraint, RequirementCategory::Assumption}) {
    stats.byCategory[category] = 0;
  }
  for (auto priority : {Priority::Must, Priority::Should, Priority::Could, Priority::Wont}) {
    stats.byPriority[priority] = 0;
  }
  for (auto validation : {ValidationStatus::Pending, ValidationStatus::Validated, ValidationStatus::Rejected}) {
    stats.byValidation[validation] = 0;
  }
  return stats;
}

void count(RequirementStats& stats, RequirementCategory category, Priority priority,
           ValidationStatus validation, std::size_t howMany) {
  stats.total += howMany;
  stats.byCategory[category] += howMany;
  stats.byPriority[priority] += howMany;
  stats.byValidation[validation] += howMany;
}

std::optional<std::size_t> nearDuplicate(std::span<const DuplicateCandidate> candidates, std::string_view text,
                                         double threshold) {
  std::optional<std::size_t> best;
  double bestSimilarity = 0.0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const double similarity = text::tokenSimilarity(candidates[i].text, text);
    if (similarity < threshold) continue;
    const DuplicateCandidate& candidate = candidates[i];
    const bool better =
        !best || similarity > bestSimilarity ||
        (similarity == bestSimilarity &&
         (candidate.createdAt != candidates[*best].createdAt ? candidate.createdAt < candidates[*best].createdAt
                                                             : candidate.id < candidates[*best].id));
    if (better) {
      best = i;
      bestSimilarity = similarity;
    }
  }
  return best;
}

}  // namespace nexus::requirement_rules
