// SseParser throughput on an Anthropic-shaped stream, fed in network-sized pieces.

#include <benchmark/benchmark.h>

#include <string>

#include "llm/http/sse_parser.hpp"

namespace {

std::string anthropicStream(int deltas) {
  std::string stream = "event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}\r\n\r\n";
  for (int i = 0; i < deltas; ++i) {
    stream += "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
              "\"delta\":{\"type\":\"text_delta\",\"text\":\"Users must sign in with Google \"}}\r\n\r\n";
    if (i % 50 == 0) stream += "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n";
  }
  stream += "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n";
  return stream;
}

void BM_SseParserThroughput(benchmark::State& state) {
  const std::string stream = anthropicStream(2000);
  const auto pieceSize = static_cast<std::size_t>(state.range(0));
  std::size_t events = 0;
  for (auto _ : state) {
    nexus::http::SseParser parser;
    for (std::size_t at = 0; at < stream.size(); at += pieceSize) {
      auto fed = parser.feed(std::string_view(stream).substr(at, pieceSize),
                             [&](const nexus::http::SseEvent& event) { benchmark::DoNotOptimize(event.data.data()); ++events; });
      benchmark::DoNotOptimize(fed);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(events),
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SseParserThroughput)->Arg(7)->Arg(512)->Arg(16384)->Unit(benchmark::kMicrosecond);

}  // namespace
