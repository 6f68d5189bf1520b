#include "store/sqlite_session_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "store/session_claims.hpp"
#include "store/sqlite_group_commit.hpp"
#include "store/sqlite_guarded.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_schema.hpp"

namespace nexus {
namespace {

using namespace sqlite_rows;


// Unchanged rows are not rewritten, so saving the same state twice writes nothing.
constexpr const char* kUpsertSession = R"sql(
INSERT INTO sessions (id, project_id, status, mode, evolution_context, explored_areas, started_at,
                      last_activity_at, completed_at, findings, conflicts)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
ON CONFLICT (id) DO UPDATE SET
  project_id = excluded.project_id, status = excluded.status, mode = excluded.mode,
  evolution_context = excluded.evolution_context, explored_areas = excluded.explored_areas,
  started_at = excluded.started_at, last_activity_at = excluded.last_activity_at,
  completed_at = excluded.completed_at, findings = excluded.findings, conflicts = excluded.conflicts
WHERE (project_id, status, mode, evolution_context, explored_areas, started_at, last_activity_at,
       completed_at, findings, conflicts)
  IS NOT (excluded.project_id, excluded.status, excluded.mode, excluded.evolution_context,
          excluded.explored_areas, excluded.started_at, excluded.last_activity_at, excluded.completed_at,
          excluded.findings, excluded.conflicts)
)sql";

// The last stored row of a session: one step down the primary-key index, whatever the length.
constexpr const char* kLastMessage =
    "SELECT seq, id FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT 1";
constexpr const char* kLastRequirement =
    "SELECT seq, id FROM session_requirements WHERE session_id = ? ORDER BY seq DESC LIMIT 1";
// An edit has no id: what identifies it in a message is its requirement, field and time.
constexpr const char* kLastEdit =
    "SELECT seq, requirement_id || ' ' || field || ' at ' || edited_at AS id FROM requirement_edits "
    "WHERE session_id = ? ORDER BY seq DESC LIMIT 1";
// The requirements still in the session, last first: down the same index, past removed rows.
constexpr const char* kLiveRequirementsFromTheEnd =
    "SELECT id FROM session_requirements WHERE session_id = ? AND removed_at IS NULL ORDER BY seq DESC";

constexpr const char* kSummaryColumns =
    "SELECT s.id, s.project_id, s.status, s.mode, "
    "(SELECT count(*) FROM messages m WHERE m.session_id = s.id) AS message_count, "
    "(SELECT count(*) FROM session_requirements r WHERE r.session_id = s.id AND r.removed_at IS NULL) "
    "AS requirement_count, "
    "s.started_at, s.last_activity_at FROM sessions s ";


struct StoredTail {
  std::size_t count = 0;  // rows are stored at seq 0..count-1
  std::string lastId;
};

StoredTail storedTail(SqliteDatabase& db, const char* sql, const std::string& sessionId) {
  const auto last = db.prepared(sql);
  last->bind(1, sessionId);
  if (!last->executeStep()) return {};
  return {static_cast<std::size_t>(columnNamed(*last, "seq").getInt64()) + 1, columnNamed(*last, "id").getString()};
}

std::string idOf(const InterviewMessage& message) { return message.id; }
// As kLastEdit spells it.
std::string idOf(const RequirementEdit& edit) {
  return edit.requirementId + " " + edit.field + " at " + formatIso8601(edit.editedAt);
}

// Why the stored rows cannot be the beginning of `items`; checks the last one only (cheap).
template <typename Item>
std::optional<std::string> disagreement(const StoredTail& tail, const std::vector<Item>& items,
                                        const char* what) {
  if (tail.count > items.size()) {
    return "the file already holds " + std::to_string(tail.count) + " " + what +
           "s of this session but the one being saved has " + std::to_string(items.size()) +
           " (was it changed by another process?)";
  }
  if (tail.count > 0 && idOf(items[tail.count - 1]) != tail.lastId) {
    return std::string(what) + " " + std::to_string(tail.count - 1) + " is stored as " + tail.lastId +
           " but is " + idOf(items[tail.count - 1]) +
           " in the session being saved (was it changed by another process?)";
  }
  return std::nullopt;
}

// The session's requirements to write, worked out before anything is written.
//
// Rows are never deleted: a removed requirement keeps its row with removed_at set, so the rows
// still in the session (removed_at NULL, in seq order) are what the last save had in
// extractedRequirements, and memory is that list with the requirements the new edits removed
// taken out and new ones appended at the end. The new ones are found by id: the last row still
// in the session that this save does not remove must be in memory, and what follows it there is
// new. Like the checks of messages and edits this looks at one row (and the ones this save
// removes), not the whole history, and refuses a memory that lacks that row.
struct RequirementPlan {
  std::size_t appendFrom = 0;    // extractedRequirements[appendFrom..] are new rows
  std::int64_t nextSeq = 0;      // the seq of the first of them
  std::vector<const ExtractedRequirement*> rewrite;          // edited and in memory, each once
  std::vector<std::pair<std::string, Timestamp>> removals;  // edited and gone: id, removed at
};

std::variant<RequirementPlan, std::string> planRequirements(SqliteDatabase& db, const InterviewSession& session,
                                                            std::size_t storedEdits) {
  RequirementPlan plan;
  const StoredTail last = storedTail(db, kLastRequirement, session.id);
  plan.nextSeq = static_cast<std::int64_t>(last.count);
  const auto& requirements = session.extractedRequirements;

  std::unordered_set<std::string> removedNow;
  if (storedEdits < session.requirementEdits.size()) {
    std::unordered_map<std::string_view, const ExtractedRequirement*> inMemory;
    for (const auto& requirement : requirements) inMemory.emplace(requirement.id, &requirement);
    std::unordered_set<std::string_view> rewritten;
    // An edited requirement that is gone was removed: at the time of its "removed" edit (which
    // the engine appends), else of its last edit.
    std::unordered_map<std::string_view, std::pair<Timestamp, bool>> gone;  // id -> (time, by "removed")
    for (std::size_t i = storedEdits; i < session.requirementEdits.size(); ++i) {
      const RequirementEdit& edit = session.requirementEdits[i];
      if (const auto it = inMemory.find(edit.requirementId); it != inMemory.end()) {
        if (rewritten.insert(edit.requirementId).second) plan.rewrite.push_back(it->second);
        continue;
      }
      auto [entry, added] = gone.try_emplace(edit.requirementId, edit.editedAt, edit.field == "removed");
      if (!added && !entry->second.second) entry->second = {edit.editedAt, edit.field == "removed"};
    }
    for (std::size_t i = storedEdits; i < session.requirementEdits.size(); ++i) {  // in edit order
      const RequirementEdit& edit = session.requirementEdits[i];
      const auto it = gone.find(edit.requirementId);
      if (it == gone.end() || !removedNow.insert(edit.requirementId).second) continue;
      plan.removals.emplace_back(edit.requirementId, it->second.first);
    }
  }

  const auto live = db.prepared(kLiveRequirementsFromTheEnd);
  live->bind(1, session.id);
  std::optional<std::string> lastKept;
  while (live->executeStep()) {
    std::string id = columnNamed(*live, "id").getString();
    if (!removedNow.contains(id)) {
      lastKept = std::move(id);
      break;
    }
  }
  if (!lastKept) return plan;  // nothing stored stays: every requirement in memory is new
  // Searched from the end: it is followed by this turn's few new requirements.
  for (std::size_t i = requirements.size(); i > 0; --i) {
    if (requirements[i - 1].id == *lastKept) {
      plan.appendFrom = i;
      return plan;
    }
  }
  return "requirement " + *lastKept +
         " is stored but is not in the session being saved, and no edit of it removes it "
         "(was it changed by another process?)";
}

void upsertSession(SqliteDatabase& db, const InterviewSession& session) {
  const auto upsert = db.prepared(kUpsertSession);
  upsert->bind(1, session.id);
  upsert->bind(2, session.projectId);
  upsert->bind(3, std::string(toString(session.status)));
  upsert->bind(4, std::string(toString(session.mode)));
  if (session.evolutionContext) {
    upsert->bind(5, nlohmann::json(*session.evolutionContext).dump());
  } else {
    upsert->bind(5);
  }
  upsert->bind(6, nlohmann::json(session.exploredAreas).dump());
  upsert->bind(7, formatIso8601(session.startedAt));
  upsert->bind(8, formatIso8601(session.lastActivityAt));
  if (session.completedAt) {
    upsert->bind(9, formatIso8601(*session.completedAt));
  } else {
    upsert->bind(9);
  }
  upsert->bind(10, nlohmann::json(session.findings).dump());
  upsert->bind(11, nlohmann::json(session.conflicts).dump());
  upsert->exec();
}

void appendMessages(SqliteDatabase& db, const InterviewSession& session, std::size_t from) {
  if (from >= session.messages.size()) return;
  const auto insert = db.prepared(
      "INSERT INTO messages (session_id, seq, id, role, content, timestamp, raw_output, model, "
      "stop_reason, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t seq = from; seq < session.messages.size(); ++seq) {
    const InterviewMessage& message = session.messages[seq];
    insert->clearBindings();  // the audit columns stay NULL for messages without model output
    insert->bind(1, session.id);
    insert->bind(2, static_cast<std::int64_t>(seq));
    insert->bind(3, message.id);
    insert->bind(4, std::string(toString(message.role)));
    insert->bind(5, message.content);
    insert->bind(6, formatIso8601(message.timestamp));
    if (const auto& output = message.modelOutput) {
      insert->bind(7, output->rawText);
      insert->bind(8, output->model);
      insert->bind(9, output->stopReason);
      insert->bind(10, output->usage.inputTokens);
      insert->bind(11, output->usage.outputTokens);
      insert->bind(12, output->usage.cacheReadInputTokens);
      insert->bind(13, output->usage.cacheCreationInputTokens);
    }
    insert->exec();
    insert->reset();
  }
}

std::optional<std::string> editedFieldsColumn(const ExtractedRequirement& requirement) {
  if (!requirement.editedFields) return std::nullopt;
  return nlohmann::json(*requirement.editedFields).dump();
}

// The columns of an insert or a rewrite: ?3 id ... ?9 edited_fields.
void bindRequirement(SQLite::Statement& statement, const ExtractedRequirement& requirement) {
  statement.bind(3, requirement.id);
  statement.bind(4, requirement.text);
  statement.bind(5, std::string(toString(requirement.category)));
  statement.bind(6, std::string(toString(requirement.priority)));
  statement.bind(7, requirement.confidence);
  bindOptional(statement, 8, requirement.area);
  bindOptional(statement, 9, editedFieldsColumn(requirement));
}

void appendRequirements(SqliteDatabase& db, const InterviewSession& session, const RequirementPlan& plan) {
  if (plan.appendFrom >= session.extractedRequirements.size()) return;
  const auto insert = db.prepared(
      "INSERT INTO session_requirements (session_id, seq, id, text, category, priority, "
      "confidence, area, edited_fields, source_message_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  std::int64_t seq = plan.nextSeq;
  for (std::size_t i = plan.appendFrom; i < session.extractedRequirements.size(); ++i) {
    const ExtractedRequirement& requirement = session.extractedRequirements[i];
    insert->bind(1, session.id);
    insert->bind(2, seq++);
    bindRequirement(*insert, requirement);
    insert->bind(10, requirement.sourceMessageId);
    insert->exec();
    insert->reset();
  }
}

void appendEdits(SqliteDatabase& db, const InterviewSession& session, std::size_t from) {
  if (from >= session.requirementEdits.size()) return;
  const auto insert = db.prepared(
      "INSERT INTO requirement_edits (session_id, seq, requirement_id, field, old_value, "
      "new_value, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t seq = from; seq < session.requirementEdits.size(); ++seq) {
    const RequirementEdit& edit = session.requirementEdits[seq];
    insert->bind(1, session.id);
    insert->bind(2, static_cast<std::int64_t>(seq));
    insert->bind(3, edit.requirementId);
    insert->bind(4, edit.field);
    bindOptional(*insert, 5, edit.oldValue);
    bindOptional(*insert, 6, edit.newValue);
    insert->bind(7, formatIso8601(edit.editedAt));
    insert->exec();
    insert->reset();
  }
}

// The rows the new edits changed: rewritten from memory, or marked removed. A requirement edited
// before it was first stored has no row yet (it is appended as it is now), nor has one captured
// and removed between two saves (it is never stored).
void applyEdits(SqliteDatabase& db, const InterviewSession& session, const RequirementPlan& plan) {
  if (!plan.rewrite.empty()) {
    const auto rewrite = db.prepared(
        "UPDATE session_requirements SET text = ?4, category = ?5, priority = ?6, "
        "confidence = ?7, area = ?8, edited_fields = ?9 "
        "WHERE session_id = ?1 AND id = ?3 AND removed_at IS NULL");
    for (const ExtractedRequirement* requirement : plan.rewrite) {
      rewrite->bind(1, session.id);
      bindRequirement(*rewrite, *requirement);
      rewrite->exec();
      rewrite->reset();
    }
  }
  if (!plan.removals.empty()) {
    const auto remove = db.prepared(
        "UPDATE session_requirements SET removed_at = ? "
        "WHERE session_id = ? AND id = ? AND removed_at IS NULL");
    for (const auto& [id, at] : plan.removals) {
      remove->bind(1, formatIso8601(at));
      remove->bind(2, session.id);
      remove->bind(3, id);
      remove->exec();
      remove->reset();
    }
  }
}

std::vector<SessionSummary> summaries(SQLite::Statement& query) {
  const NamedColumn id(query, "id"), projectId(query, "project_id"), status(query, "status"), mode(query, "mode"),
      messageCount(query, "message_count"), requirementCount(query, "requirement_count"),
      startedAt(query, "started_at"), lastActivityAt(query, "last_activity_at");
  std::vector<SessionSummary> out;
  while (query.executeStep()) {
    SessionSummary summary;
    summary.id = id().getString();
    summary.projectId = projectId().getString();
    summary.status = decode(parseSessionStatus, status);
    summary.mode = decode(parseInterviewMode, mode);
    summary.messageCount = static_cast<std::size_t>(messageCount().getInt64());
    summary.requirementCount = static_cast<std::size_t>(requirementCount().getInt64());
    summary.startedAt = decode(parseIso8601, startedAt);
    summary.lastActivityAt = decode(parseIso8601, lastActivityAt);
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace

SqliteSessionStore::SqliteSessionStore(SqliteDatabase db)
    : db_(std::move(db)), writes_(std::make_unique<SqliteGroupCommit>(db_, mutex_)) {}
SqliteSessionStore::~SqliteSessionStore() = default;

Result<std::unique_ptr<SqliteSessionStore>> SqliteSessionStore::open(const std::string& path,
                                                                     SqliteOptions options) {
  auto db = SqliteDatabase::open(path, nexusSchemaMigrations(), options);
  if (!db) return db.error();
  return std::unique_ptr<SqliteSessionStore>(new SqliteSessionStore(std::move(*db)));
}

Result<void> SqliteSessionStore::save(const InterviewSession& session) {
  const std::string action = "save session " + session.id + " to " + db_.path();
  // In the batch's IMMEDIATE transaction: the write lock is taken first, so that the reads below
  // cannot go stale. A refusal returns before anything is written.
  return writes_->write(action, [&]() -> Result<void> {
    SqliteDatabase& db = db_;
    const StoredTail messages = storedTail(db, kLastMessage, session.id);
    const StoredTail edits = storedTail(db, kLastEdit, session.id);
    auto why = disagreement(messages, session.messages, "message");
    if (!why) why = disagreement(edits, session.requirementEdits, "requirement edit");
    std::variant<RequirementPlan, std::string> requirements;
    if (!why) {
      requirements = planRequirements(db, session, edits.count);
      if (auto* disagrees = std::get_if<std::string>(&requirements)) why = std::move(*disagrees);
    }
    if (why) return Error::storageFailed("cannot " + action + ": " + *why);
    const RequirementPlan& plan = std::get<RequirementPlan>(requirements);

    // A project is known from the start of its first stored session.
    const auto project =
        db.prepared("INSERT INTO projects (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
    project->bind(1, session.projectId);
    project->bind(2, formatIso8601(session.startedAt));
    project->exec();
    upsertSession(db, session);
    appendMessages(db, session, messages.count);
    appendEdits(db, session, edits.count);
    applyEdits(db, session, plan);
    appendRequirements(db, session, plan);
    return {};
  });
}

std::optional<InterviewSession> SqliteSessionStore::loadLocked(const std::string& sessionId) const {
  SqliteDatabase& db = db_;
  const auto row = db.prepared(
      "SELECT project_id, status, mode, evolution_context, explored_areas, started_at, "
      "last_activity_at, completed_at, findings, conflicts FROM sessions WHERE id = ?");
  row->bind(1, sessionId);
  if (!row->executeStep()) return std::nullopt;

  InterviewSession session;
  session.id = sessionId;
  session.projectId = columnNamed(*row, "project_id").getString();
  session.status = decode(parseSessionStatus, NamedColumn(*row, "status"));
  session.mode = decode(parseInterviewMode, NamedColumn(*row, "mode"));
  if (const auto context = columnNamed(*row, "evolution_context"); !context.isNull()) {
    session.evolutionContext = nlohmann::json::parse(context.getString()).get<EvolutionContext>();
  }
  session.exploredAreas =
      nlohmann::json::parse(columnNamed(*row, "explored_areas").getString()).get<std::vector<std::string>>();
  session.startedAt = decode(parseIso8601, NamedColumn(*row, "started_at"));
  session.lastActivityAt = decode(parseIso8601, NamedColumn(*row, "last_activity_at"));
  if (const NamedColumn completedAt(*row, "completed_at"); !completedAt().isNull())
    session.completedAt = decode(parseIso8601, completedAt);
  session.findings = nlohmann::json::parse(columnNamed(*row, "findings").getString())
                         .get<std::vector<RequirementFinding>>();
  session.conflicts = nlohmann::json::parse(columnNamed(*row, "conflicts").getString())
                          .get<std::vector<RequirementConflict>>();

  const auto count = db.prepared("SELECT count(*) AS messages FROM messages WHERE session_id = ?");
  count->bind(1, sessionId);
  count->executeStep();
  session.messages.reserve(static_cast<std::size_t>(columnNamed(*count, "messages").getInt64()));
  const auto messages = db.prepared(
      "SELECT id, role, content, timestamp, raw_output, model, stop_reason, input_tokens, "
      "output_tokens, cache_read_tokens, cache_creation_tokens "
      "FROM messages WHERE session_id = ? ORDER BY seq");
  messages->bind(1, sessionId);
  const NamedColumn id(*messages, "id"), role(*messages, "role"), content(*messages, "content"),
      timestamp(*messages, "timestamp"), rawOutput(*messages, "raw_output"), model(*messages, "model"),
      stopReason(*messages, "stop_reason"), inputTokens(*messages, "input_tokens"),
      outputTokens(*messages, "output_tokens"), cacheReadTokens(*messages, "cache_read_tokens"),
      cacheCreationTokens(*messages, "cache_creation_tokens");
  while (messages->executeStep()) {
    InterviewMessage message;
    message.id = id().getString();
    message.role = decode(parseMessageRole, role);
    message.content = content().getString();
    message.timestamp = decode(parseIso8601, timestamp);
    // raw_output is NULL exactly for the messages without model output (greetings, user messages).
    if (const auto raw = rawOutput(); !raw.isNull()) {
      message.modelOutput = ModelOutput{raw.getString(), model().getString(), stopReason().getString(),
                                        TokenUsage{inputTokens().getInt64(), outputTokens().getInt64(),
                                                   cacheReadTokens().getInt64(), cacheCreationTokens().getInt64()}};
    }
    session.messages.push_back(std::move(message));
  }

  // The requirements still in the session; removed ones stay in the file, for their edits.
  const auto requirements = db.prepared(
      "SELECT id, text, category, priority, confidence, area, edited_fields, "
      "source_message_id FROM session_requirements "
      "WHERE session_id = ? AND removed_at IS NULL ORDER BY seq");
  requirements->bind(1, sessionId);
  const NamedColumn requirementId(*requirements, "id"), text(*requirements, "text"),
      category(*requirements, "category"), priority(*requirements, "priority"),
      confidence(*requirements, "confidence"), area(*requirements, "area"),
      editedFields(*requirements, "edited_fields"), sourceMessageId(*requirements, "source_message_id");
  std::unordered_map<std::string, std::vector<std::string>> extractedFrom;  // message id -> requirement ids
  while (requirements->executeStep()) {
    ExtractedRequirement requirement;
    requirement.id = requirementId().getString();
    requirement.text = text().getString();
    requirement.category = decode(parseCategory, category);
    requirement.priority = decode(parsePriority, priority);
    requirement.confidence = confidence().getDouble();
    requirement.area = optionalText(area);
    if (const auto fields = editedFields(); !fields.isNull())
      requirement.editedFields = nlohmann::json::parse(textOf(fields)).get<std::vector<std::string>>();
    requirement.sourceMessageId = sourceMessageId().getString();
    extractedFrom[requirement.sourceMessageId].push_back(requirement.id);
    session.extractedRequirements.push_back(std::move(requirement));
  }
  // requirementsExtracted is derived, not stored (see the header).
  for (InterviewMessage& message : session.messages) {
    if (auto it = extractedFrom.find(message.id); it != extractedFrom.end())
      message.requirementsExtracted = it->second;
  }

  const auto edits = db.prepared(
      "SELECT requirement_id, field, old_value, new_value, edited_at FROM requirement_edits "
      "WHERE session_id = ? ORDER BY seq");
  edits->bind(1, sessionId);
  const NamedColumn editedId(*edits, "requirement_id"), field(*edits, "field"), oldValue(*edits, "old_value"),
      newValue(*edits, "new_value"), editedAt(*edits, "edited_at");
  while (edits->executeStep()) {
    session.requirementEdits.push_back({editedId().getString(), field().getString(), optionalText(oldValue),
                                        optionalText(newValue), decode(parseIso8601, editedAt)});
  }
  return session;
}

Result<std::optional<InterviewSession>> SqliteSessionStore::load(std::string_view sessionId) const {
  std::lock_guard lock(mutex_);
  const std::string id(sessionId);
  const std::string action = "load session " + id + " from " + db_.path();
  return guarded(db_, action, [&]() -> Result<std::optional<InterviewSession>> {
    // One read transaction: the three queries see one snapshot even while others write.
    SQLite::Transaction snapshot(db_.connection(), SQLite::TransactionBehavior::DEFERRED);
    std::optional<InterviewSession> loaded = loadLocked(id);
    snapshot.commit();
    return loaded;
  });
}

Result<std::optional<InterviewSession>> SqliteSessionStore::loadLatestOpen(std::string_view projectId) const {
  std::lock_guard lock(mutex_);
  const std::string project(projectId);
  const std::string action = "find the latest open session of project " + project + " in " + db_.path();
  return guarded(db_, action, [&]() -> Result<std::optional<InterviewSession>> {
    SqliteDatabase& db = db_;
    SQLite::Transaction snapshot(db.connection(), SQLite::TransactionBehavior::DEFERRED);
    const auto latest = db.prepared(
        "SELECT id FROM sessions WHERE project_id = ? AND status <> ? "
        "ORDER BY last_activity_at DESC, id LIMIT 1");
    latest->bind(1, project);
    latest->bind(2, std::string(toString(SessionStatus::Completed)));
    std::optional<std::string> id;
    if (latest->executeStep()) id = columnNamed(*latest, "id").getString();
    latest->reset();
    std::optional<InterviewSession> loaded;
    if (id) loaded = loadLocked(*id);
    snapshot.commit();
    return loaded;
  });
}

Result<std::vector<SessionSummary>> SqliteSessionStore::list(std::string_view projectId) const {
  std::lock_guard lock(mutex_);
  return guarded(db_, "list the sessions in " + db_.path(), [&]() -> Result<std::vector<SessionSummary>> {
    SqliteDatabase& db = db_;
    const std::string order = "ORDER BY s.last_activity_at DESC, s.id";
    if (projectId.empty()) {
      const auto query = db.prepared(std::string(kSummaryColumns) + order);
      return summaries(*query);
    }
    const auto query = db.prepared(std::string(kSummaryColumns) + "WHERE s.project_id = ? " + order);
    query->bind(1, std::string(projectId));
    return summaries(*query);
  });
}

Result<bool> SqliteSessionStore::remove(std::string_view sessionId) {
  std::lock_guard lock(mutex_);
  const std::string id(sessionId);
  return guarded(db_, "remove session " + id + " from " + db_.path(), [&]() -> Result<bool> {
    // Messages and requirements go with the session (ON DELETE CASCADE).
    const auto erase = db_.prepared("DELETE FROM sessions WHERE id = ?");
    erase->bind(1, id);
    return erase->exec() > 0;
  });
}

Result<void> SqliteSessionStore::claim(std::string_view sessionId) {
  std::lock_guard lock(mutex_);
  return claimSession(db_, sessionId, formatIso8601(std::chrono::floor<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now())));
}

Result<void> SqliteSessionStore::release(std::string_view sessionId) {
  std::lock_guard lock(mutex_);
  return releaseSession(db_, sessionId);
}

void SqliteSessionStore::setMaxPageCountForTesting(std::int64_t pages) {
  std::lock_guard lock(mutex_);
  db_.setMaxPageCount(pages);
}

}  // namespace nexus
