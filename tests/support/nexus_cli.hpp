#pragma once
// Runs the real `nexus` binary the way a person would, with the offline analyst and a data
// directory of its own, so that the default database lands in a fresh place for each test.

#include <map>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace nexus::test {

class NexusCli {
 public:
  ProcessOutput run(const std::vector<std::string>& args, const std::string& input = {}) const {
    std::vector<std::string> argv{NEXUS_BINARY_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProcess(argv, input, environment());
  }

  // Runs it from bash after `setup` (e.g. "ulimit -f 64"), for limits a test cannot set itself.
  ProcessOutput runAfter(const std::string& setup, const std::vector<std::string>& args,
                         const std::string& input = {}) const {
    std::vector<std::string> argv{"/bin/bash", "-c", setup + "; exec \"$0\" \"$@\"", NEXUS_BINARY_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProcess(argv, input, environment());
  }

  // Replaces (or adds) a variable of the environment every later run gets.
  void setEnvironment(const std::string& name, std::string value) { overrides_[name] = std::move(value); }

  std::map<std::string, std::string> environment() const {
    std::map<std::string, std::string> env{{"NEXUS_LLM", "offline"},  {"NEXUS_MODEL", ""},
                                           {"ANTHROPIC_API_KEY", ""},  {"ANTHROPIC_BASE_URL", ""},
                                           {"OPENAI_BASE_URL", ""},    {"OPENAI_API_KEY", ""},
                                           {"NEXUS_DB", ""},           {"XDG_DATA_HOME", data_.path()},
                                           {"NEXUS_IDLE_EVICT_MS", ""}};
    for (const auto& [name, value] : overrides_) env[name] = value;
    return env;
  }
  const std::string& dataDir() const { return data_.path(); }
  std::string defaultDatabase() const { return data_.path() + "/nexus/nexus.db"; }

 private:
  TempDir data_;
  std::map<std::string, std::string> overrides_;
};

}  // namespace nexus::test
