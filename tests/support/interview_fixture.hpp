#pragma once
// The parts an interview runs on, as the interview layer's tests build them: memory stores (the
// session store able to fail its writes), a scripted model, an event bus, and time and
// autosave moved by hand. Fixtures derive from it and add the engine, manager or service.

#include <chrono>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/scheduler.hpp"
#include "events/event_bus.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/memory_session_store.hpp"
#include "support/failing_session_store.hpp"
#include "support/scripted_llm.hpp"

namespace nexus::test {

class InterviewFixture : public ::testing::Test {
 protected:
  ManualClock clock_{Timestamp{std::chrono::milliseconds{1'760'000'000'000}}};
  EventBus events_{clock_};
  MemorySessionStore memory_;
  FailingSessionStore store_{memory_};
  ScriptedLlm llm_;
  MemoryRequirementsStore requirements_{clock_};
  ManualScheduler scheduler_;
};

}  // namespace nexus::test
