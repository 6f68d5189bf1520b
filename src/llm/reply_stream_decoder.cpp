#include "llm/reply_stream_decoder.hpp"

namespace nexus {

void ReplyStreamDecoder::forwardText(std::string_view piece) {
  if (piece.empty()) return;
  response_.text.append(piece);
  forwardedText_ = true;
  if (onDelta_) onDelta_(piece);
}

void ReplyStreamDecoder::fail(Error error) {
  if (!failure_) failure_ = std::move(error);
}

}  // namespace nexus
