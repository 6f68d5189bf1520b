#include "core/clock.hpp"

namespace nexus {

Timestamp SystemClock::now() const {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace nexus
