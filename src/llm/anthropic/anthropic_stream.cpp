#include "llm/anthropic/anthropic_stream.hpp"

#include <nlohmann/json.hpp>

#include "llm/anthropic/anthropic_errors.hpp"
#include "llm/json_fields.hpp"
#include "llm/retry_policy.hpp"

namespace nexus::anthropic {

namespace {

using nlohmann::json;

using json_fields::member;
using json_fields::stringMember;

// Copies the counts `usage` carries; message_delta's are cumulative, so later ones win.
void mergeUsage(const json& usage, TokenUsage& into) {
  const auto take = [&](std::string_view name, std::int64_t& field) {
    if (const json* value = member(usage, name); value != nullptr && value->is_number_integer()) {
      field = value->get<std::int64_t>();
    }
  };
  take("input_tokens", into.inputTokens);
  take("output_tokens", into.outputTokens);
  take("cache_read_input_tokens", into.cacheReadInputTokens);
  take("cache_creation_input_tokens", into.cacheCreationInputTokens);
}

}  // namespace

void StreamDecoder::handle(const http::SseEvent& event) {
  if (settled()) return;
  if (event.type == "ping") return;

  const json data = json::parse(event.data, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) {
    // A garbled stream is most likely a proxy or network fault: sending again may work.
    fail(Error::modelFailed("Anthropic sent a reply that could not be read (bad JSON in a '" +
                                event.type.substr(0, 40) + "' event)",
                            true));
    return;
  }

  if (event.type == "message_start") {
    const json* message = member(data, "message");
    if (message == nullptr) return;
    response().model = stringMember(*message, "model");
    if (const json* usage = member(*message, "usage")) mergeUsage(*usage, response().usage);
  } else if (event.type == "content_block_delta") {
    const json* delta = member(data, "delta");
    if (delta == nullptr || stringMember(*delta, "type") != "text_delta") return;  // tool input, thinking, ...
    forwardText(stringMember(*delta, "text"));
  } else if (event.type == "message_delta") {
    if (const json* delta = member(data, "delta")) {
      std::string reason = stringMember(*delta, "stop_reason");
      if (!reason.empty()) response().stopReason = std::move(reason);
    }
    if (const json* usage = member(data, "usage")) mergeUsage(*usage, response().usage);
  } else if (event.type == "message_stop") {
    finish();
  } else if (event.type == "error") {
    const ApiError error = parseApiError(event.data);
    const int status = statusForErrorType(error.type);
    fail(Error::modelFailed(describeApiError(status, error) + " during the reply", isRetryableStatus(status, {})));
  }
  // content_block_start, content_block_stop and unknown events carry nothing we need.
}

}  // namespace nexus::anthropic
