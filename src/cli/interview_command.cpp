#include "cli/interview_command.hpp"

#include <algorithm>
#include <cstdio>
#include <istream>
#include <ostream>

#include "cli/reply_printer.hpp"
#include "cli/transcript.hpp"
#include "events/event_types.hpp"
#include "core/text.hpp"

namespace nexus::cli {
namespace {

constexpr std::string_view kHelp =
    "Type what you want to build, one message per line. Commands:\n"
    "  /reqs   list the requirements captured so far\n"
    "  /areas  show which areas have been explored and which are still open\n"
    "  /pause  pause the interview and quit\n"
    "  /end    end the interview and show a summary\n"
    "  /help   show this help\n";

std::optional<InterviewSession> snapshot(InterviewEngine& engine, const std::string& id) {
  auto session = engine.getSession(id);
  return session ? *session : std::nullopt;
}

std::string counted(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The session to talk in: --resume's, the project's open one, or a new one.
struct OpenedSession {
  InterviewSession session;
  bool resumed = false;
};

std::optional<OpenedSession> openSession(InterviewEngine& engine, const InterviewCommandOptions& options,
                                         std::ostream& err) {
  if (!options.resumeSessionId.empty()) {
    auto resumed = engine.resumeSession(options.resumeSessionId);
    if (!resumed) {
      err << "nexus: cannot resume: " << resumed.error().message << "\n";
      return std::nullopt;
    }
    return OpenedSession{std::move(*resumed), true};
  }
  auto open = engine.resumeByProject(options.projectId);
  if (!open) {
    err << "nexus: cannot continue project " << options.projectId << ": " << open.error().message << "\n";
    return std::nullopt;
  }
  if (*open) return OpenedSession{std::move(**open), true};
  auto started = engine.startSession(options.projectId);
  if (!started) {
    err << "nexus: cannot start the interview: " << started.error().message << "\n";
    return std::nullopt;
  }
  return OpenedSession{std::move(*started), false};
}

// The interviewer's last word, so a resumed conversation picks up where it stopped. A message
// of the person's that never got its reply (the process ended mid-turn) is said to be so.
void showWhereWeAre(std::ostream& out, const Style& style, const InterviewSession& session) {
  const auto lastReply = std::find_if(session.messages.rbegin(), session.messages.rend(),
                                      [](const InterviewMessage& m) { return m.role == MessageRole::Assistant; });
  if (lastReply != session.messages.rend()) out << style.accent("Nexus: ") << lastReply->content << "\n";
  if (!session.messages.empty() && session.messages.back().role == MessageRole::User) {
    out << style.warn("Your last message was saved but never answered: \"" +
                      text::truncateUtf8(session.messages.back().content, 200) +
                      "\". Send it again or go on.")
        << "\n";
  }
}

}  // namespace

int runInterview(InterviewEngine& engine, InterviewSessionManager& sessions, EventBus& events,
                 const InterviewCommandOptions& options, std::istream& in, std::ostream& out, std::ostream& err,
                 const Style& style) {
  auto opened = openSession(engine, options, err);
  if (!opened) return 1;
  const InterviewSession& session = opened->session;
  const std::string sessionId = session.id;
  sessions.startAutoSave(sessionId);
  out << style.dim("Session " + sessionId + " · project " + session.projectId + " · /help for commands") << "\n";
  if (opened->resumed) {
    out << style.dim("Resuming session " + sessionId + " (" + counted(session.messages.size(), "message") + ", " +
                     counted(session.extractedRequirements.size(), "requirement") + ")")
        << "\n";
  }
  out << "\n";
  showWhereWeAre(out, style, session);
  out << std::flush;

  // The reply streams to the terminal as the engine emits it.
  ReplyPrinter printer(out, style, options.streamReplies);
  EventBus::Subscription deltas;
  if (options.streamReplies) {
    deltas = events.subscribe(std::string(events::kDelta), [&](const Event& event) {
      if (event.payload.value("sessionId", "") == sessionId) printer.piece(event.payload.value("text", ""));
    });
  }

  bool refused = false;
  bool ended = false;
  std::vector<std::string> shownGaps;  // repeated only when they change
  std::string line;
  while (!ended) {
    if (options.interactive) out << "\n" << style.bold("you> ") << std::flush;
    if (!std::getline(in, line)) break;
    const std::string message(text::trim(line));
    if (message.empty()) continue;
    if (!options.interactive) out << "\n" << style.bold("you> ") << message << "\n";

    if (message == "/help") {
      out << kHelp;
    } else if (message == "/reqs") {
      if (auto s = snapshot(engine, sessionId)) printRequirements(out, style, *s);
    } else if (message == "/areas") {
      if (auto s = snapshot(engine, sessionId)) printAreas(out, style, *s);
    } else if (message == "/pause") {
      sessions.stopAutoSave(sessionId);
      if (auto paused = engine.pauseSession(sessionId); !paused) {
        err << "nexus: cannot pause: " << paused.error().message << "\n";
        return 1;
      }
      out << "Paused session " << sessionId << ". Continue with: nexus interview --resume " << sessionId << "\n";
      return refused ? 1 : 0;
    } else if (message == "/end") {
      ended = true;
    } else if (message.front() == '/' && message.find(' ') == std::string::npos) {
      err << "nexus: unknown command " << message << " (type /help for the list)\n";
    } else {
      printer.begin();
      auto result = engine.processMessage(sessionId, message);
      printer.finish(result ? &result->response : nullptr);
      if (!result) {
        refused = true;
        err << "nexus: " << result.error().message
            << (result.error().retryable ? " (send it again to retry)" : "") << "\n";
        continue;
      }
      for (const auto& r : result->extractedRequirements) printRequirement(out, style, r);
      if (result->suggestedGaps != shownGaps) {
        printGaps(out, style, result->suggestedGaps);
        shownGaps = result->suggestedGaps;
      }
    }
    out << std::flush;  // a program on the other end of a pipe sees each reply as it is given
  }

  sessions.stopAutoSave(sessionId);
  auto completed = engine.endSession(sessionId);
  if (!completed) {
    err << "nexus: cannot end the interview: " << completed.error().message << "\n";
    return 1;
  }
  printSummary(out, style, *completed);
  return (refused && !options.interactive) ? 1 : 0;
}

}  // namespace nexus::cli
