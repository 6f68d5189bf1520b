#pragma once
// Which process works on a session: a row per claimed session (host, pid), so that a second
// `nexus` on the same database is refused instead of interleaving turns. A claim whose process
// no longer runs on this host (it was killed) is taken over.

#include <string_view>

#include "core/result.hpp"
#include "store/sqlite_database.hpp"

namespace nexus {

// Not thread-safe: the caller holds the connection's lock.
Result<void> claimSession(SqliteDatabase& db, std::string_view sessionId, std::string_view now);
Result<void> releaseSession(SqliteDatabase& db, std::string_view sessionId);

}  // namespace nexus
