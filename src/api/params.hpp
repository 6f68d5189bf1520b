#pragma once
// A method's parameters, given by position (as the original preload API passes them) or by
// name, read by name either way; every failure is an invalid-params error naming the parameter.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace nexus::api {

class Params {
 public:
  // `names` are the method's parameters in positional order. Refuses params that are neither
  // an array nor an object (InvalidRequest), more positions than names, and names the method
  // does not take.
  static Result<Params> bind(const nlohmann::json& params, std::span<const std::string_view> names);

  // Absent and null are the same: not given.
  const nlohmann::json* find(std::string_view name) const;

  // A non-empty string.
  Result<std::string> requiredString(std::string_view name) const;
  Result<std::optional<std::string>> optionalString(std::string_view name) const;
  // An object; nullptr when not given.
  Result<const nlohmann::json*> optionalObject(std::string_view name) const;

 private:
  explicit Params(nlohmann::json byName) : byName_(std::move(byName)) {}
  nlohmann::json byName_;
};

// A JSON value's kind in words, for messages: "a number", "an array", …
std::string_view describeKind(const nlohmann::json& value);

}  // namespace nexus::api
