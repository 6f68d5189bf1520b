#include "core/ids.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace nexus {
namespace {

constexpr std::string_view kAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
static_assert(kAlphabet.size() == 64, "a 64-letter alphabet makes byte & 63 unbiased");

void fillRandom(std::uint8_t* data, std::size_t size) {
  std::size_t filled = 0;
  while (filled < size) {
    const ssize_t got = ::getrandom(data + filled, size - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed: cannot create a random id");
    }
    filled += static_cast<std::size_t>(got);
  }
}

// `length` letters of kAlphabet, one random byte each.
std::string randomText(std::size_t length) {
  std::string text(length, '\0');
  fillRandom(reinterpret_cast<std::uint8_t*>(text.data()), text.size());
  for (char& letter : text) letter = kAlphabet[static_cast<std::uint8_t>(letter) & 63];
  // A leading '-' reads as an option on a command line (`nexus sessions show -abc…`): draw the
  // first letter again until it is another one (still uniform over the other 63).
  while (text[0] == '-') {
    std::uint8_t byte = 0;
    fillRandom(&byte, 1);
    text[0] = kAlphabet[byte & 63];
  }
  return text;
}

}  // namespace

std::string newId() { return randomText(kIdLength); }

std::string newSecret() { return randomText(kSecretLength); }

bool isWellFormedId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace nexus
