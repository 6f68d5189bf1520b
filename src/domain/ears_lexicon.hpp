#pragma once
// The words the EARS rules (ears.cpp) recognise; each list names the class of statement it serves.

#include <array>
#include <string_view>

namespace nexus::domain::ears_lexicon {


// Words that open a statement without changing it ("Also, …", "And patients …").
inline constexpr std::array<std::string_view, 10> kDiscourseMarkers{"and", "also", "so", "but", "plus", "oh",
                                                              "well", "obviously", "basically", "then"};

// A wish, not a requirement yet: EARS would turn it into a "shall" the person did not say.
inline constexpr std::array<std::string_view, 12> kWishPhrases{
    "maybe",       "perhaps",   "possibly",         "eventually",        "hopefully",      "later on",
    "one day",     "some day",  "nice to have",     "in the future",     "if possible",    "where possible"};

// The subject of a response that is the system itself (its name may be longer: "the mobile app").
inline constexpr std::array<std::string_view, 16> kSystemNouns{
    "system", "app",  "application", "software", "tool",    "platform", "portal", "website",
    "site",   "service", "product",  "program",  "backend", "api",      "it",     "this"};

// The speaker and their organisation: "we need to …" asks the system to let them, or to be so.
inline constexpr std::array<std::string_view, 6> kSpeakers{"i", "we", "i'd", "we'd", "i'll", "we'll"};

// What a speaker says the system itself does or is: "we need to comply with GDPR" is the
// system complying, not the system letting them comply.
inline constexpr std::array<std::string_view, 12> kSystemVerbs{"use",  "run",    "support", "integrate", "comply", "keep",
                                                        "store", "work",  "be",      "have",      "connect", "sync"};

// Verbs that open an instruction to the system ("If the card is declined, show …").
inline constexpr std::array<std::string_view, 32> kImperatives{
    "show",    "send",   "display", "notify", "alert",   "warn",    "email",  "block",
    "lock",    "log",    "record",  "keep",   "store",   "save",    "remind", "ask",
    "tell",    "reject", "refuse",  "retry",  "offer",   "prevent", "stop",   "highlight",
    "flag",    "hide",   "redirect", "update", "archive", "queue",  "sync",   "text"};

// Adverbs between a modal and its verb, kept where the person put them.
inline constexpr std::array<std::string_view, 12> kAdverbs{"still",  "always", "never",   "also",   "only", "automatically",
                                                    "immediately", "quickly", "easily", "just", "really", "instantly"};

// A condition that describes something going wrong: EARS's unwanted behaviour (If … then).
inline constexpr std::array<std::string_view, 46> kUnwantedWords{
    "fail",       "fails",     "failed",    "failure",      "error",     "errors",     "crash",   "crashes",
    "crashed",    "down",      "lost",      "lose",         "loses",     "invalid",    "wrong",   "incorrect",
    "expired",    "expires",   "unavailable", "declined",   "rejected",  "timeout",    "missing", "stolen",
    "breach",     "unauthorised", "unauthorized", "exceeds", "exceeded", "overdue",    "corrupt", "corrupted",
    "drops",      "interrupted", "bounces",  "not",          "no",        "never",      "cannot",  "unable",
    "forgets",    "mistake",   "fraud",     "suspicious",   "stops",     "stopped"};

// A condition that names a feature the product may have: EARS's optional feature (Where …).
inline constexpr std::array<std::string_view, 14> kFeatureWords{
    "enabled",  "installed", "activated", "configured", "subscribed", "licensed", "purchased",
    "premium",  "plan",      "module",    "add-on",     "addon",      "option",   "edition"};

// After "is"/"are": the condition is a state that lasts (While …), not an event.
inline constexpr std::array<std::string_view, 30> kStateWords{
    "offline", "online",   "open",     "closed",   "logged",    "signed",    "connected", "disconnected",
    "locked",  "unlocked", "paused",   "active",   "inactive",  "idle",      "busy",      "full",
    "empty",   "running",  "charging", "on",       "away",      "abroad",    "roaming",   "driving",
    "moving",  "pending",  "available", "in",      "travelling", "traveling"};

}  // namespace nexus::domain::ears_lexicon
