#include "store/session_claims.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "store/sqlite_guarded.hpp"
#include "store/sqlite_rows.hpp"

namespace nexus {
namespace {

using sqlite_rows::columnNamed;

std::string hostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

bool processRuns(std::int64_t pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

Result<void> claimSession(SqliteDatabase& db, std::string_view sessionId, std::string_view now) {
  const std::string id(sessionId);
  const std::string host = hostName();
  const std::int64_t pid = ::getpid();
  return guarded(db, "claim session " + id + " in " + db.path(), [&]() -> Result<void> {
    auto& connection = db.connection();
    SQLite::Transaction transaction(connection, SQLite::TransactionBehavior::IMMEDIATE);
    const auto holder = db.prepared("SELECT host, pid, claimed_at FROM session_claims WHERE session_id = ?1");
    holder->bind(1, id);
    if (holder->executeStep()) {
      const std::string otherHost = columnNamed(*holder, "host").getString();
      const std::int64_t otherPid = columnNamed(*holder, "pid").getInt64();
      const bool mine = otherHost == host && otherPid == pid;
      // On another host we cannot see whether it still runs, so it counts as running.
      const bool running = otherHost != host || processRuns(otherPid);
      if (!mine && running) {
        return Error::busy("Session \"" + id + "\" is open in another nexus process (pid " + std::to_string(otherPid) +
                           (otherHost == host ? "" : " on " + otherHost) + ", since " +
                           columnNamed(*holder, "claimed_at").getString() + "); finish or pause it there first");
      }
    }
    const auto claim = db.prepared(R"sql(
INSERT INTO session_claims (session_id, host, pid, claimed_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (session_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, claimed_at = excluded.claimed_at)sql");
    claim->bind(1, id);
    claim->bind(2, host);
    claim->bind(3, pid);
    claim->bind(4, std::string(now));
    claim->exec();
    transaction.commit();
    return {};
  });
}

Result<void> releaseSession(SqliteDatabase& db, std::string_view sessionId) {
  const std::string id(sessionId);
  return guarded(db, "release session " + id + " in " + db.path(), [&]() -> Result<void> {
    SQLite::Statement release(db.connection(),
                              "DELETE FROM session_claims WHERE session_id = ?1 AND host = ?2 AND pid = ?3");
    release.bind(1, id);
    release.bind(2, hostName());
    release.bind(3, static_cast<std::int64_t>(::getpid()));
    release.exec();
    return {};
  });
}

}  // namespace nexus
