#include "interview/tag_stream_filter.hpp"

#include <gtest/gtest.h>

namespace nexus {
namespace {

// Feeds `raw` in pieces of `size` bytes and returns everything shown.
std::string streamed(std::string_view raw, std::size_t size) {
  TagStreamFilter filter;
  std::string shown;
  for (std::size_t i = 0; i < raw.size(); i += size) shown += filter.feed(raw.substr(i, size));
  return shown + filter.finish();
}

constexpr std::string_view kReply =
    "<thinking>Plan: ask about roles</thinking>Thanks! Who approves expenses?\n"
    "<requirements>\n<requirement><text>Users submit expenses</text><category>functional</category>"
    "</requirement>\n</requirements>\n<REQUIREMENT priority=\"must\">Receipts are kept</REQUIREMENT>";

TEST(TagStreamFilter, HidesTagsWhateverThePieceSize) {
  for (std::size_t size : {1u, 2u, 3u, 5u, 8u, 13u, 1000u}) {
    EXPECT_EQ(streamed(kReply, size), "Thanks! Who approves expenses?") << "piece size " << size;
  }
}

TEST(TagStreamFilter, PlainTextPassesStraightThrough) {
  TagStreamFilter filter;
  EXPECT_EQ(filter.feed("Hello, "), "Hello,");
  EXPECT_EQ(filter.feed("world"), " world");
  EXPECT_EQ(filter.finish(), "");
}

TEST(TagStreamFilter, OrdinaryAngleBracketsAreText) {
  EXPECT_EQ(streamed("if a < b and <b>bold</b> or <req", 1), "if a < b and <b>bold</b> or <req");
}

TEST(TagStreamFilter, HoldsBackAPossibleTagUntilItIsKnown) {
  TagStreamFilter filter;
  EXPECT_EQ(filter.feed("Done. <requ"), "Done.");
  EXPECT_EQ(filter.feed("est>"), " <request>");
}

TEST(TagStreamFilter, AnUnfinishedHiddenBlockShowsNothing) {
  EXPECT_EQ(streamed("Visible <thinking>never closed and long", 4), "Visible");
}

TEST(TagStreamFilter, WhitespaceAtEitherEndNeverStreamsButWithinTextItDoes) {
  TagStreamFilter filter;
  EXPECT_EQ(filter.feed("\n  "), "");
  EXPECT_EQ(filter.feed(" First line.\n"), "First line.");
  EXPECT_EQ(filter.feed("\n"), "");
  EXPECT_EQ(filter.feed("Second."), "\n\nSecond.");
  EXPECT_EQ(filter.feed("\n\n<requirement>x</requirement>\n"), "");
  EXPECT_EQ(filter.finish(), "");
}

}  // namespace
}  // namespace nexus
