#pragma once
// `nexus interview`: a requirements interview in the terminal, one line per message.

#include <iosfwd>
#include <string>

#include "cli/terminal.hpp"
#include "interview/interview_engine.hpp"
#include "interview/session_manager.hpp"

namespace nexus::cli {

struct InterviewCommandOptions {
  std::string projectId = "default";
  std::string resumeSessionId;  // continue this session instead of the project's open one
  bool interactive = true;  // stdin is a terminal: show a prompt; otherwise echo each message
};

// Continues --resume's session, else the project's open session, else starts a new one; then
// runs the conversation until /end, /pause or end of input. Returns the process exit code:
// 0 when every message was taken, 1 when the session could not start or (non-interactive)
// any message was refused.
// The session is autosaved through `sessions` while the conversation runs.
int runInterview(InterviewEngine& engine, InterviewSessionManager& sessions, const InterviewCommandOptions& options,
                 std::istream& in, std::ostream& out, std::ostream& err, const Style& style);

}  // namespace nexus::cli
