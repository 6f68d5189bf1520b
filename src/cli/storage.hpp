#pragma once
// Where the sessions live: the --db / NEXUS_DB choice and opening it.

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/requirements_store.hpp"
#include "store/session_store.hpp"
#include "store/sqlite_database.hpp"

namespace nexus::cli {

inline constexpr const char* kInMemoryDatabase = ":memory:";

// The database path: `flag` when given (the flag also carries NEXUS_DB), else
// $XDG_DATA_HOME/nexus/nexus.db, else ~/.local/share/nexus/nexus.db.
Result<std::string> resolveDatabasePath(const std::string& flag);

// Opens (creating on first use, directory included) the store at `path`; ":memory:" keeps
// sessions in memory for this process only. Errors name the file and the cause.
Result<std::unique_ptr<SessionStore>> openSessionStore(const std::string& path, SqliteOptions options = {});

// The requirements database in the same file (opened after openSessionStore made its place).
Result<std::unique_ptr<RequirementsStore>> openRequirementsStore(const std::string& path, const Clock& clock,
                                                               SqliteOptions options = {});

}  // namespace nexus::cli
