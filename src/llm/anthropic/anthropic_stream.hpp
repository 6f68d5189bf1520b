#pragma once
// Reads a streamed Messages API reply, one server-sent event at a time (PROTOCOLS.md):
// message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error.
// Text deltas go to the caller as they arrive; unknown events and non-text deltas are ignored.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "llm/http/sse_parser.hpp"
#include "llm/llm_client.hpp"

namespace nexus::anthropic {

// One decoder per attempt. Not thread-safe: feed it from the thread that reads the stream.
class StreamDecoder {
 public:
  explicit StreamDecoder(const DeltaHandler& onDelta) : onDelta_(onDelta) {}

  // Handles one event. After a failure (an `error` event, unreadable JSON) it ignores the rest.
  void handle(const http::SseEvent& event);

  // The stream ended normally with message_stop.
  bool finished() const { return finished_; }
  // Why the stream failed, if it did: ModelFailed, retryable as the error type says.
  const std::optional<Error>& failure() const { return failure_; }
  // Text has reached the caller (so this attempt must not be silently restarted).
  bool forwardedText() const { return forwardedText_; }

  // Everything gathered; meaningful once finished().
  LlmResponse takeResponse() { return std::move(response_); }

 private:
  void fail(Error error);

  const DeltaHandler& onDelta_;
  LlmResponse response_;
  std::optional<Error> failure_;
  bool finished_ = false;
  bool forwardedText_ = false;
};

}  // namespace nexus::anthropic
