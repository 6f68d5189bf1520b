#pragma once
// `nexus interview`: a requirements interview in the terminal, one line per message.

#include <iosfwd>
#include <string>

#include "cli/terminal.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_service.hpp"

namespace nexus::cli {

struct InterviewCommandOptions {
  std::string projectId = "default";
  std::string resumeSessionId;  // continue this session instead of the project's open one
  bool interactive = true;  // stdin is a terminal: show a prompt; otherwise echo each message
  // stdout is a terminal: replies appear as they stream, with a spinner until the first word.
  // Otherwise each reply is printed whole once its turn is stored, so a program reading the
  // output never takes a reply that was still being written for an answer.
  bool streamReplies = false;
};

// Continues --resume's session, else the project's open session, else starts a new one; then
// runs the conversation until /end, /pause or end of input (which ends it as /end does).
// Returns the process exit code: 0 when every message was taken, 1 when the session could not
// start, pause or end, or (non-interactive) any message was refused.
// The service autosaves the session while the conversation runs. Replies stream to `out` as
// `events` carries them (interview:delta).
int runInterview(InterviewService& interviews, EventBus& events, const InterviewCommandOptions& options,
                 std::istream& in, std::ostream& out, std::ostream& err, const Style& style);

}  // namespace nexus::cli
