#pragma once
// Runs a program with the given standard input and collects what it prints: for end-to-end
// tests of the real `nexus` binary.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace nexus::test {

struct ProcessOutput {
  int exitCode = -1;    // the exit status, or 128 + signal number
  bool timedOut = false;
  std::string out;
  std::string err;
};

// Environment entries in `env` are added to (or replace those of) the current environment.
// The child is killed when it outlives `timeout`.
ProcessOutput runProcess(const std::vector<std::string>& argv, const std::string& input,
                         const std::map<std::string, std::string>& env = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds{60});

}  // namespace nexus::test

namespace nexus::test {

// A running child with its stdin and stdout as pipes (stderr is inherited), for tests that
// talk to it turn by turn or kill it mid-way. Not thread-safe.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});
  ~ChildProcess();  // kills the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool write(const std::string& text);
  void closeInput();
  // Reads until everything printed so far contains `needle` at least `occurrences` times;
  // false on end of output or timeout.
  bool waitFor(const std::string& needle, std::size_t occurrences, std::chrono::milliseconds timeout);
  const std::string& output() const { return out_; }
  void kill(int signal);
  int wait();  // exit status, or 128 + signal

 private:
  int pid_ = -1;
  int in_ = -1;
  int outFd_ = -1;
  std::string out_;
  bool reaped_ = false;
  int status_ = -1;
};

}  // namespace nexus::test
