#pragma once
// The data model of DESIGN.md §2. JSON mapping lives in json.hpp; enum spellings in enums.hpp.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/quality.hpp"

namespace nexus {

// Millisecond precision is what the JSON shape carries, so it is what we keep.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

enum class SessionStatus { Active, Paused, Completed };
enum class InterviewMode { Genesis, Evolution };
enum class MessageRole { User, Assistant, System };
enum class RequirementCategory { Functional, NonFunctional, Technical, Constraint, Assumption };
enum class Priority { Must, Should, Could, Wont };

struct EvolutionContext {
  std::string projectPath;
  std::string repoMapContext;
  std::optional<std::string> projectSummary;

  bool operator==(const EvolutionContext&) const = default;
};

// Tokens a model call consumed, as the backend reported them (estimates for the offline analyst).
struct TokenUsage {
  std::int64_t inputTokens = 0;
  std::int64_t outputTokens = 0;
  std::int64_t cacheReadInputTokens = 0;
  std::int64_t cacheCreationInputTokens = 0;

  bool operator==(const TokenUsage&) const = default;
};

// What the model produced for an assistant message, kept in storage for audit (DESIGN.md §2):
// the message's content is the display text, this is everything the model said and what it cost.
struct ModelOutput {
  std::string rawText;  // requirement tags and <thinking> blocks included
  std::string model;
  std::string stopReason;  // "end_turn", "max_tokens", ...
  TokenUsage usage;

  bool operator==(const ModelOutput&) const = default;
};

struct InterviewMessage {
  std::string id;
  MessageRole role = MessageRole::User;
  std::string content;
  Timestamp timestamp{};
  // Ids of the requirements captured from this message; absent when none were.
  std::optional<std::vector<std::string>> requirementsExtracted;
  // Assistant messages only; not part of the JSON shape (stored, never sent to front ends).
  std::optional<ModelOutput> modelOutput;

  bool operator==(const InterviewMessage&) const = default;
};

struct ExtractedRequirement {
  std::string id;
  std::string text;
  RequirementCategory category = RequirementCategory::Functional;
  Priority priority = Priority::Should;
  double confidence = 0.5;  // 0..1
  std::optional<std::string> area;
  std::string sourceMessageId;  // the user message in which it was stated
  // Fields the person changed ("text", "category", "priority", "area"): their value wins over
  // any later extraction or near-duplicate merge. Absent when none.
  std::optional<std::vector<std::string>> editedFields{};

  bool operator==(const ExtractedRequirement&) const = default;
};

// One change the person made to a captured requirement; field "removed" when they removed it
// (old value its text, no new value). Kept in order, never rewritten.
struct RequirementEdit {
  std::string requirementId;
  std::string field;  // "text", "category", "priority", "area" or "removed"
  std::optional<std::string> oldValue;
  std::optional<std::string> newValue;
  Timestamp editedAt{};

  bool operator==(const RequirementEdit&) const = default;
};

struct InterviewSession {
  std::string id;
  std::string projectId;
  SessionStatus status = SessionStatus::Active;
  InterviewMode mode = InterviewMode::Genesis;
  std::optional<EvolutionContext> evolutionContext;
  std::vector<InterviewMessage> messages;
  std::vector<ExtractedRequirement> extractedRequirements;
  std::vector<std::string> exploredAreas;
  Timestamp startedAt{};
  Timestamp lastActivityAt{};
  std::optional<Timestamp> completedAt;
  // Quality analysis (domain/quality/), in the order found; statuses change, entries stay.
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;
  std::vector<RequirementEdit> requirementEdits;  // the person's edits, oldest first

  bool operator==(const InterviewSession&) const = default;
};

// A session without its messages, for lists (`interview:list`, `nexus sessions list`).
struct SessionSummary {
  std::string id;
  std::string projectId;
  SessionStatus status = SessionStatus::Active;
  InterviewMode mode = InterviewMode::Genesis;
  std::size_t messageCount = 0;
  std::size_t requirementCount = 0;
  Timestamp startedAt{};
  Timestamp lastActivityAt{};

  bool operator==(const SessionSummary&) const = default;
};

struct ProcessMessageResult {
  std::string response;
  std::vector<ExtractedRequirement> extractedRequirements;
  std::vector<std::string> suggestedGaps;
  // Added to the original shape (omitted when empty): what this turn found and how ready the
  // session is after it.
  std::vector<RequirementFinding> findings;
  std::vector<RequirementConflict> conflicts;
  std::optional<Readiness> readiness;

  bool operator==(const ProcessMessageResult&) const = default;
};

}  // namespace nexus
