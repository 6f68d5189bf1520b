#pragma once
// Terminal presentation: colour only on a terminal that wants it.

#include <cstdio>
#include <string>
#include <string_view>

namespace nexus::cli {

class Style {
 public:
  explicit Style(bool colour) : colour_(colour) {}
  // Colour when `stream` is a terminal, NO_COLOR is unset and TERM is not "dumb".
  static Style detect(std::FILE* stream);

  bool colour() const { return colour_; }
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string accent(std::string_view s) const { return wrap("36", s); }
  std::string good(std::string_view s) const { return wrap("32", s); }
  std::string warn(std::string_view s) const { return wrap("33", s); }
  std::string bad(std::string_view s) const { return wrap("31", s); }

 private:
  std::string wrap(std::string_view code, std::string_view s) const;
  bool colour_;
};

bool isTerminal(std::FILE* stream);

}  // namespace nexus::cli
