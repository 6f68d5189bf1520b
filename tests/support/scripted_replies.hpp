#pragma once
// What the fake model servers share: the replies a test scripts for them, in order, and the
// requests they received with their JSON bodies parsed.

#include <deque>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/loopback_http_server.hpp"

namespace nexus::test {

struct ReceivedCall {
  RecordedRequest request;
  nlohmann::json body;  // discarded (is_discarded()) when the body was not JSON
};

inline std::vector<ReceivedCall> receivedCalls(const LoopbackHttpServer& server) {
  std::vector<ReceivedCall> calls;
  for (RecordedRequest& request : server.requests()) {
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    calls.push_back({std::move(request), std::move(body)});
  }
  return calls;
}

// The queue of scripted replies, then the fallback. Thread-safe: tests enqueue while the
// server's threads take replies.
template <typename Reply>
class ScriptedReplies {
 public:
  void enqueue(Reply reply) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(reply));
  }
  void setFallback(std::function<Reply(const nlohmann::json& body)> fallback) {
    std::lock_guard lock(mutex_);
    fallback_ = std::move(fallback);
  }
  // The next scripted reply, else the fallback's, else `whenNone`.
  Reply next(const nlohmann::json& body, const Reply& whenNone) {
    std::lock_guard lock(mutex_);
    if (!queue_.empty()) {
      Reply reply = std::move(queue_.front());
      queue_.pop_front();
      return reply;
    }
    return fallback_ ? fallback_(body) : whenNone;
  }

 private:
  std::mutex mutex_;
  std::deque<Reply> queue_;
  std::function<Reply(const nlohmann::json&)> fallback_;
};

}  // namespace nexus::test
