#include "cli/import_command.hpp"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <system_error>

namespace nexus::cli {
namespace {

namespace fs = std::filesystem;

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The file's bytes, refusing one over `maxBytes` before reading it.
Result<std::string> readFile(const std::string& path, std::size_t maxBytes) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error) return Error::invalidArgument(error.message());
  if (fs::is_directory(status)) return Error::invalidArgument("it is a directory");
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, error);
    if (!error && size > maxBytes) {
      return Error{ErrorCode::PayloadTooLarge, "it is " + std::to_string(size) + " bytes, over the import limit of " +
                                                   std::to_string(maxBytes) + " (--max-bytes)"};
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalidArgument(std::error_code(errno, std::generic_category()).message());
  std::string bytes;
  // A pipe or device has no size to check beforehand: read at most one byte over the limit.
  bytes.resize(maxBytes + 1);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return Error::invalidArgument("read failed");
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace

int importFile(RequirementsStore& requirements, const ImportCommandOptions& options, std::ostream& out,
               std::ostream& err) {
  const auto failed = [&](const std::string& cause) {
    err << "nexus: cannot import " << options.path << ": " << cause << "\n";
    return 1;
  };
  auto bytes = readFile(options.path, options.maxBytes);
  if (!bytes) return failed(bytes.error().message);
  const auto format = options.format ? options.format : guessImportFormat(options.path, *bytes);
  if (!format) return failed("cannot tell its format; name it with --format json or --format reqif");
  auto counts = importDocument(requirements, options.projectId, *format, *bytes, options.maxBytes);
  if (!counts) return failed(counts.error().message);
  out << "Imported " << options.path << " (" << toString(*format) << ") into project " << options.projectId << ": "
      << counts->added << " new, " << counts->merged << " merged with near-duplicates, " << counts->alreadyThere
      << " already there";
  if (counts->skipped > 0) out << "; " << plural(counts->skipped, "heading or empty object") << " skipped";
  out << ".\n";
  return 0;
}

}  // namespace nexus::cli
