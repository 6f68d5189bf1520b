#include "support/fake_openai_server.hpp"

namespace nexus::test::openai {

namespace {

using nlohmann::json;

class ChunkWriter {
 public:
  ChunkWriter(ResponseWriter& writer, const StreamedReply& script)
      : writer_(writer), script_(script), newline_(script.crlf ? "\r\n" : "\n") {}

  // One `data:` line and the blank line that ends the event.
  bool send(const json& chunk) { return sendData(chunk.dump()); }
  bool sendData(const std::string& data) { return sendRaw("data: " + data + newline_ + newline_); }

  // Bytes as they are, split in two writes when the script asks for split chunks.
  bool sendRaw(const std::string& bytes) {
    if (!script_.splitChunks || bytes.size() < 4) return writer_.sendBody(bytes);
    const std::size_t cut = bytes.size() / 2;
    // A short pause so that the two halves leave (and usually arrive) as separate reads.
    return writer_.sendBody(std::string_view(bytes).substr(0, cut)) && writer_.pause(std::chrono::milliseconds(2)) &&
           writer_.sendBody(std::string_view(bytes).substr(cut));
  }

  const std::string& newline() const { return newline_; }

 private:
  ResponseWriter& writer_;
  const StreamedReply& script_;
  const std::string newline_;
};

json chunk(const StreamedReply& script, json choices) {
  return {{"id", "chatcmpl-fake"}, {"object", "chat.completion.chunk"}, {"created", 1700000000},
          {"model", script.model}, {"system_fingerprint", "fp_fake"}, {"choices", std::move(choices)}};
}

json choice(json delta, json finishReason = nullptr) {
  return json::array({{{"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr},
                       {"finish_reason", std::move(finishReason)}}});
}

void sendFinishAndUsage(const StreamedReply& script, ChunkWriter& chunks) {
  chunks.send(chunk(script, choice(json::object(), script.finishReason)));
  if (!script.usage) return;
  json usageChunk = chunk(script, json::array());
  usageChunk["usage"] = {{"prompt_tokens", script.usage->inputTokens},
                         {"completion_tokens", script.usage->outputTokens},
                         {"total_tokens", script.usage->inputTokens + script.usage->outputTokens},
                         {"prompt_tokens_details", {{"cached_tokens", script.usage->cacheReadInputTokens}}}};
  chunks.send(usageChunk);
}

void streamReply(const StreamedReply& script, ResponseWriter& writer) {
  writer.sendHead(200, {{"content-type", "text/event-stream"}, {"cache-control", "no-cache"}}, BodyFraming::Chunked);
  ChunkWriter chunks(writer, script);

  // llama.cpp's first chunk: the role, with content null.
  chunks.send(chunk(script, choice({{"role", "assistant"}, {"content", nullptr}})));
  if (script.extraChunks) {
    chunks.sendRaw(": keep-alive comment the client must skip" + chunks.newline() + chunks.newline());
    chunks.sendData("");
    chunks.send(chunk(script, choice({{"reasoning_content", "secret thoughts"}})));
    chunks.sendData(R"({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "choices": [ ]        })");
  }
  for (std::size_t i = 0; i < script.textDeltas.size(); ++i) {
    if (i > 0 && script.pauseBetweenDeltas.count() > 0 && !writer.pause(script.pauseBetweenDeltas)) return;
    if (!chunks.send(chunk(script, choice({{"content", script.textDeltas[i]}})))) return;  // the client went away
    if (script.afterDelta) script.afterDelta(i);
  }

  switch (script.ending) {
    case StreamedReply::Ending::ErrorChunk:
      chunks.send(script.errorChunk);
      chunks.sendData("[DONE]");
      writer.finish();
      return;
    case StreamedReply::Ending::Drop:
      writer.drop(true);
      return;
    case StreamedReply::Ending::EndWithoutDone:
      writer.finish();
      return;
    case StreamedReply::Ending::FinishWithoutDone:
      sendFinishAndUsage(script, chunks);
      writer.finish();
      return;
    case StreamedReply::Ending::Done:
      break;
  }
  sendFinishAndUsage(script, chunks);
  chunks.sendData("[DONE]");
  writer.finish();
}

void errorReply(const HttpErrorReply& script, ResponseWriter& writer) {
  http::HttpHeaders headers = script.headers;
  headers.add("content-type", script.contentType);
  writer.respond(script.status, headers, script.body);
}

}  // namespace

FakeOpenAiServer::FakeOpenAiServer()
    : server_([this](const RecordedRequest& request, ResponseWriter& writer) { answer(request, writer); },
              ConnectionReuse::KeepAlive) {}

HttpErrorReply FakeOpenAiServer::jsonError(int status, std::string message, std::string type, nlohmann::json code,
                                           http::HttpHeaders headers) {
  const json body = {{"error", {{"message", std::move(message)}, {"type", std::move(type)}, {"param", nullptr},
                                {"code", std::move(code)}}}};
  return {status, body.dump(), "application/json", std::move(headers)};
}

HttpErrorReply FakeOpenAiServer::rateLimited(std::string retryAfterSeconds) {
  return jsonError(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded",
                   {{"retry-after", std::move(retryAfterSeconds)}});
}

void FakeOpenAiServer::answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (request.method != "POST" || request.target != "/v1/chat/completions") {
    errorReply(plainText(404, "404 page not found"), writer);  // what Ollama's router says
    return;
  }
  const FakeReply reply = replies_.next(json::parse(request.body, nullptr, /*allow_exceptions=*/false),
                                        jsonError(500, "the fake server has no scripted reply", "server_error", 500));
  if (const auto* streamed = std::get_if<StreamedReply>(&reply)) {
    streamReply(*streamed, writer);
  } else {
    errorReply(std::get<HttpErrorReply>(reply), writer);
  }
}

}  // namespace nexus::test::openai
