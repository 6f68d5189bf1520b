#pragma once
// Runs a piece of a test as an unprivileged user: file modes do not stop root, so when the test
// runs as root, `work` runs in a forked child that drops to `nobody` and sends its result back.

#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <string>

namespace nexus::test {

// What `work` returns, run unprivileged; "SKIP: why" if that cannot be arranged.
inline std::string runUnprivileged(const std::function<std::string()>& work) {
  if (::geteuid() != 0) return work();
  int pipe[2];
  if (::pipe(pipe) != 0) return "SKIP: no pipe";
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe[0]);
    const std::string result = ::setgid(65534) == 0 && ::setuid(65534) == 0
                                   ? work()
                                   : "SKIP: cannot drop root privileges to test file modes";
    [[maybe_unused]] const auto written = ::write(pipe[1], result.data(), result.size());
    ::_exit(0);
  }
  ::close(pipe[1]);
  std::string result;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipe[0], buffer, sizeof buffer)) > 0;) result.append(buffer, static_cast<size_t>(n));
  ::close(pipe[0]);
  ::waitpid(child, nullptr, 0);
  return result;
}

}  // namespace nexus::test
