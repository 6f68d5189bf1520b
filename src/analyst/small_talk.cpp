#include "analyst/small_talk.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "analyst/lexicon.hpp"
#include "analyst/requirement_recognizer.hpp"

namespace nexus::analyst {
namespace {

// Small talk is short; a long message is about the product even when it opens with "Hi".
constexpr std::size_t kMaxSmallTalkWords = 14;
constexpr std::size_t kMaxAcknowledgeWords = 5;

const Phrases& clarifyPhrases() {
  static const Phrases list{"what do you mean",
                            "what does that mean",
                            "what does this mean",
                            "what is meant",
                            "explain",
                            "don't understand",
                            "do not understand",
                            "didn't understand",
                            "dont understand",
                            "don't get it",
                            "dont get it",
                            "don't follow",
                            "lost me",
                            "rephrase",
                            "clarify",
                            "huh",
                            "pardon",
                            "come again",
                            "say that again",
                            "meaning",
                            "not sure what you mean",
                            "what are you asking",
                            "confused",
                            "an example",
                            "for example",
                            "in other words",
                            "simpler",
                            "why do you ask",
                            "why does it matter",
                            "why does that matter",
                            "why is that important",
                            "what's that",
                            "what is that",
                            "elaborate"};
  return list;
}

const Phrases& unsurePhrases() {
  static const Phrases list{"don't know",
                            "do not know",
                            "dont know",
                            "dunno",
                            "not sure",
                            "no idea",
                            "no clue",
                            "not certain",
                            "hard to say",
                            "haven't decided",
                            "haven't thought",
                            "not decided",
                            "undecided",
                            "can't say",
                            "cannot say",
                            "no opinion",
                            "don't care",
                            "up to you",
                            "you decide",
                            "whatever you think",
                            "idk",
                            "unsure",
                            "no preference",
                            "haven't figured",
                            "don't have an answer"};
  return list;
}

const Phrases& thinkingPhrases() {
  static const Phrases list{
      "let me think",   "hmm",         "hmmm",         "hm",           "give me a",       "one sec",
      "one second",     "one moment",  "hold on",      "wait",         "thinking",        "need to think",
      "let me check",   "let me ask",  "i'll think",   "i will think", "get back to you", "come back to",
      "think about it", "sleep on it", "good question"};
  return list;
}

const Phrases& farewellPhrases() {
  static const Phrases list{"bye",
                            "goodbye",
                            "good bye",
                            "see you",
                            "that's all",
                            "that is all",
                            "that's it",
                            "that's everything",
                            "i'm done",
                            "we're done",
                            "i am done",
                            "nothing else",
                            "nothing more",
                            "no more",
                            "done for today",
                            "that's about it",
                            "finished",
                            "end the interview",
                            "stop here",
                            "good night",
                            "gotta go",
                            "anything else",
                            "can't think of",
                            "cannot think of",
                            "that covers it",
                            // Typed without apostrophes, as people do.
                            "thats all",
                            "thats it",
                            "thats everything",
                            "thats about it",
                            "im done",
                            "were done"};
  return list;
}

const Phrases& thanksPhrases() {
  static const Phrases list{"thanks", "thank", "thx", "cheers", "appreciate", "ty", "much appreciated"};
  return list;
}

const Phrases& greetingPhrases() {
  static const Phrases list{"hi",        "hello",   "hey",          "hiya",           "howdy",
                            "greetings", "yo",      "good morning", "good afternoon", "good evening",
                            "morning",   "evening", "hi there",     "hey there"};
  return list;
}

const Phrases& acknowledgePhrases() {
  static const Phrases list{"ok",          "okay",
                            "k",           "sure",
                            "yes",         "yep",
                            "yeah",        "yup",
                            "right",       "alright",
                            "fine",        "cool",
                            "great",       "good",
                            "nice",        "perfect",
                            "sounds good", "sounds great",
                            "got it",      "makes sense",
                            "understood",  "agreed",
                            "correct",     "exactly",
                            "indeed",      "no",
                            "nope",        "not really",
                            "of course",   "absolutely",
                            "will do",     "noted",
                            "that works",  "go on",
                            "continue",    "next",
                            "go ahead",    "let's continue",
                            "let's go",    "carry on",
                            "awesome",     "sounds fine",
                            "i see",       "oh",
                            "ah",          "right on",
                            "all good",    "fair enough"};
  return list;
}

bool startsWithAny(const Words& w, const Phrases& phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const Phrase& p) { return p.matchesAt(w, 0); });
}

// True when the whole message is made of acknowledgement phrases ("ok, sounds good").
bool onlyAcknowledgements(const Words& w) {
  std::size_t i = 0;
  while (i < w.size()) {
    std::size_t best = 0;
    for (const auto& p : acknowledgePhrases()) {
      if (p.size() > best && p.matchesAt(w, i)) best = p.size();
    }
    if (best == 0) return false;
    i += best;
  }
  return !w.empty();
}

}  // namespace

bool startsWithGreeting(std::string_view message) {
  const std::string lower = text::toLower(message.substr(0, std::min<std::size_t>(message.size(), 200)));
  return startsWithAny(text::words(lower), greetingPhrases());
}

bool suggestsTopic(std::string_view message) {
  static const Phrases kLeads{"what about",
                              "how about",
                              "and what about",
                              "can we talk about",
                              "let's talk about",
                              "lets talk about",
                              "we should talk about",
                              "shouldn't we talk about",
                              "what of",
                              "let's discuss",
                              "can we discuss",
                              "we haven't talked about",
                              "we haven't discussed"};
  const std::string lower = text::toLower(message.substr(0, std::min<std::size_t>(message.size(), 200)));
  const Words w = text::words(lower);
  return w.size() <= kMaxSmallTalkWords && startsWithAny(w, kLeads);
}

Utterance classifyUtterance(std::string_view message) {
  const std::string_view trimmed = text::trim(message);
  // Only the opening matters for classification; this keeps huge messages cheap.
  const std::string lower = text::toLower(trimmed.substr(0, std::min<std::size_t>(trimmed.size(), 400)));
  const Words w = text::words(lower);
  const bool question = !trimmed.empty() && (trimmed.back() == '?' || isQuestion(trimmed));
  if (w.empty()) return Utterance::Greeting;  // nothing said yet: open the interview
  if (w.size() > kMaxSmallTalkWords || trimmed.size() > 400) {
    return question ? Utterance::Question : Utterance::Content;
  }
  if (hasAny(w, clarifyPhrases())) return Utterance::Clarify;
  if (hasAny(w, unsurePhrases())) return Utterance::Unsure;
  if (hasAny(w, thinkingPhrases())) return Utterance::Thinking;
  if (hasAny(w, farewellPhrases())) return Utterance::Farewell;
  if (hasAny(w, thanksPhrases())) return Utterance::Thanks;
  if (startsWithAny(w, greetingPhrases())) return Utterance::Greeting;
  if (w.size() <= kMaxAcknowledgeWords && onlyAcknowledgements(w)) return Utterance::Acknowledge;
  if (question) return Utterance::Question;
  // "Yes, they should.", "No, not really": a short answer that opens with yes or no.
  if (w.size() <= kMaxAcknowledgeWords && startsWithAny(w, acknowledgePhrases()))
    return Utterance::Acknowledge;
  return Utterance::Content;
}

}  // namespace nexus::analyst
