#pragma once
// `nexus import FILE --project P`: a JSON project document or a ReqIF file into the project's
// requirements database (interview/requirements_import.hpp).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>

#include "interview/requirements_import.hpp"
#include "store/requirements_store.hpp"

namespace nexus::cli {

struct ImportCommandOptions {
  std::string path;
  std::string projectId;
  std::optional<ImportFormat> format;  // nullopt: by the file's extension, else its first character
  std::size_t maxBytes = kDefaultMaxImportBytes;
};

// Returns the exit code: 0 with one line of counts on `out`, or 1 with one line on `err` naming
// the file and the cause (unreadable, too large, not JSON or XML, not a document of that kind,
// a store that cannot write), in which case nothing was imported.
int importFile(RequirementsStore& requirements, const ImportCommandOptions& options, std::ostream& out,
               std::ostream& err);

}  // namespace nexus::cli
