#pragma once
// A hash map keyed by std::string whose find() and contains() take a std::string_view, without
// making a string of it first (heterogeneous lookup).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nexus {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace nexus
