#include "cli/requirement_changes.hpp"

#include "core/enums.hpp"
#include "core/text.hpp"

namespace nexus::cli {

std::vector<std::string> splitFirst(std::string_view line, std::size_t count) {
  std::vector<std::string> out;
  std::string_view rest = text::trim(line);
  while (!rest.empty() && out.size() < count) {
    const auto space = rest.find(' ');
    out.emplace_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view{} : text::trim(rest.substr(space));
  }
  if (!rest.empty()) out.emplace_back(rest);
  return out;
}

Result<RequirementChanges> changesFor(std::string_view field, std::string_view value) {
  RequirementChanges changes;
  const std::string name = text::toLower(field);
  if (name == "priority") {
    changes.priority = parsePriority(text::toLower(value));
    if (!changes.priority) return Error::invalidArgument("\"" + std::string(value) + "\" is not a priority: use must, should, could or wont");
  } else if (name == "category") {
    changes.category = parseCategory(value);
    if (!changes.category) {
      return Error::invalidArgument("\"" + std::string(value) +
                                    "\" is not a category: use functional, non-functional, technical, constraint or "
                                    "assumption");
    }
  } else if (name == "area") {
    changes.area = text::iequals(value, "none") ? std::string() : std::string(value);
  } else if (name == "text") {
    changes.text = std::string(value);
  } else {
    return Error::invalidArgument("cannot change \"" + std::string(field) +
                                  "\": the fields are priority, category, area and text");
  }
  return changes;
}

}  // namespace nexus::cli
