#pragma once
// What one reply adds to a session, worked out without changing anything: the requirements it
// captured that the session does not hold yet, the areas they explore for the first time, the
// reply message itself and the gaps to point out afterwards. The engine applies it under the
// session's locks, then persists and publishes it.

#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/types.hpp"
#include "interview/requirement_extractor.hpp"

namespace nexus::domain {
class NearDuplicates;
}

namespace nexus {

struct TurnUpdate {
  std::vector<ExtractedRequirement> captured;  // new, attributed to the user's message, oldest first
  std::vector<std::string> newAreas;           // explored for the first time by `captured`
  InterviewMessage reply;                      // the assistant message as the person sees it
  // The standard areas to point out once it is applied: recordTurn() (session_coverage.hpp)
  // fills them in from the coverage the engine keeps.
  std::vector<std::string> gaps;
};

struct TurnReply {
  std::string userMessageId;  // the message the reply answers
  std::string replyId;        // the id the assistant message gets
  Timestamp at{};             // when the reply arrived
  ModelOutput output;         // the raw output and what the backend said about it, kept for audit
};

// A requirement at least `duplicateSimilarity` similar (text::tokenSimilarity) to one the session
// holds (`held`: its requirements, indexed as the engine keeps them, so that a turn costs the same
// however many there are), or to one captured earlier in the same reply, is left out. Areas are
// normalised; an area the interviewer left out stays out (a product description belongs to no
// area, and a guessed one would mark an area explored that was never discussed).
TurnUpdate mergeTurn(const InterviewSession& session, ExtractionResult extracted, TurnReply reply,
                     const domain::NearDuplicates& held, double duplicateSimilarity);

// Adds the update to the session: requirements, explored areas, the user message's
// requirementsExtracted, the reply, lastActivityAt.
void applyTurn(InterviewSession& session, const TurnUpdate& update, const std::string& userMessageId);

}  // namespace nexus
