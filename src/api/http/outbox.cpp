#include "api/http/outbox.hpp"

#include <utility>

namespace nexus::api::http {

Outbox::Outbox(std::size_t maxWaitingBytes, std::function<void()> wakeWriter)
    : maxWaitingBytes_(maxWaitingBytes), wakeWriter_(std::move(wakeWriter)) {}

void Outbox::push(Notification message) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (sealed_) return;
    waitingBytes_ += message->size();
    waiting_.push_back(std::move(message));
    // More than the limit waits, and not merely one large message: the client does not keep up.
    if (waitingBytes_ > maxWaitingBytes_ && waiting_.size() > 1) {
      overflowed_ = sealed_ = true;
      waiting_.clear();
      waitingBytes_ = 0;
      wake = true;
    } else if (!writerAwake_) {
      writerAwake_ = wake = true;
    }
  }
  if (wake) wakeWriter_();
}

Notification Outbox::next() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    writerAwake_ = false;
    return nullptr;
  }
  writerAwake_ = true;
  Notification message = std::move(waiting_.front());
  waiting_.pop_front();
  waitingBytes_ -= message->size();
  return message;
}

bool Outbox::empty() const {
  std::lock_guard lock(mutex_);
  return waiting_.empty();
}

bool Outbox::overflowed() const {
  std::lock_guard lock(mutex_);
  return overflowed_;
}

void Outbox::seal() {
  std::lock_guard lock(mutex_);
  sealed_ = true;
}

void Outbox::discard() {
  std::lock_guard lock(mutex_);
  sealed_ = true;
  waiting_.clear();
  waitingBytes_ = 0;
}

}  // namespace nexus::api::http
