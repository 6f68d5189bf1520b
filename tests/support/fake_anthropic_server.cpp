#include "support/fake_anthropic_server.hpp"

#include <thread>

namespace nexus::test {

namespace {

using nlohmann::json;

// One event as the wire carries it.
std::string sseEvent(std::string_view type, const std::string& data, bool crlf) {
  const std::string_view end = crlf ? "\r\n" : "\n";
  std::string event = "event: ";
  event.append(type).append(end).append("data: ").append(data).append(end).append(end);
  return event;
}

class EventWriter {
 public:
  EventWriter(ResponseWriter& writer, const StreamedReply& script) : writer_(writer), script_(script) {}

  bool send(std::string_view type, const json& data) { return sendRaw(sseEvent(type, data.dump(), script_.crlf)); }

  // Bytes as they are, split in two writes when the script asks for split events.
  bool sendRaw(const std::string& bytes) {
    if (!script_.splitEvents || bytes.size() < 4) return writer_.sendBody(bytes);
    const std::size_t cut = bytes.size() / 2;
    // A short pause so that the two halves leave (and usually arrive) as separate reads.
    return writer_.sendBody(std::string_view(bytes).substr(0, cut)) && writer_.pause(std::chrono::milliseconds(2)) &&
           writer_.sendBody(std::string_view(bytes).substr(cut));
  }

 private:
  ResponseWriter& writer_;
  const StreamedReply& script_;
};

void streamReply(const StreamedReply& script, ResponseWriter& writer) {
  writer.sendHead(200, {{"content-type", "text/event-stream; charset=utf-8"}, {"request-id", "req_fake"}},
                  BodyFraming::Chunked);
  EventWriter events(writer, script);
  const std::string newline = script.crlf ? "\r\n" : "\n";

  events.send("message_start",
              {{"type", "message_start"},
               {"message",
                {{"id", "msg_fake"}, {"type", "message"}, {"role", "assistant"}, {"model", script.model},
                 {"content", json::array()}, {"stop_reason", nullptr}, {"stop_sequence", nullptr},
                 {"usage",
                  {{"input_tokens", script.usage.inputTokens},
                   {"cache_creation_input_tokens", script.usage.cacheCreationInputTokens},
                   {"cache_read_input_tokens", script.usage.cacheReadInputTokens},
                   {"output_tokens", 1}}}}}});
  if (script.pings) events.send("ping", {{"type", "ping"}});
  if (script.extraEvents) {
    events.sendRaw(": a comment line the client must skip" + newline);
    events.send("content_block_flux", {{"type", "content_block_flux"}, {"index", 0}});
    events.send("content_block_start", {{"type", "content_block_start"}, {"index", 0},
                                        {"content_block", {{"type", "thinking"}, {"thinking", ""}}}});
    events.send("content_block_delta", {{"type", "content_block_delta"}, {"index", 0},
                                        {"delta", {{"type", "thinking_delta"}, {"thinking", "secret thoughts"}}}});
    events.sendRaw(sseEvent("content_block_stop", R"({"type":"content_block_stop","index":0        })", script.crlf));
  }
  const int textIndex = script.extraEvents ? 1 : 0;
  events.send("content_block_start", {{"type", "content_block_start"}, {"index", textIndex},
                                      {"content_block", {{"type", "text"}, {"text", ""}}}});
  for (std::size_t i = 0; i < script.textDeltas.size(); ++i) {
    if (i > 0 && script.pauseBetweenDeltas.count() > 0 && !writer.pause(script.pauseBetweenDeltas)) return;
    if (!events.send("content_block_delta", {{"type", "content_block_delta"}, {"index", textIndex},
                                             {"delta", {{"type", "text_delta"}, {"text", script.textDeltas[i]}}}})) {
      return;  // the client went away
    }
    if (script.afterDelta) script.afterDelta(i);
    if (script.pings && i + 1 < script.textDeltas.size()) events.send("ping", {{"type", "ping"}});
  }

  switch (script.ending) {
    case StreamedReply::Ending::ErrorEvent:
      events.send("error",
                  {{"type", "error"}, {"error", {{"type", script.errorType}, {"message", script.errorMessage}}}});
      writer.finish();
      return;
    case StreamedReply::Ending::Drop:
      writer.drop(true);
      return;
    case StreamedReply::Ending::EndWithoutStop:
      writer.finish();
      return;
    case StreamedReply::Ending::MessageStop:
      break;
  }
  if (script.extraEvents) {
    // The docs' spacing, and the padding real streams sometimes have before a closing brace.
    events.sendRaw(
        sseEvent("content_block_stop", R"({"type": "content_block_stop", "index": 1        })", script.crlf));
  } else {
    events.send("content_block_stop", {{"type", "content_block_stop"}, {"index", textIndex}});
  }
  events.send("message_delta", {{"type", "message_delta"},
                                {"delta", {{"stop_reason", script.stopReason}, {"stop_sequence", nullptr}}},
                                {"usage", {{"output_tokens", script.usage.outputTokens}}}});
  events.send("message_stop", {{"type", "message_stop"}});
  writer.finish();
}

void errorReply(const HttpErrorReply& script, ResponseWriter& writer) {
  http::HttpHeaders headers = script.headers;
  headers.add("content-type", "application/json");
  const json body = {{"type", "error"},
                     {"error", {{"type", script.errorType}, {"message", script.message}}},
                     {"request_id", "req_fake"}};
  writer.respond(script.status, headers, body.dump());
}

}  // namespace

FakeAnthropicServer::FakeAnthropicServer()
    : server_([this](const RecordedRequest& request, ResponseWriter& writer) { answer(request, writer); },
              ConnectionReuse::KeepAlive) {}

void FakeAnthropicServer::answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (request.method != "POST" || request.target != "/v1/messages") {
    errorReply({404, "not_found_error", "Not found: " + request.target, {}}, writer);
    return;
  }
  const FakeReply reply = replies_.next(json::parse(request.body, nullptr, /*allow_exceptions=*/false),
                                        HttpErrorReply{500, "api_error", "the fake server has no scripted reply", {}});
  if (const auto* streamed = std::get_if<StreamedReply>(&reply)) {
    streamReply(*streamed, writer);
  } else {
    errorReply(std::get<HttpErrorReply>(reply), writer);
  }
}

}  // namespace nexus::test
