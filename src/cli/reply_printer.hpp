#pragma once
// Prints the interviewer's reply: when streaming (a terminal), "Nexus: " and a small spinner at
// once, then the text as it arrives (requirement tags are already hidden by the engine);
// otherwise the whole reply when the turn is over.
//
// Thread safety: begin/piece/finish are called by the thread running the turn (the engine emits
// deltas on it); the spinner runs on a thread of its own and shares the stream under a mutex.

#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include "cli/terminal.hpp"

namespace nexus::cli {

class ReplyPrinter {
 public:
  ReplyPrinter(std::ostream& out, const Style& style, bool streaming)
      : out_(out), style_(style), streaming_(streaming) {}
  ~ReplyPrinter() { stopSpinner(); }
  ReplyPrinter(const ReplyPrinter&) = delete;
  ReplyPrinter& operator=(const ReplyPrinter&) = delete;

  // A turn starts: the prefix, and the spinner if wanted.
  void begin();
  // A piece of the reply as it streams.
  void piece(std::string_view text);
  // The turn is over. `reply` is the whole reply when it succeeded (printed now if nothing
  // streamed), nullopt when it failed (a streamed part is marked as not kept).
  void finish(const std::string* reply);

 private:
  void stopSpinner();

  std::ostream& out_;
  const Style& style_;
  const bool streaming_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool spinning_ = false;
  std::thread spinnerThread_;
  bool prefixed_ = false;       // printed "Nexus: "
  bool started_ = false;        // printed some of the reply
  std::string pendingSpace_;    // whitespace held back: trailing space of the reply is not printed
};

}  // namespace nexus::cli
