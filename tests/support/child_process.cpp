#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace nexus::test {
namespace {

void check(int result, const char* what) {
  if (result != 0) throw std::runtime_error(std::string(what) + ": " + std::strerror(result < 0 ? errno : result));
}

std::vector<std::string> mergedEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (extra.count(name) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

// The child's ends of the pipes; stderr is captured only when asked (else inherited).
struct Spawned {
  pid_t pid = -1;
  int in = -1;
  int out = -1;
  int err = -1;
};

Spawned spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
              bool captureStderr) {
  ::signal(SIGPIPE, SIG_IGN);  // a child that stops reading must not kill the test
  int inPipe[2], outPipe[2], errPipe[2] = {-1, -1};
  check(::pipe2(inPipe, O_CLOEXEC), "pipe");
  check(::pipe2(outPipe, O_CLOEXEC), "pipe");
  if (captureStderr) check(::pipe2(errPipe, O_CLOEXEC), "pipe");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
  if (captureStderr) posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto envStrings = mergedEnvironment(env);
  std::vector<char*> envp;
  for (const auto& e : envStrings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(inPipe[0]);
  ::close(outPipe[1]);
  if (captureStderr) ::close(errPipe[1]);
  check(spawned, "posix_spawn");
  return {pid, inPipe[1], outPipe[0], errPipe[0]};
}

}  // namespace

ProcessOutput runProcess(const std::vector<std::string>& argv, const std::string& input,
                         const std::map<std::string, std::string>& env, std::chrono::milliseconds timeout) {
  const Spawned child = spawn(argv, env, true);
  const pid_t pid = child.pid;

  ProcessOutput result;
  std::size_t written = 0;
  int inFd = child.in;
  ::fcntl(inFd, F_SETFL, O_NONBLOCK);
  if (input.empty()) {
    ::close(inFd);
    inFd = -1;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int readFds[2] = {child.out, child.err};
  while (readFds[0] >= 0 || readFds[1] >= 0) {
    pollfd fds[3] = {{readFds[0], POLLIN, 0}, {readFds[1], POLLIN, 0}, {inFd, POLLOUT, 0}};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timedOut = true;
      ::kill(pid, SIGKILL);
      break;
    }
    if (::poll(fds, 3, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    char buffer[65536];
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(readFds[i]);
        readFds[i] = -1;
      }
    }
    if (inFd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(inFd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EINTR) written = input.size();  // reader went away
      if (written == input.size()) {
        ::close(inFd);
        inFd = -1;
      }
    }
  }
  if (inFd >= 0) ::close(inFd);
  for (int fd : readFds) {
    if (fd >= 0) ::close(fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace nexus::test

namespace nexus::test {

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  const Spawned child = spawn(argv, env, false);
  pid_ = child.pid;
  in_ = child.in;
  outFd_ = child.out;
}

ChildProcess::~ChildProcess() {
  if (!reaped_) {
    kill(SIGKILL);
    wait();
  }
  closeInput();
  if (outFd_ >= 0) ::close(outFd_);
}

bool ChildProcess::write(const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(in_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

void ChildProcess::closeInput() {
  if (in_ >= 0) ::close(in_);
  in_ = -1;
}

bool ChildProcess::waitFor(const std::string& needle, std::size_t occurrences, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto seen = [&] {
    std::size_t n = 0;
    for (auto pos = out_.find(needle); pos != std::string::npos; pos = out_.find(needle, pos + 1)) ++n;
    return n >= occurrences;
  };
  while (!seen()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || outFd_ < 0) return false;
    pollfd fd{outFd_, POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[65536];
    const ssize_t n = ::read(outFd_, buffer, sizeof buffer);
    if (n > 0) {
      out_.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      ::close(outFd_);
      outFd_ = -1;
    }
  }
  return true;
}

void ChildProcess::kill(int signal) {
  if (!reaped_ && pid_ > 0) ::kill(pid_, signal);
}

int ChildProcess::wait() {
  if (!reaped_) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    reaped_ = true;
  }
  return status_;
}

}  // namespace nexus::test
