#include "interview/requirement_extractor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/ids.hpp"

namespace nexus {
namespace {

std::string block(const std::string& text, const std::string& category = "functional",
                  const std::string& priority = "must", const std::string& confidence = "0.9") {
  return "<requirement><text>" + text + "</text><category>" + category + "</category><priority>" + priority +
         "</priority><confidence>" + confidence + "</confidence></requirement>";
}

TEST(RequirementExtractorTest, RealisticClaudeReplyWithThinkingProseAndWrapper) {
  const std::string raw =
      "<thinking>\nThe user wants a todo app. They mentioned Google sign-in and speed.\n"
      "<requirement><text>draft, not final</text></requirement>\n</thinking>\n\n"
      "Thanks, that helps a lot! A few things I noted:\n\n"
      "- **Sign-in** with Google\n- Pages that feel *instant*\n\n"
      "<requirements>\n"
      "  <requirement>\n"
      "    <text>Users sign in with their Google account</text>\n"
      "    <category>functional</category>\n"
      "    <priority>must</priority>\n"
      "    <confidence>0.95</confidence>\n"
      "    <area>authentication</area>\n"
      "  </requirement>\n"
      "  <requirement>\n"
      "    <text>Pages load in under 1 second</text>\n"
      "    <category>non-functional</category>\n"
      "    <priority>should</priority>\n"
      "    <confidence>0.8</confidence>\n"
      "    <area>performance</area>\n"
      "  </requirement>\n"
      "  <requirement>\n"
      "    <text>Runs on PostgreSQL</text>\n"
      "    <category>technical</category>\n"
      "    <priority>could</priority>\n"
      "    <confidence>0.75</confidence>\n"
      "  </requirement>\n"
      "</requirements>\n\n"
      "Who else will use the app — just you, or a team?\n";
  const auto result = RequirementExtractor().extract(raw);

  ASSERT_EQ(result.requirements.size(), 3u);
  EXPECT_EQ(result.rawCount, 3u);
  EXPECT_EQ(result.filteredCount, 0u);
  EXPECT_EQ(result.malformedCount, 0u);

  const auto& first = result.requirements[0];
  EXPECT_EQ(first.text, "Users sign in with their Google account");
  EXPECT_EQ(first.category, RequirementCategory::Functional);
  EXPECT_EQ(first.priority, Priority::Must);
  EXPECT_DOUBLE_EQ(first.confidence, 0.95);
  EXPECT_EQ(first.area, std::optional<std::string>("authentication"));
  EXPECT_TRUE(first.sourceMessageId.empty());
  EXPECT_EQ(result.requirements[1].category, RequirementCategory::NonFunctional);
  EXPECT_EQ(result.requirements[1].priority, Priority::Should);
  EXPECT_EQ(result.requirements[1].area, std::optional<std::string>("performance"));
  EXPECT_EQ(result.requirements[2].category, RequirementCategory::Technical);
  EXPECT_EQ(result.requirements[2].priority, Priority::Could);
  EXPECT_FALSE(result.requirements[2].area.has_value());

  EXPECT_EQ(result.displayText,
            "Thanks, that helps a lot! A few things I noted:\n\n"
            "- **Sign-in** with Google\n- Pages that feel *instant*\n\n"
            "Who else will use the app — just you, or a team?");
}

TEST(RequirementExtractorTest, CategorySpellingsAreNormalised) {
  const std::vector<std::pair<std::string, RequirementCategory>> table{
      {"non_functional", RequirementCategory::NonFunctional},
      {"Non-Functional", RequirementCategory::NonFunctional},
      {"nfr", RequirementCategory::NonFunctional},
      {"NFR", RequirementCategory::NonFunctional},
      {"technical", RequirementCategory::Technical},
      {"Constraint", RequirementCategory::Constraint},
      {"assumption", RequirementCategory::Assumption},
      {" Functional ", RequirementCategory::Functional},
  };
  const RequirementExtractor extractor;
  for (const auto& [spelling, expected] : table) {
    const auto result = extractor.extract(block("Something", spelling));
    ASSERT_EQ(result.requirements.size(), 1u) << spelling;
    EXPECT_EQ(result.requirements[0].category, expected) << spelling;
  }
}

TEST(RequirementExtractorTest, MissingOrUnknownCategoryFallsBackToFunctional) {
  const RequirementExtractor extractor;
  const auto missing = extractor.extract(
      "<requirement><text>Export to CSV</text><confidence>0.9</confidence></requirement>");
  ASSERT_EQ(missing.requirements.size(), 1u);
  EXPECT_EQ(missing.requirements[0].category, RequirementCategory::Functional);
  const auto unknown = extractor.extract(block("Export to CSV", "business-rule"));
  ASSERT_EQ(unknown.requirements.size(), 1u);
  EXPECT_EQ(unknown.requirements[0].category, RequirementCategory::Functional);
  EXPECT_EQ(unknown.malformedCount, 0u);
}

TEST(RequirementExtractorTest, DefaultsForMissingPriorityAndConfidence) {
  const auto result = RequirementExtractor(0.5).extract("<requirement><text>Dark mode</text></requirement>");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].priority, Priority::Should);
  EXPECT_DOUBLE_EQ(result.requirements[0].confidence, 0.5);
  EXPECT_EQ(result.requirements[0].category, RequirementCategory::Functional);
  EXPECT_FALSE(result.requirements[0].area.has_value());
}

TEST(RequirementExtractorTest, UnparseableConfidenceIsHalfAndFilteredAtDefaultThreshold) {
  const std::string raw = block("Offline mode", "functional", "must", "pretty sure");
  const auto atDefault = RequirementExtractor().extract(raw);
  EXPECT_TRUE(atDefault.requirements.empty());
  EXPECT_EQ(atDefault.rawCount, 1u);
  EXPECT_EQ(atDefault.filteredCount, 1u);
  EXPECT_EQ(atDefault.malformedCount, 0u);

  const auto atHalf = RequirementExtractor(0.5).extract(raw);
  ASSERT_EQ(atHalf.requirements.size(), 1u);
  EXPECT_DOUBLE_EQ(atHalf.requirements[0].confidence, 0.5);
  EXPECT_EQ(atHalf.filteredCount, 0u);
}

TEST(RequirementExtractorTest, ThresholdIsInclusiveAndAdjustable) {
  const std::string raw = block("A", "functional", "must", "0.0") + block("B", "functional", "must", "0.69") +
                          block("C", "functional", "must", "0.7") + block("D", "functional", "must", "1.0");
  RequirementExtractor extractor;
  EXPECT_DOUBLE_EQ(extractor.threshold(), RequirementExtractor::kDefaultThreshold);
  auto result = extractor.extract(raw);
  ASSERT_EQ(result.requirements.size(), 2u);
  EXPECT_EQ(result.requirements[0].text, "C");
  EXPECT_EQ(result.requirements[1].text, "D");
  EXPECT_EQ(result.rawCount, 4u);
  EXPECT_EQ(result.filteredCount, 2u);

  extractor.setThreshold(0.0);
  result = extractor.extract(raw);
  EXPECT_EQ(result.requirements.size(), 4u);
  EXPECT_EQ(result.filteredCount, 0u);

  extractor.setThreshold(1.0);
  result = extractor.extract(raw);
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].text, "D");
  EXPECT_EQ(result.filteredCount, 3u);
}

TEST(RequirementExtractorTest, ThresholdOutOfRangeThrows) {
  RequirementExtractor extractor;
  EXPECT_THROW(extractor.setThreshold(-0.01), std::invalid_argument);
  EXPECT_THROW(extractor.setThreshold(1.01), std::invalid_argument);
  EXPECT_THROW(extractor.setThreshold(std::nan("")), std::invalid_argument);
  EXPECT_DOUBLE_EQ(extractor.threshold(), 0.7);  // unchanged after a refused value
  EXPECT_THROW({ const RequirementExtractor refused(2.0); }, std::invalid_argument);
  EXPECT_NO_THROW(extractor.setThreshold(0.0));
  EXPECT_NO_THROW(extractor.setThreshold(1.0));
  EXPECT_DOUBLE_EQ(extractor.threshold(), 1.0);
}

TEST(RequirementExtractorTest, MalformedBlocksAreSkippedAndValidOnesKept) {
  const std::string raw = block("Valid one") +
                          "<requirement><category>functional</category><confidence>0.9</confidence>"
                          "</requirement>" +
                          "<requirement><text>   \n  </text><confidence>0.9</confidence></requirement>" +
                          block("Valid two") + "\nSee you soon.";
  const auto result = RequirementExtractor().extract(raw);
  ASSERT_EQ(result.requirements.size(), 2u);
  EXPECT_EQ(result.requirements[0].text, "Valid one");
  EXPECT_EQ(result.requirements[1].text, "Valid two");
  EXPECT_EQ(result.rawCount, 2u);
  EXPECT_EQ(result.malformedCount, 2u);
  EXPECT_EQ(result.filteredCount, 0u);
  EXPECT_EQ(result.displayText, "See you soon.");
}

TEST(RequirementExtractorTest, UnclosedBlockIsMalformedAndHiddenUpToNextBlock) {
  const std::string raw = "Intro.\n<requirement><text>Never closed</text><confidence>0.9</confidence>\n" +
                          block("Closed one") + "\nOutro.\n<requirement><text>Cut off at the end";
  const auto result = RequirementExtractor().extract(raw);
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].text, "Closed one");
  EXPECT_EQ(result.malformedCount, 2u);
  EXPECT_EQ(result.rawCount, 1u);
  EXPECT_EQ(result.displayText, "Intro.\n\nOutro.");
}

TEST(RequirementExtractorTest, MultilineTextIsCollapsed) {
  const auto result = RequirementExtractor().extract(
      "<requirement>\n<text>\n  Admins can\n\texport   all\r\n  data\n</text>\n<confidence>0.9</confidence>\n"
      "</requirement>");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].text, "Admins can export all data");
}

TEST(RequirementExtractorTest, EveryRequirementGetsAFreshUniqueId) {
  std::string raw;
  for (int i = 0; i < 50; ++i) raw += block("Requirement " + std::to_string(i));
  const RequirementExtractor extractor;
  const auto first = extractor.extract(raw);
  const auto second = extractor.extract(raw);
  ASSERT_EQ(first.requirements.size(), 50u);
  std::set<std::string> ids;
  for (const auto& r : first.requirements) {
    EXPECT_TRUE(isWellFormedId(r.id)) << r.id;
    EXPECT_EQ(r.id.size(), kIdLength);
    ids.insert(r.id);
  }
  for (const auto& r : second.requirements) ids.insert(r.id);
  EXPECT_EQ(ids.size(), 100u);
}

TEST(RequirementExtractorTest, AttributeFormIsAccepted) {
  const auto result = RequirementExtractor().extract(
      "Noted.\n<requirement category=\"non-functional\" priority='Must' confidence=\"0.9\" area=\"API\">\n"
      "  Every endpoint answers within 200 ms\n</requirement>\n"
      "<REQUIREMENT Category=constraint Priority=wont Confidence=0.8 text=\"Self-closing form\"/>");
  ASSERT_EQ(result.requirements.size(), 2u);
  const auto& r = result.requirements[0];
  EXPECT_EQ(r.text, "Every endpoint answers within 200 ms");
  EXPECT_EQ(r.category, RequirementCategory::NonFunctional);
  EXPECT_EQ(r.priority, Priority::Must);
  EXPECT_DOUBLE_EQ(r.confidence, 0.9);
  EXPECT_EQ(r.area, std::optional<std::string>("api"));
  EXPECT_EQ(result.requirements[1].text, "Self-closing form");
  EXPECT_EQ(result.requirements[1].category, RequirementCategory::Constraint);
  EXPECT_EQ(result.requirements[1].priority, Priority::Wont);
  EXPECT_EQ(result.displayText, "Noted.");
}

TEST(RequirementExtractorTest, ChildElementsWinOverAttributes) {
  const auto result = RequirementExtractor().extract(
      "<requirement priority=\"could\" confidence=\"0.2\"><text>Audit log</text>"
      "<priority>must</priority><confidence>0.9</confidence></requirement>");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].priority, Priority::Must);
  EXPECT_DOUBLE_EQ(result.requirements[0].confidence, 0.9);
}

TEST(RequirementExtractorTest, TagNamesAreCaseInsensitive) {
  const auto result = RequirementExtractor().extract(
      "<Requirements><REQUIREMENT><Text>Case</Text><CATEGORY>Technical</CATEGORY><Priority>MUST</Priority>"
      "<Confidence>0.9</Confidence><Area>Data Model</Area></REQUIREMENT></Requirements>"
      "<THINKING>hidden</THINKING>Shown");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].text, "Case");
  EXPECT_EQ(result.requirements[0].category, RequirementCategory::Technical);
  EXPECT_EQ(result.requirements[0].priority, Priority::Must);
  EXPECT_EQ(result.requirements[0].area, std::optional<std::string>("data_model"));
  EXPECT_EQ(result.displayText, "Shown");
}

TEST(RequirementExtractorTest, EntitiesAreDecodedInValuesOnly) {
  const auto result = RequirementExtractor().extract(
      "Use &amp; in prose stays.\n"
      "<requirement><text>Show &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &apos;text&apos; &#39;x&#39;"
      " &amp;lt; &bogus;</text><confidence>0.9</confidence><area>R&amp;D</area></requirement>");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].text, "Show <b>bold</b> & \"quoted\" 'text' 'x' &lt; &bogus;");
  EXPECT_EQ(result.requirements[0].area, std::optional<std::string>("r&d"));
  EXPECT_EQ(result.displayText, "Use &amp; in prose stays.");
}

TEST(RequirementExtractorTest, PriorityVariantsAreNormalised) {
  const std::vector<std::pair<std::string, Priority>> table{
      {"must", Priority::Must},         {"MUST", Priority::Must},          {"Must Have", Priority::Must},
      {"must-have", Priority::Must},    {"should have", Priority::Should}, {"Should", Priority::Should},
      {"could have", Priority::Could},  {"COULD", Priority::Could},        {"won't", Priority::Wont},
      {"wont", Priority::Wont},         {"will not", Priority::Wont},      {"Won't Have", Priority::Wont},
      {"WONT", Priority::Wont},         {"  could \n", Priority::Could},   {"High", Priority::Must},
      {"low", Priority::Could},         {"nice to have", Priority::Could}, {"medium", Priority::Should},
      {"whenever", Priority::Should},   {"", Priority::Should},
      {"won\xE2\x80\x99t", Priority::Wont},  // curly apostrophe
  };
  const RequirementExtractor extractor;
  for (const auto& [spelling, expected] : table) {
    const auto result = extractor.extract(block("Something", "functional", spelling));
    ASSERT_EQ(result.requirements.size(), 1u) << spelling;
    EXPECT_EQ(result.requirements[0].priority, expected) << "'" << spelling << "'";
  }
}

TEST(RequirementExtractorTest, ConfidenceNumbersAndPercentages) {
  const std::vector<std::pair<std::string, double>> table{
      {"0.85", 0.85}, {"85%", 0.85}, {" 85 % ", 0.85}, {"85", 0.85}, {"100", 1.0}, {"1", 1.0},
      {"250", 1.0},   {"-0.3", 0.0}, {"0", 0.0},      {".9", 0.9},  {"high", 0.5}, {"nan", 0.5},
      {"inf", 0.5},   {"0.9x", 0.5}, {"%", 0.5},      {"", 0.5},
  };
  const RequirementExtractor extractor(0.0);
  for (const auto& [spelling, expected] : table) {
    const auto result = extractor.extract(block("Something", "functional", "must", spelling));
    ASSERT_EQ(result.requirements.size(), 1u) << spelling;
    EXPECT_NEAR(result.requirements[0].confidence, expected, 1e-12) << "'" << spelling << "'";
  }
  // A percentage exactly at the threshold is kept.
  const auto atThreshold = RequirementExtractor().extract(block("At threshold", "functional", "must", "70%"));
  EXPECT_EQ(atThreshold.requirements.size(), 1u);
}

TEST(RequirementExtractorTest, AreaIsNormalised) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> table{
      {"UI/UX", "ui_ux"},          {"Data Model", "data_model"}, {" authentication ", "authentication"},
      {"ui / ux", "ui_ux"},        {"Third-Party Integrations", "third_party_integrations"},
      {"data_model", "data_model"}, {"   ", std::nullopt},     {"", std::nullopt},
  };
  const RequirementExtractor extractor;
  for (const auto& [spelling, expected] : table) {
    const auto result = extractor.extract("<requirement><text>X</text><confidence>0.9</confidence><area>" +
                                          spelling + "</area></requirement>");
    ASSERT_EQ(result.requirements.size(), 1u) << spelling;
    EXPECT_EQ(result.requirements[0].area, expected) << "'" << spelling << "'";
  }
}

TEST(RequirementExtractorTest, DisplayTextHasNoTagsAndNoThinking) {
  const std::string raw =
      "<thinking>secret plan with <b>markup</b></thinking>Hello!   \n\n\n\n"
      "I captured that. " +
      block("Inline one") + " Next: who are the users?\n</requirement></thinking>\n\n\n\nBye.  ";
  const auto result = RequirementExtractor().extract(raw);
  EXPECT_EQ(result.displayText, "Hello!\n\nI captured that. Next: who are the users?\n\nBye.");
  EXPECT_EQ(result.displayText.find('<'), std::string::npos);
  EXPECT_EQ(result.displayText.find("secret"), std::string::npos);
  EXPECT_EQ(result.requirements.size(), 1u);
}

TEST(RequirementExtractorTest, UnclosedThinkingHidesTheRest) {
  const auto result = RequirementExtractor().extract(
      "Visible part.\n<thinking>still pondering " + block("Drafted inside thinking") + " more");
  EXPECT_EQ(result.displayText, "Visible part.");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(result.rawCount, 0u);
}

TEST(RequirementExtractorTest, ReplyWithoutTagsIsReturnedTrimmed) {
  const std::string body =
      "# Plan\n\nWhat should happen when a user forgets their password?\n\n"
      "```cpp\nif (a < b && c > d) return;\n```\n\n| a | b |\n|---|---|\n| <br> | x |\n\n- item\n  - nested";
  const auto result = RequirementExtractor().extract("\n\n  " + body + "  \n\n");
  EXPECT_EQ(result.displayText, body);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(result.rawCount + result.filteredCount + result.malformedCount, 0u);
}

TEST(RequirementExtractorTest, EmptyAndWhitespaceInput) {
  const RequirementExtractor extractor;
  for (const std::string raw : {"", "   ", "\n\n\t\n"}) {
    const auto result = extractor.extract(raw);
    EXPECT_EQ(result.displayText, "");
    EXPECT_TRUE(result.requirements.empty());
    EXPECT_EQ(result.rawCount, 0u);
    EXPECT_EQ(result.filteredCount, 0u);
    EXPECT_EQ(result.malformedCount, 0u);
  }
}

TEST(RequirementExtractorTest, GarbledAndNestedTagsDoNotConfuseTheScanner) {
  const std::string raw =
      "a < b and c > d. <requirement <text>broken open tag\n"
      "<requirement><text>Outer "
      "<requirement><text>Inner</text><confidence>0.9</confidence></requirement>"
      "<requirement><text>Unclosed child<category>technical</category><confidence>0.9</confidence>"
      "</requirement>"
      "<requirements><requirement><text>Wrapped</text><confidence>0.95</confidence></requirement>"
      "</requirements> tail";
  const auto result = RequirementExtractor().extract(raw);
  ASSERT_EQ(result.requirements.size(), 3u);
  EXPECT_EQ(result.requirements[0].text, "Inner");
  EXPECT_EQ(result.requirements[1].text, "Unclosed child");
  EXPECT_EQ(result.requirements[1].category, RequirementCategory::Technical);
  EXPECT_EQ(result.requirements[2].text, "Wrapped");
  EXPECT_EQ(result.malformedCount, 1u);  // "Outer" never closes before the next block
  EXPECT_EQ(result.displayText, "a < b and c > d. <requirement <text>broken open tag\n tail");
}

TEST(RequirementExtractorTest, AdversarialMegabyteInputCompletes) {
  std::string raw;
  raw.reserve(2'000'000);
  for (int i = 0; i < 100'000; ++i) raw += "<requirement><text>";
  const auto result = RequirementExtractor().extract(raw);
  EXPECT_EQ(result.malformedCount, 100'000u);
  EXPECT_EQ(result.rawCount, 0u);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(result.displayText, "");

  // One closed block holding 100k unclosed children, and a flood of stray '<' and '&'.
  std::string nested = "<requirement>";
  for (int i = 0; i < 100'000; ++i) nested += "<text><area>&amp";
  nested += "</requirement>" + std::string(500'000, '<') + std::string(500'000, '&');
  const auto second = RequirementExtractor().extract(nested);
  EXPECT_EQ(second.rawCount + second.malformedCount, 1u);
  EXPECT_EQ(second.displayText.size(), 1'000'000u);
}

TEST(RequirementExtractorTest, RandomBytesNeverCrash) {
  std::mt19937 rng(12345);
  const std::string alphabet = "<>/=\"'& \n\tabcdefghijklmnopqrstuvwxyz%.0123456789\x80\xFF";
  const std::vector<std::string> pieces{"<requirement>", "</requirement>", "<text>", "</text>", "<thinking>",
                                        "</thinking>", "<requirements>", "</requirements>", "<confidence>",
                                        "</confidence>", "&lt;", "<area>", "</area>"};
  const RequirementExtractor extractor(0.0);
  for (int round = 0; round < 300; ++round) {
    std::string raw;
    const int length = static_cast<int>(rng() % 400);
    for (int i = 0; i < length; ++i) {
      if (rng() % 4 == 0) raw += pieces[rng() % pieces.size()];
      else raw += alphabet[rng() % alphabet.size()];
    }
    const auto result = extractor.extract(raw);
    EXPECT_EQ(result.requirements.size() + result.filteredCount, result.rawCount);
    EXPECT_LE(result.displayText.size(), raw.size());
    for (const auto& r : result.requirements) {
      EXPECT_FALSE(r.text.empty());
      EXPECT_GE(r.confidence, 0.0);
      EXPECT_LE(r.confidence, 1.0);
    }
  }
}

}  // namespace
}  // namespace nexus
