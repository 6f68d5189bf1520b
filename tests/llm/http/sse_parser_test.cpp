#include "llm/http/sse_parser.hpp"
#include "support/result_assertions.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace nexus::http {
namespace {

// Feeds each piece in turn and collects every event dispatched.
std::vector<SseEvent> decode(SseParser& parser, const std::vector<std::string>& pieces) {
  std::vector<SseEvent> events;
  for (const auto& piece : pieces) {
    auto fed = parser.feed(piece, [&](const SseEvent& event) { events.push_back(event); });
    EXPECT_OK(fed);
  }
  return events;
}

std::vector<SseEvent> decode(const std::vector<std::string>& pieces) {
  SseParser parser;
  return decode(parser, pieces);
}

TEST(SseParser, DecodesNamedEventWithData) {
  auto events = decode({"event: ping\ndata: {\"type\": \"ping\"}\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "ping");
  EXPECT_EQ(events[0].data, "{\"type\": \"ping\"}");
}

TEST(SseParser, TypeDefaultsToMessage) {
  auto events = decode({"data: hello\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");
  EXPECT_EQ(events[0].data, "hello");
}

TEST(SseParser, TypeResetsAfterDispatch) {
  auto events = decode({"event: a\ndata: 1\n\ndata: 2\n\n"});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "a");
  EXPECT_EQ(events[1].type, "message");
}

TEST(SseParser, AcceptsCrLfLineEnds) {
  auto events = decode({"event: x\r\ndata: y\r\n\r\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "x");
  EXPECT_EQ(events[0].data, "y");
}

TEST(SseParser, CrLfSplitAcrossFeedsIsOneLineEnd) {
  // Were the LF a second line end, the blank line would dispatch "a" early and "b" apart.
  auto events = decode({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParser, CrAloneEndsALine) {
  auto events = decode({"data: a\rdata: b\r\r"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParser, CrAtEndOfFeedFollowedByOtherTextEndsTheLine) {
  auto events = decode({"data: a\r", "\r"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a");
}

TEST(SseParser, EmptyFeedBetweenCrAndLfKeepsThemTogether) {
  auto events = decode({"data: a\r", "", "\n", "\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a");
}

TEST(SseParser, IgnoresComments) {
  auto events = decode({": keep-alive\n\n:another\ndata: x\n: inside\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
}

TEST(SseParser, JoinsMultipleDataLinesWithNewline) {
  auto events = decode({"data: one\ndata: two\ndata:\ndata: three\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "one\ntwo\n\nthree");
}

TEST(SseParser, StripsOnlyOneLeadingSpace) {
  auto events = decode({"data:no-space\n\ndata:  two spaces\n\n"});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data, "no-space");
  EXPECT_EQ(events[1].data, " two spaces");
}

TEST(SseParser, FieldWithoutColonHasEmptyValue) {
  // `data` alone adds an empty line; two of them make the data "\n".
  auto events = decode({"data\ndata\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "\n");
}

TEST(SseParser, ValueMayContainColons) {
  auto events = decode({"data: {\"a\":\"b:c\"}\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "{\"a\":\"b:c\"}");
}

TEST(SseParser, SkipsBomAtStreamStartOnly) {
  auto events = decode({"\xEF\xBB\xBF" "data: a\n\n\xEF\xBB\xBF" "data: b\n\n"});
  ASSERT_EQ(events.size(), 1u);  // the second BOM makes an unknown field name
  EXPECT_EQ(events[0].data, "a");
}

TEST(SseParser, SkipsBomSplitAcrossFeeds) {
  auto events = decode({"\xEF", "\xBB", "\xBF" "da", "ta: a\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a");
}

TEST(SseParser, KeepsBytesThatOnlyLookedLikeABomStart) {
  auto events = decode({"\xEF", "data: a\n\ndata: b\n\n"});
  ASSERT_EQ(events.size(), 1u);  // "\xEF" "data" is an unknown field
  EXPECT_EQ(events[0].data, "b");
}

TEST(SseParser, EventWithoutDataIsNotDispatched) {
  auto events = decode({"event: ping\n\nid: 7\n\n\n\ndata: x\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "message");  // the type of the data-less event does not leak
  EXPECT_EQ(events[0].lastEventId, "7");
}

TEST(SseParser, LastEventIdPersistsAcrossEvents) {
  auto events = decode({"id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n"});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].lastEventId, "1");
  EXPECT_EQ(events[1].lastEventId, "1");
  EXPECT_EQ(events[2].lastEventId, "");
}

TEST(SseParser, IdWithNulIsIgnored) {
  auto events = decode({"id: 1\n\n", std::string("id: a\0b\ndata: x\n\n", 18)});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].lastEventId, "1");
}

TEST(SseParser, RetryKeepsOnlyDigits) {
  SseParser parser;
  (void)decode(parser, {"retry: 1500\n\n"});
  EXPECT_EQ(parser.reconnectionTime(), std::chrono::milliseconds{1500});
  (void)decode(parser, {"retry: 2s\n\nretry: -1\n\n"});
  EXPECT_EQ(parser.reconnectionTime(), std::chrono::milliseconds{1500});
}

TEST(SseParser, IgnoresUnknownFields) {
  auto events = decode({"foo: bar\ndata: x\nDATA: y\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
}

TEST(SseParser, FinishDropsAnIncompleteEvent) {
  SseParser parser;
  auto events = decode(parser, {"data: whole\n\ndata: cut"});
  EXPECT_EQ(events.size(), 1u);
  EXPECT_TRUE(parser.finish());
  events = decode(parser, {"data: next\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "next");
  EXPECT_FALSE(parser.finish());
}

TEST(SseParser, FinishDropsDataLinesWithoutBlankLine) {
  SseParser parser;
  auto events = decode(parser, {"data: a\n"});
  EXPECT_TRUE(events.empty());
  EXPECT_TRUE(parser.finish());
}

TEST(SseParser, OversizeEventIsAnErrorAndStopsTheParser) {
  SseParser parser(64);
  int dispatched = 0;
  auto count = [&](const SseEvent&) { ++dispatched; };
  ASSERT_OK(parser.feed("data: small\n\n", count));
  auto fed = parser.feed("data: " + std::string(40, 'x') + "\ndata: " + std::string(40, 'y') + "\n\n", count);
  ASSERT_FALSE(fed.ok());
  EXPECT_EQ(fed.error().code, ErrorCode::PayloadTooLarge);
  EXPECT_NE(fed.error().message.find("64 bytes"), std::string::npos) << fed.error().message;
  EXPECT_EQ(dispatched, 1);
  EXPECT_FALSE(parser.feed("data: ok\n\n", count).ok());
}

TEST(SseParser, OversizeUnterminatedLineIsAnError) {
  SseParser parser(64);
  Result<void> fed;
  for (int i = 0; i < 10 && fed.ok(); ++i) fed = parser.feed(std::string(10, 'z'), {});
  ASSERT_FALSE(fed.ok());
  EXPECT_EQ(fed.error().code, ErrorCode::PayloadTooLarge);
}

TEST(SseParser, RandomSplitsGiveTheSameEvents) {
  const std::string stream =
      "\xEF\xBB\xBF: stream start\r\n"
      "event: message_start\r\ndata: {\"type\":\"message_start\"}\r\n\r\n"
      "event: ping\ndata: {\"type\": \"ping\"}\n\n"
      "event: content_block_delta\rdata: {\"text\":\"Hello\"}\r\r"
      "id: 42\ndata: line one\ndata:line two\ndata\n\n"
      "retry: 10\nevent: content_block_stop\r\ndata: {\"index\":0        }\r\n\r\n"
      "data: [DONE]\n\n";
  const auto whole = decode({stream});
  ASSERT_EQ(whole.size(), 6u);
  EXPECT_EQ(whole[3].data, "line one\nline two\n");
  EXPECT_EQ(whole[5].lastEventId, "42");

  std::mt19937 random(20240611);
  for (int round = 0; round < 500; ++round) {
    std::vector<std::string> pieces;
    std::size_t position = 0;
    while (position < stream.size()) {
      const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 12)(random);
      pieces.push_back(stream.substr(position, length));
      position += length;
    }
    const auto split = decode(pieces);
    ASSERT_EQ(split.size(), whole.size()) << "round " << round;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(split[i].type, whole[i].type) << "round " << round << " event " << i;
      EXPECT_EQ(split[i].data, whole[i].data) << "round " << round << " event " << i;
      EXPECT_EQ(split[i].lastEventId, whole[i].lastEventId) << "round " << round << " event " << i;
    }
  }
}

TEST(SseParser, ByteByByteGivesTheSameEvents) {
  const std::string stream = "event: a\r\ndata: 1\r\n\r\ndata: 2\r\rdata: 3\n\n";
  std::vector<std::string> bytes;
  for (char c : stream) bytes.emplace_back(1, c);
  const auto events = decode(bytes);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, "a");
  EXPECT_EQ(events[1].data, "2");
  EXPECT_EQ(events[2].data, "3");
}

}  // namespace
}  // namespace nexus::http
