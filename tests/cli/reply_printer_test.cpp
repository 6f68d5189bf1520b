// What a terminal shows of a streamed reply (the end-to-end tests see a pipe, which gets each
// reply whole).

#include "cli/reply_printer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

namespace nexus::cli {
namespace {

// The printed text without the spinner: its frames each step back over themselves ("\b"), and it
// is rubbed out with " \b" when the reply begins.
std::string withoutSpinner(std::string text) {
  for (const std::string_view frame : {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}) {
    const std::string drawn = std::string(frame) + "\b";
    for (auto at = text.find(drawn); at != std::string::npos; at = text.find(drawn)) text.erase(at, drawn.size());
  }
  for (auto at = text.find(" \b"); at != std::string::npos; at = text.find(" \b")) text.erase(at, 2);
  return text;
}

class ReplyPrinterTest : public ::testing::Test {
 protected:
  std::ostringstream out_;
  Style plain_{false};
};

TEST_F(ReplyPrinterTest, StreamsPiecesAsTheyComeAndReadsLikeTheStoredReply) {
  ReplyPrinter printer(out_, plain_, true);
  printer.begin();
  printer.piece("\n Got it");
  EXPECT_EQ(withoutSpinner(out_.str()), "Nexus: Got it");
  printer.piece(".\n\nWhich providers?");
  printer.piece("\n\n");  // where the requirement tags were: held back, never printed
  const std::string reply = "Got it.\n\nWhich providers?";
  printer.finish(&reply);
  EXPECT_EQ(withoutSpinner(out_.str()), "Nexus: Got it.\n\nWhich providers?\n");
}

TEST_F(ReplyPrinterTest, AReplyThatBrokeOffIsMarkedAsNotKept) {
  ReplyPrinter printer(out_, plain_, true);
  printer.begin();
  printer.piece("Pages in under");
  printer.finish(nullptr);
  EXPECT_EQ(withoutSpinner(out_.str()), "Nexus: Pages in under\n(this reply broke off and was not kept)\n");
}

TEST_F(ReplyPrinterTest, AFailureBeforeAnyWordTakesThePrefixBack) {
  ReplyPrinter printer(out_, plain_, true);
  printer.begin();
  printer.finish(nullptr);
  EXPECT_EQ(withoutSpinner(out_.str()), "Nexus: \r\033[K");
}

TEST_F(ReplyPrinterTest, ABackendThatDoesNotStreamStillShowsItsReply) {
  ReplyPrinter printer(out_, plain_, true);
  printer.begin();
  const std::string reply = "Noted.";
  printer.finish(&reply);
  EXPECT_EQ(withoutSpinner(out_.str()), "Nexus: Noted.\n");
}

TEST_F(ReplyPrinterTest, WithoutATerminalTheReplyComesWholeAndARefusalShowsNothing) {
  ReplyPrinter printer(out_, plain_, false);
  printer.begin();
  printer.finish(nullptr);
  EXPECT_EQ(out_.str(), "");
  printer.begin();
  const std::string reply = "Which providers?";
  printer.finish(&reply);
  EXPECT_EQ(out_.str(), "Nexus: Which providers?\n");
}

TEST_F(ReplyPrinterTest, TheSpinnerTurnsWhileWaitingAndStopsAtTheFirstWord) {
  ReplyPrinter printer(out_, plain_, true);
  printer.begin();
  // The stream is read only while the spinner is stopped: it writes from a thread of its own.
  std::this_thread::sleep_for(std::chrono::milliseconds{250});
  printer.piece("Hello");
  const std::string before = out_.str();
  EXPECT_TRUE(before.starts_with("Nexus: ⠋\b")) << before;  // the prefix, then the first frame at once
  EXPECT_TRUE(before.ends_with(" \bHello")) << before;      // rubbed out before the first word
  std::this_thread::sleep_for(std::chrono::milliseconds{150});
  EXPECT_EQ(out_.str(), before) << "nothing is drawn once the reply has begun";
  const std::string reply = "Hello";
  printer.finish(&reply);
}

}  // namespace
}  // namespace nexus::cli
