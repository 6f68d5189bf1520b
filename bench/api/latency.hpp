#pragma once
// Latency samples and their percentiles, in microseconds.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace nexus::bench {

class Latencies {
 public:
  void add(std::chrono::steady_clock::duration sample) {
    samples_.push_back(std::chrono::duration<double, std::micro>(sample).count());
  }
  void merge(const Latencies& other) { samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end()); }
  std::size_t count() const { return samples_.size(); }

  // Nearest-rank percentile; sorts on first use.
  double percentile(double p) {
    if (samples_.empty()) return 0;
    std::sort(samples_.begin(), samples_.end());
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(samples_.size() - 1) + 0.5);
    return samples_[std::min(rank, samples_.size() - 1)];
  }

  void print(const std::string& label) {
    std::printf("  %-44s n=%-7zu p50 %9.1f µs   p99 %9.1f µs   max %9.1f µs\n", label.c_str(), count(),
                percentile(50), percentile(99), percentile(100));
  }

 private:
  std::vector<double> samples_;
};

}  // namespace nexus::bench
