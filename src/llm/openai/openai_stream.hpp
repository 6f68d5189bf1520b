#pragma once
// Reads a streamed chat completions reply (PROTOCOLS.md): `data:` chunks of
// chat.completion.chunk objects until `data: [DONE]`. Text is choices[0].delta.content
// (null or absent in the role chunk and the finish chunk); finish_reason becomes the stop
// reason as the server spells it ("stop", "length"); usage comes in a last chunk with empty
// choices when stream_options.include_usage was asked for. Other fields are ignored.

#include <utility>

#include "llm/http/sse_parser.hpp"
#include "llm/openai/openai_errors.hpp"
#include "llm/reply_stream_decoder.hpp"

namespace nexus::openai {

// One decoder per attempt. Not thread-safe: feed it from the thread that reads the stream.
// Finished at [DONE]; whole also when the body ends cleanly after a finish_reason (a server
// that omits [DONE]). Failed by an error chunk or unreadable JSON.
class StreamDecoder final : public ReplyStreamDecoder {
 public:
  // `errorContext` words the failure an error chunk stands for.
  StreamDecoder(const DeltaHandler& onDelta, ErrorContext errorContext)
      : ReplyStreamDecoder(onDelta), errorContext_(std::move(errorContext)) {}

  void handle(const http::SseEvent& event) override;
  bool wholeIfStreamEndsNow() const override { return finished() || sawFinishReason_; }

 private:
  const ErrorContext errorContext_;
  bool sawFinishReason_ = false;
};

}  // namespace nexus::openai
