#pragma once
// What the tests of the network model clients (Claude, OpenAI-compatible) share: a typical
// request, a waiter that records the backoff instead of sleeping, a delta collector, and the
// check that an error is one line without the API key.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "llm/llm_client.hpp"
#include "llm/retry_policy.hpp"

namespace nexus::test {

inline LlmRequest interviewRequest() {
  LlmRequest request;
  request.systemPrompt = "You are Nexus, a requirements analyst.";
  ExtractedRequirement signIn;
  signIn.id = "r1";
  signIn.text = "Users sign in with Google";
  signIn.priority = Priority::Must;
  signIn.area = "authentication";
  request.context.requirements = {signIn};
  request.context.exploredAreas = {"authentication"};
  request.messages = {{MessageRole::User, "I want a todo app"},
                      {MessageRole::Assistant, "Who will use it?"},
                      {MessageRole::User, "Small teams"}};
  request.maxTokens = 900;
  request.temperature = 0.3;
  return request;
}

// The prose both model clients send for interviewRequest()'s context (llm/context_summary.hpp).
inline constexpr std::string_view kInterviewContextProse =
    "Requirements captured so far: 1 (1 functional).\n"
    "- [must, functional, authentication] Users sign in with Google\n"
    "Areas explored: authentication.\n"
    "Standard areas not yet explored: authorization, data_model, api, ui_ux, performance, security, "
    "integrations, deployment.\n"
    "Readiness: 0.21 (not ready).";

// Records the waits the client asks for instead of sleeping. Thread-safe.
class RecordingWaiter {
 public:
  RetryWaiter waiter() {
    return [this](std::chrono::milliseconds delay, std::stop_token cancel) {
      std::lock_guard lock(mutex_);
      delays_.push_back(delay);
      return !cancel.stop_requested();
    };
  }
  std::vector<std::chrono::milliseconds> delays() const {
    std::lock_guard lock(mutex_);
    return delays_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> delays_;
};

// Collects deltas; thread-safe so server-side hooks can watch the count.
struct DeltaLog {
  std::mutex mutex;
  std::vector<std::string> pieces;
  std::atomic<std::size_t> count{0};
  DeltaHandler handler() {
    return [this](std::string_view piece) {
      {
        std::lock_guard lock(mutex);
        pieces.emplace_back(piece);
      }
      ++count;
    };
  }
};

// The tests' keys all contain "SECRET", so no part of one may show either.
inline void expectOneLineWithoutKey(const Error& error, std::string_view key) {
  EXPECT_THAT(error.message, ::testing::Not(::testing::HasSubstr(std::string(key))));
  EXPECT_THAT(error.message, ::testing::Not(::testing::HasSubstr("SECRET")));
  EXPECT_EQ(error.message.find('\n'), std::string::npos) << error.message;
}

}  // namespace nexus::test
