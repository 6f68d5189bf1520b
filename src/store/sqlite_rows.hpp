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

// One result column of a statement, found by its name once, before the rows are read, and then
// read in every row at that index: a change to the SELECT list cannot make it read another
// column. A name the result lacks, or has twice, throws std::logic_error when the column is
// looked up. The name is SQLite's: the column's own for a plain column (r.id is "id"), else
// its AS alias, which every expression in a SELECT list read by name therefore has.
class NamedColumn {
 public:
  NamedColumn(const SQLite::Statement& statement, const char* name) : statement_(&statement), name_(name) {
    for (int i = 0; i < statement.getColumnCount(); ++i) {
      if (std::string_view(statement.getColumnName(i)) != name) continue;
      if (index_ >= 0) throw std::logic_error(twice());
      index_ = i;
    }
    if (index_ < 0) throw std::logic_error(missing());
  }

  // The value in the current row; valid until the statement moves on.
  SQLite::Column operator()() const { return statement_->getColumn(index_); }
  const char* name() const { return name_; }

 private:
  std::string missing() const { return "the query has no column \"" + std::string(name_) + "\" (" + query() + ")"; }
  std::string twice() const { return "the query has two columns \"" + std::string(name_) + "\" (" + query() + ")"; }
  // On one line, as errors are.
  std::string query() const {
    std::string sql = statement_->getQuery();
    for (char& c : sql) c = c == '\n' ? ' ' : c;
    return sql;
  }

  const SQLite::Statement* statement_;
  const char* name_;
  int index_ = -1;
};

// For a row read once (a count, a single value): the column looked up in passing.
inline SQLite::Column columnNamed(const SQLite::Statement& statement, const char* name) {
  return NamedColumn(statement, name)();
}

// The column's text in place, without a copy; valid until the statement moves on.
inline std::string_view textOf(const SQLite::Column& column) {
  return {column.getText(), static_cast<std::size_t>(column.getBytes())};
}
inline std::string_view textOf(const NamedColumn& column) { return textOf(column()); }

// `parse` is one of the parseX functions of core: optional result, nullopt for junk. The
// column's name is the field named when it is junk.
template <typename Parse>
auto decode(Parse parse, const NamedColumn& column) {
  const SQLite::Column value = column();
  const std::string_view text = textOf(value);
  auto parsed = parse(text);
  if (!parsed) {
    throw MalformedRow("the stored " + std::string(column.name()) + " \"" + std::string(text) + "\" is not valid");
  }
  return *parsed;
}

inline std::optional<std::string> optionalText(const NamedColumn& column) {
  const SQLite::Column value = column();
  if (value.isNull()) return std::nullopt;
  return value.getString();
}

inline void bindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

}  // namespace nexus::sqlite_rows
