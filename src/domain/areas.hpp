#pragma once
// The domain areas a requirements interview covers, and how free text maps to one.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nexus::domain {

// The standard areas of gap detection (DESIGN.md §2), in the order gaps are suggested.
inline constexpr std::array<std::string_view, 9> kStandardAreas{
    "authentication", "authorization", "data_model", "api",       "ui_ux",
    "performance",    "security",      "integrations", "deployment"};

bool isStandardArea(std::string_view area);

// Maps the spellings people and models use to the canonical area id:
// "UI/UX" -> "ui_ux", "Data Model" -> "data_model", "auth" -> "authentication".
// Unknown but well-formed names are lower-cased with '_' for separators ("Billing" -> "billing");
// nullopt for empty or junk input.
std::optional<std::string> normalizeArea(std::string_view area);

// A short label for people: "ui_ux" -> "UI/UX", "data_model" -> "data model".
std::string areaLabel(std::string_view area);

// The best area for a statement, checking specific keywords before generic ones
// ("protect the data" is security, not data_model; "sign in" is authentication).
// nullopt when nothing matches.
std::optional<std::string> inferArea(std::string_view text);

// Every area the text touches, most specific first, without repeats.
std::vector<std::string> inferAreas(std::string_view text);

// Only the areas a specific keyword names outright ("encrypted", "sign in"), not those a word
// many statements use in passing suggests ("data", "page").
std::vector<std::string> inferSpecificAreas(std::string_view text);

}  // namespace nexus::domain
