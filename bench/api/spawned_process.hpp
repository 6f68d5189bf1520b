#pragma once
// A child process with its stdin and stdout as pipes, read line by line: the benchmarks' way to
// talk to the real `nexus rpc`, `nexus serve` or `cat`. Not thread-safe.

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace nexus::bench {

class SpawnedProcess {
 public:
  explicit SpawnedProcess(const std::vector<std::string>& argv) {
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int spawned = ::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    in_ = in[1];
    out_ = out[0];
    if (spawned != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned));
  }
  ~SpawnedProcess() {
    if (in_ >= 0) ::close(in_);
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (out_ >= 0) ::close(out_);
  }
  SpawnedProcess(const SpawnedProcess&) = delete;
  SpawnedProcess& operator=(const SpawnedProcess&) = delete;

  pid_t pid() const { return pid_; }

  void writeLine(std::string_view line) {
    std::string text(line);
    text.push_back('\n');
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(in_, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error("write to the child failed");
      done += static_cast<std::size_t>(n);
    }
  }

  // The next line of its stdout, without the newline.
  std::string readLine() {
    while (true) {
      if (const auto newline = buffer_.find('\n', scanned_); newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        scanned_ = 0;
        return line;
      }
      scanned_ = buffer_.size();
      char chunk[65536];
      const ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("the child closed its output");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // CPU time the process has used so far, user plus system, over all its threads, in seconds:
  // utime and stime (fields 14 and 15 of /proc/PID/stat), in clock ticks of
  // sysconf(_SC_CLK_TCK), so the resolution is one tick (10 ms at 100 Hz). -1 if unreadable.
  double cpuSeconds() const {
    FILE* file = std::fopen(("/proc/" + std::to_string(pid_) + "/stat").c_str(), "r");
    if (file == nullptr) return -1;
    char text[4096];
    const std::size_t n = std::fread(text, 1, sizeof text - 1, file);
    std::fclose(file);
    text[n] = '\0';
    // Field 2, the command, is in parentheses and may hold spaces: count from the last ')'.
    const char* rest = std::strrchr(text, ')');
    if (rest == nullptr) return -1;
    unsigned long long utime = 0, stime = 0;
    // After ')': field 3 (state) .. field 13 (cmajflt) are skipped, then utime and stime.
    if (std::sscanf(rest + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
      return -1;
    }
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }

  // CPU time the process's live threads have run, in nanoseconds: the first field of each
  // /proc/PID/task/TID/schedstat (the scheduler's own count, not rounded to ticks). Threads that
  // ended are not counted, so it suits a server whose threads live as long as it. -1 if unreadable.
  double cpuNanoseconds() const {
    const std::string tasks = "/proc/" + std::to_string(pid_) + "/task";
    DIR* dir = ::opendir(tasks.c_str());
    if (dir == nullptr) return -1;
    double total = 0;
    while (const dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] == '.') continue;
      FILE* file = std::fopen((tasks + "/" + entry->d_name + "/schedstat").c_str(), "r");
      if (file == nullptr) continue;  // it just ended
      unsigned long long ran = 0;
      if (std::fscanf(file, "%llu", &ran) == 1) total += static_cast<double>(ran);
      std::fclose(file);
    }
    ::closedir(dir);
    return total;
  }

  // Peak and current resident memory (VmHWM, VmRSS) in KiB, from /proc.
  std::pair<long, long> memoryKiB() const {
    FILE* status = std::fopen(("/proc/" + std::to_string(pid_) + "/status").c_str(), "r");
    if (status == nullptr) return {-1, -1};
    long peak = -1, current = -1;
    char line[256];
    while (std::fgets(line, sizeof line, status) != nullptr) {
      std::sscanf(line, "VmHWM: %ld", &peak);
      std::sscanf(line, "VmRSS: %ld", &current);
    }
    std::fclose(status);
    return {peak, current};
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buffer_;
  std::size_t scanned_ = 0;
};

}  // namespace nexus::bench
