#pragma once
// What every backend's stream decoder shares: text pieces go to the caller as they arrive and
// are kept for the final response; the first failure wins; after the end or a failure the
// rest of the stream is ignored. A backend supplies handle() for its own event format.

#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "llm/http/sse_parser.hpp"
#include "llm/llm_client.hpp"

namespace nexus {

// One decoder per attempt. Not thread-safe: feed it from the thread that reads the stream.
// `onDelta` must outlive the decoder.
class ReplyStreamDecoder {
 public:
  explicit ReplyStreamDecoder(const DeltaHandler& onDelta) : onDelta_(onDelta) {}
  virtual ~ReplyStreamDecoder() = default;
  ReplyStreamDecoder(const ReplyStreamDecoder&) = delete;
  ReplyStreamDecoder& operator=(const ReplyStreamDecoder&) = delete;

  // Handles one server-sent event.
  virtual void handle(const http::SseEvent& event) = 0;

  // The stream said it is over (message_stop, [DONE]): the reply is whole, stop reading.
  bool finished() const { return finished_; }
  // Whether the reply counts as whole if the body ends cleanly now, without the end marker.
  virtual bool wholeIfStreamEndsNow() const { return finished_; }
  // Why the stream failed, if it did (ModelFailed, retryable or not).
  const std::optional<Error>& failure() const { return failure_; }
  // Text has reached the caller, so this attempt must not be silently restarted.
  bool forwardedText() const { return forwardedText_; }

  // Everything gathered; meaningful once the reply is whole.
  LlmResponse takeResponse() { return std::move(response_); }

 protected:
  // Passes a piece of text on to the caller and keeps it; empty pieces are dropped.
  void forwardText(std::string_view piece);
  void fail(Error error);
  void finish() { finished_ = true; }
  // Finished or failed: later events change nothing.
  bool settled() const { return finished_ || failure_.has_value(); }
  LlmResponse& response() { return response_; }

 private:
  const DeltaHandler& onDelta_;
  LlmResponse response_;
  std::optional<Error> failure_;
  bool finished_ = false;
  bool forwardedText_ = false;
};

}  // namespace nexus
