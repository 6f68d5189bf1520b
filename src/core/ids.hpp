#pragma once
// Identifiers: 21 characters of the nanoid alphabet (A-Za-z0-9_-), about 126 random bits from
// the operating system's CSPRNG; never starting with '-', which a command line would take for an
// option. Thread-safe.

#include <string>
#include <string_view>

namespace nexus {

inline constexpr std::size_t kIdLength = 21;

std::string newId();

// A secret for bearer tokens: 43 characters of the same alphabet, about 256 random bits from the
// same source; never starting with '-' either (it may be passed as `--token SECRET`).
inline constexpr std::size_t kSecretLength = 43;
std::string newSecret();

// True for strings of the id alphabet with a sensible length (1..128); used to refuse junk
// ids early with a clear message rather than after a lookup.
bool isWellFormedId(std::string_view id);

}  // namespace nexus
