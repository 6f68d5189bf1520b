#pragma once
// The seam between the interview and whatever produces the interviewer's replies: the offline
// analyst, Claude, or an OpenAI-compatible server.

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/cow_vector.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace nexus::domain {
class AskedQuestions;
class ConflictLookup;
class NearDuplicates;
class ProjectIndex;
class QuestionGenerator;
class ReadinessTracker;
}

namespace nexus {

struct ChatMessage {
  MessageRole role = MessageRole::User;  // user or assistant; the system prompt travels apart
  std::string content;
};

// What the engine knows about the interview so far: the one description of it a request
// carries. Each backend renders it as it needs: the model clients as a few lines of prose beside
// the system prompt (llm/context_summary.hpp), the offline analyst by reading it directly.
struct InterviewContext {
  InterviewMode mode = InterviewMode::Genesis;
  // The lists are shared with the engine, not copied (core/cow_vector.hpp): a request costs the
  // same however long the session is.
  CowVector<ExtractedRequirement> requirements;  // captured so far, oldest first
  std::vector<std::string> exploredAreas;
  CowVector<std::string> askedQuestions;  // the interviewer's earlier questions, oldest first
  // Quality analysis so far (domain/quality_review.hpp), every status: the interviewer settles
  // open ones one at a time and never asks about one twice (askedInMessageId).
  CowVector<RequirementFinding> findings;
  CowVector<RequirementConflict> conflicts;
  double readyThreshold = kDefaultReadyThreshold;  // readiness at which the interviewer offers, once, to end
  std::string lastReplyId;      // the interviewer's message the person's latest one answers
  // The project's requirements from other interviews (and imports), indexed: what a new
  // requirement may conflict with besides this session's. Shared and immutable; may be null.
  std::shared_ptr<const domain::ProjectIndex> project;
  // The conflicts a new requirement would have with `requirements`, as the engine keeps them
  // indexed, so that a backend need not index the whole session every turn. Thread-safe; valid
  // during complete(). Null: a backend that needs it indexes `requirements` itself.
  const domain::ConflictLookup* sessionConflicts = nullptr;
  // What the interview has covered (explored areas, requirements, questions), as the engine keeps
  // it. A backend may record this turn's findings on it tentatively, and must roll them back
  // (QuestionGenerator::checkpoint) before complete() returns; only the turn's thread touches it.
  // Null: a backend that needs it builds one from the fields above.
  domain::QuestionGenerator* coverage = nullptr;
  // `requirements` indexed for near-duplicate lookups, as the engine keeps them; read-only, and
  // valid like `coverage`. Null: a backend compares with each requirement.
  const domain::NearDuplicates* sessionTexts = nullptr;
  // The readiness of `requirements`, `findings` and `conflicts` (domain::ReadinessTracker), kept
  // and valid like `coverage`. Null: a backend assesses them itself.
  const domain::ReadinessTracker* readiness = nullptr;
  // `askedQuestions`, normalised and indexed for "was this asked before?", kept and valid like
  // `coverage` (its lookups remember, so only the turn's thread uses it). Null: a backend reads
  // `askedQuestions` itself.
  const domain::AskedQuestions* askedIndex = nullptr;
};

struct LlmRequest {
  std::string systemPrompt;           // a model's instructions; stable across turns (cacheable)
  std::vector<ChatMessage> messages;  // the most recent exchanges that fit the budget; ends with the user
  InterviewContext context;           // changes every turn
  int maxTokens = 1024;
  double temperature = 0.7;
};

struct LlmResponse {
  std::string text;        // the raw output, requirement tags included
  std::string model;
  std::string stopReason;  // "end_turn", "max_tokens", ...
  TokenUsage usage;
};

struct BackendInfo {
  std::string name;      // "offline", "anthropic", "openai"
  std::string model;
  std::string endpoint;  // empty for in-process backends
};

// Receives pieces of the raw output as they are produced, in order.
using DeltaHandler = std::function<void(std::string_view)>;

// Implementations are thread-safe: complete() may run for several sessions at once.
class LlmClient {
 public:
  virtual ~LlmClient() = default;

  // Produces the interviewer's reply to request.messages.back(). On failure returns
  // ErrorCode::ModelFailed (retryable set when sending again may work) or Cancelled once
  // `cancel` is requested; a failed call's deltas must not be treated as a reply.
  virtual Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta,
                                       std::stop_token cancel) = 0;

  virtual BackendInfo info() const = 0;
};

}  // namespace nexus
