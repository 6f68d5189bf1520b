#include "cli/export_command.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <ostream>
#include <system_error>

#include "core/ids.hpp"
#include "core/result.hpp"

namespace nexus::cli {
namespace {

namespace fs = std::filesystem;

struct Document {
  std::string text;
  std::string subject;  // "3 requirements of project shop", for the line that reports the file
};

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

Result<Document> projectDocument(const RequirementsStore& store, const SessionStore& sessions,
                                 const ExportCommandOptions& options, Timestamp generatedAt) {
  auto listed = store.list(options.projectId);
  if (!listed) {
    return Error{listed.error().code,
                 "cannot list the requirements of project " + options.projectId + ": " + listed.error().message};
  }
  const SourceQuotes quotes = quotesFor(*listed, [&](std::string_view id) { return sessions.load(id); });
  return Document{renderProjectDocument(options.projectId, *listed, options.format, generatedAt, options.readyThreshold,
                                        quotes, options.style),
                  plural(listed->size(), "requirement") + " of project " + options.projectId};
}

Result<Document> sessionDocument(const SessionStore& store, const ExportCommandOptions& options,
                                 Timestamp generatedAt) {
  auto loaded = store.load(options.sessionId);
  if (!loaded) {
    return Error{loaded.error().code, "cannot read session " + options.sessionId + ": " + loaded.error().message};
  }
  if (!*loaded) return Error::notFound("no interview session with id \"" + options.sessionId + "\"");
  const InterviewSession& session = **loaded;
  return Document{renderSessionDocument(session, options.format, generatedAt, options.readyThreshold, options.style),
                  plural(session.extractedRequirements.size(), "requirement") + " of session " + session.id};
}

std::string errnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

// The cause of a failed write, in words a person can act on.
std::string writeFailure(int error, const fs::path& dir) {
  switch (error) {
    case ENOENT: return "the directory " + dir.string() + " does not exist";
    case EACCES:
    case EPERM: return "the directory " + dir.string() + " is not writable (" + errnoText(error) + ")";
    case ENOSPC:
    case EDQUOT: return "the disk is full";
    case EFBIG: return "the file would exceed the size limit of this process (ulimit -f)";
    case EISDIR: return "it is a directory";
    default: return errnoText(error);
  }
}

// 0 or the errno of the failed write.
int writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// A file being replaced keeps its permissions (a private one stays private); a new one gets
// the umask's, as any file the user creates. 0 or the errno.
int keepPermissions(int fd, const std::string& path) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) != 0) return 0;
  return ::fchmod(fd, existing.st_mode & 07777) == 0 ? 0 : errno;
}

// `path` ends up holding the old contents or the new ones, never a part: the document goes to
// a temporary file in the same directory (a rename is atomic only within one file system),
// is flushed to disk (so that a crash after the rename cannot leave an empty file), and is
// renamed over `path`. On failure the temporary file is removed.
Result<void> replaceFile(const std::string& path, std::string_view contents) {
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const fs::path temporary = dir / ("." + target.filename().string() + "." + newId() + ".tmp");
  const auto failed = [&](int error) {
    return Error::storageFailed("cannot write " + path + ": " + writeFailure(error, dir));
  };

  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return failed(errno);
  int error = keepPermissions(fd, path);
  if (error == 0) error = writeAll(fd, contents);
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    return failed(error);
  }
  return {};
}

}  // namespace

int exportDocument(const SessionStore& sessions, const RequirementsStore& requirements,
                   const ExportCommandOptions& options, Timestamp generatedAt, std::ostream& out, std::ostream& err) {
  auto document = options.sessionId.empty() ? projectDocument(requirements, sessions, options, generatedAt)
                                            : sessionDocument(sessions, options, generatedAt);
  if (!document) {
    err << "nexus: " << document.error().message << "\n";
    return 1;
  }
  if (options.outputPath.empty()) {
    if (!(out << document->text << std::flush)) {
      err << "nexus: cannot write the document to standard output\n";
      return 1;
    }
    return 0;
  }
  if (auto written = replaceFile(options.outputPath, document->text); !written) {
    err << "nexus: " << written.error().message << "\n";
    return 1;
  }
  out << "Exported " << document->subject << " to " << options.outputPath << " (" << toString(options.format)
      << ").\n";
  return 0;
}

}  // namespace nexus::cli
