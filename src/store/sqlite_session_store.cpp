#include "store/sqlite_session_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <stdexcept>
#include <unordered_map>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "store/session_claims.hpp"
#include "store/sqlite_guarded.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_schema.hpp"

namespace nexus {
namespace {

using namespace sqlite_rows;


// Unchanged rows are not rewritten, so saving the same state twice writes nothing.
constexpr const char* kUpsertSession = R"sql(
INSERT INTO sessions (id, project_id, status, mode, evolution_context, explored_areas, started_at,
                      last_activity_at, completed_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT (id) DO UPDATE SET
  project_id = excluded.project_id, status = excluded.status, mode = excluded.mode,
  evolution_context = excluded.evolution_context, explored_areas = excluded.explored_areas,
  started_at = excluded.started_at, last_activity_at = excluded.last_activity_at,
  completed_at = excluded.completed_at
WHERE (project_id, status, mode, evolution_context, explored_areas, started_at, last_activity_at,
       completed_at)
  IS NOT (excluded.project_id, excluded.status, excluded.mode, excluded.evolution_context,
          excluded.explored_areas, excluded.started_at, excluded.last_activity_at, excluded.completed_at)
)sql";

// The last stored row of a session: one step down the primary-key index, whatever the length.
constexpr const char* kLastMessage =
    "SELECT seq, id FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT 1";
constexpr const char* kLastRequirement =
    "SELECT seq, id FROM session_requirements WHERE session_id = ? ORDER BY seq DESC LIMIT 1";

constexpr const char* kSummaryColumns =
    "SELECT s.id, s.project_id, s.status, s.mode, "
    "(SELECT count(*) FROM messages m WHERE m.session_id = s.id) AS message_count, "
    "(SELECT count(*) FROM session_requirements r WHERE r.session_id = s.id) AS requirement_count, "
    "s.started_at, s.last_activity_at FROM sessions s ";


struct StoredTail {
  std::size_t count = 0;  // rows are stored at seq 0..count-1
  std::string lastId;
};

StoredTail storedTail(SQLite::Database& db, const char* sql, const std::string& sessionId) {
  SQLite::Statement last(db, sql);
  last.bind(1, sessionId);
  if (!last.executeStep()) return {};
  return {static_cast<std::size_t>(columnNamed(last, "seq").getInt64()) + 1, columnNamed(last, "id").getString()};
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
  if (tail.count > 0 && items[tail.count - 1].id != tail.lastId) {
    return std::string(what) + " " + std::to_string(tail.count - 1) + " is stored as " + tail.lastId +
           " but is " + items[tail.count - 1].id +
           " in the session being saved (was it changed by another process?)";
  }
  return std::nullopt;
}

void upsertSession(SQLite::Database& db, const InterviewSession& session) {
  SQLite::Statement upsert(db, kUpsertSession);
  upsert.bind(1, session.id);
  upsert.bind(2, session.projectId);
  upsert.bind(3, std::string(toString(session.status)));
  upsert.bind(4, std::string(toString(session.mode)));
  if (session.evolutionContext) {
    upsert.bind(5, nlohmann::json(*session.evolutionContext).dump());
  } else {
    upsert.bind(5);
  }
  upsert.bind(6, nlohmann::json(session.exploredAreas).dump());
  upsert.bind(7, formatIso8601(session.startedAt));
  upsert.bind(8, formatIso8601(session.lastActivityAt));
  if (session.completedAt) {
    upsert.bind(9, formatIso8601(*session.completedAt));
  } else {
    upsert.bind(9);
  }
  upsert.exec();
}

void appendMessages(SQLite::Database& db, const InterviewSession& session, std::size_t from) {
  if (from >= session.messages.size()) return;
  SQLite::Statement insert(db,
                           "INSERT INTO messages (session_id, seq, id, role, content, timestamp, raw_output, model, "
                           "stop_reason, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t seq = from; seq < session.messages.size(); ++seq) {
    const InterviewMessage& message = session.messages[seq];
    insert.clearBindings();  // the audit columns stay NULL for messages without model output
    insert.bind(1, session.id);
    insert.bind(2, static_cast<std::int64_t>(seq));
    insert.bind(3, message.id);
    insert.bind(4, std::string(toString(message.role)));
    insert.bind(5, message.content);
    insert.bind(6, formatIso8601(message.timestamp));
    if (const auto& output = message.modelOutput) {
      insert.bind(7, output->rawText);
      insert.bind(8, output->model);
      insert.bind(9, output->stopReason);
      insert.bind(10, output->usage.inputTokens);
      insert.bind(11, output->usage.outputTokens);
      insert.bind(12, output->usage.cacheReadInputTokens);
      insert.bind(13, output->usage.cacheCreationInputTokens);
    }
    insert.exec();
    insert.reset();
  }
}

void appendRequirements(SQLite::Database& db, const InterviewSession& session, std::size_t from) {
  if (from >= session.extractedRequirements.size()) return;
  SQLite::Statement insert(db,
                           "INSERT INTO session_requirements (session_id, seq, id, text, category, priority, "
                           "confidence, area, source_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t seq = from; seq < session.extractedRequirements.size(); ++seq) {
    const ExtractedRequirement& requirement = session.extractedRequirements[seq];
    insert.bind(1, session.id);
    insert.bind(2, static_cast<std::int64_t>(seq));
    insert.bind(3, requirement.id);
    insert.bind(4, requirement.text);
    insert.bind(5, std::string(toString(requirement.category)));
    insert.bind(6, std::string(toString(requirement.priority)));
    insert.bind(7, requirement.confidence);
    bindOptional(insert, 8, requirement.area);
    insert.bind(9, requirement.sourceMessageId);
    insert.exec();
    insert.reset();
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

Result<std::unique_ptr<SqliteSessionStore>> SqliteSessionStore::open(const std::string& path,
                                                                     SqliteOptions options) {
  auto db = SqliteDatabase::open(path, nexusSchemaMigrations(), options);
  if (!db) return db.error();
  return std::unique_ptr<SqliteSessionStore>(new SqliteSessionStore(std::move(*db)));
}

Result<void> SqliteSessionStore::save(const InterviewSession& session) {
  std::lock_guard lock(mutex_);
  const std::string action = "save session " + session.id + " to " + db_.path();
  return guarded(db_, action, [&]() -> Result<void> {
    SQLite::Database& db = db_.connection();
    // IMMEDIATE: take the write lock first, so that the reads below cannot go stale.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    const StoredTail messages = storedTail(db, kLastMessage, session.id);
    const StoredTail requirements = storedTail(db, kLastRequirement, session.id);
    auto why = disagreement(messages, session.messages, "message");
    if (!why) why = disagreement(requirements, session.extractedRequirements, "requirement");
    if (why) return Error::storageFailed("cannot " + action + ": " + *why);

    // A project is known from the start of its first stored session.
    SQLite::Statement project(
        db, "INSERT INTO projects (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
    project.bind(1, session.projectId);
    project.bind(2, formatIso8601(session.startedAt));
    project.exec();
    upsertSession(db, session);
    appendMessages(db, session, messages.count);
    appendRequirements(db, session, requirements.count);
    transaction.commit();
    return {};
  });
}

std::optional<InterviewSession> SqliteSessionStore::loadLocked(const std::string& sessionId) const {
  SQLite::Database& db = db_.connection();
  SQLite::Statement row(db,
                        "SELECT project_id, status, mode, evolution_context, explored_areas, started_at, "
                        "last_activity_at, completed_at FROM sessions WHERE id = ?");
  row.bind(1, sessionId);
  if (!row.executeStep()) return std::nullopt;

  InterviewSession session;
  session.id = sessionId;
  session.projectId = columnNamed(row, "project_id").getString();
  session.status = decode(parseSessionStatus, NamedColumn(row, "status"));
  session.mode = decode(parseInterviewMode, NamedColumn(row, "mode"));
  if (const auto context = columnNamed(row, "evolution_context"); !context.isNull()) {
    session.evolutionContext = nlohmann::json::parse(context.getString()).get<EvolutionContext>();
  }
  session.exploredAreas =
      nlohmann::json::parse(columnNamed(row, "explored_areas").getString()).get<std::vector<std::string>>();
  session.startedAt = decode(parseIso8601, NamedColumn(row, "started_at"));
  session.lastActivityAt = decode(parseIso8601, NamedColumn(row, "last_activity_at"));
  if (const NamedColumn completedAt(row, "completed_at"); !completedAt().isNull())
    session.completedAt = decode(parseIso8601, completedAt);

  SQLite::Statement count(db, "SELECT count(*) AS messages FROM messages WHERE session_id = ?");
  count.bind(1, sessionId);
  count.executeStep();
  session.messages.reserve(static_cast<std::size_t>(columnNamed(count, "messages").getInt64()));
  SQLite::Statement messages(db,
                             "SELECT id, role, content, timestamp, raw_output, model, stop_reason, input_tokens, "
                             "output_tokens, cache_read_tokens, cache_creation_tokens "
                             "FROM messages WHERE session_id = ? ORDER BY seq");
  messages.bind(1, sessionId);
  const NamedColumn id(messages, "id"), role(messages, "role"), content(messages, "content"),
      timestamp(messages, "timestamp"), rawOutput(messages, "raw_output"), model(messages, "model"),
      stopReason(messages, "stop_reason"), inputTokens(messages, "input_tokens"),
      outputTokens(messages, "output_tokens"), cacheReadTokens(messages, "cache_read_tokens"),
      cacheCreationTokens(messages, "cache_creation_tokens");
  while (messages.executeStep()) {
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

  SQLite::Statement requirements(db,
                                 "SELECT id, text, category, priority, confidence, area, source_message_id "
                                 "FROM session_requirements WHERE session_id = ? ORDER BY seq");
  requirements.bind(1, sessionId);
  const NamedColumn requirementId(requirements, "id"), text(requirements, "text"),
      category(requirements, "category"), priority(requirements, "priority"),
      confidence(requirements, "confidence"), area(requirements, "area"),
      sourceMessageId(requirements, "source_message_id");
  std::unordered_map<std::string, std::vector<std::string>> extractedFrom;  // message id -> requirement ids
  while (requirements.executeStep()) {
    ExtractedRequirement requirement;
    requirement.id = requirementId().getString();
    requirement.text = text().getString();
    requirement.category = decode(parseCategory, category);
    requirement.priority = decode(parsePriority, priority);
    requirement.confidence = confidence().getDouble();
    requirement.area = optionalText(area);
    requirement.sourceMessageId = sourceMessageId().getString();
    extractedFrom[requirement.sourceMessageId].push_back(requirement.id);
    session.extractedRequirements.push_back(std::move(requirement));
  }
  // requirementsExtracted is derived, not stored (see the header).
  for (InterviewMessage& message : session.messages) {
    if (auto it = extractedFrom.find(message.id); it != extractedFrom.end())
      message.requirementsExtracted = it->second;
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
    SQLite::Database& db = db_.connection();
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement latest(db,
                             "SELECT id FROM sessions WHERE project_id = ? AND status <> ? "
                             "ORDER BY last_activity_at DESC, id LIMIT 1");
    latest.bind(1, project);
    latest.bind(2, std::string(toString(SessionStatus::Completed)));
    std::optional<std::string> id;
    if (latest.executeStep()) id = columnNamed(latest, "id").getString();
    latest.reset();
    std::optional<InterviewSession> loaded;
    if (id) loaded = loadLocked(*id);
    snapshot.commit();
    return loaded;
  });
}

Result<std::vector<SessionSummary>> SqliteSessionStore::list(std::string_view projectId) const {
  std::lock_guard lock(mutex_);
  return guarded(db_, "list the sessions in " + db_.path(), [&]() -> Result<std::vector<SessionSummary>> {
    SQLite::Database& db = db_.connection();
    const std::string order = "ORDER BY s.last_activity_at DESC, s.id";
    if (projectId.empty()) {
      SQLite::Statement query(db, std::string(kSummaryColumns) + order);
      return summaries(query);
    }
    SQLite::Statement query(db, std::string(kSummaryColumns) + "WHERE s.project_id = ? " + order);
    query.bind(1, std::string(projectId));
    return summaries(query);
  });
}

Result<bool> SqliteSessionStore::remove(std::string_view sessionId) {
  std::lock_guard lock(mutex_);
  const std::string id(sessionId);
  return guarded(db_, "remove session " + id + " from " + db_.path(), [&]() -> Result<bool> {
    // Messages and requirements go with the session (ON DELETE CASCADE).
    SQLite::Statement erase(db_.connection(), "DELETE FROM sessions WHERE id = ?");
    erase.bind(1, id);
    return erase.exec() > 0;
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
