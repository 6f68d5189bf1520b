#include "cli/reply_printer.hpp"

#include <array>
#include <chrono>

namespace nexus::cli {

namespace {
constexpr std::array<std::string_view, 10> kFrames{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr auto kFrameInterval = std::chrono::milliseconds{100};
}  // namespace

void ReplyPrinter::begin() {
  std::lock_guard lock(mutex_);
  started_ = false;
  prefixed_ = false;
  pendingSpace_.clear();
  if (!streaming_) return;  // without a terminal the prefix waits for the reply: a refused message shows none
  out_ << style_.accent("Nexus: ") << std::flush;
  prefixed_ = true;
  spinning_ = true;
  spinnerThread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    for (std::size_t frame = 0; spinning_; ++frame) {
      // The frame, then back over it: the reply's first character overwrites the last frame.
      out_ << style_.dim(kFrames[frame % kFrames.size()]) << "\b" << std::flush;
      wake_.wait_for(lock, kFrameInterval, [this] { return !spinning_; });
    }
    out_ << " \b" << std::flush;
  });
}

void ReplyPrinter::stopSpinner() {
  {
    std::lock_guard lock(mutex_);
    if (!spinning_) return;
    spinning_ = false;
  }
  wake_.notify_all();
  if (spinnerThread_.joinable()) spinnerThread_.join();
}

void ReplyPrinter::piece(std::string_view text) {
  stopSpinner();
  std::lock_guard lock(mutex_);
  // Leading whitespace of the reply is dropped and trailing whitespace held back, so that the
  // streamed reply reads exactly as the stored one (which is trimmed).
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (started_) pendingSpace_ += c;
      continue;
    }
    if (!prefixed_) {
      out_ << style_.accent("Nexus: ");
      prefixed_ = true;
    }
    out_ << pendingSpace_ << c;
    pendingSpace_.clear();
    started_ = true;
  }
  out_ << std::flush;
}

void ReplyPrinter::finish(const std::string* reply) {
  stopSpinner();
  std::lock_guard lock(mutex_);
  if (reply == nullptr) {
    if (started_) {
      out_ << "\n" << style_.warn("(this reply broke off and was not kept)") << "\n";
    } else if (prefixed_) {
      out_ << "\r\033[K";  // a terminal: take the prefix back, the error line follows
    }
    out_ << std::flush;
    return;
  }
  if (!prefixed_) out_ << style_.accent("Nexus: ");
  if (!started_) out_ << *reply;
  out_ << "\n" << std::flush;
}

}  // namespace nexus::cli
