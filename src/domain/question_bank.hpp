#pragma once
// The interviewer's question texts, kept as data: several wordings per area and depth, so the
// QuestionGenerator only decides *which* question comes next, never how it is phrased.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/question_generator.hpp"

namespace nexus::domain {

// The pseudo-area of questions about the project as a whole (vision, users, workflow, scope,
// success, timeline) and of the closing questions. Question::area is empty for these.
inline constexpr std::string_view kGeneralArea = "general";

// Clarifying templates may quote a captured requirement of their area in this slot.
inline constexpr std::string_view kRequirementPlaceholder = "{requirement}";

// A quoted requirement is cut to about this many bytes, on a word boundary.
inline constexpr std::size_t kMaxQuotedRequirementChars = 80;

// How people sign in, as far as a question takes it for granted. When a captured
// authentication requirement names an external identity provider (Google, Microsoft, GitHub,
// SSO, OAuth, SAML, ...), the password is the provider's business: OwnPasswords questions
// (forgotten passwords, second factor, lockouts) are skipped and External ones (other
// providers, first sign-in, account linking) are asked first. Otherwise External ones are
// never asked.
enum class SignInStyle { Any, OwnPasswords, External };

struct QuestionTemplate {
  std::string_view area;  // a standard area, or kGeneralArea
  QuestionDepth depth = QuestionDepth::Broad;
  // Templates of one area that share a topic are alternative wordings of the same question:
  // once one of them has been asked, the others are not asked any more.
  std::string_view topic;
  std::string_view text;  // one question ending in '?'; only Clarifying ones may hold the placeholder
  SignInStyle signIn = SignInStyle::Any;
};

// Every template, grouped by area and depth (order within a group is the rotation order).
std::span<const QuestionTemplate> questionBank();

// The templates of one area (canonical id or kGeneralArea) at one depth, in bank order.
std::vector<const QuestionTemplate*> questionTemplates(std::string_view area, QuestionDepth depth);

bool hasRequirementPlaceholder(const QuestionTemplate& question);

// True when the text delegates sign-in to an external identity provider: a protocol (SSO,
// OAuth, SAML, OpenID) or a provider's name (Google, Microsoft, GitHub, Okta, ...) together
// with a sign-in word. "Users sign in with Google" is; "Sync with Google Calendar" is not.
bool namesExternalIdentityProvider(std::string_view text);

// The question sentences of a message, in order ("Thanks! Who will use it?" -> {"Who will use it?"}).
std::vector<std::string> questionSentences(std::string_view message);

// The form in which asked questions are compared: lower case, whitespace collapsed, trailing
// punctuation stripped. "  What  is it?? " -> "what is it".
std::string normalizeQuestion(std::string_view question);

// The bank template a question was made from (exactly, or by filling the placeholder), or
// nullptr when the question was worded elsewhere.
const QuestionTemplate* findTemplate(std::string_view question);

// A requirement's text as it is quoted back: one line, at most ~kMaxQuotedRequirementChars
// cut on a word boundary (with "…"), no trailing period, double quotes turned into single ones.
std::string quoteRequirement(std::string_view requirementText);

// The template's text with the placeholder replaced by quoteRequirement(requirementText).
std::string fillTemplate(std::string_view templateText, std::string_view requirementText);

}  // namespace nexus::domain
