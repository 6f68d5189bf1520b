#include "llm/openai/openai_stream.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "llm/json_fields.hpp"
#include "llm/retry_policy.hpp"

namespace nexus::openai {

namespace {

using nlohmann::json;
using json_fields::integerMember;
using json_fields::member;
using json_fields::stringMember;

// prompt_tokens, completion_tokens and prompt_tokens_details.cached_tokens; absent ones stay.
void mergeUsage(const json& usage, TokenUsage& into) {
  if (auto tokens = integerMember(usage, "prompt_tokens")) into.inputTokens = *tokens;
  if (auto tokens = integerMember(usage, "completion_tokens")) into.outputTokens = *tokens;
  if (const json* details = member(usage, "prompt_tokens_details")) {
    if (auto tokens = integerMember(*details, "cached_tokens")) into.cacheReadInputTokens = *tokens;
  }
}

}  // namespace

void StreamDecoder::handle(const http::SseEvent& event) {
  if (settled()) return;
  const std::string_view data = text::trim(event.data);
  if (data.empty()) return;  // a keep-alive
  if (data == "[DONE]") {
    finish();
    return;
  }

  const json chunk = json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (chunk.is_discarded()) {
    // A garbled stream is most likely a proxy or network fault: sending again may work.
    fail(Error::modelFailed("The reply stream from " + errorContext_.server + " could not be read (bad JSON)", true));
    return;
  }
  if (auto error = errorInChunk(chunk)) {
    const int status = statusForError(*error);
    fail(Error::modelFailed(describeApiError(status, *error, errorContext_) + " during the reply",
                            isRetryableStatus(status, {})));
    return;
  }

  if (std::string model = stringMember(chunk, "model"); !model.empty()) response().model = std::move(model);
  if (const json* usage = member(chunk, "usage"); usage != nullptr && usage->is_object()) {
    mergeUsage(*usage, response().usage);
  }
  const json* choices = member(chunk, "choices");
  if (choices == nullptr || !choices->is_array() || choices->empty()) return;  // the usage chunk
  const json& choice = choices->front();
  if (const json* delta = member(choice, "delta")) forwardText(stringMember(*delta, "content"));
  if (std::string reason = stringMember(choice, "finish_reason"); !reason.empty()) {
    response().stopReason = std::move(reason);
    sawFinishReason_ = true;
  }
}

}  // namespace nexus::openai
