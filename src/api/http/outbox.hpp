#pragma once
// The output of one WebSocket client waiting for its turn on the wire: responses from the
// worker threads and event notifications from whichever thread emitted them, in the order they
// were pushed. Bounded: a client that does not read is not allowed to grow it without end.

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

#include "api/event_hub.hpp"

namespace nexus::api::http {

// Thread-safe. push() never blocks beyond a short lock, so an event sink may call it.
class Outbox {
 public:
  // `wakeWriter` runs (on the pushing thread, outside the lock) when the writer should look
  // again: a message arrived while it was idle, or the outbox overflowed.
  Outbox(std::size_t maxWaitingBytes, std::function<void()> wakeWriter);

  // Queues a message. When the bytes waiting behind the one being written pass the limit, the
  // outbox overflows instead: it drops everything, refuses what follows and wakes the writer,
  // which closes the connection. (A single message larger than the limit still goes out.)
  void push(Notification message);

  // For the writer: the next message to send, or null when none waits, after which the writer
  // counts as idle until a push wakes it.
  Notification next();

  bool empty() const;
  bool overflowed() const;
  // Later pushes are dropped; what waits is still handed out (a connection finishing up).
  void seal();
  // Drops what waits and every later push (a connection that is closing).
  void discard();

 private:
  const std::size_t maxWaitingBytes_;
  const std::function<void()> wakeWriter_;
  mutable std::mutex mutex_;
  std::deque<Notification> waiting_;
  std::size_t waitingBytes_ = 0;
  bool writerAwake_ = false;  // the writer was woken, or is writing, and will call next() again
  bool sealed_ = false;
  bool overflowed_ = false;
};

}  // namespace nexus::api::http
