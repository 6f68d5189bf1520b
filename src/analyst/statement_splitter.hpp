#pragma once
// Splits a person's message into statements the recogniser can judge one at a time.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nexus::analyst {

// A statement longer than this is cut at a word boundary: nobody states one requirement in
// more words, and it keeps the per-statement work bounded on pasted walls of text.
inline constexpr std::size_t kMaxStatementBytes = 600;

// Sentences, plus the pieces of "a; b", "a and also b", and bullet or numbered lines (markers
// removed). Keeps "e.g.", "i.e.", "etc.", "99.9%", "2.5 s" and "v1.2.3" intact and lists like
// "create, edit and delete tasks" together. A fragment without its own subject borrows the
// lead-in of the statement it continues: "Users must be able to:\n- create tasks" gives
// "Users must be able to create tasks". Whitespace is collapsed; empty pieces are dropped.
std::vector<std::string> splitStatements(std::string_view message);

}  // namespace nexus::analyst
