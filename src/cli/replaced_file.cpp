#include "cli/replaced_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <filesystem>
#include <streambuf>
#include <system_error>

#include "core/ids.hpp"

namespace nexus::cli {
namespace {

namespace fs = std::filesystem;

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

// An ostream's bytes to a file descriptor in 64 KiB writes, keeping the errno of the first
// failure (after which the stream is bad and nothing more is written).
class DescriptorBuffer final : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    if (error_ != 0) return false;
    const char* next = pbase();
    while (next < pptr()) {
      const ssize_t written = ::write(fd_, next, static_cast<std::size_t>(pptr() - next));
      if (written < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      next += written;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

int keepPermissions(int fd, const std::string& path) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) != 0) return 0;
  return ::fchmod(fd, existing.st_mode & 07777) == 0 ? 0 : errno;
}

}  // namespace

Result<void> replaceFile(const std::string& path, const std::function<Result<void>(std::ostream&)>& write) {
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const fs::path temporary = dir / ("." + target.filename().string() + "." + newId() + ".tmp");
  const auto failed = [&](int error) {
    return Error::storageFailed("cannot write " + path + ": " + writeFailure(error, dir));
  };

  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return failed(errno);
  Result<void> outcome;
  int error = keepPermissions(fd, path);
  if (error == 0) {
    DescriptorBuffer buffer(fd);
    std::ostream out(&buffer);
    outcome = write(out);
    out.flush();
    error = buffer.error();
    if (error == 0 && !out) error = EIO;
  }
  if (outcome && error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (outcome && error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (!outcome || error != 0) {
    ::unlink(temporary.c_str());
    if (error != 0) return failed(error);  // a full disk ends the walk: the cause is the disk
    return outcome;
  }
  return {};
}

}  // namespace nexus::cli
