#include "store/sqlite_schema.hpp"

#include <array>

namespace nexus {
namespace {

// 1: sessions. Dates are ISO-8601 text (core/time.hpp), so they sort as they read; JSON columns
// hold the DESIGN.md §2 shapes. Messages and session requirements are append-only rows keyed by
// (session_id, seq). The audit columns of messages (raw_output ...) are written from version 3.
constexpr std::string_view kSessions = R"sql(
CREATE TABLE projects (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id),
  status TEXT NOT NULL,
  mode TEXT NOT NULL,
  evolution_context TEXT,
  explored_areas TEXT NOT NULL,
  started_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX sessions_by_project_activity ON sessions (project_id, last_activity_at);
CREATE INDEX sessions_by_activity ON sessions (last_activity_at);
CREATE TABLE messages (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  raw_output TEXT,
  model TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cache_read_tokens INTEGER,
  cache_creation_tokens INTEGER,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE session_requirements (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL,
  confidence REAL NOT NULL,
  area TEXT,
  source_message_id TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
);
)sql";

// 2: which process works on a session (store/session_claims.hpp).
constexpr std::string_view kSessionClaims = R"sql(
CREATE TABLE session_claims (
  session_id TEXT PRIMARY KEY NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  claimed_at TEXT NOT NULL
);
)sql";

// 3: the requirements database (store/sqlite_requirements_store.hpp) and the stop reason of a
// model reply. A requirement keeps every place it was stated: one requirement_sources row each.
// origin_id is the id the requirement had at its source (the session's ExtractedRequirement id),
// so that recording the same source twice is refused by the index instead of duplicated.
// projects.requirements_revision counts the writes that may change a project's requirement
// texts, whoever makes them (triggers): a store's in-memory near-duplicate index of the project
// is current while it is unchanged (PRAGMA data_version would also count every session saved
// through another connection).
constexpr std::string_view kRequirementsDatabase = R"sql(
CREATE TABLE requirements (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id),
  text TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL,
  confidence REAL NOT NULL,
  area TEXT,
  validation TEXT NOT NULL,
  feature_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX requirements_by_project ON requirements (project_id, created_at, id);
CREATE TABLE requirement_sources (
  requirement_id TEXT NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  source TEXT NOT NULL,
  message_id TEXT,
  origin_id TEXT,
  added_at TEXT NOT NULL,
  PRIMARY KEY (requirement_id, seq)
);
CREATE UNIQUE INDEX requirement_sources_by_origin ON requirement_sources (source, origin_id)
  WHERE origin_id IS NOT NULL;
ALTER TABLE projects ADD COLUMN requirements_revision INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER requirements_revision_on_insert AFTER INSERT ON requirements BEGIN
  UPDATE projects SET requirements_revision = requirements_revision + 1 WHERE id = NEW.project_id;
END;
CREATE TRIGGER requirements_revision_on_update AFTER UPDATE OF text, project_id ON requirements BEGIN
  UPDATE projects SET requirements_revision = requirements_revision + 1
  WHERE id IN (OLD.project_id, NEW.project_id);
END;
CREATE TRIGGER requirements_revision_on_delete AFTER DELETE ON requirements BEGIN
  UPDATE projects SET requirements_revision = requirements_revision + 1 WHERE id = OLD.project_id;
END;
ALTER TABLE messages ADD COLUMN stop_reason TEXT;
)sql";

// 4: what the person changes and what quality analysis finds (DESIGN.md §2).
// Sessions: findings and conflicts are JSON arrays in the session row (their statuses change);
// the person's edits are append-only requirement_edits rows keyed by (session_id, seq), in the
// order made. An edited session requirement's row is rewritten (edited_fields: a JSON array,
// NULL when none); a removed one keeps its row, with removed_at set, so that seq stays the order
// of capture and the edit that removed it still points at it.
// The requirements database: requirements.edited_fields likewise, and one append-only
// requirement_history row per edit, keyed by (requirement_id, seq).
constexpr std::string_view kEdits = R"sql(
ALTER TABLE session_requirements ADD COLUMN edited_fields TEXT;
ALTER TABLE session_requirements ADD COLUMN removed_at TEXT;
ALTER TABLE sessions ADD COLUMN findings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN conflicts TEXT NOT NULL DEFAULT '[]';
CREATE TABLE requirement_edits (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  requirement_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  edited_at TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
);
ALTER TABLE requirements ADD COLUMN edited_fields TEXT;
CREATE TABLE requirement_history (
  requirement_id TEXT NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  edited_at TEXT NOT NULL,
  PRIMARY KEY (requirement_id, seq)
);
)sql";

// 5: imports (DESIGN.md §4 `requirements:import`). A (source, origin id) pair is recorded once
// per project, not once per database: the same document may be imported into two projects.
// The store checks it inside its write transaction; the index keeps the check cheap.
constexpr std::string_view kImports = R"sql(
DROP INDEX requirement_sources_by_origin;
CREATE INDEX requirement_sources_by_origin ON requirement_sources (source, origin_id)
  WHERE origin_id IS NOT NULL;
)sql";

constexpr std::array<std::string_view, 5> kMigrations{kSessions,  kSessionClaims, kRequirementsDatabase, kEdits,
                                                      kImports};

}  // namespace

std::span<const std::string_view> nexusSchemaMigrations() { return kMigrations; }

}  // namespace nexus
