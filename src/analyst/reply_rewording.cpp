// The parts of reply_composer.hpp that explain: plain rewordings of a question per area, and
// the follow-up to a statement too vague to record.

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "analyst/reply_composer.hpp"

namespace nexus::analyst {
namespace {

using std::string_view;

struct PlainArea {
  string_view area;
  string_view explanation;  // completes "I'm asking about ..."
  std::array<string_view, 2> questions;
};

// Besides the areas, kSignInProviderTopic: the questions about signing in through Google,
// Microsoft or a company account, where asking "how should people sign in?" again would ignore
// what the person already said.
constexpr std::array<PlainArea, 11> kPlain{{
    {kSignInProviderTopic,
     "what happens around signing in with an account from another company, like Google or Microsoft — for "
     "example who is let in the first time, and what if someone uses a different account later",
     {"When someone signs in that way for the very first time, should they get straight in?",
      "Should anyone with such an account be able to use it, or only certain people?"}},
    {"authentication",
     "how people get into their account — for example with an email and password, with their Google or "
     "Microsoft account, or without any account at all",
     {"How would you like people to sign in, if at all?", "Do people need their own account to use it?"}},
    {"authorization",
     "who is allowed to do what — whether everyone can see and change everything, or some people (like "
     "admins) have extra rights",
     {"Should some people be able to do things that others can't?",
      "Is there anything only certain people should be allowed to see or change?"}},
    {"data_model",
     "what information it needs to keep — the main things it stores, like tasks, projects or customers, and "
     "the details of each",
     {"What are the main things it needs to remember?", "What information should it store about each item?"}},
    {"api",
     "whether other programs need to talk to it — for example a mobile app, scripts or partner systems "
     "reading and writing its data",
     {"Will any other software need to connect to it?", "Should other programs be able to use its data?"}},
    {"ui_ux",
     "how people will use it day to day — on a phone, in a web browser or on a desktop, and what the main "
     "screens should feel like",
     {"Where will people mostly use it — phone, browser or desktop?",
      "What should the main screen show when someone opens it?"}},
    {"performance",
     "how fast and how big it has to be — for example how quickly pages should load and how many people use "
     "it at the same time",
     {"Roughly how many people will use it at the same time?",
      "How quickly should it respond to be pleasant?"}},
    {"security",
     "how the data must be protected — for example encryption, privacy rules like GDPR, or a record of who "
     "changed what",
     {"Is any of the information private or sensitive?", "Are there privacy rules you must follow?"}},
    {"integrations",
     "which other tools it should work with — for example email, Slack, calendars or payment providers",
     {"Which other tools should it connect to?", "Does it need to send emails or messages anywhere?"}},
    {"deployment",
     "where and how it will run — in the cloud, on your own servers, or as an app people install",
     {"Where should it run — in the cloud or on your own machines?",
      "Do people install it, or open it in a browser?"}},
    {"",
     "the big picture first — what the product is for and who will use it",
     {"Who is it for, and what's the main thing they should be able to do with it?",
      "What's the single most important thing it should do?"}},
}};

bool alreadyAsked(string_view question, const std::vector<std::string>& asked) {
  return std::any_of(asked.begin(), asked.end(), [&](const std::string& previous) {
    return text::tokenSimilarity(previous, question) >= 0.8 || previous.find(question) != std::string::npos;
  });
}

}  // namespace

Rewording rewordQuestion(std::string_view question, std::string_view area,
                         const std::vector<std::string>& asked, std::uint64_t seed) {
  const PlainArea* plain = &kPlain.back();
  for (const auto& entry : kPlain) {
    if (!area.empty() && entry.area == area) plain = &entry;
  }
  constexpr std::array<string_view, 3> kOpeners{"Sorry, let me put that more simply.",
                                                "Fair enough — that was a bit abstract.",
                                                "Let me rephrase that."};
  Rewording out;
  out.explanation = std::string(kOpeners[seed % kOpeners.size()]) + " I'm asking about " +
                    std::string(plain->explanation) + ".";
  if (question.empty()) {
    out.explanation =
        "Let me explain how this works: you describe what you want to build, I ask one question at "
        "a time and note each requirement you mention.";
  }
  for (std::size_t k = 0; k < plain->questions.size(); ++k) {
    const string_view candidate = plain->questions[(seed / 7 + k) % plain->questions.size()];
    if (!alreadyAsked(candidate, asked)) {
      out.question = std::string(candidate);
      return out;
    }
  }
  out.question = "Could you tell me a little more about that in your own words?";
  if (alreadyAsked(out.question, asked))
    out.question = "What would a good answer look like from where you sit?";
  return out;
}

std::string vagueFollowUp(const RecognizedRequirement& requirement, std::uint64_t seed) {
  std::string said = paraphrase(requirement);
  if (said.size() > 80) said = text::truncateUtf8(said, 80);
  constexpr std::array<string_view, 3> kPatterns{
      "I'd like to pin that down: when you say \"{}\", what would that look like in practice — can you give "
      "an "
      "example or a number?",
      "Let's make that concrete so it can be checked later. When you say \"{}\", what exactly should happen, "
      "or "
      "how would you measure it?",
      "Noted as an idea. To turn \"{}\" into a requirement, what would make it true for you — an example, a "
      "number, or a situation?"};
  const string_view pattern = kPatterns[(seed >> 11) % kPatterns.size()];
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0) {
      out += said;
      ++i;
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

}  // namespace nexus::analyst
