#include "llm/http/sse_parser.hpp"

#include <charconv>

namespace nexus::http {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool isAsciiDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

SseParser::SseParser(std::size_t maxEventBytes) : maxEventBytes_(maxEventBytes) {}

Result<void> SseParser::overflow() {
  failed_ = true;
  line_.clear();
  data_.clear();
  eventType_.clear();
  return Error::tooLarge("a server-sent event exceeds the limit of " + std::to_string(maxEventBytes_) +
                         " bytes; the stream was abandoned");
}

Result<void> SseParser::feed(std::string_view bytes, const EventHandler& onEvent) {
  if (failed_) return Error::tooLarge("the server-sent event stream was abandoned after an oversized event");

  // The BOM may itself arrive split; bytes that turn out not to be one are stream content.
  std::string_view heldBomPrefix;
  while (atStreamStart_ && !bytes.empty()) {
    if (bytes.front() != kUtf8Bom[bomBytesMatched_]) {
      heldBomPrefix = kUtf8Bom.substr(0, bomBytesMatched_);
      atStreamStart_ = false;
      break;
    }
    bytes.remove_prefix(1);
    if (++bomBytesMatched_ == kUtf8Bom.size()) atStreamStart_ = false;
  }
  if (!heldBomPrefix.empty()) line_.append(heldBomPrefix);

  if (skipLeadingLf_ && !bytes.empty()) {
    skipLeadingLf_ = false;
    if (bytes.front() == '\n') bytes.remove_prefix(1);
  }

  std::size_t position = 0;
  while (position < bytes.size()) {
    const std::size_t end = bytes.find_first_of("\r\n", position);
    if (end == std::string_view::npos) {
      line_.append(bytes.substr(position));
      if (bufferedBytes() > maxEventBytes_) return overflow();
      break;
    }
    const std::string_view piece = bytes.substr(position, end - position);
    // Most lines arrive whole: decode them in place instead of copying.
    if (line_.empty()) {
      if (piece.size() + data_.size() > maxEventBytes_) return overflow();
      processLine(piece, onEvent);
    } else {
      line_.append(piece);
      if (bufferedBytes() > maxEventBytes_) return overflow();
      const std::string line = std::move(line_);
      line_.clear();
      processLine(line, onEvent);
    }
    if (bufferedBytes() > maxEventBytes_) return overflow();

    std::size_t next = end + 1;
    if (bytes[end] == '\r') {
      if (next < bytes.size()) {
        if (bytes[next] == '\n') ++next;
      } else {
        skipLeadingLf_ = true;  // CR LF split across two feeds is one line end
      }
    }
    position = next;
  }
  return {};
}

void SseParser::processLine(std::string_view line, const EventHandler& onEvent) {
  if (line.empty()) {
    dispatch(onEvent);
    return;
  }
  sawFieldInEvent_ = true;
  if (line.front() == ':') return;  // a comment (servers send them as keep-alives)

  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    processField(line, {});
    return;
  }
  std::string_view value = line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  processField(line.substr(0, colon), value);
}

void SseParser::processField(std::string_view field, std::string_view value) {
  if (field == "data") {
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "event") {
    eventType_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) lastEventId_.assign(value);
  } else if (field == "retry") {
    std::uint64_t milliseconds = 0;
    if (isAsciiDigits(value)) {
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), milliseconds);
      if (error == std::errc{} && end == value.data() + value.size()) {
        reconnectionTime_ = std::chrono::milliseconds{milliseconds};
      }
    }
  }
  // Any other field is ignored, as the spec requires.
}

void SseParser::dispatch(const EventHandler& onEvent) {
  sawFieldInEvent_ = false;
  if (data_.empty()) {  // an event without data lines is not dispatched
    eventType_.clear();
    return;
  }
  SseEvent event;
  data_.pop_back();  // the '\n' after the last data line
  event.data = std::move(data_);
  event.type = eventType_.empty() ? "message" : std::move(eventType_);
  event.lastEventId = lastEventId_;
  data_.clear();
  eventType_.clear();
  if (onEvent) onEvent(event);
}

bool SseParser::finish() {
  const bool dropped = !line_.empty() || !data_.empty() || !eventType_.empty() || sawFieldInEvent_;
  line_.clear();
  data_.clear();
  eventType_.clear();
  lastEventId_.clear();
  reconnectionTime_.reset();
  bomBytesMatched_ = 0;
  atStreamStart_ = true;
  skipLeadingLf_ = false;
  sawFieldInEvent_ = false;
  failed_ = false;
  return dropped;
}

}  // namespace nexus::http
