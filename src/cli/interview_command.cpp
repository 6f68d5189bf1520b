#include "cli/interview_command.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <istream>
#include <ostream>

#include "cli/reply_printer.hpp"
#include "cli/transcript.hpp"
#include "core/text.hpp"
#include "events/event_types.hpp"

namespace nexus::cli {
namespace {

std::string counted(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The session to talk in: --resume's, the project's open one, or a new one.
struct OpenedSession {
  InterviewSession session;
  bool resumed = false;
};

std::optional<OpenedSession> openSession(InterviewService& interviews, const InterviewCommandOptions& options,
                                         std::ostream& err) {
  if (!options.resumeSessionId.empty()) {
    auto resumed = interviews.resume(options.resumeSessionId);
    if (!resumed) {
      err << "nexus: cannot resume: " << resumed.error().message << "\n";
      return std::nullopt;
    }
    return OpenedSession{std::move(*resumed), true};
  }
  auto open = interviews.resumeByProject(options.projectId);
  if (!open) {
    err << "nexus: cannot continue project " << options.projectId << ": " << open.error().message << "\n";
    return std::nullopt;
  }
  if (*open) return OpenedSession{std::move(**open), true};
  auto started = interviews.start(options.projectId);
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

// One conversation in the terminal, from the first message to the way it ends.
class Conversation {
 public:
  // What the conversation does after a line.
  enum class Next { Continue, End, Quit };

  Conversation(InterviewService& interviews, std::string sessionId, const InterviewCommandOptions& options,
               ReplyPrinter& printer, std::ostream& out, std::ostream& err, const Style& style)
      : interviews_(interviews), sessionId_(std::move(sessionId)), options_(options), printer_(printer),
        out_(out), err_(err), style_(style) {}

  Next handle(const std::string& line);
  // Ends the session (after /end or at the end of input) and prints its summary.
  int end();
  int exitCode() const { return exitCode_ ? *exitCode_ : (refused_ && !options_.interactive ? 1 : 0); }

 private:
  struct SlashCommand {
    std::string_view name;
    std::string_view help;
    Next (Conversation::*run)();
  };
  static const std::array<SlashCommand, 5> kSlashCommands;

  Next help();
  Next listRequirements();
  Next showAreas();
  Next pause();
  Next finish() { return Next::End; }
  void send(const std::string& message);
  std::optional<InterviewSession> snapshot() const;

  InterviewService& interviews_;
  const std::string sessionId_;
  const InterviewCommandOptions& options_;
  ReplyPrinter& printer_;
  std::ostream& out_;
  std::ostream& err_;
  const Style& style_;
  bool refused_ = false;               // a message was not taken
  std::optional<int> exitCode_;        // set by a command that decides it
  std::vector<std::string> shownGaps_;  // repeated only when they change
};

const std::array<Conversation::SlashCommand, 5> Conversation::kSlashCommands{{
    {"/reqs", "list the requirements captured so far", &Conversation::listRequirements},
    {"/areas", "show which areas have been explored and which are still open", &Conversation::showAreas},
    {"/pause", "pause the interview and quit", &Conversation::pause},
    {"/end", "end the interview and show a summary", &Conversation::finish},
    {"/help", "show this help", &Conversation::help},
}};

Conversation::Next Conversation::handle(const std::string& message) {
  const auto command = std::find_if(kSlashCommands.begin(), kSlashCommands.end(),
                                    [&](const SlashCommand& c) { return c.name == message; });
  if (command != kSlashCommands.end()) return (this->*(command->run))();
  if (message.front() == '/' && message.find(' ') == std::string::npos) {
    err_ << "nexus: unknown command " << message << " (type /help for the list)\n";
    return Next::Continue;
  }
  send(message);
  return Next::Continue;
}

Conversation::Next Conversation::help() {
  out_ << "Type what you want to build, one message per line. Commands:\n";
  for (const auto& command : kSlashCommands) {
    std::string name(command.name);
    name.resize(std::max<std::size_t>(name.size() + 1, 8), ' ');
    out_ << "  " << name << command.help << "\n";
  }
  return Next::Continue;
}

Conversation::Next Conversation::listRequirements() {
  if (auto session = snapshot()) printRequirements(out_, style_, *session);
  return Next::Continue;
}

Conversation::Next Conversation::showAreas() {
  if (auto session = snapshot()) printAreas(out_, style_, *session);
  return Next::Continue;
}

Conversation::Next Conversation::pause() {
  if (auto paused = interviews_.pause(sessionId_); !paused) {
    err_ << "nexus: cannot pause: " << paused.error().message << "\n";
    exitCode_ = 1;
    return Next::Quit;
  }
  out_ << "Paused session " << sessionId_ << ". Continue with: nexus interview --resume " << sessionId_ << "\n";
  exitCode_ = refused_ ? 1 : 0;
  return Next::Quit;
}

void Conversation::send(const std::string& message) {
  printer_.begin();
  auto result = interviews_.sendMessage(sessionId_, message);
  printer_.finish(result ? &result->response : nullptr);
  if (!result) {
    refused_ = true;
    err_ << "nexus: " << result.error().message << (result.error().retryable ? " (send it again to retry)" : "")
         << "\n";
    return;
  }
  for (const auto& r : result->extractedRequirements) printRequirement(out_, style_, r);
  if (result->suggestedGaps != shownGaps_) {
    printGaps(out_, style_, result->suggestedGaps);
    shownGaps_ = result->suggestedGaps;
  }
}

int Conversation::end() {
  auto completed = interviews_.end(sessionId_);
  if (!completed) {
    err_ << "nexus: cannot end the interview: " << completed.error().message << "\n";
    return 1;
  }
  printSummary(out_, style_, *completed);
  return exitCode();
}

std::optional<InterviewSession> Conversation::snapshot() const {
  auto session = interviews_.getSession(sessionId_);
  return session ? *session : std::nullopt;
}

}  // namespace

int runInterview(InterviewService& interviews, EventBus& events, const InterviewCommandOptions& options,
                 std::istream& in, std::ostream& out, std::ostream& err, const Style& style) {
  auto opened = openSession(interviews, options, err);
  if (!opened) return 1;
  const InterviewSession& session = opened->session;
  const std::string sessionId = session.id;
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

  Conversation conversation(interviews, sessionId, options, printer, out, err, style);
  std::string line;
  for (;;) {
    if (options.interactive) out << "\n" << style.bold("you> ") << std::flush;
    if (!std::getline(in, line)) break;  // the end of input ends the interview, as /end does
    const std::string message(text::trim(line));
    if (message.empty()) continue;
    if (!options.interactive) out << "\n" << style.bold("you> ") << message << "\n";
    const Conversation::Next next = conversation.handle(message);
    out << std::flush;  // a program on the other end of a pipe sees each reply as it is given
    if (next == Conversation::Next::Quit) return conversation.exitCode();
    if (next == Conversation::Next::End) break;
  }
  return conversation.end();
}

}  // namespace nexus::cli
