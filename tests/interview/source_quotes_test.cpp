// SourceQuotes with a loader (interview/source_quotes.hpp): an interview is read on first use and
// kept while it is among the last few used, so that a document walking 100,000 requirements
// reads each interview about once and holds a few; one that is gone or unreadable quotes nothing
// and is not asked for again while kept; given quotes and sources that are no interview's
// message never reach the loader.

#include "interview/source_quotes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace nexus {
namespace {

// Interviews by id, as a session store would load them, counting each load.
class FakeSessions {
 public:
  FakeSessions() {
    for (const std::string id : {"s1", "s2", "s3"}) {
      InterviewSession session;
      session.id = id;
      for (const std::string m : {"m1", "m2"}) {
        InterviewMessage message;
        message.id = m;
        message.content = "words of " + id + " " + m;
        session.messages.push_back(message);
      }
      sessions_.emplace(id, session);
    }
  }

  SessionLoader loader() {
    return [this](std::string_view id) -> Result<std::optional<InterviewSession>> {
      ++loads_[std::string(id)];
      if (id == "broken") return Error::storageFailed("cannot read session broken: the disk is gone");
      const auto found = sessions_.find(std::string(id));
      if (found == sessions_.end()) return std::optional<InterviewSession>{};
      return std::optional<InterviewSession>{found->second};
    };
  }
  int loads(const std::string& id) const {
    const auto found = loads_.find(id);
    return found == loads_.end() ? 0 : found->second;
  }
  int totalLoads() const {
    int total = 0;
    for (const auto& [id, count] : loads_) total += count;
    return total;
  }

 private:
  std::map<std::string, InterviewSession> sessions_;
  std::map<std::string, int> loads_;
};

RequirementSource said(std::string source, std::optional<std::string> messageId) {
  return {.source = std::move(source), .messageId = std::move(messageId), .originId = std::nullopt, .addedAt = {}};
}

// What find() gives, copied: its view is valid only until the next find().
std::optional<std::string> quoteOf(const SourceQuotes& quotes, const RequirementSource& source) {
  const auto found = quotes.find(source);
  if (!found) return std::nullopt;
  return std::string(*found);
}

TEST(SourceQuotesLoaded, ReadsAnInterviewOnceWhileItIsKept) {
  FakeSessions sessions;
  const SourceQuotes quotes(sessions.loader());
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m1")), "words of s1 m1");
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m2")), "words of s1 m2");
  EXPECT_EQ(quoteOf(quotes, said("interview:s2", "m1")), "words of s2 m1");
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m9")), std::nullopt);  // a message the interview lacks
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m1")), "words of s1 m1");
  EXPECT_EQ(sessions.loads("s1"), 1);
  EXPECT_EQ(sessions.loads("s2"), 1);
}

TEST(SourceQuotesLoaded, AnInterviewLetGoIsReadAgainTheLeastRecentlyUsedFirst) {
  FakeSessions sessions;
  const SourceQuotes quotes(sessions.loader(), 2);
  for (const std::string id : {"s1", "s2", "s3"}) {
    EXPECT_EQ(quoteOf(quotes, said("interview:" + id, "m1")), "words of " + id + " m1");
  }
  // Two are kept: s1 made room for s3, and is read again; s3 is still there.
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m2")), "words of s1 m2");
  EXPECT_EQ(sessions.loads("s1"), 2);
  EXPECT_EQ(quoteOf(quotes, said("interview:s3", "m2")), "words of s3 m2");
  EXPECT_EQ(sessions.loads("s3"), 1);
  // Using s3 just now kept it: s1, used before it, is the one that made room for s2.
  EXPECT_EQ(quoteOf(quotes, said("interview:s2", "m2")), "words of s2 m2");
  EXPECT_EQ(sessions.loads("s2"), 2);
  EXPECT_EQ(quoteOf(quotes, said("interview:s3", "m1")), "words of s3 m1");
  EXPECT_EQ(sessions.loads("s3"), 1);
  EXPECT_EQ(sessions.loads("s1"), 2);
}

TEST(SourceQuotesLoaded, AnInterviewGoneOrUnreadableQuotesNothingAndIsNotAskedAgain) {
  FakeSessions sessions;
  const SourceQuotes quotes(sessions.loader());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(quoteOf(quotes, said("interview:deleted", "m1")), std::nullopt);
    EXPECT_EQ(quoteOf(quotes, said("interview:broken", "m1")), std::nullopt);
  }
  EXPECT_EQ(sessions.loads("deleted"), 1);
  EXPECT_EQ(sessions.loads("broken"), 1);
  // Those before them do not keep the rest from being quoted.
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m1")), "words of s1 m1");
}

TEST(SourceQuotesLoaded, GivenQuotesAreFoundFirstWithoutTheLoader) {
  FakeSessions sessions;
  SourceQuotes quotes(sessions.loader());
  quotes.add("interview:s1", "m1", "the words as given");
  quotes.add("manual", "note-3", "a note of the analyst");
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m1")), "the words as given");
  EXPECT_EQ(quoteOf(quotes, said("manual", "note-3")), "a note of the analyst");
  EXPECT_EQ(sessions.totalLoads(), 0);
  // A message of that interview that was not given is read from it.
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m2")), "words of s1 m2");
  EXPECT_EQ(sessions.loads("s1"), 1);
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m1")), "the words as given");
}

TEST(SourceQuotesLoaded, OnlyAnInterviewsMessageIsLookedUp) {
  FakeSessions sessions;
  const SourceQuotes quotes(sessions.loader());
  for (const auto& source : {said("manual", "m1"), said("reqif:spec-1", "m1"), said("interview", "m1"),
                             said("Interview:s1", "m1"), said("interview:s1", std::nullopt)}) {
    EXPECT_EQ(quoteOf(quotes, source), std::nullopt) << source.source;
  }
  EXPECT_EQ(sessions.totalLoads(), 0);
}

TEST(SourceQuotesGiven, WithoutALoaderOnlyGivenQuotesAreFound) {
  SourceQuotes quotes;
  quotes.add("interview:s1", "m1", "given");
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m1")), "given");
  EXPECT_EQ(quoteOf(quotes, said("interview:s1", "m2")), std::nullopt);
}

}  // namespace
}  // namespace nexus
