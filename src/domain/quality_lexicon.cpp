#include "domain/quality_lexicon.hpp"

namespace nexus::domain::lexicon {
namespace {

using enum Dimension;
using enum VagueReason;
using enum OpenRule;

// ---------------------------------------------------------------------------------------------
// Vague terms.
// Sources: ISO/IEC/IEEE 29148:2018 §5.2.7 "requirements language criteria" (superlatives,
// subjective language, ambiguous adverbs and adjectives, comparative phrases); INCOSE Guide for
// Writing Requirements R7 (vague terms); Kiro-style vague sizes ("large files").
// ---------------------------------------------------------------------------------------------

constexpr VagueGroup kVagueGroups[] = {
    {"speed", Speed, false},        {"ease", None, false},         {"look", None, false},
    {"size", Volume, false},        {"count", Volume, false},      {"security", None, true},
    {"reliability", Availability, false}, {"scalability", Volume, false},
    {"efficiency", Speed, false},   {"flexibility", None, false},  {"seamless", None, false},
    {"superlative", Any, false},    {"comparative", Any, false},   {"frequency", None, false},
    {"sufficiency", Any, false},    {"which", None, false},        {"share", Volume, false},
};

// Longer phrases first where one contains another, so the report names the whole phrase.
constexpr VagueTerm kVagueTerms[] = {
    // Speed (29148 subjective language; R7).
    {"as soon as possible", "speed", Subjective},
    {"as fast as possible", "speed", Superlative},
    {"as quickly as possible", "speed", Superlative},
    {"a few seconds", "speed", Quantity},
    {"a few minutes", "speed", Quantity},
    {"near real time", "speed", Subjective},
    {"lightning fast", "speed", Subjective},
    {"blazing fast", "speed", Subjective},
    {"fast", "speed", Subjective},
    {"quick", "speed", Subjective},
    {"quickly", "speed", Subjective},
    {"rapid", "speed", Subjective},
    {"rapidly", "speed", Subjective},
    {"speedy", "speed", Subjective},
    {"snappy", "speed", Subjective},
    {"swift", "speed", Subjective},
    {"instantly", "speed", Subjective},
    {"too long", "speed", Subjective},
    {"too slow", "speed", Subjective},
    {"slow", "speed", Subjective},
    {"fastest", "speed", Superlative},
    {"quickest", "speed", Superlative},
    // Ease of use (29148 subjective language; R7 "user-friendly", "easy").
    {"user friendly", "ease", Subjective},
    {"easy to use", "ease", Subjective},
    {"easy", "ease", Subjective},
    {"easily", "ease", Subjective},
    {"simple", "ease", Subjective},
    {"intuitive", "ease", Subjective},
    {"intuitively", "ease", Subjective},
    {"straightforward", "ease", Subjective},
    {"convenient", "ease", Subjective},
    {"self explanatory", "ease", Subjective},
    {"easiest", "ease", Superlative},
    // Looks (29148 subjective language).
    {"beautiful", "look", Subjective},
    {"nice", "look", Subjective},
    {"modern", "look", Subjective},
    {"attractive", "look", Subjective},
    {"elegant", "look", Subjective},
    {"sleek", "look", Subjective},
    {"polished", "look", Subjective},
    {"pleasant", "look", Subjective},
    {"clean design", "look", Subjective},
    {"clean look", "look", Subjective},
    {"clean interface", "look", Subjective},
    {"look good", "look", Subjective},
    {"looks good", "look", Subjective},
    {"look great", "look", Subjective},
    {"looks great", "look", Subjective},
    // Sizes (Kiro-style "large files"; 29148 ambiguous adjectives).
    {"large", "size", Quantity},
    {"big", "size", Quantity},
    {"huge", "size", Quantity},
    {"massive", "size", Quantity},
    {"high volume", "size", Quantity},
    {"high volumes", "size", Quantity},
    // Quantities (29148 ambiguous adjectives, "some", "several"; R7 "many", "few").
    {"a lot of", "count", Quantity},
    {"lots of", "count", Quantity},
    {"plenty of", "count", Quantity},
    {"many", "count", Quantity},
    {"numerous", "count", Quantity},
    {"several", "count", Quantity},
    {"various", "which", Quantity},
    {"some", "which", Quantity},
    {"a few", "count", Quantity},
    {"few", "count", Quantity},
    {"most of", "share", Quantity},
    {"in most cases", "share", Quantity},
    {"most users", "share", Quantity},
    {"most people", "share", Quantity},
    {"most devices", "share", Quantity},
    {"most browsers", "share", Quantity},
    // Security as a bare adjective (R7).
    {"highly secure", "security", Subjective},
    {"secure", "security", Subjective},
    {"securely", "security", Subjective},
    // Reliability (R7).
    {"reliable", "reliability", Subjective},
    {"reliably", "reliability", Subjective},
    {"robust", "reliability", Subjective},
    {"stable", "reliability", Subjective},
    {"fault tolerant", "reliability", Subjective},
    // Scalability as a bare adjective.
    {"scalable", "scalability", Subjective},
    {"highly scalable", "scalability", Subjective},
    // Efficiency (R7).
    {"efficient", "efficiency", Subjective},
    {"efficiently", "efficiency", Subjective},
    {"performant", "efficiency", Subjective},
    {"high performance", "efficiency", Subjective},
    {"good performance", "efficiency", Subjective},
    {"optimized", "efficiency", Subjective},
    {"optimised", "efficiency", Subjective},
    // Flexibility (29148 subjective language).
    {"flexible", "flexibility", Subjective},
    {"versatile", "flexibility", Subjective},
    // Seamlessness (R7).
    {"seamless", "seamless", Subjective},
    {"seamlessly", "seamless", Subjective},
    {"smooth", "seamless", Subjective},
    {"smoothly", "seamless", Subjective},
    // Superlatives (29148 §5.2.7 "superlatives").
    {"state of the art", "superlative", Superlative},
    {"world class", "superlative", Superlative},
    {"cutting edge", "superlative", Superlative},
    {"best", "superlative", Superlative},
    {"optimal", "superlative", Superlative},
    {"optimum", "superlative", Superlative},
    {"maximum performance", "superlative", Superlative},
    {"maximum speed", "superlative", Superlative},
    {"maximum security", "superlative", Superlative},
    {"minimal downtime", "superlative", Superlative},
    {"minimum downtime", "superlative", Superlative},
    // Comparatives without a reference (29148 §5.2.7 "comparative phrases").
    {"better", "comparative", Comparative},
    {"faster", "comparative", Comparative},
    {"quicker", "comparative", Comparative},
    {"easier", "comparative", Comparative},
    {"simpler", "comparative", Comparative},
    {"smoother", "comparative", Comparative},
    {"more efficient", "comparative", Comparative},
    {"more reliable", "comparative", Comparative},
    {"more secure", "comparative", Comparative},
    {"improved", "comparative", Comparative},
    // Ambiguous adverbs of frequency (29148 §5.2.7 "ambiguous adverbs").
    {"usually", "frequency", Frequency},
    {"normally", "frequency", Frequency},
    {"generally", "frequency", Frequency},
    {"typically", "frequency", Frequency},
    {"often", "frequency", Frequency},
    {"frequently", "frequency", Frequency},
    {"regularly", "frequency", Frequency},
    {"periodically", "frequency", Frequency},
    {"occasionally", "frequency", Frequency},
    {"almost always", "frequency", Frequency},
    // Sufficiency (29148 ambiguous adjectives "adequate", "significant", "minimal").
    {"adequate", "sufficiency", Subjective},
    {"adequately", "sufficiency", Subjective},
    {"sufficient", "sufficiency", Subjective},
    {"reasonable", "sufficiency", Subjective},
    {"acceptable", "sufficiency", Subjective},
    {"significant", "sufficiency", Subjective},
    {"significantly", "sufficiency", Subjective},
    {"minimal", "sufficiency", Subjective},
};

// A vague word inside one of these names something definite (a product, a priority, a sort
// order, a page) and is not vague at all.
constexpr std::string_view kVagueExceptions[] = {
    "fast food",     "fast forward",  "nice to have",   "best seller",  "best sellers",
    "best selling",  "most recent",   "most recently",  "at most",      "frequently asked",
    "quick start",   "large print",   "big data",       "some time",    "stable release",
    "stable version", "secure flag",  "secure cookie",  "secure cookies", "better auth",
    // "as many members as they like" is no limit at all; "show how many are left" a count.
    "as many",       "as much",       "how many",       "how much",     "many to many",
    "one to many",
};

// Naming how it is secured makes "secure" testable (R7: say what, not how good).
constexpr std::string_view kSecurityMechanisms[] = {
    "encrypt",  "encrypted", "encryption", "hash",     "hashed",    "hashing",  "bcrypt",
    "argon2",   "scrypt",    "tls",        "https",    "ssl",       "aes",      "rsa",
    "2fa",      "mfa",       "two factor", "multi factor", "oauth", "oauth2",   "sso",
    "saml",     "jwt",       "owasp",      "pci",      "hipaa",     "gdpr",     "soc",
    "iso 27001", "certificate", "vpn",     "firewall", "salted",    "passkey",  "passkeys",
    "rate limit", "rate limited", "csrf",  "xss",      "sql injection", "penetration test",
};

// The suggestions: plain testable examples, keyed to the group and area.
constexpr Suggestion kVagueSuggestions[] = {
    {"speed", "", "How fast? For example: search results in under 1 second for 95 % of searches."},
    {"speed", "api", "How fast? For example: the API responds in under 200 ms for 95 % of requests."},
    {"speed", "ui_ux", "How fast? For example: every page loads in under 2 seconds on a 4G connection."},
    {"speed", "integrations",
     "How fast? For example: the message arrives within 1 minute of the event."},
    {"speed", "deployment",
     "How fast? For example: a release reaches production within 15 minutes of merging."},
    {"ease", "",
     "For example: a new user can create their first task in under 2 minutes without help."},
    {"ease", "authentication",
     "For example: a new user can sign up and sign in within 1 minute without help."},
    {"look", "",
     "What should it look like? For example: every screen follows the brand colours and fonts of "
     "the style guide, and the designer signs each screen off."},
    {"size", "", "How large? For example: files up to 2 GB."},
    {"count", "", "How many? For example: up to 500 users at the same time."},
    {"which", "",
     "Which ones, exactly? List them. For example: \"open tasks, overdue tasks and tasks done "
     "this week\"."},
    {"share", "", "What share, exactly? For example: 95 % of users."},
    {"security", "",
     "Secure against what, and how? For example: passwords are hashed with bcrypt and all traffic "
     "uses HTTPS."},
    {"security", "authentication",
     "Secure in what way? For example: passwords are hashed with bcrypt and accounts lock after 5 "
     "failed sign-ins."},
    {"reliability", "",
     "How reliable? For example: available 99.9 % of the time each month, and no saved data is "
     "lost when a server fails."},
    {"scalability", "",
     "Scalable to what? For example: up to 10,000 users with pages still loading in under 2 "
     "seconds."},
    {"efficiency", "",
     "Efficient by which measure? For example: the nightly import of 100,000 records finishes in "
     "under 10 minutes."},
    {"flexibility", "",
     "Flexible in what way? For example: an admin can add their own fields to a task without a "
     "developer."},
    {"seamless", "",
     "What should happen exactly? For example: a task edited on the phone shows on the laptop "
     "within 5 seconds, without signing in again."},
    {"superlative", "",
     "Name the measure and the target instead. For example: search results in under 1 second for "
     "95 % of searches."},
    {"comparative", "",
     "Compared with what, and by how much? For example: checkout takes 3 steps instead of the 5 "
     "it takes today."},
    {"frequency", "",
     "Say exactly when or how often. For example: every night at 2:00, or in every case except "
     "drafts."},
    {"sufficiency", "", "Give the number. For example: at least 20 GB of storage per team."},
};

constexpr std::string_view kSubjectiveMessage =
    "\"{term}\" cannot be tested as it stands: people judge it differently, so nobody can say "
    "when it is met.";
constexpr std::string_view kQuantityMessage =
    "\"{term}\" cannot be tested as it stands: it does not say how much or how many.";
constexpr std::string_view kSuperlativeMessage =
    "\"{term}\" cannot be tested: there is always something better, so it is never met.";
constexpr std::string_view kComparativeMessage =
    "\"{term}\" cannot be tested: it does not say compared with what, or by how much.";
constexpr std::string_view kFrequencyMessage =
    "\"{term}\" cannot be tested: it does not say how often or in which cases.";

// ---------------------------------------------------------------------------------------------
// Unmeasured qualities.
// Sources: ISO/IEC/IEEE 29148:2018 §5.2.5 (a requirement is verifiable) and §5.2.7
// ("open-ended, non-verifiable terms"); INCOSE R7 (a quality needs a value and a unit).
// ---------------------------------------------------------------------------------------------

constexpr MeasureTrigger kMeasureTriggers[] = {
    {"[latency]", "speed", Speed, false},
    {"[response time]", "speed", Speed, true},
    {"[response times]", "speed", Speed, true},
    {"[load time]", "speed", Speed, false},
    {"[load times]", "speed", Speed, false},
    {"[loading time]", "speed", Speed, false},
    {"[loading times]", "speed", Speed, false},
    {"[page load]", "speed", Speed, true},
    {"[performance]", "speed", Speed, true},
    {"[throughput]", "load", Volume, false},
    {"[peak load]", "load", Volume, false},
    {"[heavy load]", "load", Volume, false},
    {"[high load]", "load", Volume, false},
    {"under [load]", "load", Volume, false},
    {"handle the [load]", "load", Volume, false},
    {"handle [load]", "load", Volume, false},
    {"[high traffic]", "load", Volume, false},
    {"[heavy traffic]", "load", Volume, false},
    {"[traffic]", "load", Volume, true},
    {"[concurrent users]", "concurrency", Volume, false},
    {"[simultaneous users]", "concurrency", Volume, false},
    {"[scalability]", "scale", Volume, false},
    {"[scale] with", "scale", Volume, false},
    {"[scale] to", "scale", Volume, false},
    {"[scale] up", "scale", Volume, false},
    {"[scale] out", "scale", Volume, false},
    {"[scale] well", "scale", Volume, false},
    {"must [scale]", "scale", Volume, false},
    {"should [scale]", "scale", Volume, false},
    {"[scales]", "scale", Volume, false},
    {"[capacity]", "capacity", Volume, true},
    {"[high availability]", "availability", Availability, false},
    {"[highly available]", "availability", Availability, false},
    {"[always available]", "availability", Availability, false},
    {"[always be available]", "availability", Availability, false},
    {"[availability]", "availability", Availability, true},
    {"[uptime]", "availability", Availability, true},
    {"[downtime]", "availability", Availability, false},
    {"[reliability]", "availability", Availability, true},
};

// A statement that opens with one of these names a mechanism ("Use Kubernetes to scale out"):
// how, not how much, so no measure is missing.
constexpr std::string_view kMechanismOpeners[] = {"use", "using", "run", "deploy", "host", "add"};

// Mechanisms and features that share a trigger's words.
constexpr std::string_view kMeasureExceptions[] = {
    "auto scaling", "autoscaling", "for scaling", "scaling policy", "load balancer",
    "load balancing", "traffic light", "traffic lights", "scale of", "on a scale",
};

constexpr Suggestion kMeasureSuggestions[] = {
    {"speed", "", "Give the number. For example: responses in under 200 ms for 95 % of requests."},
    {"speed", "ui_ux",
     "Give the number. For example: pages load in under 2 seconds for 95 % of visits."},
    {"load", "",
     "Give the number. For example: 500 requests per second at peak with responses still under "
     "300 ms."},
    {"concurrency", "", "Give the number. For example: up to 500 users at the same time."},
    {"scale", "",
     "Give the number. For example: up to 10,000 users and 1 million tasks with pages still "
     "loading in under 2 seconds."},
    {"capacity", "", "Give the number. For example: up to 1 TB of stored files per customer."},
    {"availability", "",
     "Give the number. For example: available 99.9 % of the time each month (about 43 minutes of "
     "downtime)."},
    {"", "", "Give the number. For example: pages load in under 2 seconds for 95 % of visits."},
};

constexpr std::string_view kNumberWords[] = {
    "zero",    "two",      "three",    "four",     "five",      "six",      "seven",
    "eight",   "nine",     "ten",      "eleven",   "twelve",    "fifteen",  "twenty",
    "thirty",  "forty",    "fifty",    "sixty",    "hundred",   "hundreds", "thousand",
    "thousands", "million", "millions", "billion", "billions",  "dozen",    "dozens",
    "twice",   "half",
};

constexpr std::string_view kMeasurePhrases[] = {
    "within a second", "in a second",   "under a second",  "within a minute", "in a minute",
    "under a minute",  "within an hour", "within a day",   "same day",        "next day",
    "next business day", "next working day", "every day",  "each day",        "every night",
    "every week",      "every month",   "each month",      "daily",           "nightly",
    "weekly",          "monthly",       "hourly",          "yearly",          "annually",
};

constexpr std::string_view kTimeUnits[] = {
    "second", "minute", "hour", "day", "week", "month", "year", "night", "business day",
    "working day",
};

// ---------------------------------------------------------------------------------------------
// Open-ended clauses.
// Sources: INCOSE R9 (open-ended clauses: "etc.", "and so on", "including but not limited
// to"); INCOSE R8 (escape clauses: "if possible", "as appropriate", "where practical"); ISO/IEC/
// IEEE 29148:2018 §5.2.7 "loopholes" ("if possible", "as appropriate", "as applicable") and
// "open-ended, non-verifiable terms".
// ---------------------------------------------------------------------------------------------

constexpr OpenEndedTerm kOpenEndedTerms[] = {
    {"etc", "list", Always},
    {"and so on", "list", Always},
    {"and so forth", "list", Always},
    {"and more", "list", UnlessNumberPrecedes},
    {"and others", "list", Always},
    {"and other", "list", Always},
    {"among others", "list", Always},
    {"or similar", "list", Always},
    {"and similar", "list", Always},
    {"including but not limited to", "list", Always},
    {"but not limited to", "list", Always},
    {"if possible", "escape", Always},
    {"where possible", "escape", Always},
    {"whenever possible", "escape", Always},
    {"when possible", "escape", Always},
    {"as far as possible", "escape", Always},
    {"as much as possible", "escape", Always},
    {"to the extent possible", "escape", Always},
    {"if practical", "escape", Always},
    {"where practical", "escape", Always},
    {"if feasible", "escape", Always},
    {"where feasible", "escape", Always},
    {"as appropriate", "escape", Always},
    {"where appropriate", "escape", Always},
    {"if appropriate", "escape", Always},
    {"as applicable", "escape", Always},
    {"where applicable", "escape", Always},
    {"if time permits", "escape", Always},
    {"ideally", "escape", Always},
    {"as needed", "need", UnlessReferenceFollows},
    {"as required", "need", UnlessReferenceFollows},
    {"as necessary", "need", UnlessReferenceFollows},
    {"when necessary", "need", UnlessReferenceFollows},
    {"where necessary", "need", UnlessReferenceFollows},
    {"if necessary", "need", UnlessReferenceFollows},
    {"when needed", "need", UnlessReferenceFollows},
    {"if needed", "need", UnlessReferenceFollows},
    {"at least", "bound", UnlessNumberFollows},
    {"at most", "bound", UnlessNumberFollows},
};

constexpr Suggestion kOpenEndedSuggestions[] = {
    {"list", "",
     "List every item, and say that the list is complete. For example: \"Export to PDF and "
     "CSV.\""},
    {"escape", "",
     "Say exactly when it applies, or drop the words if it must always hold. For example: \"Works "
     "offline for up to 24 hours.\""},
    {"need", "",
     "Say who decides that it is needed, or in which cases. For example: \"An admin can add "
     "seats at any time.\""},
    {"bound", "", "Give the number. For example: \"at least 8 characters\"."},
};

constexpr Suggestion kOpenEndedMessages[] = {
    {"list", "", "\"{term}\" leaves the list open, so nobody can say when it is complete."},
    {"escape", "", "\"{term}\" lets it be skipped, so no test can fail it."},
    {"need", "", "\"{term}\" does not say who decides it is needed, or when."},
    {"bound", "", "\"{term}\" has no number after it, so it sets no bound."},
};

// ---------------------------------------------------------------------------------------------
// Compound statements.
// Source: INCOSE R18 (single thought: one requirement per statement); ISO/IEC/IEEE 29148:2018
// §5.2.5 "singular".
// ---------------------------------------------------------------------------------------------

constexpr std::string_view kModalVerbs[] = {
    "must",    "shall",   "should",   "will",     "can",       "could",    "may",
    "might",   "cannot",  "can't",    "mustn't",  "shouldn't", "won't",    "shan't",
    "needs to", "need to", "has to",  "have to",
};

constexpr std::string_view kCaseSensitiveModals[] = {"may", "will"};

constexpr std::string_view kClauseJoiners[] = {
    "and", "or", "but", "while", "whereas", "whilst", "and also", "and then", ";",
};

// ---------------------------------------------------------------------------------------------
// No actor.
// Sources: INCOSE R2 (active voice: say who does it) and R3 (the subject is the entity that
// acts); ISO/IEC/IEEE 29148:2018 §5.2.4 (a requirement names its subject). Only decisions
// people make: for automatic actions the system is the obvious actor.
// ---------------------------------------------------------------------------------------------

constexpr PeopleVerb kPeopleVerbs[] = {
    {"approved", "approve", "A manager"},
    {"reviewed", "review", "A team lead"},
    {"granted", "grant", "An admin"},
    {"assigned", "assign", "A team lead"},
    {"checked", "check", "A supervisor"},
    {"verified", "verify", "A staff member"},
    {"signed off", "sign off", "The project owner"},
    {"authorized", "authorize", "A manager"},
    {"authorised", "authorise", "A manager"},
    {"moderated", "moderate", "A moderator"},
    {"confirmed", "confirm", "A staff member"},
    {"accepted", "accept", "A staff member"},
    {"rejected", "reject", "A staff member"},
};

constexpr std::string_view kPassiveAuxiliaries[] = {
    "is", "are", "be", "been", "being", "was", "were", "get", "gets", "got", "getting",
};

constexpr std::string_view kPassiveAdverbs[] = {
    "manually", "first", "always", "also", "then", "still", "not", "never", "all", "each",
    "once", "again", "properly", "carefully", "personally", "either",
};

// "checked for viruses", "assigned a number", "accepted in EUR", "granted to admins only" state
// a system rule, not a person's decision; "checked every 10 minutes" is a schedule, "accepted
// until 10 pm" a time window.
constexpr std::string_view kNotPeopleFollowers[] = {
    "for",    "against", "a",      "an",     "in",     "as",           "automatically",
    "via",    "through", "only",   "every",  "daily",  "hourly",       "nightly",
    "weekly", "continuously", "periodically", "regularly", "until",  "till",
};

constexpr std::string_view kConditionWords[] = {
    "when", "whenever", "once", "after", "before", "if", "until", "unless", "as soon as",
    "while", "after which", "so that",
};

constexpr std::string_view kSystemActorWords[] = {
    "automatically", "auto", "only", "system", "by default",
};

// ---------------------------------------------------------------------------------------------
// Open decisions.
// Source: ISO/IEC/IEEE 29148:2018 §5.2.7 ("TBD", "TBS", "TBR" make a requirement incomplete)
// and §5.2.5 "complete".
// ---------------------------------------------------------------------------------------------

constexpr std::string_view kTbdTerms[] = {
    "tbd",          "tbc",            "tbs",            "tbr",              "tba",
    "to be decided", "to be determined", "to be confirmed", "to be defined", "to be specified",
    "to be supplied", "to be agreed",  "to be discussed", "to be clarified", "not sure yet",
    "not decided yet", "not yet decided", "undecided",   "not sure",         "haven't decided",
    "have not decided", "still deciding", "open question",
};

// Only right before "later" (up to "it", "this", "on", "out" in between): "the user confirms the
// booking later" is a feature, "we'll confirm it later" an open decision.
constexpr std::string_view kDecisionVerbs[] = {
    "decide",  "decided",  "define",  "defined",  "determine", "determined", "confirm",
    "confirmed", "settle", "settled", "choose",   "chosen",    "pick",       "discuss",
    "discussed", "agree",  "agreed",  "specify",  "specified", "clarify",    "clarified",
    "figure out", "figure it out", "work out", "work it out", "sort out", "sort it out",
};

// Words that may stand between the decision verb and "later".
constexpr std::string_view kDecisionFillers[] = {"it", "this", "that", "them", "on", "upon"};

// ---------------------------------------------------------------------------------------------
// The texts of the findings that are not keyed to a word list.
// ---------------------------------------------------------------------------------------------

constexpr FixedTexts kFixedTexts{
    .unmeasuredMessage = "\"{term}\" has no number, so no test can pass or fail it.",
    .unmeasuredAreaMessage =
        "It is about performance but gives no number, so no test can pass or fail it.",
    .compoundMessage =
        "It states two requirements in one sentence, so one can be met while the other is not.",
    .compoundSuggestion = "Split it into two: \"{first}.\" and \"{second}.\"",
    .noActorMessage =
        "\"{term}\" does not say by whom, so a test cannot check that the right person did it.",
    .noActorSuggestion = "Say who: for example \"{actor} must {verb} {object}.\"",
    .tbdMessage =
        "\"{term}\" marks a decision not made yet: it cannot be built or tested until someone "
        "makes it.",
    .tbdSuggestion =
        "Decide it now, or note who decides and by when. For example: \"Storage: 10 GB per team "
        "(Anna decides by 1 May).\"",
};

}  // namespace

std::span<const VagueGroup> vagueGroups() { return kVagueGroups; }
std::span<const VagueTerm> vagueTerms() { return kVagueTerms; }
std::span<const std::string_view> vagueExceptions() { return kVagueExceptions; }
std::span<const std::string_view> securityMechanisms() { return kSecurityMechanisms; }
std::span<const Suggestion> vagueSuggestions() { return kVagueSuggestions; }

std::string_view vagueMessage(VagueReason reason) {
  switch (reason) {
    case Subjective: return kSubjectiveMessage;
    case Quantity: return kQuantityMessage;
    case Superlative: return kSuperlativeMessage;
    case Comparative: return kComparativeMessage;
    case Frequency: return kFrequencyMessage;
  }
  return kSubjectiveMessage;
}

std::span<const MeasureTrigger> measureTriggers() { return kMeasureTriggers; }
std::span<const std::string_view> measureExceptions() { return kMeasureExceptions; }
std::span<const std::string_view> mechanismOpeners() { return kMechanismOpeners; }
std::span<const Suggestion> measureSuggestions() { return kMeasureSuggestions; }
std::span<const std::string_view> numberWords() { return kNumberWords; }
std::span<const std::string_view> measurePhrases() { return kMeasurePhrases; }
std::span<const std::string_view> timeUnits() { return kTimeUnits; }

std::span<const OpenEndedTerm> openEndedTerms() { return kOpenEndedTerms; }
std::span<const Suggestion> openEndedSuggestions() { return kOpenEndedSuggestions; }
std::span<const Suggestion> openEndedMessages() { return kOpenEndedMessages; }

std::span<const std::string_view> modalVerbs() { return kModalVerbs; }
std::span<const std::string_view> caseSensitiveModals() { return kCaseSensitiveModals; }
std::span<const std::string_view> clauseJoiners() { return kClauseJoiners; }

std::span<const PeopleVerb> peopleVerbs() { return kPeopleVerbs; }
std::span<const std::string_view> passiveAuxiliaries() { return kPassiveAuxiliaries; }
std::span<const std::string_view> passiveAdverbs() { return kPassiveAdverbs; }
std::span<const std::string_view> notPeopleFollowers() { return kNotPeopleFollowers; }
std::span<const std::string_view> conditionWords() { return kConditionWords; }
std::span<const std::string_view> systemActorWords() { return kSystemActorWords; }

std::span<const std::string_view> tbdTerms() { return kTbdTerms; }
std::span<const std::string_view> decisionVerbs() { return kDecisionVerbs; }
std::span<const std::string_view> decisionFillers() { return kDecisionFillers; }

const FixedTexts& fixedTexts() { return kFixedTexts; }

}  // namespace nexus::domain::lexicon
