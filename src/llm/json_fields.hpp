#pragma once
// Tolerant reads of fields in parsed JSON from a model server: a missing field or one of an
// unexpected type reads as absent, never as an exception (servers add and vary fields).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace nexus::json_fields {

// The member `name` of `object`, or nullptr when `object` is no object or lacks it.
inline const nlohmann::json* member(const nlohmann::json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(name);
  return found == object.end() ? nullptr : &*found;
}

// The string member `name`, or "" when absent or not a string.
inline std::string stringMember(const nlohmann::json& object, std::string_view name) {
  const nlohmann::json* value = member(object, name);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

// The integer member `name`, or nullopt when absent or not an integer.
inline std::optional<std::int64_t> integerMember(const nlohmann::json& object, std::string_view name) {
  const nlohmann::json* value = member(object, name);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}

}  // namespace nexus::json_fields
