#pragma once
// Where sessions live between turns and across restarts. The engine sees only this interface;
// the executable picks the backend: SQLite (the default), or memory (tests, `--db :memory:`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/types.hpp"

namespace nexus {

// Implementations are thread-safe. Failures are ErrorCode::StorageFailed with the cause named.
class SessionStore {
 public:
  virtual ~SessionStore() = default;

  // Stores the session as it is now; saving the same state twice changes nothing.
  virtual Result<void> save(const InterviewSession& session) = 0;
  virtual Result<std::optional<InterviewSession>> load(std::string_view sessionId) const = 0;
  // The most recently active session of the project that is not completed.
  virtual Result<std::optional<InterviewSession>> loadLatestOpen(std::string_view projectId) const = 0;
  // Newest activity first; every project when projectId is empty.
  virtual Result<std::vector<SessionSummary>> list(std::string_view projectId = {}) const = 0;
  // True if there was such a session.
  virtual Result<bool> remove(std::string_view sessionId) = 0;

  // Marks the stored session as worked on by this process. Busy when another running process
  // holds it, so two processes never interleave turns; a claim of a process that has died is
  // taken over. Claiming again is harmless. Stores used by one process only may accept always.
  virtual Result<void> claim(std::string_view sessionId) = 0;
  // Gives the claim up (nothing happens if this process does not hold it).
  virtual Result<void> release(std::string_view sessionId) = 0;
};

SessionSummary summarize(const InterviewSession& session);

}  // namespace nexus
