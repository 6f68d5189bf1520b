#pragma once
// A file replaced whole or not at all (`nexus export -o`): what `write` writes goes to a
// temporary file in the same directory (a rename is atomic only within one file system), is
// flushed to disk (so that a crash after the rename cannot leave an empty file), and is renamed
// over `path`. On any failure, the writer's or the disk's, the temporary file is removed and
// `path` keeps what it held. A file being replaced keeps its permissions (a private one stays
// private); a new one gets the umask's, as any file the user creates.

#include <functional>
#include <ostream>
#include <string>

#include "core/result.hpp"

namespace nexus::cli {

// StorageFailed "cannot write PATH: <cause a person can act on>", or the writer's own error.
Result<void> replaceFile(const std::string& path, const std::function<Result<void>(std::ostream&)>& write);

}  // namespace nexus::cli
