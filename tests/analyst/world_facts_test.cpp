// Facts the software has to live with, said as facts: the classes of statement the analyst used
// to miss or misfile (issue "an offline analyst that understands people it has never heard").
// One example per class and rule here; how well they carry to other people's sentences is
// measured by conversation_corpus_test.cpp.

#include <gtest/gtest.h>

#include "analyst/offline_analyst.hpp"
#include "analyst/reply_composer.hpp"
#include "analyst/tag_reader.hpp"

namespace nexus {
namespace {

InterviewContext afterAsking(std::string_view question) {
  InterviewContext context;
  context.askedQuestions.emplace_back(question);
  return context;
}

// The display text of the offline analyst's reply to `message`.
std::string shownFor(std::string_view message, const InterviewContext& context = {}) {
  OfflineAnalyst analyst;
  return test::displayOf(test::reply(analyst, test::requestFor(message, context)));
}

struct FactCase {
  const char* said;
  const char* category;
  const char* priority;
  const char* area;
};

class WorldFacts : public ::testing::TestWithParam<FactCase> {};

TEST_P(WorldFacts, AreKeptAsFirmRequirementsInTheirArea) {
  const FactCase& c = GetParam();
  OfflineAnalyst analyst;
  const auto kept = test::keptTags(test::reply(analyst, test::requestFor(c.said)));
  ASSERT_EQ(kept.size(), 1u) << c.said;
  EXPECT_EQ(kept[0].category, c.category) << c.said;
  EXPECT_EQ(kept[0].priority, c.priority) << c.said;
  EXPECT_EQ(kept[0].area, c.area) << c.said;
}

INSTANTIATE_TEST_SUITE_P(
    OfflineAnalyst, WorldFacts,
    ::testing::Values(
        FactCase{"each appointment has a patient, a doctor and a room", "functional", "must", "data_model"},
        FactCase{"results arrive from our lab system every night", "functional", "must", "integrations"},
        FactCase{"staff sign in with their Microsoft accounts", "functional", "must", "authentication"},
        FactCase{"we get about 500 referrals a week", "non-functional", "must", "performance"},
        FactCase{"up to 2000 devices next year", "non-functional", "must", "performance"},
        FactCase{"300 people at the same time in the morning", "non-functional", "must", "performance"},
        FactCase{"everyone has company Android phones", "constraint", "must", "deployment"},
        FactCase{"the meters only speak Modbus, we can't change that", "constraint", "must", "integrations"},
        FactCase{"records are kept for two years", "non-functional", "must", "data_model"},
        FactCase{"only managers may ever approve refunds", "functional", "must", "authorization"},
        FactCase{"drivers may never see each other's routes", "functional", "must", "authorization"},
        FactCase{"sessions time out after 15 minutes", "non-functional", "must", "security"},
        FactCase{"maybe later a mobile app", "non-functional", "could", "ui_ux"}));

TEST(WorldFactsGuess, AHedgedGrowthIsAnAssumptionAboutScale) {
  OfflineAnalyst analyst;
  const auto kept = test::keptTags(test::reply(analyst, test::requestFor("it will probably double next year")));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].category, "assumption");
  EXPECT_EQ(kept[0].area, "performance");
}

TEST(WorldFactsGuess, AHedgedHeadcountStaysAnEstimate) {
  OfflineAnalyst analyst;
  const auto kept =
      test::keptTags(test::reply(analyst, test::requestFor("maybe 10k daily players at launch, hopefully 100k")));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].category, "assumption");
}

TEST(WorldFactsReply, AVolumeIsRepeatedWithItsNumberAndItsPeakAskedAbout) {
  OfflineAnalyst analyst;
  const std::string shown = shownFor("we get about 500 referrals a week");
  EXPECT_NE(shown.find("about 500 referrals a week"), std::string::npos) << shown;
  EXPECT_NE(shown.find("expected load"), std::string::npos) << shown;
  EXPECT_NE(shown.find(analyst::kPeakAndGrowthQuestion), std::string::npos) << shown;

  // The answer to that question is kept with it, not taken for small talk.
  const InterviewContext context = afterAsking(analyst::kPeakAndGrowthQuestion);
  const auto peak = test::keptTags(test::reply(analyst, test::requestFor("mostly monday mornings", context)));
  ASSERT_EQ(peak.size(), 1u);
  EXPECT_EQ(peak[0].area, "performance");
  EXPECT_NE(peak[0].text.find("monday mornings"), std::string::npos) << peak[0].text;

  // Asked once: the next volume moves on.
  const std::string again = shownFor("about 40 new patients a day", context);
  EXPECT_EQ(again.find("When is it busiest"), std::string::npos) << again;
}

TEST(WorldFactsReply, ADescriptionOfDataAndAFeedAreBuiltOn) {
  OfflineAnalyst analyst;
  const std::string shape = shownFor("each appointment has a patient, a doctor and a room");
  EXPECT_NE(shape.find(analyst::kDataShapeQuestion), std::string::npos) << shape;
  const auto required = test::keptTags(
      test::reply(analyst, test::requestFor("the patient and the time", afterAsking(analyst::kDataShapeQuestion))));
  ASSERT_EQ(required.size(), 1u);
  EXPECT_EQ(required[0].area, "data_model");
  EXPECT_EQ(required[0].priority, "must");

  const std::string feed = shownFor("results arrive from our lab system");
  EXPECT_NE(feed.find(analyst::kDataFeedQuestion), std::string::npos) << feed;
  // Said how often already: only what happens when it fails is asked.
  const std::string nightly = shownFor("results arrive from our lab system every night");
  EXPECT_NE(nightly.find(analyst::kLateFeedQuestion), std::string::npos) << nightly;
}

}  // namespace
}  // namespace nexus
