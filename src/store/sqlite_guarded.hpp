#pragma once
// The one place the SQLite stores catch: work on a connection runs as the body of guarded(),
// and what it throws (SQLite::Exception, a stored row this build cannot decode, a JSON column
// that does not parse, std::bad_alloc) comes back as the one-line Error::storageFailed of
// SqliteDatabase::failure(): "cannot <doing>: <cause in plain words>". Internal to store/.
//
//   return guarded(db_, "remove session " + id + " from " + db_.path(), [&]() -> Result<bool> {
//     SQLite::Statement erase(db_.connection(), "DELETE FROM sessions WHERE id = ?");
//     ...
//   });
//
// The body returns a Result (errors it returns itself pass through untouched) and may hold a
// SQLite::Transaction: the transaction is rolled back while the exception leaves the body,
// before the cause is described, as with a try block around the same statements.

#include <exception>
#include <string_view>
#include <type_traits>

#include "core/result.hpp"
#include "store/sqlite_database.hpp"

namespace nexus::sqlite_guarded {

template <typename T>
inline constexpr bool kIsResult = false;
template <typename T>
inline constexpr bool kIsResult<Result<T>> = true;

// What guarded() does after a failure when nothing is to be undone.
struct NothingToUndo {
  void operator()() const noexcept {}
};

// body(), or failure(error) for the std::exception it throws (exceptions of other types pass).
// For the work that has no SqliteDatabase yet (opening one); everything else uses guarded().
template <typename Body, typename Failure>
std::invoke_result_t<Body&> catching(Body&& body, Failure&& failure) {
  static_assert(kIsResult<std::invoke_result_t<Body&>>, "the body returns a Result: write -> Result<T>");
  try {
    return body();
  } catch (const std::exception& error) {
    return failure(error);
  }
}

}  // namespace nexus::sqlite_guarded

namespace nexus {

// Runs `body` on `db`; an exception it throws becomes db.failure(doing, error). `undo` runs
// first, e.g. to drop an in-memory cache that the failed transaction may have left stale.
template <typename Body, typename Undo = sqlite_guarded::NothingToUndo>
std::invoke_result_t<Body&> guarded(const SqliteDatabase& db, std::string_view doing, Body&& body,
                                    Undo&& undo = {}) {
  return sqlite_guarded::catching(body, [&](const std::exception& error) {
    undo();
    return db.failure(doing, error);
  });
}

}  // namespace nexus
