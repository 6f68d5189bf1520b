#include "domain/conflict_slots.hpp"

namespace nexus::domain::conflicts {

// ---- exclusive-choice ---------------------------------------------------------------------

const std::vector<Slot>& singleValuedSlots() {
  static const std::vector<Slot> slots{
      // The primary databases at the top of the DB-Engines ranking. Redis is left out: it is a
      // cache or queue beside the database far more often than the database itself. Bare
      // "Firebase" is left out too: it is as often its sign-in or push messages.
      {.name = "database",
       .plural = "databases",
       .why = "a project uses one",
       .masks = {"oracle cloud"},
       .values = {{.name = "PostgreSQL", .phrases = {"postgresql", "postgres", "postgre sql"}},
                  {.name = "MySQL", .phrases = {"mysql"}},
                  {.name = "MariaDB", .phrases = {"mariadb", "maria db"}},
                  {.name = "SQLite", .phrases = {"sqlite"}},
                  {.name = "MongoDB", .phrases = {"mongodb", "mongo db", "mongo"}},
                  {.name = "Oracle", .phrases = {"oracle", "oracle database", "oracle db"}},
                  {.name = "SQL Server", .phrases = {"sql server", "mssql", "ms sql"}},
                  {.name = "DynamoDB", .phrases = {"dynamodb", "dynamo db"}},
                  {.name = "Firestore",
                   .phrases = {"firestore", "firebase database", "firebase realtime database"}},
                  {.name = "Cassandra", .phrases = {"cassandra"}}}},
      // The public clouds with the largest shares (Synergy Research) and the hosts small teams
      // name in interviews. "Azure AD" is a sign-in service, not where the system runs.
      {.name = "cloud provider",
       .plural = "cloud providers",
       .why = "the system is hosted with one",
       .perComponent = true,
       .masks = {"azure ad", "azure active directory"},
       .values = {{.name = "AWS", .phrases = {"aws", "amazon web services"}},
                  {.name = "Azure", .phrases = {"azure", "microsoft azure"}},
                  {.name = "Google Cloud",
                   .phrases = {"google cloud", "gcp", "google cloud platform", "google app engine"}},
                  {.name = "DigitalOcean", .phrases = {"digitalocean", "digital ocean"}},
                  {.name = "Heroku", .phrases = {"heroku"}},
                  {.name = "Hetzner", .phrases = {"hetzner"}},
                  {.name = "IBM Cloud", .phrases = {"ibm cloud"}}}},
      // Where it runs: the brief's on-premise versus cloud. A named public cloud is the cloud.
      {.name = "hosting",
       .plural = "ways of hosting",
       .why = "the system runs in one place",
       .perComponent = true,
       .masks = {"azure ad"},
       .values = {{.name = "on-premise",
                   .phrases = {"on premise", "on premises", "on prem", "onprem", "our own servers",
                               "our own server", "own servers", "self hosted", "in house servers",
                               "our own data center", "our own data centre", "our data center",
                               "our data centre", "local servers", "on site servers"}},
                  {.name = "cloud",
                   .phrases = {"in the cloud", "cloud hosted", "cloud based", "cloud hosting", "saas",
                               "public cloud", "cloud servers", "aws", "amazon web services", "azure",
                               "google cloud", "gcp", "digitalocean", "digital ocean", "heroku"}}}},
      // The brief's platform-only slot: a plain mention ("an Android app") is no claim that it is
      // the only platform, so it conflicts only with another platform said to be the only one.
      {.name = "platform",
       .plural = "platforms",
       .why = "a platform said to be the only one rules out the other",
       .mentionsAreExclusive = false,
       .values =
           {{.name = "Android",
             .phrases = {"android app", "android apps", "on android", "for android", "android version"},
             .onlyPhrases = {"only android", "android only", "only on android", "only for android",
                             "only an android app", "exclusively on android", "just android",
                             "only run on android", "only runs on android"},
             .compatibleWith = {"mobile"}},
            {.name = "iOS",
             .phrases = {"ios app", "ios apps", "on ios", "for ios", "iphone app", "iphone apps", "on iphone",
                         "on the iphone", "for iphone", "ios version"},
             .onlyPhrases = {"only ios", "ios only", "only on ios", "only for ios", "only iphone",
                             "iphone only", "only on iphone", "only on the iphone", "only for iphone",
                             "only an iphone app", "only an ios app", "exclusively on ios", "just ios",
                             "only run on ios", "only runs on ios"},
             .compatibleWith = {"mobile"}},
            {.name = "web",
             .phrases = {"web app", "web application", "in the browser", "browser based", "web version"},
             .onlyPhrases = {"only web", "web only", "only on the web", "only a web app", "only as a web app",
                             "web app only", "only in the browser", "browser only", "only a website",
                             "only web based", "just a web app"}},
            {.name = "mobile",
             .phrases = {"mobile app", "mobile apps", "mobile application", "native app", "phone app",
                         "smartphone app"},
             .onlyPhrases = {"only mobile", "mobile only", "only a mobile app", "mobile app only",
                             "only on mobile", "only as a mobile app", "only on phones", "just a mobile app"},
             .compatibleWith = {"Android", "iOS"}},
            {.name = "desktop",
             .phrases = {"desktop app", "desktop application", "desktop version"},
             .onlyPhrases = {"only desktop", "desktop only", "only a desktop app", "only on desktop",
                             "desktop app only"}}}},
      // The languages of the brief; a language names the backend only where the statement says
      // what is written in it, and never a front end, script, SDK or test.
      {.name = "backend language",
       .plural = "programming languages",
       .why = "the backend is written in one",
       .perComponent = true,
       .context = {"written in", "written using", "built in", "built with", "built using", "implemented in",
                   "implemented with", "developed in", "developed with", "coded in", "programmed in",
                   "backend", "back end", "server side", "programming language"},
       .otherTopics = {"frontend",
                       "front end",
                       "client side",
                       "mobile app",
                       "ios app",
                       "android app",
                       "script",
                       "scripts",
                       "sdk",
                       "sdks",
                       "test",
                       "tests",
                       "library",
                       "libraries",
                       "plugin",
                       "plugins",
                       "machine learning",
                       "data science",
                       "notebook",
                       "notebooks"},
       .values = {{.name = "Java", .phrases = {"java"}},
                  {.name = "Python", .phrases = {"python", "django", "flask", "fastapi"}},
                  {.name = "Go", .phrases = {"golang", "in go", "with go", "using go", "go backend"}},
                  {.name = "C#", .phrases = {"csharp", "dotnet", "asp dotnet"}},
                  {.name = "Node.js", .phrases = {"node", "node js", "nodejs", "javascript", "typescript"}},
                  {.name = "Ruby", .phrases = {"ruby", "rails", "ruby on rails"}},
                  {.name = "PHP", .phrases = {"php", "laravel", "symfony"}},
                  {.name = "Rust", .phrases = {"rust"}},
                  {.name = "C++", .phrases = {"cpp"}}}},
      // The four front-end frameworks of the brief and the meta-frameworks built on them.
      // "react to" is a verb; React Native is a mobile toolkit, not a web front end.
      {.name = "frontend framework",
       .plural = "front-end frameworks",
       .why = "the front end is built with one",
       .masks = {"react to", "react with", "react on", "react native", "react quickly"},
       .values = {{.name = "React", .phrases = {"react", "react js", "reactjs", "next js", "nextjs"}},
                  {.name = "Angular", .phrases = {"angular", "angularjs", "angular js"}},
                  {.name = "Vue", .phrases = {"vue", "vue js", "vuejs", "nuxt"}},
                  {.name = "Svelte", .phrases = {"svelte", "sveltekit"}}}},
      // Data residency: a region names where data is kept only beside a word of keeping or
      // hosting, and not when it names people ("EU customers") or law ("EU regulations").
      {.name = "data region",
       .plural = "regions",
       .why = "the data is kept in one",
       .context = {"hosted",      "host",       "hosting", "stored",  "store",     "stay",   "stays",
                   "remain",      "remains",    "reside",  "resides", "residency", "region", "data center",
                   "data centre", "datacenter", "servers", "server",  "located",   "kept",   "keep"},
       .masks = {"eu customers", "eu users", "eu citizens", "eu residents", "eu regulations", "eu law",
                 "eu laws", "european customers", "european users", "us customers", "us users", "us citizens",
                 "us law", "uk customers", "uk users", "uk law", "us dollars"},
       .values = {{.name = "EU",
                   .phrases = {"eu", "european union", "europe", "european", "the eu", "eea"},
                   .compatibleWith = {"Germany"}},
                  {.name = "US",
                   .phrases = {"usa", "united states", "the us", "in us", "us east", "us west", "us based",
                               "us region", "america"}},
                  {.name = "UK", .phrases = {"uk", "united kingdom", "britain", "great britain"}},
                  {.name = "Canada", .phrases = {"canada"}},
                  {.name = "Australia", .phrases = {"australia"}},
                  {.name = "Switzerland", .phrases = {"switzerland", "swiss"}},
                  {.name = "Germany", .phrases = {"germany", "german"}, .compatibleWith = {"EU"}}}},
  };
  return slots;
}

const Phrases& componentNoise() {
  static const Phrases words{
      "run",        "runs",     "running",        "deploy",  "deployed",    "deploys",   "deployment",
      "host",       "hosted",   "hosts",          "hosting", "everything",  "data",      "server",
      "servers",    "written",  "write",          "built",   "implemented", "developed", "coded",
      "programmed", "backend",  "back",           "end",     "side",        "language",  "programming",
      "cloud",      "provider", "infrastructure", "live",    "lives",       "whole",     "entire"};
  return words;
}

const Phrases& valueNegations() {
  static const Phrases words{"not",     "no",        "never",   "don't",  "doesn't", "won't",   "wont",
                             "without", "instead",   "rather",  "except", "avoid",   "nor",     "isn't",
                             "aren't",  "shouldn't", "mustn't", "cannot", "can't",   "neither", "against"};
  return words;
}

const Phrases& valueNegationsAfter() {
  static const Phrases words{"is not",      "are not",    "isn't",        "aren't",   "will not", "won't",
                             "wont",        "should not", "shouldn't",    "must not", "mustn't",  "is never",
                             "is excluded", "is out",     "is ruled out", "cannot",   "can't",    "can not"};
  return words;
}

const Phrases& valueSources() {
  static const Phrases words{
      "from",      "migrate",     "migrating",   "migrated", "migration", "import",      "importing",
      "imported",  "legacy",      "old",         "replace",  "replaces",  "replacing",   "replaced",
      "integrate", "integrating", "integration", "sync",     "syncing",   "synchronise", "synchronize",
      "export",    "exporting",   "exported",    "than",     "like",      "compatible",  "currently",
      "unlike",    "versus",      "vs"};
  return words;
}

// ---- numeric ------------------------------------------------------------------------------

// SI and the everyday units of requirements; sizes in decimal multiples (as storage vendors
// sell them), a month of 30 days and a year of 365. People and request counts are units too.
const std::vector<Unit>& units() {
  static const std::vector<Unit> table{
      {"ms", "time", 1},           {"msec", "time", 1},
      {"millisecond", "time", 1},  {"milliseconds", "time", 1},
      {"s", "time", 1e3},          {"sec", "time", 1e3},
      {"secs", "time", 1e3},       {"second", "time", 1e3},
      {"seconds", "time", 1e3},    {"min", "time", 6e4},
      {"mins", "time", 6e4},       {"minute", "time", 6e4},
      {"minutes", "time", 6e4},    {"h", "time", 3.6e6},
      {"hr", "time", 3.6e6},       {"hrs", "time", 3.6e6},
      {"hour", "time", 3.6e6},     {"hours", "time", 3.6e6},
      {"day", "time", 8.64e7},     {"days", "time", 8.64e7},
      {"week", "time", 6.048e8},   {"weeks", "time", 6.048e8},
      {"month", "time", 2.592e9},  {"months", "time", 2.592e9},
      {"year", "time", 3.1536e10}, {"years", "time", 3.1536e10},
      {"kb", "size", 1},           {"kilobyte", "size", 1},
      {"kilobytes", "size", 1},    {"mb", "size", 1e3},
      {"megabyte", "size", 1e3},   {"megabytes", "size", 1e3},
      {"gb", "size", 1e6},         {"gigabyte", "size", 1e6},
      {"gigabytes", "size", 1e6},  {"tb", "size", 1e9},
      {"terabyte", "size", 1e9},   {"terabytes", "size", 1e9},
      {"%", "percent", 1},         {"percent", "percent", 1},
      {"users", "users", 1},       {"user", "users", 1},
      {"people", "users", 1},      {"persons", "users", 1},
      {"members", "users", 1},     {"customers", "users", 1},
      {"visitors", "users", 1},    {"clients", "users", 1},
      {"students", "users", 1},    {"patients", "users", 1},
      {"employees", "users", 1},   {"players", "users", 1},
      {"connections", "users", 1}, {"requests", "requests", 1},
      {"request", "requests", 1},  {"transactions", "requests", 1},
      {"orders", "requests", 1},   {"messages", "requests", 1},
      {"queries", "requests", 1},  {"calls", "requests", 1},
      {"events", "requests", 1},   {"jobs", "requests", 1},
  };
  return table;
}

const std::vector<Rate>& rates() {
  static const std::vector<Rate> table{
      {"per second", 1},        {"a second", 1},        {"per sec", 1},           {"per minute", 1.0 / 60},
      {"a minute", 1.0 / 60},   {"per min", 1.0 / 60},  {"per hour", 1.0 / 3600}, {"an hour", 1.0 / 3600},
      {"per day", 1.0 / 86400}, {"a day", 1.0 / 86400},
  };
  return table;
}

const Phrases& rateFamilies() {
  static const Phrases families{"requests"};
  return families;
}

const std::vector<NumberWord>& numberWords() {
  static const std::vector<NumberWord> table{
      {"one", 1},     {"two", 2},     {"three", 3},  {"four", 4},    {"five", 5},      {"six", 6},
      {"seven", 7},   {"eight", 8},   {"nine", 9},   {"ten", 10},    {"twelve", 12},   {"fifteen", 15},
      {"twenty", 20}, {"thirty", 30}, {"sixty", 60}, {"ninety", 90}, {"hundred", 100},
  };
  return table;
}

// The measurable qualities of ISO/IEC 25010 that interviews put numbers on: time behaviour
// (response, recovery), capacity (users, requests, sizes), availability, and the retention and
// session rules of privacy and security reviews. Listed most specific first: a tie in distance
// goes to the earlier metric.
const std::vector<Metric>& metrics() {
  static const std::vector<Metric> table{
      {"session timeout",
       "time",
       Direction::Exactly,
       {"session", "sessions", "timeout", "time out", "timed out", "idle", "inactivity", "inactive",
        "logged out", "log out", "logs out", "logout", "auto logout", "automatic logout"},
       {}},
      {"recovery time",
       "time",
       Direction::AtMost,
       {"restore", "restored", "recover", "recovered", "recovery", "rto", "back online"},
       {}},
      {"retention period",
       "time",
       Direction::AtLeast,
       {"retain",     "retained", "retention", "keep",      "kept",    "store",     "stored",     "archive",
        "archived",   "history",  "preserve",  "preserved", "delete",  "deleted",   "deletes",    "purge",
        "purged",     "remove",   "removed",   "erase",     "erased",  "anonymise", "anonymised", "anonymize",
        "anonymized", "expire",   "expires",   "expired",   "destroy", "destroyed"},
       {"delete", "deleted", "deletes", "purge", "purged", "remove", "removed", "erase", "erased",
        "anonymise", "anonymised", "anonymize", "anonymized", "expire", "expires", "expired", "destroy",
        "destroyed"}},
      {"response time",
       "time",
       Direction::AtMost,
       {"load",      "loads",    "loaded",   "loading",   "respond",   "responds", "response", "responses",
        "latency",   "render",   "renders",  "rendered",  "open",      "opens",    "appear",   "appears",
        "displayed", "return",   "returns",  "returned",  "take",      "takes",    "fast",     "faster",
        "finish",    "finishes", "complete", "completes", "processed", "generate", "generated"},
       {}},
      {"availability",
       "percent",
       Direction::AtLeast,
       {"available", "availability", "uptime", "up time", "online", "sla"},
       {}},
      {"test coverage", "percent", Direction::AtLeast, {"coverage", "covered"}, {}},
      {"file size",
       "size",
       Direction::AtMost,
       {"file", "files", "upload", "uploads", "uploaded", "attachment", "attachments", "photo", "photos",
        "image", "images", "video", "videos", "document", "documents", "size"},
       {}},
      {"storage space", "size", Direction::AtLeast, {"storage", "quota", "space", "disk"}, {}},
      {"number of registered users",
       "users",
       Direction::AtLeast,
       {"registered", "accounts", "total", "in total", "sign ups"},
       {}},
      {"number of simultaneous users",
       "users",
       Direction::AtLeast,
       {"concurrent", "concurrently", "simultaneous", "simultaneously", "at the same time", "at once",
        "online", "support", "supports", "handle", "handles", "serve", "serves", "active"},
       {}},
      {"request rate",
       "requests",
       Direction::AtLeast,
       {"handle", "handles", "process", "processes", "support", "supports", "throughput", "serve", "serves",
        "accept", "accepts", "receive", "receives", "send", "sends"},
       {}},
  };
  return table;
}

// The comparison words of English requirements (as in EARS and ISO/IEC/IEEE 29148 examples);
// the longest one that ends right before the number wins ("no more than" over "more than").
const std::vector<BoundCue>& boundsBefore() {
  using enum Direction;
  static const std::vector<BoundCue> table{
      {"under", AtMost},           {"in under", AtMost},        {"below", AtMost},
      {"less than", AtMost},       {"in less than", AtMost},    {"fewer than", AtMost},
      {"within", AtMost},          {"at most", AtMost},         {"up to", AtMost},
      {"no more than", AtMost},    {"not more than", AtMost},   {"no longer than", AtMost},
      {"not longer than", AtMost}, {"no later than", AtMost},   {"not exceed", AtMost},
      {"never exceed", AtMost},    {"not to exceed", AtMost},   {"maximum", AtMost},
      {"maximum of", AtMost},      {"a maximum of", AtMost},    {"max", AtMost},
      {"max of", AtMost},          {"shorter than", AtMost},    {"faster than", AtMost},
      {"at the most", AtMost},     {"smaller than", AtMost},    {"no bigger than", AtMost},
      {"no larger than", AtMost},  {"not larger than", AtMost}, {"limited to", AtMost},
      {"capped at", AtMost},       {"a limit of", AtMost},      {"lower than", AtMost},
      {"no higher than", AtMost},  {"at least", AtLeast},       {"minimum", AtLeast},
      {"minimum of", AtLeast},     {"a minimum of", AtLeast},   {"more than", AtLeast},
      {"over", AtLeast},           {"above", AtLeast},          {"greater than", AtLeast},
      {"longer than", AtLeast},    {"no less than", AtLeast},   {"not less than", AtLeast},
      {"no fewer than", AtLeast},  {"not fewer than", AtLeast}, {"upwards of", AtLeast},
      {"in excess of", AtLeast},   {"exceed", AtLeast},         {"exceeds", AtLeast},
      {"higher than", AtLeast},    {"larger than", AtLeast},    {"bigger than", AtLeast},
      {"beyond", AtLeast},         {"exactly", Exactly},        {"precisely", Exactly},
  };
  return table;
}

const std::vector<BoundCue>& boundsAfter() {
  using enum Direction;
  static const std::vector<BoundCue> table{
      {"or less", AtMost},  {"or fewer", AtMost},    {"or shorter", AtMost}, {"or faster", AtMost},
      {"at most", AtMost},  {"at the most", AtMost}, {"max", AtMost},        {"maximum", AtMost},
      {"tops", AtMost},     {"or more", AtLeast},    {"or longer", AtLeast}, {"at least", AtLeast},
      {"minimum", AtLeast}, {"or higher", AtLeast},  {"or above", AtLeast},
  };
  return table;
}

const Phrases& permissionCues() {
  static const Phrases cues{
      "may",       "acceptable", "is fine",    "are fine",        "fine",       "ok",
      "okay",      "is enough",  "are enough", "good enough",     "sufficient", "suffices",
      "tolerable", "tolerated",  "can take",   "allowed to take", "is allowed", "are allowed"};
  return cues;
}

// ---- polarity -----------------------------------------------------------------------------

// The capabilities interviews most often switch on or off (the brief's list, and the features
// of DESIGN.md's examples), each with the ways people name it. Longer phrases are tried first,
// so "email notifications" is not read as plain "notifications".
const std::vector<Capability>& capabilities() {
  static const std::vector<Capability> table{
      {"registration",
       "registration",
       {"sign up", "signup", "signs up", "signing up", "register", "registers", "registration",
        "self registration", "create an account", "create accounts", "creating an account"}},
      {"two-factor",
       "two-factor authentication",
       {"two factor", "2fa", "2 fa", "mfa", "multi factor", "two step verification", "second factor"}},
      {"sign-in", "signing in", {"sign in",  "signin",         "signs in",      "signing in",     "signed in",
                                 "sign on",  "single sign on", "sso",           "log in",         "login",
                                 "logins",   "logs in",        "logging in",    "logged in",      "log on",
                                 "logon",    "authenticate",   "authenticated", "authentication", "account",
                                 "accounts", "user account",   "user accounts"}},
      {"offline",
       "working offline",
       {"offline", "off line", "without internet", "without an internet connection", "without a connection",
        "without connectivity", "without network", "no internet", "no connection"}},
      {"dark-mode", "a dark mode", {"dark mode", "dark theme", "night mode"}},
      {"push-notifications",
       "push notifications",
       {"push notification", "push notifications", "push messages"}},
      {"email-notifications",
       "email notifications",
       {"email notification", "email notifications", "e mail notifications", "notification email",
        "notification emails", "email alert", "email alerts"}},
      {"notifications", "notifications", {"notification", "notifications", "notify", "notified"}},
      {"export", "export", {"export", "exports", "exporting", "exported"}},
      {"mobile-app",
       "a mobile app",
       {"mobile app", "mobile apps", "mobile application", "native app", "native apps", "phone app",
        "smartphone app", "app for phones", "mobile version"}},
      {"payments",
       "payments",
       {"payment", "payments", "pay online", "online payment", "online payments", "card payment",
        "card payments"}},
      {"chat", "chat", {"chat", "live chat", "messaging", "instant messaging"}},
      {"languages",
       "more than one language",
       {"multiple languages", "several languages", "multi language", "multilingual", "translation",
        "translations", "localisation", "localization", "i18n"}},
      {"search", "search", {"search", "search function", "searching"}},
      {"uploads",
       "file uploads",
       {"upload", "uploads", "uploading", "file upload", "file uploads", "attach files", "attachments"}},
  };
  return table;
}

const Phrases& negationWords() {
  static const Phrases words{"not",       "never",    "don't",   "doesn't", "didn't", "won't",  "wont",
                             "shouldn't", "mustn't",  "needn't", "isn't",   "aren't", "wasn't", "cannot",
                             "can't",     "couldn't", "none",    "nor",     "neither"};
  return words;
}

const Phrases& negatingDeterminers() {
  static const Phrases words{"no", "without"};
  return words;
}

const Phrases& exclusionPhrases() {
  static const Phrases phrases{"out of scope", "not in scope",   "no need",       "not needed",
                               "not required", "not necessary",  "unnecessary",   "not a requirement",
                               "isn't needed", "isn't required", "aren't needed", "aren't required"};
  return phrases;
}

const Phrases& falseNegations() {
  static const Phrases phrases{"no more than",   "not more than",   "no less than",    "not less than",
                               "no longer than", "not longer than", "no later than",   "not later than",
                               "no fewer than",  "not fewer than",  "not exceed",      "never exceed",
                               "not to exceed",  "not only",        "not just",        "no matter",
                               "no bigger than", "no larger than",  "not larger than", "not bigger than",
                               "no higher than"};
  return phrases;
}

const Phrases& fillerWords() {
  static const Phrases words{
      // articles, conjunctions, prepositions
      "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "into",
      "onto", "about", "via", "through", "up", "out", "so", "then", "than", "when", "while", "if",
      // pronouns and quantifiers
      "it", "its", "they", "them", "their", "we", "our", "us", "i", "me", "my", "you", "your", "he", "she",
      "his", "her", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom",
      "whose", "how", "why", "every", "all", "any", "some", "each", "both", "either",
      // modal and auxiliary verbs
      "be", "is", "are", "was", "were", "been", "being", "am", "do", "does", "did", "doing", "have", "has",
      "had", "having", "will", "would", "shall", "should", "must", "may", "might", "can", "could", "need",
      "needs", "needed", "require", "requires", "required", "necessary", "want", "wants", "wanted", "like",
      "please", "also", "just", "only", "always", "still", "even",
      // light verbs: what is done matters less than what it is done to
      "able", "ability", "allow", "allows", "allowed", "support", "supports", "supported", "provide",
      "provides", "provided", "offer", "offers", "offered", "include", "includes", "included", "work",
      "works", "working", "worked", "use", "uses", "used", "using", "get", "gets", "got", "receive",
      "receives", "received", "send", "sends", "sent", "show", "shows", "shown", "make", "makes", "made",
      "enable", "enables", "enabled", "implement", "implemented", "build", "built", "add", "added", "access",
      "available", "possible",
      // the generic nouns of every statement
      "app", "apps", "application", "applications", "system", "systems", "platform", "product", "software",
      "tool", "service", "services", "site", "website", "feature", "features", "function", "functions",
      "functionality", "option", "options", "possibility", "time"};
  return words;
}

// ---- access -------------------------------------------------------------------------------

// Who "everyone" is in a statement that grants something to all (the brief's "every user",
// "all users", "anyone", "any member"). Not "registered users": that is a role.
const Phrases& everyonePhrases() {
  static const Phrases phrases{"everyone",         "everybody",       "anyone",       "anybody",
                               "every user",       "all users",       "any user",     "each user",
                               "every member",     "all members",     "any member",   "each member",
                               "every employee",   "all employees",   "any employee", "every team member",
                               "all team members", "any team member", "all staff",    "every customer",
                               "all customers",    "any customer"};
  return phrases;
}

const Phrases& accessModals() {
  static const Phrases words{"can", "may", "could", "are", "is", "will", "shall", "should", "must"};
  return words;
}

const Phrases& accessLinkWords() {
  static const Phrases words{"be",  "able", "to",    "allowed",    "permitted", "have",
                             "has", "the",  "right", "permission", "also",      "get"};
  return words;
}

// The CRUD verbs and their everyday synonyms, active and past participle.
const std::vector<WordAlias>& actionAliases() {
  static const std::vector<WordAlias> table{
      {"remove", "delete"},    {"erase", "delete"},     {"deleted", "delete"},      {"removed", "delete"},
      {"erased", "delete"},    {"modify", "edit"},      {"change", "edit"},         {"update", "edit"},
      {"edited", "edit"},      {"modified", "edit"},    {"changed", "edit"},        {"updated", "edit"},
      {"see", "view"},         {"read", "view"},        {"viewed", "view"},         {"seen", "view"},
      {"accessed", "view"},    {"add", "create"},       {"created", "create"},      {"added", "create"},
      {"approved", "approve"}, {"exported", "export"},  {"published", "publish"},   {"shared", "share"},
      {"invited", "invite"},   {"cancelled", "cancel"}, {"canceled", "cancel"},     {"refunded", "refund"},
      {"assigned", "assign"},  {"archived", "archive"}, {"downloaded", "download"}, {"uploaded", "upload"},
      {"managed", "manage"},   {"closed", "close"},     {"rejected", "reject"},
  };
  return table;
}

const std::vector<WordAlias>& roleAliases() {
  static const std::vector<WordAlias> table{
      {"administrator", "admin"}, {"administrators", "admin"}, {"admins", "admin"},
      {"superuser", "admin"},     {"superusers", "admin"},
  };
  return table;
}

const Phrases& objectStops() {
  static const Phrases words{"in",    "on",    "at",     "from", "to",      "with",    "for",
                             "by",    "after", "before", "when", "if",      "that",    "which",
                             "who",   "and",   "or",     "but",  "unless",  "while",   "during",
                             "older", "than",  "only",   "via",  "through", "without", "|"};
  return words;
}

const Phrases& objectSkips() {
  static const Phrases words{"a", "an", "the", "any", "all", "every", "each", "existing"};
  return words;
}

}  // namespace nexus::domain::conflicts
