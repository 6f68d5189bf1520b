#pragma once
// Sessions in an SQLite file (DESIGN.md §7), the default store of the executable.
//
// Layout (store/sqlite_schema.cpp): projects, sessions, messages, session_requirements and
// requirement_edits; messages, requirements and edits are append-only rows keyed by
// (session_id, seq), so a save writes only what is new since the last one. Findings and
// conflicts are JSON arrays in the session row. A message's ModelOutput (raw output, model,
// stop reason, token usage) goes into the audit columns of its row.
// InterviewMessage::requirementsExtracted is not stored: load() rebuilds it from the
// source_message_id of the requirements still in the session (the ids in requirement order;
// absent when a message has none), which is what the engine writes.
//
// The person's edits: each requirement edit new since the last save is appended, and the row
// of the requirement it edits is rewritten from memory (text, category, priority, confidence,
// area, editedFields), or, when that requirement is no longer in extractedRequirements, marked
// removed (removed_at: the time of its "removed" edit). Removed rows stay in the file but are
// not loaded, listed or counted.
//
// Contract beyond SessionStore: between saves a session may only grow (messages, requirements
// and edits appended; status, times, explored areas, findings, conflicts and
// requirementsExtracted may change) and lose the requirements its new edits remove; other
// changes to requirements already stored are written only with an edit of them. A save is
// checked cheaply against the last stored message, the last stored edit and the last stored
// requirement still in the session (past the ones this save removes), which must be in memory:
// fewer rows than stored, another id at that position, or a stored requirement missing from
// memory without an edit removing it (e.g. another process appended to the same session) fails
// with StorageFailed and writes nothing. A save costs O(what is new + log(session length)),
// plus O(requirements in memory) in memory when there are new edits. Lists and "latest" break
// activity ties by id, as MemorySessionStore does.
//
// Ownership: owns one connection to the file. Thread safety: every method takes one mutex.
// Saves of different threads that arrive together share one transaction (group commit, store/
// sqlite_group_commit.hpp): each returns once that is on disk, with the outcome it would have
// had alone. Several stores (in this process or in others) may use the same file at once.
// Errors: StorageFailed, one line naming the file and the cause ("cannot save session X to
// /x/nexus.db: the disk is full"); a failed save leaves the file as it was before it.

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "store/session_store.hpp"
#include "store/sqlite_database.hpp"

namespace nexus {

class SqliteGroupCommit;

class SqliteSessionStore final : public SessionStore {
 public:
  // Opens or creates the file (its directory must exist) and brings its schema up to date.
  static Result<std::unique_ptr<SqliteSessionStore>> open(const std::string& path,
                                                          SqliteOptions options = {});
  ~SqliteSessionStore() override;

  Result<void> save(const InterviewSession& session) override;
  Result<std::optional<InterviewSession>> load(std::string_view sessionId) const override;
  Result<std::optional<InterviewSession>> loadLatestOpen(std::string_view projectId) const override;
  Result<std::vector<SessionSummary>> list(std::string_view projectId) const override;
  Result<bool> remove(std::string_view sessionId) override;
  Result<void> claim(std::string_view sessionId) override;
  Result<void> release(std::string_view sessionId) override;

  const std::string& path() const { return db_.path(); }

  // Caps the file at `pages` pages of this connection so that a test can fill the "disk".
  // Throws SQLite::Exception if the pragma fails (a test hook, not an API).
  void setMaxPageCountForTesting(std::int64_t pages);

 private:
  explicit SqliteSessionStore(SqliteDatabase db);

  // One session as stored; the caller holds mutex_ and a read transaction. Throws on failure.
  std::optional<InterviewSession> loadLocked(const std::string& sessionId) const;

  mutable std::mutex mutex_;
  mutable SqliteDatabase db_;  // reads run statements too
  std::unique_ptr<SqliteGroupCommit> writes_;  // every save goes through it
};

}  // namespace nexus
