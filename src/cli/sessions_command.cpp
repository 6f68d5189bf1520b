#include "cli/sessions_command.hpp"

#include <iomanip>
#include <ostream>

#include "cli/transcript.hpp"
#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace nexus::cli {

int listSessions(const SessionStore& store, const std::string& projectId, bool json, std::ostream& out,
                 std::ostream& err) {
  auto summaries = store.list(projectId);
  if (!summaries) {
    err << "nexus: cannot list sessions: " << summaries.error().message << "\n";
    return 1;
  }
  if (json) {
    out << nlohmann::json(*summaries).dump(2) << "\n";
    return 0;
  }
  if (summaries->empty()) {
    out << (projectId.empty() ? std::string("No sessions yet.") : "No sessions for project " + projectId + ".")
        << "\n";
    return 0;
  }
  out << std::left << std::setw(23) << "SESSION" << std::setw(18) << "PROJECT" << std::setw(11) << "STATUS"
      << std::setw(10) << "MESSAGES" << std::setw(14) << "REQUIREMENTS" << "LAST ACTIVITY\n";
  for (const auto& s : *summaries) {
    out << std::left << std::setw(23) << s.id << std::setw(18) << s.projectId << std::setw(11)
        << toString(s.status) << std::setw(10) << s.messageCount << std::setw(14) << s.requirementCount
        << formatIso8601(s.lastActivityAt) << "\n";
  }
  return 0;
}

int showSession(const SessionStore& store, const std::string& sessionId, bool json, std::ostream& out,
                std::ostream& err, const Style& style) {
  auto session = store.load(sessionId);
  if (!session) {
    err << "nexus: cannot read session " << sessionId << ": " << session.error().message << "\n";
    return 1;
  }
  if (!*session) {
    err << "nexus: no interview session with id \"" << sessionId << "\"\n";
    return 1;
  }
  const InterviewSession& s = **session;
  if (json) {
    out << nlohmann::json(s).dump(2) << "\n";
    return 0;
  }
  out << style.bold("Session " + s.id) << "\n"
      << "  project " << s.projectId << " · " << toString(s.mode) << " · " << toString(s.status) << "\n"
      << "  started " << formatIso8601(s.startedAt) << " · last activity " << formatIso8601(s.lastActivityAt)
      << "\n\n";
  for (const auto& m : s.messages) {
    out << (m.role == MessageRole::User ? style.bold("you> ") : style.accent("Nexus: ")) << m.content << "\n\n";
  }
  printRequirements(out, style, s);
  return 0;
}

int deleteSession(SessionStore& store, const std::string& sessionId, std::ostream& out, std::ostream& err) {
  auto removed = store.remove(sessionId);
  if (!removed) {
    err << "nexus: cannot delete session " << sessionId << ": " << removed.error().message << "\n";
    return 1;
  }
  if (!*removed) {
    err << "nexus: no interview session with id \"" << sessionId << "\"\n";
    return 1;
  }
  out << "Deleted session " << sessionId << ".\n";
  return 0;
}

}  // namespace nexus::cli
