#pragma once
// `nexus export`: the requirements document of a project or of one session
// (interview/requirements_document.hpp), to standard output or to a file.

#include <iosfwd>
#include <string>

#include "core/types.hpp"
#include "interview/requirements_document.hpp"
#include "store/requirements_store.hpp"
#include "store/session_store.hpp"

namespace nexus::cli {

struct ExportCommandOptions {
  // Exactly one of the two names what to export.
  std::string projectId;
  std::string sessionId;
  DocumentFormat format = DocumentFormat::Markdown;
  DocumentStyle style = DocumentStyle::AsStated;
  // Empty: standard output. A file is replaced whole or not at all: the document is written
  // to a temporary file beside it, flushed to disk, then renamed over it.
  std::string outputPath;
  double readyThreshold = kDefaultReadyThreshold;  // what the document's Readiness section judges by
};

// Returns the process exit code: 0, or 1 with one line on `err` (an unknown session, a store
// that cannot be read, an output file that cannot be written, which is then left as it was).
int exportDocument(const SessionStore& sessions, const RequirementsStore& requirements,
                   const ExportCommandOptions& options, Timestamp generatedAt, std::ostream& out, std::ostream& err);

}  // namespace nexus::cli
