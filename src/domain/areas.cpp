#include "domain/areas.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace nexus::domain {
namespace {

// A keyword is a lower-case phrase matched on word boundaries; a trailing '*' makes its last
// word a prefix ("encrypt*" matches "encrypted", "encryption").
struct AreaKeywords {
  std::string_view area;
  std::vector<std::string_view> keywords;
};

// Not a phrase but a rule (onlySomeoneMay): "only the freelancer can edit", "only a manager may".
constexpr std::string_view kOnlySomeoneMay = "<only someone may>";

// A word that means something else inside a phrase: it is read as `meaning` before matching.
struct MisleadingWord {
  std::string_view phrase;
  std::string_view word;     // the word of `phrase` that misleads
  std::string_view meaning;  // what it means there; "" when it names no area at all
};

// "get paid faster" is a business outcome, not the software's speed; a "calendar view" is a
// screen, not a calendar integration.
constexpr std::array<MisleadingWord, 15> kMisleadingWords{{
    {"paid faster", "faster", ""},        {"paid quicker", "quicker", ""},
    {"paid sooner", "sooner", ""},        {"paid more quickly", "quickly", ""},
    {"paid quickly", "quickly", ""},      {"paid fast", "fast", ""},
    {"hired faster", "faster", ""},       {"done faster", "faster", ""},
    {"sell faster", "faster", ""},        {"sells faster", "faster", ""},
    {"grow faster", "faster", ""},        {"deals faster", "faster", ""},
    {"calendar view", "calendar", "screen"}, {"calendar page", "calendar", "screen"},
    {"calendar screen", "calendar", ""},
}};

// Specific keywords name an area unambiguously and win over generic ones, so that
// "protect the data" is security (protect) and not data_model (data).
const std::vector<AreaKeywords>& specificKeywords() {
  static const std::vector<AreaKeywords> table{
      {"authentication",
       {"sign in", "sign-in", "signin", "sign on", "single sign-on", "sso", "log in", "log-in", "login*",
        "logon", "log out", "logout", "password*", "passphrase*", "passkey*", "2fa", "two-factor",
        "two factor", "mfa", "multi-factor", "oauth*", "openid", "saml", "sign up", "signup", "sign-up",
        "authenticat*", "credential*", "magic link*", "biometric*", "fingerprint*", "face id", "ldap",
        "active directory", "user account*", "create an account", "register an account",
        "register for an account", "user registration", "account registration", "log into", "logged in",
        "logged into", "logged on", "log on", "logging in", "logs in", "logs out", "log the user out",
        "log users out", "user id", "login id", "identification", "username*", "user name*"}},
      {"authorization",
       {"authoriz*", "authoris*", "permission*", "role-based", "rbac", "access control*", "access right*",
        "access level*", "privilege*", "admin*", "roles", "role", "moderator*", "read-only access",
        "only the owner", "owner can", "only admins", "only managers", "allowed to", "not allowed to",
        "restricted to", "access to their own", "can only see", "can only access", "can only edit", "approv*",
        "read only", "read-only", "can only read", "can just read", "cannot edit", "can't edit",
        "cannot modify", "without modifying", "access rights",
        "only the author", "only the creator", "only their own", "only his own", "only her own",
        "only your own", "only ever see", "can only ever", "but never", "but not delete", "but cannot", "but can't",
        "each other's", "one another's", "other people's", "someone else's",
        "never see", "cannot see other*", "can't see other*", "not see other*", kOnlySomeoneMay}},
      {"security",
       {"encrypt*", "decrypt*", "secur*", "protect*", "vulnerab*", "attack*", "hack*", "breach*", "malicious",
        "malware", "virus*", "intrusion*", "audit trail*", "audit log*", "gdpr", "hipaa", "pci", "sox",
        "privacy", "private data", "confidential*", "sensitive", "tamper*", "xss", "csrf", "injection",
        "penetration test*", "tls", "ssl", "https", "firewall*", "unauthori*", "compliance", "comply",
        "data protection", "personal data", "pii", "secret*", "certificate*", "antivirus", "spam", "hashed", "hashing",
        "least * characters", "password strength", "strong password*"}},
      {"performance",
       {"latency", "response time*", "respond within", "respond in", "load in", "loads in", "load within",
        "loads within", "loading time*", "within * seconds", "millisecond*", "ms", "throughput",
        "concurrent*", "simultaneous*", "scalab*", "scale*", "scaling", "performan*", "per second",
        "per minute", "per hour", "under load", "fast", "faster", "quick*", "slow*", "lag*", "peak",
        "capacity", "real-time", "real time", "instantly", "instant", "seconds", "minutes", "high volume",
        "thousands of", "millions of", "100,000", "10,000", "1,000"}},
      {"integrations",
       {"integrat*", "slack", "stripe", "paypal", "salesforce", "google calendar", "google drive",
        "google sheets", "outlook", "microsoft teams", "zapier", "github", "gitlab", "jira", "twilio",
        "sendgrid", "mailchimp", "quickbooks", "shopify", "hubspot", "zoom", "dropbox", "webhook*",
        "third-party", "third party", "external system*", "external service*", "sync with", "synchroni*",
        // Taking card or online payments means a payment provider, whatever the app itself does.
        "pay * online", "pay online", "paid online", "online payment*", "payments online", "card payment*",
        "pay with a card", "pay with card", "pay with their card", "by card", "credit card*", "debit card*",
        "payment provider*", "payment processor*", "payment service*", "apple pay", "google pay", "mollie",
        "adyen", "braintree", "get charged", "gets charged", "be charged", "charged automatically",
        "recurring payment*", "recurring billing", "automatic payment*", "subscription billing",
        "import from", "export to", "connect to", "connects to", "plugin*", "plug-in*", "calendar*",
        "payment gateway*", "sms", "push notification*", "email notification*", "send an email",
        "send email*", "e-mail*", "notif*", "smtp", "imap", "pull * from", "pull from", "straight from",
        "come straight from", "take payment*", "payment*", "card machine*", "till", "tills", "text message*",
        "a text", "text confirmation*", "texts", "gateway*", "go into", "goes into",
        // An existing system named by how it is used: "through ParentMail, which parents already use".
        "already use", "already uses", "go out through", "goes out through", "sent through", "sent via",
        "talk to", "talks to", "its own system", "their own system", "company's system", "come across from",
        "comes across from", "goes across to", "go across to", "crm", "web feed", "monitoring", "chat between",
        }},
      {"deployment",
       {"deploy*", "hosting", "hosted", "host it", "self-host*", "on-prem*", "on prem*", "cloud", "aws",
        "azure", "gcp", "google cloud", "heroku", "vercel", "kubernetes", "k8s", "docker*", "container*",
        "ci/cd", "pipeline*", "install*", "uptime", "availability", "always available", "be available",
        "is available whenever", "available 24", "downtime", "24/7", "24x7", "backup*", "back up", "fault*",
        "failure*", "crash*", "recover*", "reliab*", "mtbf", "mean time between", "keep-alive", "internet",
        "backed up", "network*", "offline", "no signal", "no connection", "keep working", "keeps working", "major browsers", "all browsers", "any browser", "web browsers",
        "cross-browser", "browser compatib*", "platform*", "hardware", "monitor*", "disaster recovery",
        "failover", "fail over", "fault toleran*", "redundan*", "monitoring", "operating system*", "windows",
        "linux", "macos", "mac os", "unix", "release*", "upgrade*", "maintenance window*", "portab*",
        "environment*", "server*", "rollback", "roll back", "mean time", "wifi", "wi-fi", "chromebook*",
        "web app", "progressive web app", "pwa", "works on the phone", "on their phones", "on the phone",
        "app store", "play store", "phones", "laptops", "pcs", "smartphone*", "iphone*", "android",
        "react native", "power app*"}},
      {"api",
       {"api", "apis", "rest", "restful", "graphql", "grpc", "endpoint*", "sdk", "openapi", "swagger", "json",
        "rate limit*", "web service*", "http interface", "programmatic*", "cli", "command line",
        "command-line", "feed", "feeds", "open data", "export * as", "as a spreadsheet"}},
      {"ui_ux",
       {"user interface*", "ui", "ux", "screen*", "dashboard*", "button*", "layout*", "colour*", "color*",
        "font*", "theme*", "dark mode", "light mode", "responsive", "mobile-friendly", "mobile friendly",
        "accessib*", "wcag", "screen reader*", "navigat*", "menu*", "intuitive*", "easy to use",
        "user-friendly", "user friendly", "usab*", "look and feel", "drag and drop", "drag-and-drop",
        "click*", "form", "forms", "wizard*", "user onboarding", "onboarding flow*", "tooltip*", "icon*",
        "keyboard shortcut*",
        "display*", "visual*", "graphical", "gui", "web page*", "webpage*", "homepage", "home page",
        "mobile app", "ios", "android", "tablet*", "browser*", "language*", "localiz*", "localis*",
        "translat*", "help system", "tutorial*", "learn to use", "training", "list view", "board view",
        "kanban", "grid view", "map view", "timeline view", "split view", "views", "in red", "in bold",
        "bold", "red letters", "big letters", "highlight*", "graph", "graphs", "chart*", "floor plan",
        "day view", "week view", "month view", "side by side", "a map", "little map", "map showing",
        "diagram*", "leaderboard*", "a picture of", "board of", "the board", "big text", "clear text",
        "big buttons", "jargon",
        "show up", "shows up", "tick * off", "tick off", "search * by"}},
      {"data_model",
       {"database*", "postgres*", "mysql", "mariadb", "sqlite", "mongodb", "mongo", "redis", "dynamodb",
        "oracle", "sql server", "schema*", "data model*", "entity", "entities", "table", "tables", "record*",
        "field*", "attribute*", "stored", "store", "stores", "storage", "persist*", "retain*", "retention",
        "archive*", "history", "historical", "metadata", "csv", "spreadsheet*", "report*", "attachment*",
        "upload*", "file*", "document*", "attach*", "photo*", "keeps a link", "link back to", "linked to",
        "each task", "each item", "each order", "each user has",
        "exactly one", "remember*"}},
  };
  return table;
}

// Generic keywords: used only when no specific keyword matched.
const std::vector<AreaKeywords>& genericKeywords() {
  static const std::vector<AreaKeywords> table{
      {"data_model", {"data", "information", "details", "list*", "categor*", "tag*", "track*", "save*"}},
      // Not "onboarding" alone: in HR it is a process ("manage leave requests and onboarding").
      // Not "see", "show" or "view": every feature lets someone see something, so they named
      // UI/UX for statements about data or permissions ("see which invoices are overdue").
      {"ui_ux", {"page*", "look*", "mobile", "interface"}},
      {"security", {"safe*", "trust*", "private"}},
      {"performance", {"efficient*", "responsive*", "smooth*"}},
      {"authentication", {"account", "accounts", "account's", "profile*"}},  // not "accountants"
      {"authorization", {"their own", "his own", "her own", "your own", "his/her own"}},
      {"integrations",
       {"email*", "import", "imports", "importing", "imported", "export*", "connect*", "message*"}},
  };
  return table;
}

bool matchesKeyword(std::string_view lowerText, std::string_view keyword) {
  if (keyword.empty()) return false;
  if (keyword.back() != '*') {
    return text::containsPhrase(lowerText, keyword);
  }
  // Prefix form: the phrase must start on a word boundary; its last word may continue.
  const std::string_view stem = keyword.substr(0, keyword.size() - 1);
  if (stem.find('*') != std::string_view::npos || stem.find(" * ") != std::string_view::npos) return false;
  for (std::size_t pos = lowerText.find(stem); pos != std::string_view::npos;
       pos = lowerText.find(stem, pos + 1)) {
    const char before = pos == 0 ? ' ' : lowerText[pos - 1];
    if (!((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'))) return true;
  }
  return false;
}

// "within * seconds": a single wildcard word in the middle.
bool matchesWildcardPhrase(std::string_view lowerText, std::string_view keyword) {
  const std::size_t star = keyword.find(" * ");
  if (star == std::string_view::npos) return false;
  const std::string_view head = keyword.substr(0, star);
  const std::string_view tail = keyword.substr(star + 3);
  const auto words = text::words(lowerText);
  const auto headWords = text::words(head);
  const auto tailWords = text::words(tail);
  if (headWords.size() != 1 || tailWords.size() != 1) return false;
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    if (words[i] == headWords[0] && words[i + 2] == tailWords[0]) return true;
  }
  return false;
}

// "Only <someone> can/may ...": at most four words naming who ("only the patient's own
// therapist"), opening the statement or a clause ("..., and only the owner may ..."); "only 5
// people can" is a number, not a role.
bool onlySomeoneMay(std::string_view lowerText) {
  static constexpr std::array<std::string_view, 7> kModals{"can",  "may",  "could", "should",
                                                           "must", "will", "shall"};
  static constexpr std::array<std::string_view, 6> kClauseStarts{"and", "but",   "that",
                                                                 "so",  "where", "while"};
  const auto words = text::words(lowerText);
  const auto isOneOf = [](const auto& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] != "only" || (i > 0 && !isOneOf(kClauseStarts, words[i - 1]))) continue;
    for (std::size_t k = i + 1; k < words.size() && k <= i + 7; ++k) {
      const std::string& word = words[k];
      if (word.empty() || (word[0] >= '0' && word[0] <= '9')) break;
      if (!isOneOf(kModals, word)) continue;
      if (k == i + 1) break;  // "only can": no one named
      return true;
    }
  }
  return false;
}

std::string withoutMisleadingWords(std::string lower) {
  const auto isLetter = [](char c) { return c >= 'a' && c <= 'z'; };
  for (const auto& [phrase, word, meaning] : kMisleadingWords) {
    for (std::size_t pos = lower.find(phrase); pos != std::string::npos; pos = lower.find(phrase, pos + 1)) {
      const std::size_t end = pos + phrase.size();
      if ((pos > 0 && isLetter(lower[pos - 1])) || (end < lower.size() && isLetter(lower[end]))) continue;
      const std::string replacement = meaning.empty() ? std::string(word.size(), ' ') : std::string(meaning);
      lower.replace(lower.find(word, pos), word.size(), replacement);
    }
  }
  return lower;
}

struct AreaHit {
  std::string_view area;
  std::size_t count = 0;
};

std::vector<AreaHit> scoreAreas(std::string_view lowerText, const std::vector<AreaKeywords>& table) {
  std::vector<AreaHit> hits;
  for (const auto& entry : table) {
    AreaHit hit{entry.area, 0};
    for (const auto keyword : entry.keywords) {
      const bool wildcard = keyword.find(" * ") != std::string_view::npos;
      const bool matched = keyword == kOnlySomeoneMay ? onlySomeoneMay(lowerText)
                           : wildcard                 ? matchesWildcardPhrase(lowerText, keyword)
                                                      : matchesKeyword(lowerText, keyword);
      if (matched) ++hit.count;
    }
    if (hit.count > 0) hits.push_back(hit);
  }
  // More keywords first; on a tie, the table's order, which puts the narrower areas (sign-in,
  // security, speed) before the broad ones (screens, data) that many statements touch in passing.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const AreaHit& a, const AreaHit& b) { return a.count > b.count; });
  return hits;
}

}  // namespace

bool isStandardArea(std::string_view area) {
  return std::find(kStandardAreas.begin(), kStandardAreas.end(), area) != kStandardAreas.end();
}

std::optional<std::string> normalizeArea(std::string_view area) {
  std::string key;
  for (char c : text::trim(area)) {
    if (c >= 'A' && c <= 'Z') {
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    } else if (c == ' ' || c == '-' || c == '/' || c == '_' || c == '&' || c == '.') {
      if (!key.empty() && key.back() != '_') key.push_back('_');
    } else {
      return std::nullopt;
    }
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  if (key.empty() || key.size() > 64) return std::nullopt;

  static const std::vector<std::pair<std::string_view, std::string_view>> kAliases{
      {"auth", "authentication"},     {"authn", "authentication"},    {"login", "authentication"},
      {"identity", "authentication"}, {"authz", "authorization"},     {"authorisation", "authorization"},
      {"permissions", "authorization"}, {"access_control", "authorization"}, {"data", "data_model"},
      {"datamodel", "data_model"},    {"database", "data_model"},     {"data_storage", "data_model"},
      {"storage", "data_model"},      {"apis", "api"},                {"ui", "ui_ux"},
      {"ux", "ui_ux"},                {"ui_and_ux", "ui_ux"},         {"user_interface", "ui_ux"},
      {"usability", "ui_ux"},         {"design", "ui_ux"},            {"perf", "performance"},
      {"scalability", "performance"}, {"integration", "integrations"}, {"third_party", "integrations"},
      {"deploy", "deployment"},       {"operations", "deployment"},   {"infrastructure", "deployment"},
      {"hosting", "deployment"},      {"privacy", "security"},        {"compliance", "security"},
  };
  for (const auto& [alias, canonical] : kAliases) {
    if (alias == key) return std::string(canonical);
  }
  return key;
}

std::string areaLabel(std::string_view area) {
  if (area == "ui_ux") return "UI/UX";
  if (area == "api") return "API";
  std::string label(area);
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::optional<std::string> inferArea(std::string_view text) {
  auto areas = inferAreas(text);
  if (areas.empty()) return std::nullopt;
  return std::move(areas.front());
}

namespace {

std::vector<std::string> areasFrom(std::string_view text, bool withGeneric) {
  const std::string lower = withoutMisleadingWords(text::toLower(text));
  std::vector<std::string> areas;
  for (const auto* table : {&specificKeywords(), &genericKeywords()}) {
    if (table == &genericKeywords() && !withGeneric) break;
    for (const auto& hit : scoreAreas(lower, *table)) {
      if (std::find(areas.begin(), areas.end(), hit.area) == areas.end()) areas.emplace_back(hit.area);
    }
  }
  return areas;
}

}  // namespace

std::vector<std::string> inferAreas(std::string_view text) { return areasFrom(text, true); }

std::vector<std::string> inferSpecificAreas(std::string_view text) { return areasFrom(text, false); }

}  // namespace nexus::domain
