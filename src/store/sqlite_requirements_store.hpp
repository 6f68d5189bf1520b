#pragma once
// The requirements database in an SQLite file (DESIGN.md §7), the default of the executable.
//
// Layout (migration 3): one `requirements` row per requirement and one `requirement_sources`
// row per place it was stated, keyed by (requirement_id, seq) in the order they were added; a
// unique index on (source, origin_id) keeps a source from being recorded twice. Migration 4:
// requirements.edited_fields (a JSON array, NULL when none) and one append-only
// `requirement_history` row per edit of the person, keyed by (requirement_id, seq); get() and
// list() read them with one more query (list(): only when a listed requirement has edited fields,
// for the whole project at once; forEach(): one per edited requirement, to hold no more than it).
// A requirement's project gets a `projects` row if it has none yet. The file is shared with the
// session store: each store opens its own connection, and WAL lets them work side by side.
//
// add() runs in one IMMEDIATE transaction (origin check, near-duplicate scan, write), so two
// stores on one file, in this process or in others, never merge into a requirement the other
// has just removed or lose a source. The scan uses an in-memory NearDuplicateIndex per
// project, checked against the project's requirements_revision inside that transaction: when
// another store has changed the project's texts since, they are read again (only changed ones
// are tokenized again); otherwise, whatever else was written (sessions, say), the scan reads
// nothing from the file but that one number.
//
// Ownership: owns one connection to the file; `clock` must outlive the store. Thread safety:
// every method takes one mutex; writes of different threads that arrive together share one
// transaction (group commit, store/sqlite_group_commit.hpp), each returning once that is on
// disk with the outcome it would have had alone. Errors: StorageFailed, one line naming the file and the cause
// ("cannot add a requirement to project shop in /x/nexus.db: the disk is full"); a failed
// write leaves the file as it was before it.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "store/near_duplicate_index.hpp"
#include "store/requirements_store.hpp"
#include "store/sqlite_database.hpp"

namespace nexus {

class SqliteGroupCommit;

class SqliteRequirementsStore final : public RequirementsStore {
 public:
  // Opens or creates the file (its directory must exist) and brings its schema up to date.
  static Result<std::unique_ptr<SqliteRequirementsStore>> open(const std::string& path, const Clock& clock,
                                                               SqliteOptions options = {},
                                                               RequirementsStoreOptions storeOptions = {});
  ~SqliteRequirementsStore() override;

  Result<AddResult> add(const NewRequirement& requirement) override;
  Result<std::optional<Requirement>> get(std::string_view id) const override;
  Result<std::vector<Requirement>> list(std::string_view projectId,
                                        const RequirementFilter& filter = {}) const override;
  Result<void> forEach(std::string_view projectId, const RequirementFilter& filter,
                       const RequirementVisitor& visit) const override;
  Result<Requirement> update(std::string_view id, const RequirementChanges& changes) override;
  Result<bool> remove(std::string_view id) override;
  Result<Requirement> validate(std::string_view id,
                               ValidationStatus status = ValidationStatus::Validated) override;
  Result<Requirement> linkToFeature(std::string_view id, std::optional<std::string> featureId) override;
  Result<RequirementStats> stats(std::string_view projectId) const override;
  Result<std::vector<AddResult>> importRequirements(std::string_view projectId,
                                                    std::span<const Requirement> requirements) override;

  const std::string& path() const { return db_.path(); }

  // Caps the file at `pages` pages of this connection so that a test can fill the "disk".
  // Throws SQLite::Exception if the pragma fails (a test hook, not an API).
  void setMaxPageCountForTesting(std::int64_t pages);

 private:
  SqliteRequirementsStore(SqliteDatabase db, const Clock& clock, RequirementsStoreOptions options);

  // The project's index as of `revision` (its requirements_revision now), read again from the
  // file if it was last read at another one. The caller holds mutex_ and a write transaction.
  // Throws on failure.
  NearDuplicateIndex& currentIndex(const std::string& projectId, std::int64_t revision);
  // After this store wrote the project's requirements (the triggers moved the revision on from
  // `before`): applies the same change to the index if it was current at `before`, else drops
  // it. The caller holds mutex_ and the write transaction; indexes_ is dropped whole if that
  // transaction then fails.
  void afterWrite(SqliteDatabase& db, const std::string& projectId, std::int64_t before,
                  const std::function<void(NearDuplicateIndex&)>& update);

  // Loads the requirement, applies `change(requirement, now)`, stamps updatedAt = now and stores
  // it (new sources and history appended), in one IMMEDIATE transaction; NotFound if there is
  // none. `action` names the work in an error.
  template <typename Change>
  Result<Requirement> modify(std::string_view id, const std::string& action, Change change);

  struct ProjectIndex {
    NearDuplicateIndex index;
    std::optional<std::int64_t> checkedAt;  // the project's requirements_revision it was last read at
  };

  mutable std::mutex mutex_;
  mutable SqliteDatabase db_;  // reads run statements too
  const Clock& clock_;
  const RequirementsStoreOptions options_;
  std::map<std::string, ProjectIndex, std::less<>> indexes_;  // by project; dropped on any failed write
  std::unique_ptr<SqliteGroupCommit> writes_;                 // every write goes through it
};

}  // namespace nexus
