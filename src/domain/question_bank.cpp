#include "domain/question_bank.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace nexus::domain {
namespace {

using enum QuestionDepth;
using enum SignInStyle;

// Broad questions of an area all share the topic "overview": they are wordings of one opening.
// Detailed ones are distinct sub-questions. Clarifying ones either quote a captured requirement
// or probe an edge case. Openings are varied on purpose so consecutive turns do not sound alike.
constexpr std::array kBank = std::to_array<QuestionTemplate>({
    // --- general: the project as a whole ---------------------------------------------------
    {"general", Broad, "vision", "What problem should this software solve, and for whom?"},
    {"general", Broad, "vision", "In a sentence or two, what do you want it to do, and why now?"},
    {"general", Broad, "users", "Who will use it day to day, and roughly how many people is that?"},
    {"general", Broad, "users", "Who are the main people using it, and what do they need from it most?"},
    {"general", Broad, "workflow",
     "Can you walk me through the main thing someone does with it, from start to finish?"},
    {"general", Broad, "workflow",
     "Picture the person who uses it most: what does a typical session look like for them?"},
    {"general", Detailed, "success",
     "How will you know it is working — what would success look like six months after launch?"},
    {"general", Detailed, "success", "What would make you call the first version a success?"},
    {"general", Detailed, "scope", "What is definitely out of scope for the first version?"},
    {"general", Detailed, "priorities", "If we had to cut features to ship sooner, which ones must stay in?"},
    {"general", Detailed, "timeline",
     "Is there a deadline or an event the first version has to be ready for?"},
    {"general", Detailed, "constraints",
     "Are there constraints we must respect, such as budget, team skills or technologies you already use?"},
    {"general", Detailed, "today", "How do people handle this today, and what bothers them most about it?"},
    {"general", Clarifying, "failure",
     "Is there anything we haven't covered that would make this a failure if it were missing?"},
    {"general", Clarifying, "stakeholders", "Who else should we talk to before the requirements are final?"},
    {"general", Clarifying, "first",
     "If you could only have three of the things we discussed at first, which would they be?"},
    {"general", Clarifying, "assumptions",
     "Which of the assumptions we made so far are you least sure about?"},

    // --- authentication ----------------------------------------------------------------------
    {"authentication", Broad, "overview",
     "How will people get in — will they need their own accounts, or can some of it be used without "
     "signing in?"},
    {"authentication", Broad, "overview",
     "Should everyone sign in before using it, or are some parts open to anyone?"},
    {"authentication", Broad, "overview", "Who needs an account, and how would you like them to sign in?"},
    {"authentication", Detailed, "method",
     "Should people sign in with an account they already have, such as Google or Microsoft, or with an email "
     "and password?",
     OwnPasswords},
    {"authentication", Detailed, "recovery",
     "What should happen when someone forgets their password or loses access?", OwnPasswords},
    {"authentication", Detailed, "session",
     "How long should someone stay signed in before being asked to sign in again?"},
    {"authentication", Detailed, "second_factor",
     "Does signing in need a second check for some people, like a code sent to their phone?", OwnPasswords},
    {"authentication", Detailed, "other_providers",
     "Is one sign-in provider enough, or should people also be able to use others, such as Microsoft, Apple "
     "or a company account?",
     External},
    {"authentication", Detailed, "first_sign_in",
     "The first time someone signs in through that provider, should their account be created "
     "automatically, or must they be invited first?",
     External},
    {"authentication", Detailed, "allowed_accounts",
     "May anyone with such an account get in, or only people from certain organisations or email domains?",
     External},
    {"authentication", Clarifying, "failed",
     "You mentioned \"{requirement}\" — what should happen when that sign-in fails or the account is "
     "locked?",
     OwnPasswords},
    {"authentication", Clarifying, "creation",
     "About \"{requirement}\": who creates the accounts in the first place — people themselves, or an "
     "admin?"},
    {"authentication", Clarifying, "provider_down",
     "Regarding \"{requirement}\" — what should happen when that provider is down, or when someone can no "
     "longer use their account there?",
     External},
    {"authentication", Clarifying, "leavers",
     "When someone leaves the team, what should happen to their account and the things they created?"},
    {"authentication", Clarifying, "new_device",
     "If someone signs in from a new device, should anything special happen, like a confirmation email?",
     OwnPasswords},
    {"authentication", Clarifying, "account_linking",
     "If someone later signs in another way, for example with a different provider or their email, should "
     "that lead to the account they already have?",
     External},

    // --- authorization -----------------------------------------------------------------------
    {"authorization", Broad, "overview",
     "Will everyone be able to do the same things, or do some people need more rights than others?"},
    {"authorization", Broad, "overview",
     "Are there different kinds of users — say admins and regular members — who may see or change different "
     "things?"},
    {"authorization", Broad, "overview", "Who should be allowed to see or change what?"},
    {"authorization", Detailed, "admin", "Which actions should be limited to administrators or managers?"},
    {"authorization", Detailed, "visibility",
     "Can people see each other's data, or should each person or team only see their own?"},
    {"authorization", Detailed, "roles", "Who decides who gets which role, and can that be changed later?"},
    {"authorization", Detailed, "approval",
     "Should some changes need someone else's approval before they take effect?"},
    {"authorization", Clarifying, "exceptions",
     "When you say \"{requirement}\", who falls outside that rule, and what should they see instead?"},
    {"authorization", Clarifying, "scope",
     "Going back to \"{requirement}\" — should that work the same way for every team or workspace?"},
    {"authorization", Clarifying, "role_change",
     "If someone's role changes, should they keep access to things they created before?"},
    {"authorization", Clarifying, "permission_log",
     "Do you need a record of who changed permissions, and when?"},

    // --- data_model --------------------------------------------------------------------------
    {"data_model", Broad, "overview", "What are the main things this system needs to keep track of?"},
    {"data_model", Broad, "overview", "What information will people put into it, and what should it keep?"},
    {"data_model", Broad, "overview",
     "Thinking of the data behind it, what are the key kinds of records — tasks, customers, orders, "
     "something else?"},
    {"data_model", Detailed, "fields", "For the most important item, which details must be stored with it?"},
    {"data_model", Detailed, "relations",
     "How do those things relate to each other — for example, can one item belong to several groups?"},
    {"data_model", Detailed, "retention",
     "How long does the information need to be kept, and may anything ever be deleted for good?"},
    {"data_model", Detailed, "migration",
     "Is there existing data, such as spreadsheets or an old system, that must be brought in at the start?"},
    {"data_model", Clarifying, "firmness",
     "You mentioned \"{requirement}\" — is that a firm decision, or could it change if something else fits "
     "better?"},
    {"data_model", Clarifying, "worst_loss",
     "About \"{requirement}\": what would be the worst thing to lose or get wrong there?"},
    {"data_model", Clarifying, "history",
     "Do you need to see the history of changes to a record, or is the latest version enough?"},
    {"data_model", Clarifying, "required",
     "Which pieces of information are required, and which may be left empty?"},

    // --- api ---------------------------------------------------------------------------------
    {"api", Broad, "overview",
     "Will other programs need to talk to this system, or is it only used through its own screens?"},
    {"api", Broad, "overview",
     "Do you expect developers — yours or someone else's — to connect to it through an API?"},
    {"api", Broad, "overview",
     "Should its data and actions be reachable from other software, not just by people?"},
    {"api", Detailed, "operations", "Which data or actions would other programs need first?"},
    {"api", Detailed, "consumers",
     "Who will use the API — only your own apps, or partners and customers too?"},
    {"api", Detailed, "identity", "How should outside programs prove who they are when they call it?"},
    {"api", Detailed, "limits",
     "Do you expect heavy automated use that would need limits on how often it is called?"},
    {"api", Clarifying, "compatibility",
     "Regarding \"{requirement}\" — once others depend on it, must changes keep working for existing "
     "callers?"},
    {"api", Clarifying, "errors",
     "You said \"{requirement}\"; what should a caller get back when something goes wrong?"},
    {"api", Clarifying, "push",
     "Should other systems be told automatically when something changes, rather than having to ask?"},
    {"api", Clarifying, "docs", "Will the developers who connect to it need documentation or a test area?"},

    // --- ui_ux -------------------------------------------------------------------------------
    {"ui_ux", Broad, "overview",
     "How do you picture people using it — in a web browser, as a phone app, or on the desktop?"},
    {"ui_ux", Broad, "overview", "When someone opens it, what should the first screen show them?"},
    {"ui_ux", Broad, "overview",
     "Where will people mostly be when they use it — at a desk, on the move, or both?"},
    {"ui_ux", Detailed, "main_task",
     "Which task will people do most often, and in how few steps should it be done?"},
    {"ui_ux", Detailed, "accessibility",
     "Are there accessibility needs to plan for, such as screen readers or large text?"},
    {"ui_ux", Detailed, "languages", "Does it need to work in more than one language?"},
    {"ui_ux", Detailed, "references",
     "Are there apps whose look or way of working you would like this to resemble?"},
    {"ui_ux", Clarifying, "first_use",
     "You mentioned \"{requirement}\" — what would make that confusing for someone using it for the first "
     "time?"},
    {"ui_ux", Clarifying, "feedback",
     "Thinking about \"{requirement}\", what should people see while they wait or when something goes "
     "wrong?"},
    {"ui_ux", Clarifying, "preferences",
     "Should it remember people's preferences, like views, filters or dark mode, between visits?"},
    {"ui_ux", Clarifying, "onboarding",
     "How will a new user learn to use it — do they need any help inside the app?"},

    // --- performance -------------------------------------------------------------------------
    {"performance", Broad, "overview",
     "How fast does it need to feel, and where would slowness hurt the most?"},
    {"performance", Broad, "overview",
     "How many people do you expect to use it at the same time, now and in a year?"},
    {"performance", Broad, "overview",
     "Are there moments of peak use — say month end or a launch day — that it must cope with?"},
    {"performance", Detailed, "response_time",
     "What response time would you call acceptable for the most common action?"},
    {"performance", Detailed, "volume", "How much data do you expect it to hold after the first year?"},
    {"performance", Detailed, "background",
     "Are there heavy jobs, like reports or imports, that could run in the background instead of making "
     "people wait?"},
    {"performance", Detailed, "weak_devices", "Should it stay usable on slow connections or older devices?"},
    {"performance", Clarifying, "hard_limit",
     "You mentioned \"{requirement}\" — is that a hard limit, and what should happen if it is missed?"},
    {"performance", Clarifying, "measure",
     "For \"{requirement}\", how will we know it is met — under what load, and measured where?"},
    {"performance", Clarifying, "growth",
     "If usage grows ten times, what must still work well, and what may get slower?"},
    {"performance", Clarifying, "slow_ok", "Which operations can be slow without anyone minding?"},

    // --- security ----------------------------------------------------------------------------
    {"security", Broad, "overview",
     "What information in it would be harmful if it leaked or was changed by the wrong person?"},
    {"security", Broad, "overview",
     "Does it hold anything sensitive — personal details, payments, health or business secrets?"},
    {"security", Broad, "overview",
     "Are there rules or regulations it must follow, such as GDPR or industry standards?"},
    {"security", Detailed, "encryption",
     "Should stored data be encrypted, so that a stolen disk or backup is useless?"},
    {"security", Detailed, "audit",
     "Do you need a record of who looked at or changed sensitive information?"},
    {"security", Detailed, "abuse",
     "What should happen if someone tries many wrong passwords or behaves suspiciously?", OwnPasswords},
    {"security", Detailed, "privacy_rights",
     "Can people ask for their data to be exported or deleted, and how quickly must that happen?"},
    {"security", Clarifying, "breach",
     "You mentioned \"{requirement}\" — who should be told, and how fast, if that is ever breached?"},
    {"security", Clarifying, "certification",
     "About \"{requirement}\": is there an audit or certification that will check it?"},
    {"security", Clarifying, "insiders",
     "Who inside your organisation may see the raw data, including support staff and developers?"},
    {"security", Clarifying, "secrets",
     "How should secrets, such as keys or passwords for other services, be handled?"},

    // --- integrations ------------------------------------------------------------------------
    {"integrations", Broad, "overview",
     "Does it need to work with tools you already use, like email, calendars, chat or accounting software?"},
    {"integrations", Broad, "overview", "Which other systems should it exchange information with?"},
    {"integrations", Broad, "overview",
     "Should it send notifications anywhere — email, text messages, Slack or similar?"},
    {"integrations", Detailed, "direction",
     "For each connected tool, which way does information flow — in, out, or both?"},
    {"integrations", Detailed, "freshness",
     "How up to date must shared information be — instantly, every few minutes, or once a day?"},
    {"integrations", Detailed, "outage", "What should happen when one of those outside services is down?"},
    {"integrations", Detailed, "vendors",
     "Do you already have accounts with those services, or are they still to be chosen?"},
    {"integrations", Clarifying, "payload",
     "You mentioned \"{requirement}\" — what exactly should be sent or received, and when?"},
    {"integrations", Clarifying, "owner",
     "With \"{requirement}\", who looks after the other side of the connection, and can we get test access?"},
    {"integrations", Clarifying, "conflicts",
     "If the same information is edited in both places, which one wins?"},
    {"integrations", Clarifying, "later",
     "Are there tools you might add later that we should leave room for now?"},

    // --- deployment --------------------------------------------------------------------------
    {"deployment", Broad, "overview",
     "Where should it run — in the cloud, on your own servers, or on people's own machines?"},
    {"deployment", Broad, "overview", "Who will install, run and update it once it is built?"},
    {"deployment", Broad, "overview", "Do you have a hosting provider or an IT setup it has to fit into?"},
    {"deployment", Detailed, "uptime", "How much downtime would be acceptable, and at what times of day?"},
    {"deployment", Detailed, "releases",
     "How often do you expect to release new versions, and may an update interrupt people?"},
    {"deployment", Detailed, "backups",
     "How should backups work, and how quickly must it be back after a failure?"},
    {"deployment", Detailed, "environments", "Do you need a separate test copy besides the live system?"},
    {"deployment", Clarifying, "limits",
     "You mentioned \"{requirement}\" — are there limits from your IT team or budget that shape that?"},
    {"deployment", Clarifying, "alerts",
     "Regarding \"{requirement}\": who gets alerted when something goes wrong, and at what hours?"},
    {"deployment", Clarifying, "monitoring",
     "What should be watched so that problems are noticed before users report them?"},
    {"deployment", Clarifying, "region",
     "Are there countries or regions where the data must, or must not, be stored?"},
});

bool containsAny(std::string_view lowerText, std::initializer_list<std::string_view> phrases) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](std::string_view phrase) { return text::containsPhrase(lowerText, phrase); });
}

bool isTrailingPunctuation(char c) {
  return c == '?' || c == '.' || c == '!' || c == ',' || c == ';' || c == ':' || c == ' ';
}

}  // namespace

std::span<const QuestionTemplate> questionBank() { return kBank; }

std::vector<const QuestionTemplate*> questionTemplates(std::string_view area, QuestionDepth depth) {
  std::vector<const QuestionTemplate*> out;
  for (const auto& question : kBank) {
    if (question.area == area && question.depth == depth) out.push_back(&question);
  }
  return out;
}

bool hasRequirementPlaceholder(const QuestionTemplate& question) {
  return question.text.find(kRequirementPlaceholder) != std::string_view::npos;
}

bool namesExternalIdentityProvider(std::string_view text) {
  const std::string lower = text::toLower(text);
  // Protocols say it on their own; a company's name only next to signing in ("Google Calendar").
  if (containsAny(lower, {"sso", "single sign-on", "single sign on", "oauth", "oauth2", "openid", "oidc",
                          "saml", "social login", "social sign-in"})) {
    return true;
  }
  const bool signIn = containsAny(lower, {"sign in", "sign-in", "signin", "sign on", "sign up", "sign-up",
                                          "log in", "log-in", "login", "logon", "logs in", "signs in",
                                          "account", "accounts", "authenticate", "authentication"});
  return signIn && containsAny(lower, {"google", "microsoft", "github", "gitlab", "apple", "facebook",
                                       "linkedin", "okta", "auth0", "keycloak", "azure ad", "entra",
                                       "active directory", "company account", "work account"});
}

std::vector<std::string> questionSentences(std::string_view message) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    const bool end = (c == '?' || c == '.' || c == '!') &&
                     (i + 1 == message.size() || message[i + 1] == ' ' || message[i + 1] == '\n');
    if (!end) continue;
    if (c == '?') {
      const auto sentence = text::trim(message.substr(start, i + 1 - start));
      if (!sentence.empty()) out.emplace_back(sentence);
    }
    start = i + 1;
  }
  return out;
}

std::string normalizeQuestion(std::string_view question) {
  std::string out = text::toLower(text::collapseWhitespace(question));
  while (!out.empty() && isTrailingPunctuation(out.back())) out.pop_back();
  return out;
}

namespace {

// Each template in the form questions are compared in, made once: the whole normalised text, or
// for a template that quotes a requirement the fixed text before and after the quote.
struct TemplateKey {
  const QuestionTemplate* question;
  bool quotes;
  std::string whole;   // when !quotes
  std::string prefix;  // when quotes
  std::string suffix;
};

const std::vector<TemplateKey>& templateKeys() {
  static const std::vector<TemplateKey> keys = [] {
    std::vector<TemplateKey> out;
    for (const auto& candidate : kBank) {
      const std::string_view templ = candidate.text;
      const std::size_t slot = templ.find(kRequirementPlaceholder);
      if (slot == std::string_view::npos) {
        out.push_back({&candidate, false, normalizeQuestion(templ), {}, {}});
      } else {
        out.push_back({&candidate, true, {}, text::toLower(templ.substr(0, slot)),
                       normalizeQuestion(templ.substr(slot + kRequirementPlaceholder.size()))});
      }
    }
    return out;
  }();
  return keys;
}

}  // namespace

const QuestionTemplate* findTemplate(std::string_view question) {
  const std::string normalized = normalizeQuestion(question);
  if (normalized.empty()) return nullptr;
  for (const auto& key : templateKeys()) {
    if (!key.quotes) {
      if (key.whole == normalized) return key.question;
      continue;
    }
    // Filled template: the fixed text before and after the quoted requirement must match.
    if (normalized.size() > key.prefix.size() + key.suffix.size() && text::startsWith(normalized, key.prefix) &&
        normalized.compare(normalized.size() - key.suffix.size(), key.suffix.size(), key.suffix) == 0) {
      return key.question;
    }
  }
  return nullptr;
}

std::string quoteRequirement(std::string_view requirementText) {
  std::string quote = text::collapseWhitespace(requirementText);
  std::replace(quote.begin(), quote.end(), '"', '\'');
  bool cut = false;
  if (quote.size() > kMaxQuotedRequirementChars) {
    std::size_t end = quote.rfind(' ', kMaxQuotedRequirementChars);
    if (end == std::string::npos || end == 0) {
      // One very long word: cut inside it, but never inside a UTF-8 character.
      end = kMaxQuotedRequirementChars;
      while (end > 0 && (static_cast<unsigned char>(quote[end]) & 0xC0) == 0x80) --end;
    }
    quote.resize(end);
    cut = true;
  }
  while (!quote.empty() && isTrailingPunctuation(quote.back())) quote.pop_back();
  if (cut) quote += "\xE2\x80\xA6";  // "…"
  return quote;
}

std::string fillTemplate(std::string_view templateText, std::string_view requirementText) {
  std::string out(templateText);
  const std::size_t slot = out.find(kRequirementPlaceholder);
  if (slot != std::string::npos) {
    out.replace(slot, kRequirementPlaceholder.size(), quoteRequirement(requirementText));
  }
  return out;
}

}  // namespace nexus::domain
