#pragma once
// `nexus sessions list|show|delete`: what is stored, read straight from the store.

#include <iosfwd>
#include <string>

#include "cli/terminal.hpp"
#include "store/session_store.hpp"

namespace nexus::cli {

// Each returns the process exit code; errors go to `err` as one line.
int listSessions(const SessionStore& store, const std::string& projectId, bool json, std::ostream& out,
                 std::ostream& err);
int showSession(const SessionStore& store, const std::string& sessionId, bool json, std::ostream& out,
                std::ostream& err, const Style& style);
int deleteSession(SessionStore& store, const std::string& sessionId, std::ostream& out, std::ostream& err);

}  // namespace nexus::cli
