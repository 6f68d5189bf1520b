#pragma once
// What a message without requirements is: a greeting, thanks, a request to explain, "I don't
// know", ... so that the analyst answers it the way a person would.

#include <string_view>

namespace nexus::analyst {

enum class Utterance {
  Content,      // anything else: statements, context, requirements
  Greeting,     // "hi", "good morning"
  Thanks,       // "thanks!", "thank you"
  Clarify,      // "what do you mean?", "can you explain that?"
  Unsure,       // "I don't know", "not sure"
  Thinking,     // "let me think", "hmm", "give me a minute"
  Acknowledge,  // "ok", "sounds good", "sure"
  Farewell,     // "bye", "that's all", "I'm done"
  Question,     // any other question to the interviewer
};

// Classifies a whole message. Conversational phrases only count when they make up most of
// the message: "Hi, users must sign in with Google" is Content with a greeting in front
// (see startsWithGreeting).
Utterance classifyUtterance(std::string_view message);

bool startsWithGreeting(std::string_view message);

// "What about security?", "Let's talk about hosting": the person proposes what to discuss next.
bool suggestsTopic(std::string_view message);

}  // namespace nexus::analyst
