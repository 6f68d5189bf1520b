#pragma once
// Incremental decoder of a server-sent-events stream (WHATWG HTML "event stream
// interpretation"): bytes go in as they arrive from the network, split anywhere, and whole
// events come out.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace nexus::http {

struct SseEvent {
  std::string type = "message";  // the `event:` field, "message" when absent
  std::string data;              // `data:` lines joined with '\n'
  std::string lastEventId;       // the last `id:` seen in the stream so far (it persists)
};

// One parser per stream. Not thread-safe: feed it from the thread that reads the stream.
class SseParser {
 public:
  using EventHandler = std::function<void(const SseEvent&)>;

  // Bounds the bytes one event may hold (unfinished line + data + type) so that a hostile or
  // broken server cannot grow memory without limit.
  static constexpr std::size_t kDefaultMaxEventBytes = std::size_t{8} << 20;  // 8 MiB

  explicit SseParser(std::size_t maxEventBytes = kDefaultMaxEventBytes);

  // Decodes `bytes` and calls onEvent for each event completed by them, in order. Fails with
  // PayloadTooLarge once an event outgrows the cap; the parser then refuses all further input.
  Result<void> feed(std::string_view bytes, const EventHandler& onEvent);

  // End of stream: an unfinished event is dropped, as the spec says. Returns true when
  // something was dropped (a stream cut mid-event), and readies the parser for a new stream.
  bool finish();

  // The last valid `retry:` value, which a reconnecting client would wait before reconnecting.
  std::optional<std::chrono::milliseconds> reconnectionTime() const { return reconnectionTime_; }

 private:
  void processLine(std::string_view line, const EventHandler& onEvent);
  void processField(std::string_view field, std::string_view value);
  void dispatch(const EventHandler& onEvent);
  std::size_t bufferedBytes() const { return line_.size() + data_.size() + eventType_.size(); }
  Result<void> overflow();

  std::size_t maxEventBytes_;
  std::string line_;          // an unfinished line carried over from the previous feed
  std::string data_;          // data lines of the current event, each followed by '\n'
  std::string eventType_;
  std::string lastEventId_;
  std::optional<std::chrono::milliseconds> reconnectionTime_;
  std::size_t bomBytesMatched_ = 0;  // of the UTF-8 BOM, while the stream's first bytes arrive
  bool atStreamStart_ = true;
  bool skipLeadingLf_ = false;       // the previous feed ended in CR: an LF now ends no line
  bool sawFieldInEvent_ = false;     // any line since the last dispatch (for finish())
  bool failed_ = false;
};

}  // namespace nexus::http
