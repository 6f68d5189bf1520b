#include "interview/spilled_rows.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace nexus {
namespace {

constexpr std::size_t kBlockBytes = 1 << 16;

std::runtime_error failure(const std::string& what, const std::string& path, int error) {
  return std::runtime_error("cannot " + what + " the temporary file " + path + ": " +
                            std::error_code(error, std::generic_category()).message());
}

}  // namespace

SpilledRows::SpilledRows() {
  const char* base = std::getenv("TMPDIR");
  const std::string dir = base != nullptr && *base != '\0' ? base : "/tmp";
  std::string pattern = dir + "/nexus-document-XXXXXX";
  fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd_ < 0) {
    throw std::runtime_error("cannot create a temporary file in " + dir + " ($TMPDIR): " +
                             std::error_code(errno, std::generic_category()).message());
  }
  path_ = pattern;
  ::unlink(path_.c_str());  // nothing to clean up later, even after a crash
}

SpilledRows::~SpilledRows() {
  if (fd_ >= 0) ::close(fd_);
}

void SpilledRows::append(Group group, std::string_view bytes) {
  rows_.push_back({written_ + pending_.size(), static_cast<std::uint32_t>(bytes.size()), group});
  pending_.append(bytes);
  if (pending_.size() >= kBlockBytes) flush();
}

void SpilledRows::flush() {
  std::string_view rest = pending_;
  while (!rest.empty()) {
    const ssize_t done = ::write(fd_, rest.data(), rest.size());
    if (done < 0) {
      if (errno == EINTR) continue;
      throw failure("write", path_, errno);
    }
    rest.remove_prefix(static_cast<std::size_t>(done));
  }
  written_ += pending_.size();
  pending_.clear();
}

std::size_t SpilledRows::rows(Group group) const {
  return static_cast<std::size_t>(
      std::count_if(rows_.begin(), rows_.end(), [&](const Row& row) { return row.group == group; }));
}

void SpilledRows::copyGroup(Group group, std::ostream& out) {
  flush();
  std::string buffer;
  // Rows of one group that lie next to each other in the file are read together.
  for (std::size_t i = 0; i < rows_.size();) {
    if (rows_[i].group != group) {
      ++i;
      continue;
    }
    const std::uint64_t start = rows_[i].offset;
    std::uint64_t end = start + rows_[i].length;
    for (++i; i < rows_.size() && rows_[i].group == group && rows_[i].offset == end && end - start < kBlockBytes;
         ++i) {
      end += rows_[i].length;
    }
    buffer.resize(static_cast<std::size_t>(end - start));
    std::size_t have = 0;
    while (have < buffer.size()) {
      const ssize_t got = ::pread(fd_, buffer.data() + have, buffer.size() - have, static_cast<off_t>(start + have));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw failure("read", path_, got < 0 ? errno : EIO);
      have += static_cast<std::size_t>(got);
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  }
}

}  // namespace nexus
