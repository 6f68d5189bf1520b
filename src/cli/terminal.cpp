#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace nexus::cli {

bool isTerminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

Style Style::detect(std::FILE* stream) {
  const char* noColour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool wanted = (noColour == nullptr || *noColour == '\0') && (term == nullptr || std::strcmp(term, "dumb") != 0);
  return Style(wanted && isTerminal(stream));
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
  if (!colour_) return std::string(s);
  return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
}

}  // namespace nexus::cli
