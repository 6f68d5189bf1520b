#pragma once
// Runs a program with the given standard input and collects what it prints: for end-to-end
// tests of the real `nexus` binary.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace nexus::testing {

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

}  // namespace nexus::testing
