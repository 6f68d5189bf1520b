#include "api/http/outbox.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nexus::api::http {
namespace {

Notification text(std::size_t bytes, char letter = 'x') { return std::make_shared<const std::string>(bytes, letter); }

class OutboxTest : public ::testing::Test {
 protected:
  int wakes_ = 0;
  Outbox outbox_{100, [this] { ++wakes_; }};
};

TEST_F(OutboxTest, HandsOutMessagesInOrderAndWakesAnIdleWriterOnce) {
  outbox_.push(text(10, 'a'));
  outbox_.push(text(10, 'b'));
  EXPECT_EQ(wakes_, 1);  // the writer is awake until it finds nothing
  EXPECT_EQ(*outbox_.next(), std::string(10, 'a'));
  EXPECT_EQ(*outbox_.next(), std::string(10, 'b'));
  EXPECT_EQ(outbox_.next(), nullptr);
  EXPECT_TRUE(outbox_.empty());
  outbox_.push(text(10));
  EXPECT_EQ(wakes_, 2);  // idle again, so woken again
}

TEST_F(OutboxTest, CountsOnlyWhatWaitsBehindTheMessageBeingWritten) {
  outbox_.push(text(90));
  ASSERT_NE(outbox_.next(), nullptr);  // being written: no longer waiting
  outbox_.push(text(60));
  outbox_.push(text(40));
  EXPECT_FALSE(outbox_.overflowed());
}

TEST_F(OutboxTest, ASingleMessageOverTheLimitStillGoesOut) {
  outbox_.push(text(500));
  ASSERT_FALSE(outbox_.overflowed());
  EXPECT_EQ(outbox_.next()->size(), 500u);
}

TEST_F(OutboxTest, OverflowsWhenTheWaitingBytesPassTheLimitAndDropsEverything) {
  outbox_.push(text(60));
  outbox_.push(text(50));
  EXPECT_TRUE(outbox_.overflowed());
  EXPECT_EQ(wakes_, 2);  // once for the first message, once to have the connection closed
  EXPECT_TRUE(outbox_.empty());
  outbox_.push(text(1));
  EXPECT_TRUE(outbox_.empty());
  EXPECT_EQ(outbox_.next(), nullptr);
}

TEST_F(OutboxTest, SealedKeepsWhatWaitsAndRefusesWhatFollows) {
  outbox_.push(text(10, 'a'));
  outbox_.seal();
  outbox_.push(text(10, 'b'));
  EXPECT_EQ(*outbox_.next(), std::string(10, 'a'));
  EXPECT_EQ(outbox_.next(), nullptr);
}

TEST_F(OutboxTest, DiscardedDropsEverything) {
  outbox_.push(text(10));
  outbox_.discard();
  outbox_.push(text(10));
  EXPECT_EQ(outbox_.next(), nullptr);
  EXPECT_FALSE(outbox_.overflowed());
}

}  // namespace
}  // namespace nexus::api::http
