#pragma once
// A model client for engine tests: replies from a script, records every request, and can be
// told to fail or to hold a reply until released. Goes through the real LlmClient interface.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "llm/llm_client.hpp"
#include "support/gate.hpp"

namespace nexus::test {

class ScriptedLlm final : public LlmClient {
 public:
  // Next reply's raw text (tags and all). Without a script entry, replies "Tell me more?".
  void reply(std::string raw) {
    std::lock_guard lock(mutex_);
    script_.push_back(Result<LlmResponse>(LlmResponse{std::move(raw), "scripted", "end_turn", {}}));
  }
  // Next reply in full: model name, stop reason and token usage as a backend reports them.
  void reply(LlmResponse response) {
    std::lock_guard lock(mutex_);
    script_.push_back(Result<LlmResponse>(std::move(response)));
  }
  void fail(Error error) {
    std::lock_guard lock(mutex_);
    script_.push_back(Result<LlmResponse>(std::move(error)));
  }
  // complete() waits (honouring cancellation) until release() is called.
  void hold() { gate_.close(); }
  void release() { gate_.open(); }
  // Blocks until `count` calls have entered complete().
  void waitForCalls(std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return calls_ >= count; });
  }

  std::vector<LlmRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta,
                               std::stop_token cancel) override {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      ++calls_;
    }
    changed_.notify_all();
    if (!gate_.pass(cancel)) return Error::cancelled("cancelled");
    std::unique_lock lock(mutex_);
    if (script_.empty()) script_.push_back(LlmResponse{"Tell me more?", "scripted", "end_turn", {}});
    Result<LlmResponse> next = std::move(script_.front());
    script_.pop_front();
    lock.unlock();
    if (next.ok()) {
      // Stream it in small pieces, as a model would.
      const std::string& text = next.value().text;
      for (std::size_t i = 0; i < text.size(); i += 7) onDelta(std::string_view(text).substr(i, 7));
    }
    return next;
  }

  BackendInfo info() const override { return {"scripted", "scripted-model", ""}; }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Result<LlmResponse>> script_;
  std::vector<LlmRequest> requests_;
  std::size_t calls_ = 0;
  Gate gate_;
};

}  // namespace nexus::test
