#include "cli/storage.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "store/sqlite_session_store.hpp"

namespace nexus::cli {

namespace fs = std::filesystem;

Result<std::string> resolveDatabasePath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    return (fs::path(xdg) / "nexus" / "nexus.db").string();
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    return Error::invalidArgument("cannot find a place for the database: HOME is not set; pass --db PATH");
  }
  return (fs::path(home) / ".local" / "share" / "nexus" / "nexus.db").string();
}

Result<std::unique_ptr<SessionStore>> openSessionStore(const std::string& path, SqliteOptions options) {
  if (path == kInMemoryDatabase) return std::unique_ptr<SessionStore>(std::make_unique<MemorySessionStore>());
  const fs::path file(path);
  if (file.has_parent_path()) {
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    if (error) {
      return Error::storageFailed("cannot create the directory " + file.parent_path().string() + " for " + path +
                                  ": " + error.message());
    }
  }
  auto store = SqliteSessionStore::open(path, options);
  if (!store) return store.error();
  return std::unique_ptr<SessionStore>(std::move(*store));
}

Result<std::unique_ptr<RequirementsStore>> openRequirementsStore(const std::string& path, const Clock& clock,
                                                               SqliteOptions options) {
  if (path == kInMemoryDatabase) {
    return std::unique_ptr<RequirementsStore>(std::make_unique<MemoryRequirementsStore>(clock));
  }
  auto store = SqliteRequirementsStore::open(path, clock, options);
  if (!store) return store.error();
  return std::unique_ptr<RequirementsStore>(std::move(*store));
}

}  // namespace nexus::cli
