#pragma once
// The built-in interviewer: a deterministic, rule-based requirements analyst that needs no
// model and no network. It answers like a model would — a short acknowledgement of what it
// understood, one follow-up question, and the requirements it recognised as <requirement>
// tags — so the engine runs the same extraction pipeline on it as on Claude.

#include "llm/llm_client.hpp"

namespace nexus {

// Stateless and thread-safe: everything it needs comes with the request.
class OfflineAnalyst final : public LlmClient {
 public:
  Result<LlmResponse> complete(const LlmRequest& request, const DeltaHandler& onDelta,
                               std::stop_token cancel) override;
  BackendInfo info() const override;
};

}  // namespace nexus
