// The cost of one interview turn on the embedded defaults, and of its parts.

#include <benchmark/benchmark.h>

#include "core/clock.hpp"
#include "events/event_bus.hpp"
#include "interview/interview_engine.hpp"
#include "interview/requirement_extractor.hpp"
#include "analyst/offline_analyst.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"

namespace nexus {
namespace {

const std::vector<std::string> kConversation{
    "I want to build a todo app for small teams",
    "Users must sign in with Google",
    "Pages should load in under 2 seconds",
    "We must use PostgreSQL",
    "Team admins can invite and remove members",
    "Tasks should have due dates and reminders by email",
    "It would be nice to have a dark mode",
    "All data must be encrypted at rest",
};

// A whole turn through the engine: store, analyst, extraction, events. The session is
// restarted every `state.range(0)` turns, so the figure is the mean over sessions of that length.
void BM_OfflineTurn(benchmark::State& state) {
  SystemClock clock;
  EventBus events{clock};
  MemorySessionStore store;
  MemoryRequirementsStore requirements{clock};
  OfflineAnalyst analyst;
  InterviewEngine engine{analyst, store, requirements, events, clock};
  std::string sessionId;
  std::size_t turn = 0;
  for (auto _ : state) {
    if (turn % static_cast<std::size_t>(state.range(0)) == 0) {
      state.PauseTiming();
      sessionId = engine.startSession("bench")->id;
      state.ResumeTiming();
    }
    auto result = engine.processMessage(sessionId, kConversation[turn % kConversation.size()]);
    benchmark::DoNotOptimize(result);
    ++turn;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(turn));
}
BENCHMARK(BM_OfflineTurn)->Arg(16)->Arg(64)->Arg(256);

void BM_ExtractTypicalReply(benchmark::State& state) {
  const std::string reply =
      "<thinking>They care about sign-in and speed.</thinking>Got it: Google sign-in is a must, and pages should "
      "load in under two seconds. Which browsers and devices matter most to your teams?\n<requirements>\n"
      "<requirement><text>Users must sign in with Google</text><category>functional</category><priority>must"
      "</priority><confidence>0.9</confidence><area>authentication</area></requirement>\n<requirement><text>Pages "
      "should load in under 2 seconds</text><category>non-functional</category><priority>should</priority>"
      "<confidence>0.85</confidence><area>performance</area></requirement>\n</requirements>";
  RequirementExtractor extractor;
  for (auto _ : state) benchmark::DoNotOptimize(extractor.extract(reply));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * reply.size()));
}
BENCHMARK(BM_ExtractTypicalReply);

// The analyst on the largest message the engine accepts (64 KiB of ordinary prose).
void BM_AnalystOnLargestMessage(benchmark::State& state) {
  std::string message;
  while (message.size() + 200 < 64 * 1024) {
    message += "Users must be able to export their reports as PDF. Pages should load in under 2 seconds. ";
  }
  LlmRequest request;
  request.messages.push_back({MessageRole::User, message});
  OfflineAnalyst analyst;
  for (auto _ : state) benchmark::DoNotOptimize(analyst.complete(request, [](std::string_view) {}, {}));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * message.size()));
}
BENCHMARK(BM_AnalystOnLargestMessage)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nexus
