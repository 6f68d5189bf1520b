#pragma once
// The bytes of a file, for tests that compare what was written ("" when it cannot be read).

#include <fstream>
#include <sstream>
#include <string>

namespace nexus::test {

inline std::string contentsOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace nexus::test
