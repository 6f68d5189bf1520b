#include "cli/interview_command.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <istream>
#include <ostream>

#include "cli/reply_printer.hpp"
#include "cli/requirement_changes.hpp"
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
    std::string_view usage;  // its arguments, for /help
    std::string_view help;
    Next (Conversation::*run)(std::string_view args);
  };
  static const std::array<SlashCommand, 9> kSlashCommands;

  Next help(std::string_view);
  Next listRequirements(std::string_view);
  Next showAreas(std::string_view);
  Next showReadiness(std::string_view);
  Next showConflicts(std::string_view);
  Next edit(std::string_view args);
  Next drop(std::string_view args);
  Next pause(std::string_view);
  Next finish(std::string_view) { return Next::End; }
  // The requirement numbered `number` in /reqs, or an error printed.
  std::optional<ExtractedRequirement> numbered(std::string_view number);
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

const std::array<Conversation::SlashCommand, 9> Conversation::kSlashCommands{{
    {"/reqs", "", "list the requirements captured so far, numbered", &Conversation::listRequirements},
    {"/areas", "", "show which areas have been explored and which are still open", &Conversation::showAreas},
    {"/ready", "", "how ready the requirements are, area by area", &Conversation::showReadiness},
    {"/conflicts", "", "open conflicts and unclear requirements", &Conversation::showConflicts},
    {"/edit", "N FIELD VALUE", "change requirement N: priority, category, area or text", &Conversation::edit},
    {"/drop", "N", "remove requirement N", &Conversation::drop},
    {"/pause", "", "pause the interview and quit", &Conversation::pause},
    {"/end", "", "end the interview and show a summary", &Conversation::finish},
    {"/help", "", "show this help", &Conversation::help},
}};

Conversation::Next Conversation::handle(const std::string& message) {
  const std::string_view line = message;
  const std::string_view name = line.substr(0, line.find(' '));
  const auto command = std::find_if(kSlashCommands.begin(), kSlashCommands.end(),
                                    [&](const SlashCommand& c) { return c.name == name; });
  if (command != kSlashCommands.end()) {
    const std::string_view args = name.size() < line.size() ? text::trim(line.substr(name.size())) : std::string_view{};
    return (this->*(command->run))(args);
  }
  if (message.front() == '/' && message.find(' ') == std::string::npos) {
    err_ << "nexus: unknown command " << message << " (type /help for the list)\n";
    return Next::Continue;
  }
  send(message);
  return Next::Continue;
}

Conversation::Next Conversation::help(std::string_view) {
  out_ << "Type what you want to build, one message per line. Commands:\n";
  for (const auto& command : kSlashCommands) {
    std::string name(command.name);
    if (!command.usage.empty()) name += " " + std::string(command.usage);
    name.resize(std::max<std::size_t>(name.size() + 2, 20), ' ');
    out_ << "  " << name << command.help << "\n";
  }
  return Next::Continue;
}

Conversation::Next Conversation::listRequirements(std::string_view) {
  if (auto session = snapshot()) printNumberedRequirements(out_, style_, *session);
  return Next::Continue;
}

Conversation::Next Conversation::showAreas(std::string_view) {
  if (auto session = snapshot()) printAreas(out_, style_, *session);
  return Next::Continue;
}

Conversation::Next Conversation::showReadiness(std::string_view) {
  auto readiness = interviews_.getReadiness(sessionId_);
  if (!readiness) {
    err_ << "nexus: " << readiness.error().message << "\n";
    return Next::Continue;
  }
  printReadiness(out_, style_, *readiness);
  return Next::Continue;
}

Conversation::Next Conversation::showConflicts(std::string_view) {
  if (auto session = snapshot()) printOpenQuestions(out_, style_, *session);
  return Next::Continue;
}

std::optional<ExtractedRequirement> Conversation::numbered(std::string_view number) {
  const auto session = snapshot();
  std::size_t n = 0;
  const auto* end = number.data() + number.size();
  const auto [ptr, ec] = std::from_chars(number.data(), end, n);
  if (!session || ec != std::errc{} || ptr != end || n == 0 || n > session->extractedRequirements.size()) {
    err_ << "nexus: no requirement " << (number.empty() ? std::string("number given") : "number " + std::string(number))
         << " (see /reqs for the numbers)\n";
    return std::nullopt;
  }
  return session->extractedRequirements[n - 1];
}

Conversation::Next Conversation::edit(std::string_view args) {
  // "/edit 3 priority must", "/edit 2 text Users can export reports to PDF"
  const auto words = splitFirst(args, 2);
  if (words.size() < 3) {
    err_ << "nexus: usage: /edit N FIELD VALUE, e.g. /edit 3 priority must (fields: priority, category, area, text)\n";
    return Next::Continue;
  }
  auto requirement = numbered(words[0]);
  if (!requirement) return Next::Continue;
  auto changes = changesFor(words[1], words[2]);
  if (!changes) {
    err_ << "nexus: " << changes.error().message << "\n";
    return Next::Continue;
  }
  auto updated = interviews_.updateRequirement(sessionId_, requirement->id, *changes);
  if (!updated) {
    err_ << "nexus: cannot change it: " << updated.error().message << "\n";
    return Next::Continue;
  }
  out_ << "Changed:\n";
  printRequirement(out_, style_, *updated);
  return Next::Continue;
}

Conversation::Next Conversation::drop(std::string_view args) {
  auto requirement = numbered(args);
  if (!requirement) return Next::Continue;
  if (auto removed = interviews_.removeRequirement(sessionId_, requirement->id); !removed) {
    err_ << "nexus: cannot remove it: " << removed.error().message << "\n";
    return Next::Continue;
  }
  out_ << "Removed: " << requirement->text << "\n";
  return Next::Continue;
}

Conversation::Next Conversation::pause(std::string_view) {
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
  printReviewed(out_, style_, result->findings, result->conflicts);
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
