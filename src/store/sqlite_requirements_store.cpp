#include "store/sqlite_requirements_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "core/enums.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "store/sqlite_group_commit.hpp"
#include "store/sqlite_guarded.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_schema.hpp"

namespace nexus {
namespace {

namespace rules = requirement_rules;
using namespace sqlite_rows;

// A requirement and its sources, one result row per source; the s. columns are NULL for a
// requirement without sources, which the schema does not forbid. Queries add no "s.seq" to
// their ORDER BY: that sort costs a third of list()'s query, and readRequirements() puts each
// requirement's few sources in seq order itself.
constexpr const char* kSelectRequirements = R"sql(
SELECT r.id, r.project_id, r.text, r.category, r.priority, r.confidence, r.area, r.validation,
       r.feature_id, r.created_at, r.updated_at, r.edited_fields, s.source, s.message_id, s.origin_id,
       s.added_at, s.seq
FROM requirements r LEFT JOIN requirement_sources s ON s.requirement_id = r.id
)sql";

// The person's edits (Requirement::history) are read by a second query, of one requirement or of
// a whole project (list()), not joined: that would repeat every source once per edit. A
// requirement has history exactly when it has edited fields (update() writes both in one
// transaction), so a list without edited requirements skips the query.
constexpr const char* kSelectHistory =
    "SELECT h.requirement_id, h.seq, h.field, h.old_value, h.new_value, h.edited_at FROM requirement_history h ";


// The columns of a kSelectRequirements query, found once per statement.
struct RequirementColumns {
  explicit RequirementColumns(const SQLite::Statement& query)
      : id(query, "id"), projectId(query, "project_id"), text(query, "text"), category(query, "category"),
        priority(query, "priority"), confidence(query, "confidence"), area(query, "area"),
        validation(query, "validation"), featureId(query, "feature_id"), createdAt(query, "created_at"),
        updatedAt(query, "updated_at"), editedFields(query, "edited_fields"), source(query, "source"),
        messageId(query, "message_id"), originId(query, "origin_id"), addedAt(query, "added_at"),
        seq(query, "seq") {}

  NamedColumn id, projectId, text, category, priority, confidence, area, validation, featureId, createdAt,
      updatedAt, editedFields;                         // r.
  NamedColumn source, messageId, originId, addedAt, seq;  // s.
};

Requirement decodeRequirement(const RequirementColumns& row) {
  Requirement r;
  r.id = row.id().getString();
  r.projectId = row.projectId().getString();
  r.text = row.text().getString();
  r.category = decode(parseCategory, row.category);
  r.priority = decode(parsePriority, row.priority);
  r.confidence = row.confidence().getDouble();
  r.area = optionalText(row.area);
  r.validation = decode(parseValidationStatus, row.validation);
  r.featureId = optionalText(row.featureId);
  r.createdAt = decode(parseIso8601, row.createdAt);
  r.updatedAt = decode(parseIso8601, row.updatedAt);
  if (const SQLite::Column fields = row.editedFields(); !fields.isNull())
    r.editedFields = nlohmann::json::parse(textOf(fields)).get<std::vector<std::string>>();
  return r;
}

// Reads the rows of a kSelectHistory query into the history of `requirements` (rows of other
// requirements are skipped). Rows may come in any order.
void readHistory(SQLite::Statement& query, std::span<Requirement> requirements) {
  std::unordered_map<std::string_view, Requirement*> byId;
  for (Requirement& r : requirements) byId.emplace(r.id, &r);
  const NamedColumn requirementId(query, "requirement_id"), seq(query, "seq"), field(query, "field"),
      oldValue(query, "old_value"), newValue(query, "new_value"), editedAt(query, "edited_at");
  std::unordered_map<Requirement*, std::vector<std::pair<std::int64_t, RequirementEdit>>> read;
  while (query.executeStep()) {
    const auto it = byId.find(textOf(requirementId));
    if (it == byId.end()) continue;
    RequirementEdit edit{it->second->id, field().getString(), optionalText(oldValue), optionalText(newValue),
                         decode(parseIso8601, editedAt)};
    read[it->second].emplace_back(seq().getInt64(), std::move(edit));
  }
  for (auto& [requirement, edits] : read) {
    std::sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, edit] : edits) requirement->history.push_back(std::move(edit));
  }
}

// A kSelectHistory query of one requirement for readHistoryOf(): prepared once, run for each.
SqliteDatabase::Statement historyOfOneQuery(SqliteDatabase& db) {
  return db.prepared(std::string(kSelectHistory) + "WHERE h.requirement_id = ?");
}

void readHistoryOf(SQLite::Statement& historyOfOne, Requirement& requirement) {
  historyOfOne.reset();
  historyOfOne.bind(1, requirement.id);
  readHistory(historyOfOne, std::span(&requirement, 1));
}

// Hands each requirement of a kSelectRequirements query that matches `filter` to `take`, its
// sources in seq order and no history yet, as soon as its last row is read: one requirement is
// held at a time. `take(Requirement&&)` returns false to read no further. The rows must come
// requirement by requirement (any order of sources).
template <typename Take>
void readRequirements(SQLite::Statement& query, const RequirementFilter& filter, Take&& take) {
  const RequirementColumns row(query);
  std::optional<std::string> current;  // the id of the requirement whose rows are being read
  std::optional<Requirement> kept;     // that requirement, if it matches
  std::vector<std::pair<std::int64_t, RequirementSource>> sources;  // its sources so far
  const auto handOver = [&] {
    std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [seq, source] : sources) kept->sources.push_back(std::move(source));
    sources.clear();
    const bool more = take(std::move(*kept));
    kept.reset();
    return more;
  };
  while (query.executeStep()) {
    if (!current || row.id().getText() != *current) {
      if (kept && !handOver()) return;
      Requirement r = decodeRequirement(row);
      current = r.id;
      if (rules::matches(r, filter)) kept = std::move(r);
    }
    if (!kept) continue;
    const SQLite::Column sourceName = row.source();
    if (sourceName.isNull()) continue;
    RequirementSource source;
    source.source = sourceName.getString();
    source.messageId = optionalText(row.messageId);
    source.originId = optionalText(row.originId);
    source.addedAt = decode(parseIso8601, row.addedAt);
    sources.emplace_back(row.seq().getInt64(), std::move(source));
  }
  if (kept) handOver();
}

std::optional<Requirement> loadRequirement(SqliteDatabase& db, const std::string& id) {
  const auto query = db.prepared(std::string(kSelectRequirements) + "WHERE r.id = ?");
  query->bind(1, id);
  std::optional<Requirement> found;
  readRequirements(*query, {}, [&](Requirement&& r) {
    found = std::move(r);
    return false;
  });
  if (found && !found->editedFields.empty()) {
    const auto history = historyOfOneQuery(db);
    readHistoryOf(*history, *found);
  }
  return found;
}

// What list() and forEach() do, in their errors: the walk is the list read one at a time.
std::string listing(const std::string& projectId, const std::string& path) {
  return "list the requirements of project " + projectId + " in " + path;
}

// The project's requirements for readRequirements(), in list() order: by createdAt, then as inserted.
SqliteDatabase::Statement projectRequirementsQuery(SqliteDatabase& db, const std::string& projectId) {
  auto query = db.prepared(std::string(kSelectRequirements) + "WHERE r.project_id = ? ORDER BY r.created_at, r.rowid");
  query->bind(1, projectId);
  return query;
}

void insertHistory(SqliteDatabase& db, const Requirement& r, std::size_t from) {
  if (from >= r.history.size()) return;
  const auto insert = db.prepared(
      "INSERT INTO requirement_history (requirement_id, seq, field, old_value, new_value, "
      "edited_at) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t seq = from; seq < r.history.size(); ++seq) {
    const RequirementEdit& edit = r.history[seq];
    insert->bind(1, r.id);
    insert->bind(2, static_cast<std::int64_t>(seq));
    insert->bind(3, edit.field);
    bindOptional(*insert, 4, edit.oldValue);
    bindOptional(*insert, 5, edit.newValue);
    insert->bind(6, formatIso8601(edit.editedAt));
    insert->exec();
    insert->reset();
  }
}

void insertSources(SqliteDatabase& db, const Requirement& r, std::size_t from) {
  const auto insert = db.prepared(
      "INSERT INTO requirement_sources (requirement_id, seq, source, message_id, origin_id, "
      "added_at) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t seq = from; seq < r.sources.size(); ++seq) {
    const RequirementSource& source = r.sources[seq];
    insert->bind(1, r.id);
    insert->bind(2, static_cast<std::int64_t>(seq));
    insert->bind(3, source.source);
    bindOptional(*insert, 4, source.messageId);
    bindOptional(*insert, 5, source.originId);
    insert->bind(6, formatIso8601(source.addedAt));
    insert->exec();
    insert->reset();
  }
}

// Binds the columns every requirement row has, in the order of the statements below.
void bindColumns(SQLite::Statement& statement, const Requirement& r) {
  statement.bind(1, r.id);
  statement.bind(2, r.text);
  statement.bind(3, std::string(toString(r.category)));
  statement.bind(4, std::string(toString(r.priority)));
  statement.bind(5, r.confidence);
  bindOptional(statement, 6, r.area);
  statement.bind(7, std::string(toString(r.validation)));
  bindOptional(statement, 8, r.featureId);
  statement.bind(9, formatIso8601(r.updatedAt));
  if (r.editedFields.empty()) {
    statement.bind(10);
  } else {
    statement.bind(10, nlohmann::json(r.editedFields).dump());
  }
}

void insertRequirement(SqliteDatabase& db, const Requirement& r) {
  // requirements.project_id references projects: the project is known from its first row.
  const auto project = db.prepared("INSERT INTO projects (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
  project->bind(1, r.projectId);
  project->bind(2, formatIso8601(r.createdAt));
  project->exec();
  const auto insert = db.prepared(
      "INSERT INTO requirements (id, text, category, priority, confidence, area, validation, "
      "feature_id, updated_at, edited_fields, project_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bindColumns(*insert, r);
  insert->bind(11, r.projectId);
  insert->bind(12, formatIso8601(r.createdAt));
  insert->exec();
  insertSources(db, r, 0);
  insertHistory(db, r, 0);
}

// Writes what may change after creation; the sources before `stored.sources` and the history
// before `stored.history` (counts) are already stored.
struct StoredCounts {
  std::size_t sources = 0;
  std::size_t history = 0;
};

StoredCounts countsOf(const Requirement& r) { return {r.sources.size(), r.history.size()}; }

void storeRequirement(SqliteDatabase& db, const Requirement& r, StoredCounts stored) {
  const auto update = db.prepared(
      "UPDATE requirements SET text = ?2, category = ?3, priority = ?4, confidence = ?5, "
      "area = ?6, validation = ?7, feature_id = ?8, updated_at = ?9, edited_fields = ?10 "
      "WHERE id = ?1");
  bindColumns(*update, r);
  update->exec();
  insertSources(db, r, stored.sources);
  insertHistory(db, r, stored.history);
}

// The requirement of the project that holds one of `sources`' origins, if any.
std::optional<std::string> originHolder(SqliteDatabase& db, const std::string& projectId,
                                        std::span<const RequirementSource> sources) {
  for (const auto& source : sources) {
    if (!source.originId) continue;
    const auto holder = db.prepared(
        "SELECT s.requirement_id FROM requirement_sources s JOIN requirements r "
        "ON r.id = s.requirement_id WHERE s.source = ? AND s.origin_id = ? AND r.project_id = ?");
    holder->bind(1, source.source);
    holder->bind(2, *source.originId);
    holder->bind(3, projectId);
    if (holder->executeStep()) return columnNamed(*holder, "requirement_id").getString();
  }
  return std::nullopt;
}

Requirement loadHolder(SqliteDatabase& db, const std::string& id) {
  auto recorded = loadRequirement(db, id);
  if (!recorded) throw MalformedRow("requirement " + id + " has a source but no row");
  return std::move(*recorded);
}

bool idTaken(SqliteDatabase& db, const std::string& id) {
  const auto query = db.prepared("SELECT 1 FROM requirements WHERE id = ?");
  query->bind(1, id);
  return query->executeStep();
}
}  // namespace

SqliteRequirementsStore::SqliteRequirementsStore(SqliteDatabase db, const Clock& clock,
                                                 RequirementsStoreOptions options)
    : db_(std::move(db)), clock_(clock), options_(options),
      writes_(std::make_unique<SqliteGroupCommit>(db_, mutex_)) {}
SqliteRequirementsStore::~SqliteRequirementsStore() = default;

Result<std::unique_ptr<SqliteRequirementsStore>> SqliteRequirementsStore::open(
    const std::string& path, const Clock& clock, SqliteOptions options, RequirementsStoreOptions storeOptions) {
  auto db = SqliteDatabase::open(path, nexusSchemaMigrations(), options);
  if (!db) return db.error();
  return std::unique_ptr<SqliteRequirementsStore>(
      new SqliteRequirementsStore(std::move(*db), clock, storeOptions));
}

namespace {

// How many writes have changed the texts of the project's requirements (0 before the first).
std::int64_t requirementsRevision(SqliteDatabase& db, const std::string& projectId) {
  const auto query = db.prepared("SELECT requirements_revision FROM projects WHERE id = ?");
  query->bind(1, projectId);
  return query->executeStep() ? columnNamed(*query, "requirements_revision").getInt64() : 0;
}

}  // namespace

void SqliteRequirementsStore::afterWrite(SqliteDatabase& db, const std::string& projectId, std::int64_t before,
                                         const std::function<void(NearDuplicateIndex&)>& update) {
  const std::int64_t after = requirementsRevision(db, projectId);
  const auto it = indexes_.find(projectId);
  if (it == indexes_.end()) return;
  if (it->second.checkedAt != before) {
    indexes_.erase(it);  // stale anyway: read again when next needed
    return;
  }
  update(it->second.index);
  it->second.checkedAt = after;
}

NearDuplicateIndex& SqliteRequirementsStore::currentIndex(const std::string& projectId, std::int64_t version) {
  SqliteDatabase& db = db_;
  ProjectIndex& project = indexes_[projectId];
  if (project.checkedAt == version) return project.index;
  const auto texts = db.prepared("SELECT id, text, created_at FROM requirements WHERE project_id = ?");
  texts->bind(1, projectId);
  const NamedColumn id(*texts, "id"), text(*texts, "text"), createdAt(*texts, "created_at");
  // Views into the current row: the index copies only the texts it does not hold yet.
  project.index.sync([&](NearDuplicateIndex::TextView& row) {
    if (!texts->executeStep()) return false;
    row = {textOf(id), textOf(text), decode(parseIso8601, createdAt)};
    return true;
  });
  project.checkedAt = version;
  return project.index;
}

Result<AddResult> SqliteRequirementsStore::add(const NewRequirement& requirement) {
  auto checked = rules::checkedNewRequirement(requirement);
  if (!checked) return checked.error();
  const NewRequirement& incoming = *checked;
  const std::string action = "add a requirement to project " + incoming.projectId + " in " + db_.path();
  // After a failed write (a COMMIT that failed, say) the index may not match the file: the undo
  // at the end drops it, to be read again next time rather than trusted.
  return writes_->write(action, [&]() -> Result<AddResult> {
    SqliteDatabase& db = db_;
    // In the batch's IMMEDIATE transaction: nobody writes between the checks below and the
    // write they decide.
    const Timestamp now = clock_.now();
    if (const auto holder = originHolder(db, incoming.projectId, std::span(&incoming.source, 1))) {
      AddResult recorded{loadHolder(db, *holder), AddOutcome::AlreadyRecorded};
      return recorded;
    }
    const std::int64_t revision = requirementsRevision(db, incoming.projectId);
    NearDuplicateIndex& index = currentIndex(incoming.projectId, revision);
    AddResult result;
    if (const auto duplicate = index.nearDuplicate(incoming.text, options_.nearDuplicateSimilarity)) {
      auto existing = loadRequirement(db, *duplicate);
      if (!existing) throw MalformedRow("requirement " + *duplicate + " vanished during the scan");
      const StoredCounts stored = countsOf(*existing);
      rules::mergeInto(*existing, incoming, now);
      storeRequirement(db, *existing, stored);
      afterWrite(db, incoming.projectId, revision, [](NearDuplicateIndex&) {});  // the text stays
      result = {std::move(*existing), AddOutcome::Merged};
    } else {
      result = {rules::created(incoming, newId(), now), AddOutcome::Added};
      insertRequirement(db, result.requirement);
      const Requirement& added = result.requirement;
      afterWrite(db, incoming.projectId, revision,
                 [&](NearDuplicateIndex& current) { current.put({added.id, added.text, added.createdAt}); });
    }
    return result;
  }, [&] { indexes_.clear(); });
}

Result<std::vector<AddResult>> SqliteRequirementsStore::importRequirements(std::string_view projectId,
                                                                           std::span<const Requirement> requirements) {
  std::vector<Requirement> checked;
  for (std::size_t i = 0; i < requirements.size(); ++i) {
    auto one = rules::checkedImport(requirements[i], projectId, i);
    if (!one) return one.error();
    checked.push_back(std::move(*one));
  }
  const std::string project(projectId);
  const std::string action = "import " + std::to_string(checked.size()) + " requirements into project " + project +
                             " in " + db_.path();
  return writes_->write(action, [&]() -> Result<std::vector<AddResult>> {
    SqliteDatabase& db = db_;
    const Timestamp now = clock_.now();
    const std::int64_t revision = requirementsRevision(db, project);
    // Read before anything is written and not updated until the commit: the document's
    // requirements merge only with those the project had before.
    NearDuplicateIndex& before = currentIndex(project, revision);
    std::vector<AddResult> results;
    std::vector<NearDuplicateIndex::Text> added;
    for (const Requirement& incoming : checked) {
      if (const auto holder = originHolder(db, project, incoming.sources)) {
        results.push_back({loadHolder(db, *holder), AddOutcome::AlreadyRecorded});
        continue;
      }
      if (const auto duplicate = before.nearDuplicate(incoming.text, options_.nearDuplicateSimilarity)) {
        auto existing = loadRequirement(db, *duplicate);
        if (!existing) throw MalformedRow("requirement " + *duplicate + " vanished during the scan");
        const StoredCounts stored = countsOf(*existing);
        const bool changed = rules::mergeImport(*existing, incoming, now);
        if (changed) storeRequirement(db, *existing, stored);
        results.push_back({std::move(*existing), changed ? AddOutcome::Merged : AddOutcome::AlreadyRecorded});
        continue;
      }
      const bool idIsFree = !incoming.id.empty() && !idTaken(db, incoming.id);
      Requirement created = rules::createdFromImport(incoming, idIsFree ? incoming.id : newId(), now);
      insertRequirement(db, created);
      added.push_back({created.id, created.text, created.createdAt});
      results.push_back({std::move(created), AddOutcome::Added});
    }
    afterWrite(db, project, revision, [&](NearDuplicateIndex& current) {
      for (auto& text : added) current.put(std::move(text));
    });
    return results;
  }, [&] { indexes_.clear(); });
}

Result<std::optional<Requirement>> SqliteRequirementsStore::get(std::string_view id) const {
  std::lock_guard lock(mutex_);
  const std::string key(id);
  return guarded(db_, "read requirement " + key + " from " + db_.path(),
                 [&]() -> Result<std::optional<Requirement>> { return loadRequirement(db_, key); });
}

Result<std::vector<Requirement>> SqliteRequirementsStore::list(std::string_view projectId,
                                                               const RequirementFilter& filter) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  if (auto checked = rules::checkFilter(filter); !checked) return checked.error();
  std::lock_guard lock(mutex_);
  const std::string project(projectId);
  const std::string action = listing(project, db_.path());
  return guarded(db_, action, [&]() -> Result<std::vector<Requirement>> {
    SqliteDatabase& db = db_;
    SQLite::Transaction snapshot(db.connection(), SQLite::TransactionBehavior::DEFERRED);
    // Reserving saves the result's growth by doubling, a third of the time at 10,000.
    const auto count = db.prepared("SELECT count(*) AS requirements FROM requirements WHERE project_id = ?");
    count->bind(1, project);
    count->executeStep();
    const auto expected = static_cast<std::size_t>(columnNamed(*count, "requirements").getInt64());
    std::vector<Requirement> listed;
    listed.reserve(expected);
    const auto query = projectRequirementsQuery(db, project);
    readRequirements(*query, filter, [&](Requirement&& r) {
      listed.push_back(std::move(r));
      return true;
    });
    query->reset();
    if (std::any_of(listed.begin(), listed.end(), [](const Requirement& r) { return !r.editedFields.empty(); })) {
      const auto history = db.prepared(
          std::string(kSelectHistory) +
          "JOIN requirements r ON r.id = h.requirement_id WHERE r.project_id = ? AND r.edited_fields IS NOT NULL");
      history->bind(1, project);
      readHistory(*history, listed);
    }
    snapshot.commit();
    return listed;
  });
}

Result<void> SqliteRequirementsStore::forEach(std::string_view projectId, const RequirementFilter& filter,
                                              const RequirementVisitor& visit) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  if (auto checked = rules::checkFilter(filter); !checked) return checked.error();
  // What `visit` throws is the caller's, not a storage failure: it is carried past guarded()
  // (which catches std::exception only), rolling the snapshot back on its way, and rethrown.
  struct VisitorThrew {
    std::exception_ptr thrown;
  };
  std::lock_guard lock(mutex_);
  const std::string project(projectId);
  const std::string action = listing(project, db_.path());
  try {
    return guarded(db_, action, [&]() -> Result<void> {
      SqliteDatabase& db = db_;
      SQLite::Transaction snapshot(db.connection(), SQLite::TransactionBehavior::DEFERRED);
      const auto query = projectRequirementsQuery(db, project);
      // One requirement's history at a time (few are edited): no project-wide history is held.
      const auto historyOfOne = historyOfOneQuery(db);
      readRequirements(*query, filter, [&](Requirement&& r) {
        if (!r.editedFields.empty()) readHistoryOf(*historyOfOne, r);
        try {
          return visit(r);
        } catch (...) {
          throw VisitorThrew{std::current_exception()};
        }
      });
      historyOfOne->reset();
      query->reset();
      snapshot.commit();
      return {};
    });
  } catch (const VisitorThrew& visitor) {
    std::rethrow_exception(visitor.thrown);
  }
}

template <typename Change>
Result<Requirement> SqliteRequirementsStore::modify(std::string_view id, const std::string& action,
                                                    Change change) {
  const std::string key(id);
  return writes_->write(action, [&]() -> Result<Requirement> {
    SqliteDatabase& db = db_;
    const auto stored = loadRequirement(db, key);
    if (!stored) return rules::unknownRequirement(id);
    const std::int64_t revision = requirementsRevision(db, stored->projectId);
    Requirement changed = *stored;
    const Timestamp now = clock_.now();
    change(changed, now);
    changed.updatedAt = now;
    storeRequirement(db, changed, countsOf(*stored));
    afterWrite(db, changed.projectId, revision,
               [&](NearDuplicateIndex& current) { current.put({changed.id, changed.text, changed.createdAt}); });
    return changed;
  }, [&] { indexes_.clear(); });
}

Result<Requirement> SqliteRequirementsStore::update(std::string_view id, const RequirementChanges& changes) {
  auto checked = rules::checkedChanges(changes);
  if (!checked) return checked.error();
  return modify(id, "update requirement " + std::string(id) + " in " + db_.path(),
                [&](Requirement& r, Timestamp now) { rules::applyChanges(r, *checked, now); });
}

Result<Requirement> SqliteRequirementsStore::validate(std::string_view id, ValidationStatus status) {
  return modify(
      id, "mark requirement " + std::string(id) + " as " + std::string(toString(status)) + " in " + db_.path(),
      [&](Requirement& r, Timestamp) { r.validation = status; });
}

Result<Requirement> SqliteRequirementsStore::linkToFeature(std::string_view id,
                                                           std::optional<std::string> featureId) {
  auto checked = rules::checkedFeatureId(featureId);
  if (!checked) return checked.error();
  return modify(id, "link requirement " + std::string(id) + " to a feature in " + db_.path(),
                [&](Requirement& r, Timestamp) { r.featureId = *checked; });
}

Result<bool> SqliteRequirementsStore::remove(std::string_view id) {
  const std::string key(id);
  return writes_->write("remove requirement " + key + " from " + db_.path(), [&]() -> Result<bool> {
    SqliteDatabase& db = db_;
    const auto owner = db.prepared("SELECT project_id FROM requirements WHERE id = ?");
    owner->bind(1, key);
    if (!owner->executeStep()) return false;
    const std::string projectId = columnNamed(*owner, "project_id").getString();
    owner->reset();
    const std::int64_t revision = requirementsRevision(db, projectId);
    // Its sources go with it (ON DELETE CASCADE).
    const auto erase = db.prepared("DELETE FROM requirements WHERE id = ?");
    erase->bind(1, key);
    erase->exec();
    afterWrite(db, projectId, revision, [&](NearDuplicateIndex& current) { current.erase(key); });
    return true;
  }, [&] { indexes_.clear(); });
}

Result<RequirementStats> SqliteRequirementsStore::stats(std::string_view projectId) const {
  if (auto checked = rules::checkProjectId(projectId); !checked) return checked.error();
  std::lock_guard lock(mutex_);
  const std::string project(projectId);
  const std::string action = "count the requirements of project " + project + " in " + db_.path();
  return guarded(db_, action, [&]() -> Result<RequirementStats> {
    const auto groups = db_.prepared(
        "SELECT category, priority, validation, count(*) AS requirements FROM requirements "
        "WHERE project_id = ? GROUP BY category, priority, validation");
    groups->bind(1, project);
    const NamedColumn category(*groups, "category"), priority(*groups, "priority"),
        validation(*groups, "validation"), requirements(*groups, "requirements");
    RequirementStats stats = rules::emptyStats();
    while (groups->executeStep()) {
      rules::count(stats, decode(parseCategory, category), decode(parsePriority, priority),
                   decode(parseValidationStatus, validation),
                   static_cast<std::size_t>(requirements().getInt64()));
    }
    return stats;
  });
}

void SqliteRequirementsStore::setMaxPageCountForTesting(std::int64_t pages) {
  std::lock_guard lock(mutex_);
  db_.setMaxPageCount(pages);
}

}  // namespace nexus
