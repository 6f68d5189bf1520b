#pragma once
// The words of the offline analyst's replies: an acknowledgement that shows what it understood,
// then one question; or the right answer to small talk. Wording varies with the message and
// the turn, deterministically (a hash, never a random generator).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyst/requirement_recognizer.hpp"
#include "analyst/small_talk.hpp"

namespace nexus::domain {
class AskedQuestions;
}

namespace nexus::analyst {

struct ReplyPlan {
  std::string_view message;  // the person's latest message
  std::size_t turn = 0;      // questions asked before this reply
  Utterance kind = Utterance::Content;
  bool greeted = false;                         // the message opened with "hi"
  bool spokeBefore = false;                     // the person sent a message before this one
  std::vector<RecognizedRequirement> captured;  // confident ones, in order
  std::vector<RecognizedRequirement> vague;     // recognised but too vague to keep
  std::size_t totalRequirements = 0;            // captured in the whole interview, this turn included
  std::string topic;                            // an area the person asked to discuss ("security"), if any
  std::string question;                         // the follow-up question; empty when the reply asks its own
  std::string settled;  // what the message settled of our last question, in words; leads when nothing was captured
};

// A stable 64-bit hash (FNV-1a) of the message mixed with the turn: the variation seed.
std::uint64_t variationSeed(std::string_view message, std::size_t turn);

// True when `question` (any case and spacing) is part of one of the questions already asked.
bool wasAsked(std::string_view question, const std::vector<std::string>& asked);

// The follow-ups to a fact the person just stated, asked once each: for a volume its peak and
// growth, for a description of data what must always be there, for a feed how often it comes
// and what happens when it does not.
inline constexpr std::string_view kPeakAndGrowthQuestion =
    "When is it busiest — a time of day, a day of the week or a season — and how much do you expect that to grow "
    "over the next year or two?";
inline constexpr std::string_view kPeakQuestion =
    "When is it busiest — a time of day, a day of the week or a season when most of it comes at once?";
inline constexpr std::string_view kDataShapeQuestion =
    "Which of those details must always be filled in, and who is allowed to change them later?";
inline constexpr std::string_view kDataFeedQuestion =
    "How often does that arrive, and what should happen when it is late or doesn't come at all?";
inline constexpr std::string_view kLateFeedQuestion =
    "What should happen when it is late or doesn't come at all — wait, warn someone, or carry on without it?";

// The follow-up a stated fact calls for, or "" when it calls for none or it was asked before.
std::string_view factFollowUp(const RecognizedRequirement& requirement, const domain::AskedQuestions& asked);

// The requirement in the analyst's words: "you must use PostgreSQL".
std::string paraphrase(const RecognizedRequirement& requirement);

// The display text: acknowledgement or small-talk answer, then plan.question.
std::string composeReply(const ReplyPlan& plan);

// The rewording topic of the questions about sign-in through an external identity provider.
inline constexpr std::string_view kSignInProviderTopic = "sign_in_provider";

// For "what do you mean?": what `question` is about in plain words (no question mark), and a
// simpler question about the same thing that is not in `asked`. `area` is the question's area,
// kSignInProviderTopic, or empty for the big picture.
struct Rewording {
  std::string explanation;
  std::string question;
};
Rewording rewordQuestion(std::string_view question, std::string_view area,
                         const std::vector<std::string>& asked, std::uint64_t seed);

// For a statement too vague to keep ("it should be nice"): one question that asks what it means.
std::string vagueFollowUp(const RecognizedRequirement& requirement, std::uint64_t seed);

}  // namespace nexus::analyst
