#pragma once
// Reads a streamed Messages API reply, one server-sent event at a time (PROTOCOLS.md):
// message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error.
// Text deltas go to the caller as they arrive; unknown events and non-text deltas are ignored.

#include "llm/http/sse_parser.hpp"
#include "llm/reply_stream_decoder.hpp"

namespace nexus::anthropic {

// One decoder per attempt. Not thread-safe: feed it from the thread that reads the stream.
// Finished at message_stop; failed by an `error` event or unreadable JSON.
class StreamDecoder final : public ReplyStreamDecoder {
 public:
  using ReplyStreamDecoder::ReplyStreamDecoder;

  void handle(const http::SseEvent& event) override;
};

}  // namespace nexus::anthropic
