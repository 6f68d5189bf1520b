#include "domain/question_generator.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/question_bank.hpp"

namespace nexus::domain {
namespace {

ExtractedRequirement requirement(std::string text, std::optional<std::string> area = std::nullopt) {
  ExtractedRequirement r;
  r.text = std::move(text);
  r.area = std::move(area);
  return r;
}

std::string opening(const std::string& question) {
  const auto words = text::words(question);
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < 3; ++i) out += words[i] + " ";
  return out;
}

const std::vector<std::string> kStatements{
    "I want a todo app for small teams",          "Users sign in with Google",
    "Pages load in under 2 seconds",              "We must use PostgreSQL",
    "Managers can approve tasks before they close", "It sends a Slack message when a task is done",
    "It runs on AWS",                             "Every task has a due date and an owner"};

// A scripted session: every third turn the person states something, which is captured and
// becomes the thread to follow; the generator's question is then recorded as asked.
std::vector<Question> runSession(QuestionGenerator& generator, std::size_t turns,
                                 const std::vector<std::string>& statements = kStatements) {
  std::vector<Question> questions;
  std::size_t nextStatement = 0;
  for (std::size_t turn = 0; turn < turns; ++turn) {
    std::vector<std::string> justDiscussed;
    if (turn % 3 == 1 && nextStatement < statements.size()) {
      const auto& said = statements[nextStatement++];
      generator.markExploredFrom(said);
      generator.recordRequirement(requirement(said, inferArea(said)));
      justDiscussed = inferAreas(said);
    }
    questions.push_back(generator.nextQuestion(justDiscussed));
    generator.recordAsked(questions.back().text);
  }
  return questions;
}

const QuestionTemplate& firstTemplate(std::string_view area, QuestionDepth depth) {
  return *questionTemplates(area, depth).front();
}

// --- the bank --------------------------------------------------------------------------------

TEST(QuestionBank, HasMinimumWordingsPerAreaAndDepth) {
  for (const auto area : kStandardAreas) {
    SCOPED_TRACE(std::string(area));
    EXPECT_GE(questionTemplates(area, QuestionDepth::Broad).size(), 3U);
    EXPECT_GE(questionTemplates(area, QuestionDepth::Detailed).size(), 3U);
    const auto clarifying = questionTemplates(area, QuestionDepth::Clarifying);
    EXPECT_GE(clarifying.size(), 2U);
    // Quoting ones need a requirement; plain ones keep the area going without one.
    std::size_t quoting = 0;
    for (const auto* q : clarifying) quoting += hasRequirementPlaceholder(*q) ? 1 : 0;
    EXPECT_GE(quoting, 1U);
    EXPECT_GE(clarifying.size() - quoting, 1U);
  }
  std::size_t general = 0;
  for (const auto depth : {QuestionDepth::Broad, QuestionDepth::Detailed, QuestionDepth::Clarifying}) {
    EXPECT_FALSE(questionTemplates(kGeneralArea, depth).empty());
    general += questionTemplates(kGeneralArea, depth).size();
  }
  EXPECT_GE(general, 10U);
}

TEST(QuestionBank, GeneralQuestionsCoverTheBigPicture) {
  std::set<std::string_view> topics;
  for (const auto& q : questionBank()) {
    if (q.area == kGeneralArea) topics.insert(q.topic);
  }
  for (const auto topic : {"vision", "users", "workflow", "success", "scope", "timeline", "constraints"}) {
    EXPECT_TRUE(topics.count(topic)) << topic;
  }
}

TEST(QuestionBank, EveryTemplateIsOneDistinctQuestion) {
  std::set<std::string> seen;
  for (const auto& q : questionBank()) {
    const std::string textCopy(q.text);
    SCOPED_TRACE(textCopy);
    EXPECT_TRUE(q.area == kGeneralArea || isStandardArea(q.area));
    ASSERT_FALSE(q.text.empty());
    EXPECT_EQ(q.text.back(), '?');
    EXPECT_EQ(std::count(q.text.begin(), q.text.end(), '?'), 1);
    EXPECT_FALSE(q.topic.empty());
    // The only braces are the placeholder's, and only clarifying questions quote.
    std::string withoutPlaceholder = textCopy;
    if (hasRequirementPlaceholder(q)) {
      EXPECT_EQ(q.depth, QuestionDepth::Clarifying);
      const auto slot = withoutPlaceholder.find(kRequirementPlaceholder);
      withoutPlaceholder.erase(slot, kRequirementPlaceholder.size());
    }
    EXPECT_EQ(withoutPlaceholder.find_first_of("{}"), std::string::npos);
    EXPECT_TRUE(seen.insert(normalizeQuestion(q.text)).second) << "duplicate";
  }
}

TEST(QuestionBank, NormalizeQuestionIgnoresCaseSpacingAndTrailingPunctuation) {
  EXPECT_EQ(normalizeQuestion("  What  IS\n it?? "), "what is it");
  EXPECT_EQ(normalizeQuestion("Who uses it."), "who uses it");
  EXPECT_EQ(normalizeQuestion("?!"), "");
}

TEST(QuestionBank, FindTemplateRecognisesPlainAndFilledQuestions) {
  for (const auto& q : questionBank()) {
    const std::string said = "Users sign in with Google.";
    const std::string asked =
        hasRequirementPlaceholder(q) ? fillTemplate(q.text, said) : text::toLower(q.text);
    EXPECT_EQ(findTemplate("  " + asked + " "), &q) << asked;
  }
  EXPECT_EQ(findTemplate("What is your favourite colour?"), nullptr);
  EXPECT_EQ(findTemplate(""), nullptr);
}

TEST(QuestionBank, QuoteRequirementIsShortCleanAndOnAWordBoundary) {
  EXPECT_EQ(quoteRequirement("  Users   sign in with Google. "), "Users sign in with Google");
  EXPECT_EQ(quoteRequirement("Show the \"due\" date"), "Show the 'due' date");

  const std::string longText =
      "Every task must show its owner, its due date, its priority, the project it belongs to, and a full "
      "history of every change.";
  const std::string quote = quoteRequirement(longText);
  const std::string ellipsis = "\xE2\x80\xA6";
  ASSERT_TRUE(quote.size() > ellipsis.size());
  EXPECT_EQ(quote.substr(quote.size() - ellipsis.size()), ellipsis);
  const std::string kept = quote.substr(0, quote.size() - ellipsis.size());
  EXPECT_LE(kept.size(), kMaxQuotedRequirementChars);
  EXPECT_GE(kept.size(), 60U);
  EXPECT_EQ(longText.substr(0, kept.size()), kept);
  // Cut between words, and without a dangling comma.
  EXPECT_EQ(longText[kept.size()] == ' ' || longText[kept.size()] == ',', true);
  EXPECT_NE(kept.back(), ',');
}

TEST(QuestionBank, FillTemplateQuotesTheRequirement) {
  EXPECT_EQ(fillTemplate("You mentioned \"{requirement}\" — why?", "Users sign in with Google."),
            "You mentioned \"Users sign in with Google\" — why?");
  EXPECT_EQ(fillTemplate("Plain?", "ignored"), "Plain?");
}

// --- explored areas and gaps ---------------------------------------------------------------

TEST(QuestionGenerator, DepthNames) {
  EXPECT_EQ(toString(QuestionDepth::Broad), "broad");
  EXPECT_EQ(toString(QuestionDepth::Detailed), "detailed");
  EXPECT_EQ(toString(QuestionDepth::Clarifying), "clarifying");
}

TEST(QuestionGenerator, MarkExploredNormalisesAndReportsWhetherNew) {
  QuestionGenerator generator;
  EXPECT_TRUE(generator.markExplored("UI/UX"));
  EXPECT_TRUE(generator.isExplored("ui_ux"));
  EXPECT_TRUE(generator.isExplored("UI/UX"));
  EXPECT_FALSE(generator.markExplored("ui_ux"));
  EXPECT_FALSE(generator.markExplored("UX"));
  EXPECT_FALSE(generator.markExplored(""));
  EXPECT_FALSE(generator.markExplored("   "));
  EXPECT_EQ(generator.exploredAreas(), std::vector<std::string>{"ui_ux"});
  EXPECT_TRUE(generator.markExplored("Data Model"));
  EXPECT_EQ(generator.exploredAreas(), (std::vector<std::string>{"ui_ux", "data_model"}));
}

TEST(QuestionGenerator, MarkExploredFromTextUsesInference) {
  QuestionGenerator generator;
  const auto added = generator.markExploredFrom("Users sign in with a password");
  EXPECT_NE(std::find(added.begin(), added.end(), "authentication"), added.end());
  EXPECT_TRUE(generator.isExplored("authentication"));
  EXPECT_TRUE(generator.markExploredFrom("Users sign in with a password").empty());
  EXPECT_TRUE(generator.markExploredFrom("hello there").empty());
}

TEST(QuestionGenerator, RecordRequirementMarksItsArea) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Each task has a title", "Data Model"));
  generator.recordRequirement(requirement("Users log in with a password"));  // area inferred
  EXPECT_TRUE(generator.isExplored("data_model"));
  EXPECT_TRUE(generator.isExplored("authentication"));
  EXPECT_EQ(generator.requirementCount(), 2U);

  auto withId = requirement("Pages load fast", "performance");
  withId.id = "r1";
  generator.recordRequirement(withId);
  generator.recordRequirement(withId);  // the same requirement again is not a new one
  EXPECT_EQ(generator.requirementCount(), 3U);
}

TEST(QuestionGenerator, NoGapsBeforeThresholds) {
  QuestionGenerator twoRequirements;
  twoRequirements.recordRequirement(requirement("a", "authentication"));
  twoRequirements.recordRequirement(requirement("b", "ui_ux"));
  twoRequirements.markExplored("performance");
  EXPECT_TRUE(twoRequirements.gaps().empty());

  QuestionGenerator oneArea;
  for (const char* text : {"a", "b", "c", "d"}) {
    oneArea.recordRequirement(requirement(text, "authentication"));
  }
  EXPECT_TRUE(oneArea.gaps().empty());
}

TEST(QuestionGenerator, GapsAreTheFirstThreeUnexploredStandardAreas) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("a", "authentication"));
  generator.recordRequirement(requirement("b", "ui_ux"));
  generator.recordRequirement(requirement("c", "performance"));
  EXPECT_EQ(generator.gaps(), (std::vector<std::string>{"authorization", "data_model", "api"}));

  for (const char* area : {"authorization", "data_model", "api", "integrations"}) {
    generator.markExplored(area);
  }
  EXPECT_EQ(generator.gaps(), (std::vector<std::string>{"security", "deployment"}));
  generator.markExplored("security");
  generator.markExplored("deployment");
  EXPECT_TRUE(generator.gaps().empty());
}

// --- depth -----------------------------------------------------------------------------------

TEST(QuestionGenerator, DepthMovesBroadDetailedClarifyingAsQuestionsAreAsked) {
  QuestionGenerator generator;
  EXPECT_EQ(generator.depthFor("security"), QuestionDepth::Broad);
  generator.recordAsked(firstTemplate("security", QuestionDepth::Broad).text);
  EXPECT_EQ(generator.depthFor("security"), QuestionDepth::Detailed);
  generator.recordAsked(firstTemplate("security", QuestionDepth::Detailed).text);
  EXPECT_EQ(generator.depthFor("security"), QuestionDepth::Clarifying);
  EXPECT_EQ(generator.depthFor("deployment"), QuestionDepth::Broad);  // other areas untouched
}

TEST(QuestionGenerator, FollowingOneAreaGoesDeeperEachTurn) {
  QuestionGenerator generator;
  std::vector<QuestionDepth> depths;
  for (int turn = 0; turn < 2; ++turn) {
    const auto question = generator.nextQuestion({"deployment"});
    EXPECT_EQ(question.area, "deployment");
    depths.push_back(question.depth);
    generator.recordAsked(question.text);
  }
  EXPECT_EQ(depths, (std::vector{QuestionDepth::Broad, QuestionDepth::Detailed}));
  EXPECT_EQ(generator.depthFor("deployment"), QuestionDepth::Clarifying);
  // Once the rest is covered, the thread continues at the clarifying depth.
  for (const auto area : kStandardAreas) generator.markExplored(area);
  const auto third = generator.nextQuestion({"deployment"});
  EXPECT_EQ(third.area, "deployment");
  EXPECT_EQ(third.depth, QuestionDepth::Clarifying);
}

TEST(QuestionGenerator, DepthFollowsWhatThePersonSaid) {
  QuestionGenerator generator;
  generator.markExplored("api");
  EXPECT_EQ(generator.depthFor("api"), QuestionDepth::Detailed);
  generator.recordRequirement(requirement("Tasks are stored with a due date", "data_model"));
  EXPECT_EQ(generator.depthFor("data_model"), QuestionDepth::Detailed);
  generator.recordRequirement(requirement("Completed tasks are archived", "data_model"));
  EXPECT_EQ(generator.depthFor("Data Model"), QuestionDepth::Clarifying);
}

TEST(QuestionGenerator, ForeignWordedQuestionMovesDepth) {
  QuestionGenerator generator;
  generator.recordAsked("Great. How will your users log in — with a password, or something else?");
  EXPECT_EQ(generator.depthFor("authentication"), QuestionDepth::Detailed);
  generator.recordAsked("Should logging in with a password also need a second factor?");
  EXPECT_EQ(generator.depthFor("authentication"), QuestionDepth::Clarifying);
  // Recording the same question again is not another step, and it is never asked back.
  generator.recordAsked("should logging in with a password also need a second factor");
  EXPECT_EQ(generator.depthFor("authentication"), QuestionDepth::Clarifying);
}

// --- choosing the next question ---------------------------------------------------------------

TEST(QuestionGenerator, OpensWithTheBigPicture) {
  QuestionGenerator generator;
  const auto first = generator.nextQuestion();
  EXPECT_TRUE(first.area.empty());
  EXPECT_EQ(first.depth, QuestionDepth::Broad);
  ASSERT_NE(findTemplate(first.text), nullptr);
  EXPECT_EQ(findTemplate(first.text)->topic, "vision");
  generator.recordAsked(first.text);
  const auto second = generator.nextQuestion();
  ASSERT_NE(findTemplate(second.text), nullptr);
  EXPECT_EQ(findTemplate(second.text)->topic, "users");
}

TEST(QuestionGenerator, AsksAboutGapsFirstWhenDue) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Users sign in with Google", "authentication"));
  generator.recordRequirement(requirement("The list fits on one screen", "ui_ux"));
  generator.recordRequirement(requirement("Pages load in under 2 seconds", "performance"));
  auto question = generator.nextQuestion({"authentication"});
  EXPECT_EQ(question.area, "authorization");
  EXPECT_EQ(question.depth, QuestionDepth::Broad);
  generator.recordAsked(question.text);
  // Still a gap, but already asked about: the next gap comes next.
  question = generator.nextQuestion({"authentication"});
  EXPECT_EQ(question.area, "data_model");
}

TEST(QuestionGenerator, FollowsTheThreadJustOpened) {
  QuestionGenerator generator;
  generator.recordAsked(generator.nextQuestion().text);
  generator.recordRequirement(requirement("Users sign in with Google", "authentication"));
  const auto question = generator.nextQuestion({"Auth"});
  EXPECT_EQ(question.area, "authentication");
  EXPECT_EQ(question.depth, QuestionDepth::Detailed);
  // Unknown or junk areas are skipped rather than failing.
  EXPECT_EQ(generator.nextQuestion({"billing", "", "Auth"}).area, "authentication");
}

TEST(QuestionGenerator, DoesNotDrillOneAreaWhileOthersAreUntouched) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Users sign in with Google", "authentication"));
  for (int turn = 0; turn < 2; ++turn) {
    const auto question = generator.nextQuestion({"authentication"});
    ASSERT_EQ(question.area, "authentication");
    generator.recordAsked(question.text);
  }
  EXPECT_NE(generator.nextQuestion({"authentication"}).area, "authentication");

  // With every area covered there is nothing else to open, so the thread may go on.
  for (const auto area : kStandardAreas) generator.markExplored(area);
  EXPECT_EQ(generator.nextQuestion({"authentication"}).area, "authentication");
}

TEST(QuestionGenerator, DoesNotAskWhatThePersonAlreadySaid) {
  const auto* method = findTemplate(
      "Should people sign in with an account they already have, such as Google or Microsoft, or with an "
      "email and password?");
  ASSERT_NE(method, nullptr);
  for (int session = 0; session < 12; ++session) {
    QuestionGenerator generator;
    generator.recordAsked("Shall we start with session " + std::to_string(session) + "?");
    generator.recordRequirement(requirement("Users sign in with Google", "authentication"));
    EXPECT_NE(findTemplate(generator.nextQuestion({"authentication"}).text), method) << session;
  }
}

TEST(QuestionGenerator, ClarifyingQuestionQuotesACapturedRequirement) {
  QuestionGenerator generator;
  generator.recordRequirement(requirement("Users sign in with Google.", "authentication"));
  generator.recordAsked(firstTemplate("authentication", QuestionDepth::Detailed).text);
  const auto question = generator.nextQuestion({"authentication"});
  EXPECT_EQ(question.depth, QuestionDepth::Clarifying);
  EXPECT_NE(question.text.find("\"Users sign in with Google\""), std::string::npos) << question.text;
}

TEST(QuestionGenerator, NeverRepeatsAndAlwaysAsksOneQuestion) {
  QuestionGenerator generator;
  std::set<std::string> seen;
  for (const auto& question : runSession(generator, 40)) {
    EXPECT_TRUE(seen.insert(normalizeQuestion(question.text)).second) << "repeated: " << question.text;
    ASSERT_FALSE(question.text.empty());
    EXPECT_EQ(question.text.back(), '?') << question.text;
    EXPECT_EQ(question.text.find_first_of("{}"), std::string::npos) << question.text;
  }
  EXPECT_EQ(seen.size(), 40U);
}

TEST(QuestionGenerator, NeverAsksBroadlyAboutAnExploredArea) {
  QuestionGenerator generator;
  generator.markExplored("ui_ux");
  generator.markExplored("security");
  std::size_t nextStatement = 0;
  for (int turn = 0; turn < 60; ++turn) {
    std::vector<std::string> justDiscussed{"ui_ux", "security"};
    if (turn % 4 == 0 && nextStatement < kStatements.size()) {
      const auto& said = kStatements[nextStatement++];
      generator.markExploredFrom(said);
      generator.recordRequirement(requirement(said));
      justDiscussed = inferAreas(said);
    }
    const auto question = generator.nextQuestion(justDiscussed);
    if (question.depth == QuestionDepth::Broad && !question.area.empty()) {
      EXPECT_FALSE(generator.isExplored(question.area)) << question.text;
    }
    generator.recordAsked(question.text);
  }
}

TEST(QuestionGenerator, ConsecutiveQuestionsOpenDifferently) {
  QuestionGenerator generator;
  const auto questions = runSession(generator, 40);
  for (std::size_t i = 1; i < questions.size(); ++i) {
    EXPECT_NE(opening(questions[i].text), opening(questions[i - 1].text))
        << questions[i - 1].text << " / " << questions[i].text;
  }
}

TEST(QuestionGenerator, QuotingFollowUpsDoNotOpenAlike) {
  // Several requirements in one area make many quoting candidates that open alike
  // ("You mentioned ..."); whatever the rotation, consecutive ones must still differ.
  for (int session = 0; session < 12; ++session) {
    QuestionGenerator generator;
    generator.recordAsked("Shall we start with session " + std::to_string(session) + "?");
    for (const auto area : kStandardAreas) generator.markExplored(area);
    generator.recordRequirement(requirement("Users sign in with Google", "authentication"));
    generator.recordRequirement(requirement("Users sign in with a magic link", "authentication"));
    generator.recordRequirement(requirement("Users sign in with a passkey", "authentication"));
    std::string previous;
    for (int turn = 0; turn < 6; ++turn) {
      const auto question = generator.nextQuestion({"authentication"});
      EXPECT_NE(opening(question.text), previous) << "session " << session << ": " << question.text;
      previous = opening(question.text);
      generator.recordAsked(question.text);
    }
  }
}

TEST(QuestionGenerator, SameStateGivesSameQuestions) {
  QuestionGenerator first;
  QuestionGenerator second;
  const auto a = runSession(first, 30);
  const auto b = runSession(second, 30);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text);
  EXPECT_EQ(first.nextQuestion({"api"}).text, first.nextQuestion({"api"}).text);
}

TEST(QuestionGenerator, DifferentHistoriesGiveDifferentWordings) {
  std::set<std::string> firstQuestions;
  for (int session = 0; session < 12; ++session) {
    QuestionGenerator generator;
    generator.recordAsked("Hello, is this session number " + std::to_string(session) + "?");
    firstQuestions.insert(generator.nextQuestion().text);
  }
  EXPECT_GE(firstQuestions.size(), 2U);
}

TEST(QuestionGenerator, RecordAskedMatchesAnyCaseSpacingOrSurroundingText) {
  QuestionGenerator generator;
  const auto first = generator.nextQuestion();
  generator.recordAsked("  " + text::toLower(first.text) + "  !");
  const auto second = generator.nextQuestion();
  EXPECT_NE(normalizeQuestion(second.text), normalizeQuestion(first.text));
  // A model's message wrapping the question in other sentences still counts as asking it.
  generator.recordAsked("Thanks, that helps. " + second.text);
  EXPECT_NE(normalizeQuestion(generator.nextQuestion().text), normalizeQuestion(second.text));
}

TEST(QuestionGenerator, StillAsksSomethingNewWhenEverythingIsUsedUp) {
  QuestionGenerator generator;
  std::set<std::string> seen;
  const auto questions = runSession(generator, 250);
  for (const auto& question : questions) {
    EXPECT_TRUE(seen.insert(normalizeQuestion(question.text)).second) << "repeated: " << question.text;
    EXPECT_EQ(question.text.back(), '?');
  }
  // The closing questions came before the generic fallback.
  EXPECT_TRUE(seen.count(normalizeQuestion(
      "Is there anything we haven't covered that would make this a failure if it were missing?")));
}

// --- kept per session: a turn recorded tentatively and taken back ----------------------------

// The questions the next few turns would get, without changing `generator`.
std::vector<std::string> nextQuestions(const QuestionGenerator& generator, std::size_t count) {
  QuestionGenerator copy = generator;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(copy.nextQuestion({"authentication"}).text);
    copy.recordAsked(out.back());
  }
  return out;
}

TEST(QuestionGenerator, RollingBackATurnLeavesItAsBefore) {
  QuestionGenerator kept;
  (void)runSession(kept, 12);
  const auto before = nextQuestions(kept, 6);
  const auto depths = [](const QuestionGenerator& g) {
    std::vector<QuestionDepth> out;
    for (const auto area : kStandardAreas) out.push_back(g.depthFor(area));
    return out;
  };
  const auto depthsBefore = depths(kept);
  const auto gapsBefore = kept.gaps();

  const auto mark = kept.checkpoint();
  kept.markExplored("deployment");
  auto signIn = requirement("Users sign in with their Microsoft work account", "authentication");
  signIn.id = "r-new";
  kept.recordRequirement(signIn);
  kept.recordRequirement(requirement("Admins can export every report as PDF", "data_model"));
  kept.recordAsked(kept.nextQuestion({"authentication"}).text);
  kept.recordAsked("What should happen when the export fails?");
  ASSERT_NE(nextQuestions(kept, 6), before);  // the tentative turn did change the next questions

  kept.rollBack(mark);
  EXPECT_EQ(nextQuestions(kept, 6), before);
  EXPECT_EQ(depths(kept), depthsBefore);
  EXPECT_EQ(kept.gaps(), gapsBefore);
  EXPECT_EQ(kept.requirementCount(), 4u);
  kept.recordRequirement(signIn);  // its id is forgotten too: it counts again
  EXPECT_EQ(kept.requirementCount(), 5u);
}

}  // namespace
}  // namespace nexus::domain
