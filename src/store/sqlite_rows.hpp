#pragma once
// Reading and binding the columns of the SQLite stores' rows. Internal to store/.

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nexus::sqlite_rows {

// Thrown while decoding a row that this build cannot read; becomes the cause of the error.
struct MalformedRow : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The column's text in place, without a copy; valid until the statement moves on.
inline std::string_view textOf(const SQLite::Column& column) {
  return {column.getText(), static_cast<std::size_t>(column.getBytes())};
}

// `parse` is one of the parseX functions of core: optional result, nullopt for junk.
template <typename Parse>
auto decode(Parse parse, const SQLite::Column& column, const char* field) {
  const std::string_view text = textOf(column);
  auto parsed = parse(text);
  if (!parsed) {
    throw MalformedRow("the stored " + std::string(field) + " \"" + std::string(text) + "\" is not valid");
  }
  return *parsed;
}

inline std::optional<std::string> optionalText(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

inline void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

}  // namespace nexus::sqlite_rows
