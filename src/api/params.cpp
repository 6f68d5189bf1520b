#include "api/params.hpp"

#include <algorithm>

namespace nexus::api {
namespace {

std::string inQuotes(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace

std::string_view describeKind(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::binary: return "binary data";
    case nlohmann::json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

Result<Params> Params::bind(const nlohmann::json& params, std::span<const std::string_view> names) {
  nlohmann::json byName = nlohmann::json::object();
  if (params.is_null()) return Params(std::move(byName));
  if (params.is_array()) {
    if (params.size() > names.size()) {
      return Error::invalidArgument("takes at most " + std::to_string(names.size()) + " parameter" +
                                     (names.size() == 1 ? "" : "s") + ", got " + std::to_string(params.size()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) byName[std::string(names[i])] = params[i];
    return Params(std::move(byName));
  }
  if (!params.is_object()) {
    return Error::invalidRequest("params must be an array or an object, not " + std::string(describeKind(params)));
  }
  for (const auto& [key, value] : params.items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      std::string known;
      for (const auto name : names) known += (known.empty() ? "" : ", ") + std::string(name);
      return Error::invalidArgument("unknown parameter " + inQuotes(key) +
                                     (known.empty() ? " (it takes none)" : " (it takes " + known + ")"));
    }
  }
  return Params(params);
}

const nlohmann::json* Params::find(std::string_view name) const {
  const auto it = byName_.find(name);
  return it == byName_.end() || it->is_null() ? nullptr : &*it;
}

Result<std::string> Params::requiredString(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return Error::invalidArgument(inQuotes(name) + " is required");
  if (!value->is_string()) {
    return Error::invalidArgument(inQuotes(name) + " must be a string, not " + std::string(describeKind(*value)));
  }
  if (value->get_ref<const std::string&>().empty()) return Error::invalidArgument(inQuotes(name) + " is empty");
  return value->get<std::string>();
}

Result<std::optional<std::string>> Params::optionalString(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) {
    return Error::invalidArgument(inQuotes(name) + " must be a string, not " + std::string(describeKind(*value)));
  }
  return std::optional<std::string>(value->get<std::string>());
}

Result<const nlohmann::json*> Params::optionalObject(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value != nullptr && !value->is_object()) {
    return Error::invalidArgument(inQuotes(name) + " must be an object, not " + std::string(describeKind(*value)));
  }
  return value;
}

}  // namespace nexus::api
