#include "cli/export_command.hpp"

#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>

#include "cli/replaced_file.hpp"
#include "core/result.hpp"

namespace nexus::cli {
namespace {

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Writes a document to a stream, and says afterwards what it held ("3 requirements of project
// shop") for the line that reports the file.
struct Document {
  std::function<Result<void>(std::ostream&)> write;
  std::function<std::string()> subject;
};

// Streamed from the store: the requirements pass by one at a time, never all in memory.
Document projectDocument(const RequirementsStore& store, const SessionStore& sessions,
                         const ExportCommandOptions& options, Timestamp generatedAt) {
  auto counted = std::make_shared<std::size_t>(0);
  const RequirementWalk fromStore = walkOf(store, options.projectId);
  RequirementWalk walk = [fromStore, counted](const RequirementsStore::RequirementVisitor& visit) {
    return fromStore([&](const Requirement& r) {
      ++*counted;
      return visit(r);
    });
  };
  return Document{[&sessions, &options, generatedAt, walk](std::ostream& out) -> Result<void> {
            const SourceQuotes quotes([&](std::string_view id) { return sessions.load(id); });
            auto written = writeProjectDocument(out, options.projectId, walk, options.format, generatedAt,
                                                options.readyThreshold, quotes, options.style);
            if (!written) {
              return Error{written.error().code, "cannot export the requirements of project " + options.projectId +
                                                     ": " + written.error().message};
            }
            return {};
          },
          [&options, counted] { return plural(*counted, "requirement") + " of project " + options.projectId; }};
}

// A session is in memory whole anyway: its document is rendered, then written.
Result<Document> sessionDocument(const SessionStore& store, const ExportCommandOptions& options,
                                 Timestamp generatedAt) {
  auto loaded = store.load(options.sessionId);
  if (!loaded) {
    return Error{loaded.error().code, "cannot read session " + options.sessionId + ": " + loaded.error().message};
  }
  if (!*loaded) return Error::notFound("no interview session with id \"" + options.sessionId + "\"");
  auto session = std::make_shared<const InterviewSession>(std::move(**loaded));
  return Document{[&options, generatedAt, session](std::ostream& out) -> Result<void> {
                    try {
                      out << renderSessionDocument(*session, options.format, generatedAt, options.readyThreshold,
                                                   options.style);
                    } catch (const std::runtime_error& e) {
                      return Error::storageFailed(std::string("cannot write the document: ") + e.what());
                    }
                    return {};
                  },
                  [session] {
                    return plural(session->extractedRequirements.size(), "requirement") + " of session " +
                           session->id;
                  }};
}

}  // namespace

int exportDocument(const SessionStore& sessions, const RequirementsStore& requirements,
                   const ExportCommandOptions& options, Timestamp generatedAt, std::ostream& out, std::ostream& err) {
  Result<Document> document = options.sessionId.empty()
                                  ? Result<Document>(projectDocument(requirements, sessions, options, generatedAt))
                                  : sessionDocument(sessions, options, generatedAt);
  if (!document) {
    err << "nexus: " << document.error().message << "\n";
    return 1;
  }
  if (options.outputPath.empty()) {
    auto written = document->write(out);
    if (!written) {
      err << "nexus: " << written.error().message << "\n";
      return 1;
    }
    if (!(out << std::flush)) {
      err << "nexus: cannot write the document to standard output\n";
      return 1;
    }
    return 0;
  }
  if (auto written = replaceFile(options.outputPath, document->write); !written) {
    err << "nexus: " << written.error().message << "\n";
    return 1;
  }
  out << "Exported " << document->subject() << " to " << options.outputPath << " (" << toString(options.format)
      << ").\n";
  return 0;
}

}  // namespace nexus::cli
