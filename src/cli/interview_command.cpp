#include "cli/interview_command.hpp"

#include <cstdio>
#include <iomanip>
#include <istream>
#include <map>
#include <ostream>
#include <sstream>

#include "core/enums.hpp"
#include "core/text.hpp"
#include "domain/areas.hpp"

namespace nexus::cli {
namespace {

constexpr std::string_view kHelp =
    "Type what you want to build, one message per line. Commands:\n"
    "  /reqs   list the requirements captured so far\n"
    "  /areas  show which areas have been explored and which are still open\n"
    "  /pause  pause the interview and quit\n"
    "  /end    end the interview and show a summary\n"
    "  /help   show this help\n";

std::string confidenceText(double confidence) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << confidence;
  return s.str();
}

std::string areaText(const ExtractedRequirement& r) { return r.area ? domain::areaLabel(*r.area) : "no area"; }

void printRequirement(std::ostream& out, const Style& style, const ExtractedRequirement& r) {
  out << "  " << style.good("+") << " " << r.text << "\n"
      << "    " << style.dim(std::string(toString(r.category)) + " · " + std::string(toString(r.priority)) + " · " +
                             confidenceText(r.confidence) + " · " + areaText(r))
      << "\n";
}

std::string joinLabels(const std::vector<std::string>& areas) {
  std::string out;
  for (const auto& a : areas) out += (out.empty() ? "" : ", ") + domain::areaLabel(a);
  return out;
}

void printGaps(std::ostream& out, const Style& style, const std::vector<std::string>& gaps) {
  if (gaps.empty()) return;
  out << "  " << style.warn("Not covered yet: " + joinLabels(gaps)) << "\n";
}

void printRequirements(std::ostream& out, const Style& style, const InterviewSession& session) {
  if (session.extractedRequirements.empty()) {
    out << "No requirements captured yet.\n";
    return;
  }
  out << style.bold("Requirements (" + std::to_string(session.extractedRequirements.size()) + ")") << "\n";
  for (const auto& r : session.extractedRequirements) printRequirement(out, style, r);
}

void printAreas(std::ostream& out, const Style& style, const InterviewSession& session) {
  std::map<std::string, int> counts;
  for (const auto& r : session.extractedRequirements) {
    if (r.area) ++counts[*r.area];
  }
  out << style.bold("Explored") << "\n";
  if (session.exploredAreas.empty()) out << "  none yet\n";
  for (const auto& area : session.exploredAreas) {
    out << "  " << domain::areaLabel(area) << " (" << counts[area] << ")\n";
  }
  std::vector<std::string> open;
  for (const auto area : domain::kStandardAreas) {
    if (std::find(session.exploredAreas.begin(), session.exploredAreas.end(), area) == session.exploredAreas.end()) {
      open.emplace_back(area);
    }
  }
  out << style.bold("Not explored") << "\n  " << (open.empty() ? std::string("none") : joinLabels(open)) << "\n";
}

void printSummary(std::ostream& out, const Style& style, const InterviewSession& session) {
  std::map<std::string, int> byCategory;
  for (const auto& r : session.extractedRequirements) ++byCategory[std::string(toString(r.category))];
  std::string categories;
  for (const auto& [category, count] : byCategory) {
    categories += (categories.empty() ? "" : ", ") + std::to_string(count) + " " + category;
  }
  std::size_t userMessages = 0;
  for (const auto& m : session.messages) userMessages += m.role == MessageRole::User ? 1 : 0;
  out << "\n" << style.bold("Summary") << ": " << session.extractedRequirements.size() << " requirement"
      << (session.extractedRequirements.size() == 1 ? "" : "s") << (categories.empty() ? "" : " (" + categories + ")")
      << " from " << userMessages << " message" << (userMessages == 1 ? "" : "s") << ", "
      << session.exploredAreas.size() << " area" << (session.exploredAreas.size() == 1 ? "" : "s") << " explored.\n";
  printRequirements(out, style, session);
}

std::optional<InterviewSession> snapshot(InterviewEngine& engine, const std::string& id) {
  auto session = engine.getSession(id);
  return session ? *session : std::nullopt;
}

}  // namespace

int runInterview(InterviewEngine& engine, const InterviewCommandOptions& options, std::istream& in,
                 std::ostream& out, std::ostream& err, const Style& style) {
  auto started = engine.startSession(options.projectId);
  if (!started) {
    err << "nexus: cannot start the interview: " << started.error().message << "\n";
    return 1;
  }
  const std::string sessionId = started->id;
  out << style.dim("Session " + sessionId + " · project " + options.projectId + " · /help for commands") << "\n\n";
  out << style.accent("Nexus: ") << started->messages.front().content << "\n";

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
      if (auto paused = engine.pauseSession(sessionId); !paused) {
        err << "nexus: cannot pause: " << paused.error().message << "\n";
        return 1;
      }
      out << "Paused session " << sessionId
          << ". This version keeps sessions only while it runs, so it cannot be resumed later.\n";
      return refused ? 1 : 0;
    } else if (message == "/end") {
      ended = true;
    } else if (message.front() == '/' && message.find(' ') == std::string::npos) {
      err << "nexus: unknown command " << message << " (type /help for the list)\n";
    } else {
      auto result = engine.processMessage(sessionId, message);
      if (!result) {
        refused = true;
        err << "nexus: " << result.error().message
            << (result.error().retryable ? " (send it again to retry)" : "") << "\n";
        continue;
      }
      out << style.accent("Nexus: ") << result->response << "\n";
      for (const auto& r : result->extractedRequirements) printRequirement(out, style, r);
      if (result->suggestedGaps != shownGaps) {
        printGaps(out, style, result->suggestedGaps);
        shownGaps = result->suggestedGaps;
      }
    }
  }

  auto completed = engine.endSession(sessionId);
  if (!completed) {
    err << "nexus: cannot end the interview: " << completed.error().message << "\n";
    return 1;
  }
  printSummary(out, style, *completed);
  return (refused && !options.interactive) ? 1 : 0;
}

}  // namespace nexus::cli
