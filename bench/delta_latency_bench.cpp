// Latency and client CPU per streamed text delta, for AnthropicClient and OpenAiCompatibleClient
// over a real loopback HTTP connection through CurlHttpClient (issue 4). Results: RESULTS.md.
//
// A server on 127.0.0.1 streams each reply as N text deltas, one write per delta with a pause
// before it (so every delta arrives on its own), and notes steady_clock just before each write.
// Each delta's text carries its sequence number, so the caller's DeltaHandler matches its own
// arrival time to the write. A wrapper around CurlHttpClient also notes when the body piece
// that carried the delta came out of libcurl, which splits the latency in two:
//   write -> read returned  (kernel loopback, waking the reader, libcurl),
//   read returned -> delta  (SSE parser, JSON, the client's own code).
// The same stream read by a bare poll() + recv() loop gives the floor under any client.
// Reader CPU is the reading thread's own: everything a client does runs there (libcurl calls
// the handlers inside post(), and needs no resolver thread for the numeric address 127.0.0.1).
//
// Usage: nexus_delta_latency_bench [--deltas N] [--replies R] [--gap-ms G]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/anthropic/anthropic_client.hpp"
#include "llm/http/curl_http_client.hpp"
#include "llm/openai/openai_client.hpp"
#include "support/loopback_http_server.hpp"

namespace {

using nexus::LlmClient;
using nexus::http::HttpClient;
using nexus::test::ResponseWriter;
using Clock = std::chrono::steady_clock;
// Keys in the order the APIs send them, so the client parses what it would parse in production.
using WireJson = nlohmann::ordered_json;

struct Options {
  std::size_t deltasPerReply = 2000;
  std::size_t replies = 5;                 // measured; one more is run first as a warm-up
  std::chrono::milliseconds gapBetweenDeltas{1};
};

// ---- delta texts: a token-sized word carrying its sequence number ----

constexpr std::string_view kDeltaPrefix = " tok";

std::string deltaText(std::size_t sequence) { return std::string(kDeltaPrefix) + std::to_string(sequence); }

std::size_t sequenceNumberOf(std::string_view text) {
  std::size_t sequence = 0;
  const std::string_view digits = text.substr(std::min(text.size(), kDeltaPrefix.size()));
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), sequence);
  if (!text.starts_with(kDeltaPrefix) || parsed.ec != std::errc{} || parsed.ptr != digits.data() + digits.size()) {
    throw std::runtime_error("unexpected delta text: " + std::string(text));
  }
  return sequence;
}

// ---- the two backends: their wire format and their client ----

// What the server writes for one backend (everything before the first delta, each delta, and
// everything after the last) and how the client under test is made.
struct StreamingBackend {
  std::string name;  // of the client, as the report shows it
  std::string path;  // what the client posts to
  std::string opening;
  std::function<std::string(const std::string& text)> deltaEvent;
  std::string closing;
  std::function<std::unique_ptr<LlmClient>(HttpClient& http, const std::string& serverUrl)> makeClient;
};

std::string sseEvent(std::string_view type, const WireJson& data) {
  return "event: " + std::string(type) + "\ndata: " + data.dump() + "\n\n";
}

std::string dataLine(const std::string& data) { return "data: " + data + "\n\n"; }

// The Messages API stream as PROTOCOLS.md documents it; no pings (they come every few seconds,
// not per delta).
StreamingBackend anthropicBackend() {
  StreamingBackend backend;
  backend.name = "AnthropicClient (Messages API events)";
  backend.path = "/v1/messages";
  backend.opening =
      sseEvent("message_start",
               {{"type", "message_start"},
                {"message", {{"id", "msg_bench"}, {"type", "message"}, {"role", "assistant"},
                             {"model", "claude-bench"}, {"content", WireJson::array()}, {"stop_reason", nullptr},
                             {"stop_sequence", nullptr}, {"usage", {{"input_tokens", 25}, {"output_tokens", 1}}}}}}) +
      sseEvent("content_block_start",
               {{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}});
  backend.deltaEvent = [](const std::string& text) {
    return sseEvent("content_block_delta", {{"type", "content_block_delta"}, {"index", 0},
                                            {"delta", {{"type", "text_delta"}, {"text", text}}}});
  };
  backend.closing =
      sseEvent("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}}) +
      sseEvent("message_delta", {{"type", "message_delta"},
                                 {"delta", {{"stop_reason", "end_turn"}, {"stop_sequence", nullptr}}}}) +
      sseEvent("message_stop", {{"type", "message_stop"}});
  backend.makeClient = [](HttpClient& http, const std::string& serverUrl) -> std::unique_ptr<LlmClient> {
    nexus::AnthropicConfig config;
    config.apiKey = "bench-key";
    config.baseUrl = serverUrl;
    return std::make_unique<nexus::AnthropicClient>(http, std::move(config));
  };
  return backend;
}

// Chat completion chunks as OpenAI and llama.cpp send them.
StreamingBackend openAiBackend() {
  const auto chunk = [](WireJson delta, WireJson finishReason) {
    return dataLine(WireJson{{"id", "chatcmpl-bench"}, {"object", "chat.completion.chunk"}, {"created", 1700000000},
                             {"model", "bench-model"}, {"system_fingerprint", "fp_bench"},
                             {"choices", WireJson::array({{{"index", 0}, {"delta", std::move(delta)},
                                                           {"logprobs", nullptr},
                                                           {"finish_reason", std::move(finishReason)}}})}}
                        .dump());
  };
  StreamingBackend backend;
  backend.name = "OpenAiCompatibleClient (chat completion chunks)";
  backend.path = "/v1/chat/completions";
  backend.opening = chunk({{"role", "assistant"}, {"content", nullptr}}, nullptr);
  backend.deltaEvent = [chunk](const std::string& text) { return chunk({{"content", text}}, nullptr); };
  backend.closing = chunk(WireJson::object(), "stop") + dataLine("[DONE]");
  backend.makeClient = [](HttpClient& http, const std::string& serverUrl) -> std::unique_ptr<LlmClient> {
    nexus::OpenAiConfig config;
    config.baseUrl = serverUrl + "/v1";
    return std::make_unique<nexus::OpenAiCompatibleClient>(http, std::move(config));
  };
  return backend;
}

// ---- the server ----

// Streams every request's reply as paced deltas and hands the write times of each reply to the
// caller, in order. Thread-safe.
class PacedDeltaServer {
 public:
  PacedDeltaServer(const StreamingBackend& backend, const Options& options)
      : backend_(backend),
        options_(options),
        server_([this](const nexus::test::RecordedRequest& request, ResponseWriter& writer) {
          stream(request, writer);
        }) {}

  std::string baseUrl() const { return server_.baseUrl(); }
  int port() const { return server_.port(); }
  const std::string& path() const { return backend_.path; }

  // When each delta of the next reply was written; waits until that reply has been sent.
  std::vector<Clock::time_point> takeWriteTimes() {
    std::unique_lock lock(mutex_);
    replySent_.wait(lock, [&] { return !sentReplies_.empty(); });
    std::vector<Clock::time_point> writeTimes = std::move(sentReplies_.front());
    sentReplies_.pop_front();
    return writeTimes;
  }

 private:
  void stream(const nexus::test::RecordedRequest& request, ResponseWriter& writer) {
    std::vector<Clock::time_point> writeTimes;
    if (request.target == backend_.path) {
      writeTimes = streamDeltas(writer);
    } else {
      writer.respond(404, {}, "not found");
    }
    std::lock_guard lock(mutex_);
    sentReplies_.push_back(std::move(writeTimes));
    replySent_.notify_all();
  }

  std::vector<Clock::time_point> streamDeltas(ResponseWriter& writer) {
    // Built before the first write, so that only the write itself follows each timestamp.
    std::vector<std::string> events;
    events.reserve(options_.deltasPerReply);
    for (std::size_t sequence = 0; sequence < options_.deltasPerReply; ++sequence) {
      events.push_back(backend_.deltaEvent(deltaText(sequence)));
    }
    std::vector<Clock::time_point> writeTimes;
    writeTimes.reserve(events.size());
    writer.sendHead(200, {{"content-type", "text/event-stream"}}, nexus::test::BodyFraming::Chunked);
    writer.sendBody(backend_.opening);
    for (const std::string& event : events) {
      if (!writer.pause(options_.gapBetweenDeltas)) return writeTimes;
      writeTimes.push_back(Clock::now());
      if (!writer.sendBody(event)) return writeTimes;  // one chunk, one send()
    }
    writer.sendBody(backend_.closing);
    writer.finish();
    return writeTimes;
  }

  const StreamingBackend& backend_;
  const Options& options_;
  std::mutex mutex_;
  std::condition_variable replySent_;
  std::deque<std::vector<Clock::time_point>> sentReplies_;
  nexus::test::LoopbackHttpServer server_;  // last: its threads stop before the members above go away
};

// ---- the client side ----

// CurlHttpClient, noting when the latest body piece came out of libcurl. The client decodes a
// piece and calls its DeltaHandler inside that piece's BodyHandler, so during the DeltaHandler
// the note is when the delta's bytes became available. For one caller at a time.
class BodyPieceTimingHttpClient final : public HttpClient {
 public:
  explicit BodyPieceTimingHttpClient(HttpClient& inner) : inner_(inner) {}

  nexus::http::HttpOutcome post(const nexus::http::HttpRequest& request, const nexus::http::HeadHandler& onHead,
                                const nexus::http::BodyHandler& onBody, std::stop_token cancel) override {
    return inner_.post(
        request, onHead,
        [&](std::string_view piece) {
          lastPieceAt_ = Clock::now();
          ++pieces_;
          return onBody(piece);
        },
        cancel);
  }

  Clock::time_point lastPieceAt() const { return lastPieceAt_; }
  std::size_t pieces() const { return pieces_; }

 private:
  HttpClient& inner_;
  Clock::time_point lastPieceAt_;
  std::size_t pieces_ = 0;
};

// CPU time of the calling thread, user and system together: CLOCK_THREAD_CPUTIME_ID reads the
// scheduler's exact runtime. (getrusage(RUSAGE_THREAD) would split user from system, but this
// kernel apportions that split by 250 Hz ticks, and a reader that runs ~2 % of the time is hit
// by too few of them for the split to mean anything.)
std::chrono::nanoseconds threadCpuTime() {
  timespec time{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
  return std::chrono::seconds(time.tv_sec) + std::chrono::nanoseconds(time.tv_nsec);
}

// What one reply's deltas went through, indexed by sequence number.
struct ReplyTimings {
  std::vector<Clock::time_point> written;       // by the server, just before each write
  std::vector<Clock::time_point> bytesArrived;  // when the read that carried the delta returned
  std::vector<Clock::time_point> delivered;     // when the reader had the delta's text
  std::chrono::nanoseconds cpuBetweenFirstAndLastDelta{0};  // the steady state: no connect, request or teardown
  std::chrono::nanoseconds cpuOfWholeReply{0};              // from sending the request to the end of the reply
  std::size_t reads = 0;                                    // reads that returned bytes
};

// Fills one reply's ReplyTimings on the reading thread as its deltas arrive; made just before
// the request is sent.
class ReplyRecorder {
 public:
  explicit ReplyRecorder(std::size_t deltaCount) : deltaCount_(deltaCount), cpuAtStart_(threadCpuTime()) {
    timings_.bytesArrived.resize(deltaCount);
    timings_.delivered.resize(deltaCount);
  }

  void record(std::size_t sequence, Clock::time_point deliveredAt, Clock::time_point bytesArrivedAt) {
    timings_.delivered.at(sequence) = deliveredAt;
    timings_.bytesArrived.at(sequence) = bytesArrivedAt;
    if (sequence == 0) cpuAtFirstDelta_ = threadCpuTime();
    if (sequence + 1 == deltaCount_) timings_.cpuBetweenFirstAndLastDelta = threadCpuTime() - cpuAtFirstDelta_;
  }

  // Once the reply has ended: adds the server's write times and checks that nothing is missing.
  ReplyTimings finish(std::size_t reads, PacedDeltaServer& server) {
    timings_.cpuOfWholeReply = threadCpuTime() - cpuAtStart_;
    timings_.reads = reads;
    timings_.written = server.takeWriteTimes();
    const bool allDelivered = std::none_of(timings_.delivered.begin(), timings_.delivered.end(),
                                           [](Clock::time_point at) { return at == Clock::time_point{}; });
    if (timings_.written.size() != deltaCount_ || !allDelivered) throw std::runtime_error("deltas went missing");
    return std::move(timings_);
  }

 private:
  const std::size_t deltaCount_;
  const std::chrono::nanoseconds cpuAtStart_;
  std::chrono::nanoseconds cpuAtFirstDelta_{0};
  ReplyTimings timings_;
};

ReplyTimings measureClientReply(LlmClient& client, BodyPieceTimingHttpClient& http, PacedDeltaServer& server,
                                std::size_t deltaCount) {
  nexus::LlmRequest request;
  request.systemPrompt = "You are a requirements analyst.";
  request.messages = {{nexus::MessageRole::User, "I want to build a todo app for small teams"}};

  const std::size_t piecesBefore = http.pieces();
  ReplyRecorder recorder(deltaCount);
  const auto onDelta = [&](std::string_view text) {
    const Clock::time_point now = Clock::now();  // first, before any work of ours
    recorder.record(sequenceNumberOf(text), now, http.lastPieceAt());
  };
  const auto response = client.complete(request, onDelta, {});
  if (!response.ok()) throw std::runtime_error("the reply failed: " + response.error().message);
  return recorder.finish(http.pieces() - piecesBefore, server);
}

// A socket connected to 127.0.0.1:port, closed when it goes.
class LoopbackConnection {
 public:
  explicit LoopbackConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      if (fd_ >= 0) ::close(fd_);
      throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
  }
  LoopbackConnection(const LoopbackConnection&) = delete;
  LoopbackConnection& operator=(const LoopbackConnection&) = delete;
  ~LoopbackConnection() { ::close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

// The floor under any client: the same stream read by a plain poll() + recv() loop, with no
// libcurl and no decoding. A delta counts as delivered once its text (up to the closing quote)
// has arrived.
ReplyTimings measureRawSocketReply(PacedDeltaServer& server, std::size_t deltaCount) {
  ReplyRecorder recorder(deltaCount);
  LoopbackConnection connection(server.port());
  const std::string request = "POST " + server.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
  if (::send(connection.fd(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    throw std::runtime_error("cannot send the request");
  }
  std::string received;
  std::size_t scannedUpTo = 0;
  std::size_t reads = 0;
  char buffer[16384];
  for (;;) {
    pollfd readable{connection.fd(), POLLIN, 0};
    const int ready = ::poll(&readable, 1, -1);
    const ssize_t count = ready > 0 ? ::recv(connection.fd(), buffer, sizeof buffer, 0) : -1;
    const Clock::time_point arrivedAt = Clock::now();
    if (count == 0) break;  // the server closed: the reply is over
    if (count < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("reading the raw stream failed");
    }
    ++reads;
    received.append(buffer, static_cast<std::size_t>(count));
    for (std::size_t at = received.find(kDeltaPrefix, scannedUpTo); at != std::string::npos;
         at = received.find(kDeltaPrefix, scannedUpTo)) {
      const std::size_t quote = received.find('"', at);
      if (quote == std::string::npos) break;  // the rest of this delta is still on its way
      recorder.record(sequenceNumberOf(std::string_view(received).substr(at, quote - at)), arrivedAt, arrivedAt);
      scannedUpTo = quote;
    }
  }
  return recorder.finish(reads, server);
}

// ---- statistics and report ----

struct Distribution {
  std::size_t count = 0;
  double p50 = 0, p99 = 0, max = 0;  // microseconds
};

// Nearest-rank percentiles.
Distribution distributionOf(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  const auto percentile = [&](double fraction) {
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(micros.size())));
    return micros[std::max<std::size_t>(rank, 1) - 1];
  };
  return {micros.size(), percentile(0.50), percentile(0.99), micros.back()};
}

double microseconds(Clock::duration duration) { return std::chrono::duration<double, std::micro>(duration).count(); }

struct ReaderResult {
  Distribution latency, transport, decode;
  double cpuPerDelta = 0;             // µs, between the first and the last delta
  double wholeReplyCpuPerDelta = 0;   // µs, connection and request included
  double readsPerDelta = 0;
};

ReaderResult summarise(const std::vector<ReplyTimings>& replies) {
  std::vector<double> latency, transport, decode;
  std::chrono::nanoseconds steadyCpu{0}, wholeReplyCpu{0};
  std::size_t deltas = 0, steadyIntervals = 0, reads = 0;
  for (const ReplyTimings& reply : replies) {
    for (std::size_t i = 0; i < reply.written.size(); ++i) {
      latency.push_back(microseconds(reply.delivered[i] - reply.written[i]));
      transport.push_back(microseconds(reply.bytesArrived[i] - reply.written[i]));
      decode.push_back(microseconds(reply.delivered[i] - reply.bytesArrived[i]));
    }
    steadyCpu += reply.cpuBetweenFirstAndLastDelta;
    wholeReplyCpu += reply.cpuOfWholeReply;
    deltas += reply.written.size();
    steadyIntervals += reply.written.size() - 1;
    reads += reply.reads;
  }
  return {distributionOf(std::move(latency)),
          distributionOf(std::move(transport)),
          distributionOf(std::move(decode)),
          microseconds(steadyCpu) / static_cast<double>(steadyIntervals),
          microseconds(wholeReplyCpu) / static_cast<double>(deltas),
          static_cast<double>(reads) / static_cast<double>(deltas)};
}

// One warm-up reply (first connection, caches, allocator), then the measured ones.
ReaderResult measureReplies(const Options& options, const std::function<ReplyTimings()>& measureOneReply) {
  (void)measureOneReply();
  std::vector<ReplyTimings> replies;
  for (std::size_t i = 0; i < options.replies; ++i) replies.push_back(measureOneReply());
  return summarise(replies);
}

ReaderResult measureClient(const StreamingBackend& backend, const Options& options) {
  PacedDeltaServer server(backend, options);
  nexus::http::CurlHttpClient curl("bench");
  BodyPieceTimingHttpClient http(curl);
  const std::unique_ptr<LlmClient> client = backend.makeClient(http, server.baseUrl());
  return measureReplies(options, [&] { return measureClientReply(*client, http, server, options.deltasPerReply); });
}

ReaderResult measureRawSocketFloor(const StreamingBackend& backend, const Options& options) {
  PacedDeltaServer server(backend, options);
  return measureReplies(options, [&] { return measureRawSocketReply(server, options.deltasPerReply); });
}

void printRow(const char* what, const Distribution& distribution) {
  std::printf("  %-42s p50 %7.1f  p99 %7.1f  max %8.1f  (n=%zu)\n", what, distribution.p50, distribution.p99,
              distribution.max, distribution.count);
}

void print(const std::string& reader, const ReaderResult& result) {
  std::printf("%s\n", reader.c_str());
  printRow("latency, write -> delta delivered (us)", result.latency);
  printRow("  write -> read returned the bytes", result.transport);
  printRow("  read returned -> delta delivered", result.decode);
  std::printf("  reader thread CPU per delta (us)           %.2f  (whole reply included: %.2f)\n", result.cpuPerDelta,
              result.wholeReplyCpuPerDelta);
  std::printf("  reads per delta                            %.3f\n", result.readsPerDelta);
}

std::size_t positiveNumber(const char* text, const char* option) {
  std::size_t value = 0;
  const std::string_view digits(text);
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (parsed.ec != std::errc{} || parsed.ptr != digits.data() + digits.size() || value == 0) {
    throw std::invalid_argument(std::string(option) + " needs a positive whole number");
  }
  return value;
}

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view option = argv[i];
    if (i + 1 >= argc) {
      throw std::invalid_argument("usage: nexus_delta_latency_bench [--deltas N] [--replies R] [--gap-ms G]");
    }
    const char* value = argv[++i];
    if (option == "--deltas") {
      options.deltasPerReply = positiveNumber(value, "--deltas");
    } else if (option == "--replies") {
      options.replies = positiveNumber(value, "--replies");
    } else if (option == "--gap-ms") {
      options.gapBetweenDeltas = std::chrono::milliseconds(positiveNumber(value, "--gap-ms"));
    } else {
      throw std::invalid_argument("unknown option " + std::string(option));
    }
  }
  // The steady-state CPU window runs from the first delta to the last.
  if (options.deltasPerReply < 2) throw std::invalid_argument("--deltas needs at least 2");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parseOptions(argc, argv);
    std::printf("Streamed deltas over 127.0.0.1 through CurlHttpClient: %zu replies x %zu deltas, %lld ms apart "
                "(after one warm-up reply)\n",
                options.replies, options.deltasPerReply, static_cast<long long>(options.gapBetweenDeltas.count()));
    const StreamingBackend anthropic = anthropicBackend();
    const StreamingBackend openAi = openAiBackend();
    print(anthropic.name, measureClient(anthropic, options));
    print(openAi.name, measureClient(openAi, options));
    print("floor: poll() + recv() of the Messages stream, no libcurl, no decoding",
          measureRawSocketFloor(anthropic, options));
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "nexus_delta_latency_bench: %s\n", error.what());
    return 1;
  }
}
