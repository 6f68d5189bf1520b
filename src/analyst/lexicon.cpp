#include "analyst/lexicon.hpp"

#include <algorithm>

namespace nexus::analyst {

Phrase::Phrase(std::string_view spec) {
  std::size_t start = 0;
  while (start < spec.size()) {
    std::size_t end = spec.find(' ', start);
    if (end == std::string_view::npos) end = spec.size();
    if (end > start) parts_.emplace_back(spec.substr(start, end - start));
    start = end + 1;
  }
  if (!parts_.empty() && parts_[0] != "#" && parts_[0] != "_" && parts_[0] != "*") first_ = parts_[0][0];
}

bool isNumber(std::string_view word) { return !word.empty() && word.front() >= '0' && word.front() <= '9'; }

bool Phrase::matchesAt(const Words& words, std::size_t at) const {
  if (parts_.empty() || at + parts_.size() > words.size()) return false;
  for (std::size_t k = 0; k < parts_.size(); ++k) {
    const std::string& part = parts_[k];
    const std::string& word = words[at + k];
    if (part == "_") continue;
    if (part == "#") {
      if (!isNumber(word)) return false;
      continue;
    }
    if (part.back() == '*') {
      if (word.compare(0, part.size() - 1, part, 0, part.size() - 1) != 0) return false;
      continue;
    }
    if (word != part) return false;
  }
  return true;
}

std::size_t findPhrase(const Words& words, const Phrase& phrase, std::size_t from) {
  const char first = phrase.firstChar();
  for (std::size_t i = from; i < words.size(); ++i) {
    if (first != '\0' && (words[i].empty() || words[i][0] != first)) continue;  // the common, cheap miss
    if (phrase.matchesAt(words, i)) return i;
  }
  return kNoMatch;
}

bool hasPhrase(const Words& words, const Phrase& phrase) { return findPhrase(words, phrase) != kNoMatch; }

bool hasAny(const Words& words, const Phrases& phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const Phrase& p) { return hasPhrase(words, p); });
}

std::string_view qualityArea(Quality quality) {
  switch (quality) {
    case Quality::Performance:
    case Quality::Scalability:
      return "performance";
    case Quality::Availability:
    case Quality::Reliability:
    case Quality::Portability:
    case Quality::Operational:
      return "deployment";
    case Quality::Security:
      return "security";
    case Quality::Usability:
    case Quality::LookAndFeel:
      return "ui_ux";
    case Quality::Maintainability:
    case Quality::Legal:
      return "";
  }
  return "";
}

namespace {

Phrases phrases(std::initializer_list<std::string_view> specs) { return {specs.begin(), specs.end()}; }

std::vector<QualityCue> cues(Quality quality, int weight, std::initializer_list<std::string_view> specs) {
  std::vector<QualityCue> out;
  for (const auto spec : specs) out.push_back({Phrase(spec), quality, weight});
  return out;
}

void append(std::vector<QualityCue>& to, std::vector<QualityCue> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

std::vector<QualityCue> qualityCues() {
  using Q = Quality;
  std::vector<QualityCue> all;
  append(all, cues(Q::Performance, 2,
                   {"response time*", "respond* within", "respond* in", "latency", "throughput", "per second",
                    "transactions per", "requests per", "load time*", "loading time*", "performance",
                    "performant", "heavy load*", "huge load*", "peak load*", "under load", "load balanc*",
                    "concurrent*", "simultaneous*", "no longer than", "not take more than",
                    "take no more than", "not take longer than", "speed", "fast", "faster", "overhead",
                    "slow*", "lag*", "instantly", "instant", "in real time", "real time", "milliseconds", "delay"}));
  append(all, cues(Q::Performance, 1, {"quick*", "efficient*", "smooth*", "throttl*", "load", "loads"}));
  // ISO/IEC 25010 performance efficiency: resource utilisation and capacity.
  append(all, cues(Q::Performance, 2,
                   {"resource utili*", "memory usage", "memory footprint", "cpu usage", "cpu time", "disk space",
                    "bandwidth", "maximum number of", "max number of"}));
  append(all, cues(Q::Scalability, 2,
                   {"scal*", "grow to", "growth", "millions of", "thousands of", "times the current",
                    "times as many", "without being redesigned", "without redesign*"}));
  append(all, cues(Q::Scalability, 1,
                   {"number of users", "high number of", "large number of", "large data", "large amount*",
                    "additional hardware", "volume"}));
  append(all, cues(Q::Availability, 2,
                   {"availability", "uptime", "downtime", "24 7", "24x7", "around the clock", "mtbf",
                    "mean time between", "of the time", "be available", "is available whenever",
                    "available at all times", "always available", "always be available", "always online",
                    "offline", "available for use", "available between",
                    // Hours the service keeps, not hours it records: "only managers may change the
                    // opening hours" is about data.
                    "during business hours", "outside business hours", "during office hours",
                    "outside office hours", "during opening hours", "outside opening hours",
                    "in opening hours", "within opening hours", "within business hours"}));
  append(all, cues(Q::Availability, 1,
                   {"keep working", "keeps working", "carry on working", "no connection", "without a connection",
                    "no signal", "wifi drops", "signal drops", "catch up later", "sync later", "work offline",
                    "whenever", "at all times", "every time", "connected to the internet",
                    "internet connection", "connectivity"}));
  append(all, cues(Q::Reliability, 2,
                   {"failure*", "fail over", "failover", "crash*", "recover*", "without fault",
                    "without any fault", "fault*", "reliab*", "redundan*", "data loss", "loss of data",
                    "loss in information", "unexpected error*", "error handling", "gracefully",
                    "malfunction*", "resilien*", "switchover", "non operational", "backup*", "back up",
                    "loses its", "lose* connection", "connection is lost", "connection is restored",
                    "connection drops", "loss of connection", "goes down", "network is down",
                    "backed up"}));
  append(all, cues(Q::Reliability, 1, {"robust*", "restor*", "keep alive", "stable", "stability", "errors"}));
  // ISO/IEC 25010 reliability: maturity and recoverability.
  append(all, cues(Q::Reliability, 2, {"mean time to repair", "mttr", "recovery time", "recovery point", "rto", "rpo"}));
  append(all, cues(Q::Security, 2,
                   {"secur*", "encrypt*", "decrypt*", "ssl", "tls", "https", "confidential*", "privacy",
                    "sensitive", "unauthori*", "attack*", "malicious", "threat*", "vulnerab*", "breach*",
                    "identity theft", "inactivity", "inactive", "access polic*", "access level*",
                    "access constraint*", "access rights", "only be accessible", "accessible only", "hashed",
                    "hash*", "password strength", "strong password*", "cookies", "cookie",
                    "unique identification", "valid user id", "valid login", "valid user login",
                    "valid login id", "require* to log*", "required to log*", "require* a user to log*",
                    "be logged in", "logged in to", "two factor", "2fa", "mfa", "audit trail*", "audit log*",
                    "tamper*", "spam", "virus*", "firewall*", "penetration", "authorized for",
                    "authorised for", "authenticated users", "protect*", "harm", "only be able to",
                    "username and password", "user id and password", "id and password",
                    "name and password", "time out", "times out", "timed out", "timeout*", "session expir*",
                    "sessions expire", "logged out after", "log out after", "logs out after", "auto logout",
                    "automatic logout", "automatically logged out", "lock* after", "locked out",
                    "lock itself", "locks itself", "out automatically", "without activity", "of no activity",
                    "no activity", "lock the screen", "screen lock*", "auto lock*",
                    "automatically lock*",
                    "card details", "card data", "payment details", "bank details",
                    // ISO/IEC 25010 security: non-repudiation, accountability, authenticity.
                    "non repudiation", "nonrepudiation", "digital signature*", "accountab*", "traceab*",
                    "authenticity", "tamper proof", "who did what"}));
  append(all, cues(Q::Security, 1,
                   {"password*", "private", "authori*", "restricted", "restrict*", "limited to",
                    "only authori*", "trusted", "logged", "integrity", "audit*", "identification", "secret*",
                    "permission*", "access to", "personal information", "personally identifiable",
                    "credit card number", "cannot", "can't", "can only", "not allowed", "without modifying",
                    "rejected", "nobody", "no one", "outside the company", "not be visible",
                    "only visible"}));
  append(all, cues(Q::Usability, 2,
                   {"easy to use", "easy to understand", "easy to learn", "easy to navigate", "ease of use",
                    "intuitive*", "user friendly", "simple to use", "usab*", "without difficulty",
                    "without any difficulty", "handicap*", "disabilit*", "accessibility", "screen reader*",
                    "wcag", "multi language", "multiple languages", "multilingual", "language support",
                    "first time user*", "novice*", "self supporting", "navigable", "help system",
                    "user manual", "read the manual", "training", "learn to use", "learnab*",
                    "number of clicks", "clicks", "easily", "quickly accessible", "understandable",
                    "big enough", "large enough", "readable", "legible", "one handed", "with gloves", "big text",
                    "large text", "clear text", "text size", "font size", "reading glasses", "big buttons",
                    "large buttons", "jargon", "dead simple",
                    // ISO/IEC 25010 usability: operability, user error protection, recognisability.
                    "operab*", "user error*", "prevent users from making", "undo", "confirm before",
                    "confirmation before", "self explanatory", "recognisab*", "recognizab*",
                    "without help", "without any help", "unaided", "without assistance", "without contacting",
                    "without reading", "without calling", "first attempt", "first try", "of training",
                    "hours training", "plain language", "plain english", "help text", "help page*",
                    "no more than # clicks", "localiz*", "localis*", "translat*", "other language*", "another language", "second language"}));
  append(all, cues(Q::Usability, 1,
                   {"easy", "simple", "learn*", "manual*", "tips", "explanation*", "error message*", "language", "languages", "accessible", "icons",
                    "english", "german", "french", "spanish", "italian", "portuguese", "chinese", "japanese",
                    "arabic", "welsh", "polish", "dutch", "urdu", "hindi", "punjabi", "turkish", "russian",
                    "korean", "gaelic", "irish", "bilingual", "toolbar*", "help"}));
  append(all, cues(Q::LookAndFeel, 2,
                   {"look and feel", "colour*", "color*", "logo*", "attractive", "appearance", "aesthetic*",
                    "branding", "font*", "dark mode", "light mode", "theme*", "professional look*",
                    "visually", "uniform"}));
  append(all, cues(Q::LookAndFeel, 1,
                   {"design", "consistent", "style*", "visual*", "brand*", "look*", "layout*", "pretty",
                    "beautiful", "modern", "clean"}));
  append(all, cues(Q::Maintainability, 2,
                   {"maintainab*", "easy to maintain", "easy maintenance", "easy to extend", "extensib*",
                    "modular*", "coding standard*", "source code", "version control", "test environment*",
                    "testab*", "refactor*", "without altering", "documentation of the code", "maintenance",
                    "unit test*", "code review*", "code quality", "code coverage",
                    // ISO/IEC 25010 maintainability: reusability, analysability, modifiability.
                    "reusab*", "reused", "analysab*", "analyzab*", "modifiab*", "easy to change", "easy to modify",
                    "easily changed", "easily modified", "changed without", "modified without", "diagnos*",
                    "replaced without", "without changes to", "new release", "without a new release"}));
  append(all, cues(Q::Maintainability, 1, {"extend*", "code", "documentation", "upgrad*", "configurab*"}));
  append(all, cues(Q::Portability, 2,
                   {"portab*", "platform*", "operating system*", "cross platform", "compatib*",
                    "major browsers", "all browsers", "any browser", "web browsers", "any os", "windows",
                    "linux", "unix", "macos", "mac os", "ios and android", "android and ios",
                    "hardware platform*", "any environment", "various environments",
                    "operating environment*",
                    // ISO/IEC 25010 portability and compatibility: adaptability, installability,
                    // replaceability, co-existence, interoperability.
                    "adaptab*", "installab*", "replaceab*", "co exist*", "coexist*", "interoperab*",
                    "compatible with"}));
  append(all, cues(Q::Portability, 1,
                   {"chrome", "firefox", "safari", "edge", "internet explorer", "current version*",
                    "latest version*", "browser*", "ios", "android", "mobile users", "hardware", "environment*", "mobile",
                    "devices", "tablet*"}));
  append(all, cues(Q::Legal, 2,
                   {"comply", "complies", "compliant", "compliance", "conform*", "regulation*", "regulatory",
                    "law", "laws", "legal*", "legislation", "gdpr", "hipaa", "pci", "ccpa", "eula", "licensing",
                    "licence agreement*", "license agreement*", "licence terms", "license terms", "licensed",
                    "software licen*", "open source licen*", "licence fee*", "license fee*", "copyright*", "terms of service", "terms and conditions", "standards", "in accordance with",
                    "accordance with"}));
  append(all, cues(Q::Legal, 1, {"agree*", "agreement", "policy"}));
  append(all, cues(Q::Operational, 2,
                   {"protocol*", "web server", "interface with", "integrated with", "accessed from the web",
                    "web based", "keep alive", "api* provided", "rdbms", "installed", "install* on",
                    "run from", "command prompt", "shell prompt", "deploy*", "hosted", "hosting"}));
  append(all,
         cues(Q::Operational, 1,
              {"server*", "network*", "internet", "operational", "operating", "environment", "connect*"}));
  return all;
}

std::vector<FunctionCue> functionCues() {
  std::vector<FunctionCue> out;
  for (const auto spec :
       {"allow*", "enable*", "let users", "let the user", "lets users", "let user*", "ability to",
        "option to", "an option", "keep track", "track of", "responsible for", "be able to"}) {
    out.push_back({Phrase(spec), 2});
  }
  for (const auto spec : {"permit*",
                          "options", "feature*", "functionality", "capabilit*", "report*", "notif*", "email*",
                          "message*", "search*", "upload*", "download*", "export*", "import*", "print*",
                          "order*", "cart", "payment*", "invoice*", "schedul*", "meeting*", "profile*",
                          "list of", "history", "record*", "information", "details", "button*", "menu*",
                          "screen", "products", "customer*", "account*", "task*", "item*", "select*", "view*",
                          "display*", "create*", "add*", "edit*", "delete*", "remov*", "cancel*", "purchas*",
                          "register*", "sign up", "change the password", "change his password",
                          "change their password", "reset*", "file*", "photo*", "post*", "answer*",
                          "question*", "comment*", "rating*", "review*", "shipping", "tax", "calculat*",
                          "generat*", "each", "user to", "users to"}) {
    out.push_back({Phrase(spec), 1});
  }
  return out;
}

std::vector<ModalCue> modalCues() {
  using P = Priority;
  return {
      {"is required to", P::Must, 0.9}, {"are required to", P::Must, 0.9}, {"be required to", P::Must, 0.9},
      {"is required", P::Must, 0.9}, {"are required", P::Must, 0.9}, {"need to", P::Must, 0.9},
      {"needs to", P::Must, 0.9}, {"has to", P::Must, 0.9}, {"have to", P::Must, 0.9}, {"must", P::Must, 0.9},
      {"shall", P::Must, 0.9}, {"required to", P::Must, 0.9}, {"mandatory", P::Must, 0.85},
      {"required", P::Must, 0.85}, {"requires", P::Must, 0.85}, {"require", P::Must, 0.85},
      {"cannot", P::Must, 0.85}, {"can't", P::Must, 0.85}, {"can not", P::Must, 0.85},
      {"need", P::Must, 0.85}, {"needs", P::Must, 0.85}, {"needed", P::Must, 0.85},
      {"essential", P::Must, 0.85}, {"critical", P::Must, 0.85}, {"crucial", P::Must, 0.85},
      {"vital", P::Must, 0.85}, {"ought to", P::Should, 0.85}, {"should", P::Should, 0.85},
      {"shouldn't", P::Should, 0.85}, {"mustn't", P::Must, 0.9},
      {"would like", P::Should, 0.85}, {"i'd like", P::Should, 0.85}, {"we'd like", P::Should, 0.85},
      {"i'd love", P::Should, 0.85}, {"we'd love", P::Should, 0.85},
      {"i'd rather", P::Should, 0.8}, {"we'd rather", P::Should, 0.8}, {"would rather", P::Should, 0.8}, {"would love", P::Should, 0.85},
      {"want to", P::Should, 0.85}, {"wants to", P::Should, 0.85}, {"want", P::Should, 0.85},
      {"wants", P::Should, 0.85}, {"is expected to", P::Should, 0.85}, {"are expected to", P::Should, 0.85},
      {"going to", P::Should, 0.8}, {"will", P::Should, 0.85}, {"we'll", P::Should, 0.85},
      {"it'll", P::Should, 0.85}, {"they'll", P::Should, 0.85}, {"important", P::Should, 0.8},
      {"prefer", P::Should, 0.8}, {"prefers", P::Should, 0.8}, {"ideally", P::Should, 0.8}, {"wish", P::Should, 0.8}, {"would be nice", P::Could, 0.8},
      {"would be great", P::Could, 0.8}, {"would be good", P::Could, 0.8}, {"it'd be nice", P::Could, 0.8},
      {"it'd be great", P::Could, 0.8}, {"nice to have", P::Could, 0.8}, {"let's use", P::Should, 0.8},
      {"lets use", P::Should, 0.8}, {"let's go with", P::Should, 0.8}, {"would", P::Should, 0.75},
      {"can", P::Should, 0.8}, {"could", P::Could, 0.8}, {"may", P::Could, 0.8}, {"might", P::Could, 0.75},
  };
}

WordSet words(std::initializer_list<std::string_view> list) { return {list.begin(), list.end()}; }

}  // namespace

const Lexicon& lexicon() {
  static const Lexicon lex = [] {
    Lexicon l;
    l.modals = modalCues();
    l.wont = phrases({"won't", "wont", "will not", "not needed", "not necessary", "not required", "no need",
                      "no _ needed", "no _ required", "not what this is for", "not what it's for",
                      "don't need", "dont need", "do not need", "doesn't need", "does not need",
                      "don't have to", "do not have to", "doesn't have to", "does not have to",
                      "out of scope", "not in scope", "not a priority", "not important", "leave out",
                      // "skip" only as a decision about scope: "Users can skip a month" is a feature.
                      "we can skip", "we could skip", "we'll skip", "let's skip", "lets skip", "we skip",
                      "i'd skip", "we'd skip", "skip it for now", "skip that for now", "skip for now",
                      "leave _ out", "not for now", "not now", "not in the first version", "not for the first version",
                      "not in the first release", "not for the first release", "not for launch", "not at launch",
                      "not for this version", "can wait", "not in v1",
                      "not for v1", "not in the mvp", "not for the mvp", "not going to", "aren't going to",
                      "isn't needed", "isn't necessary", "aren't needed", "unnecessary", "we can drop",
                      "no plans to", "don't plan to", "don't want a", "don't want an", "don't want any",
                      "do not want a", "do not want any", "dont want a", "dont want any", "not planned",
                      "not interested in", "exclude*"});
    l.strongCould = phrases({"nice to have", "would be nice", "would be great", "would be cool",
                             "it'd be nice", "it'd be great", "be a bonus", "bonus", "optionally",
                             "is optional", "are optional", "if possible", "where possible",
                             "if time permits", "if we have time", "low priority", "lower priority",
                             "not critical", "not essential", "could have", "would be a plus", "a plus",
                             // The same wish in other words: "would be lovely if the kids' events ..."
                             "would be lovely", "it'd be lovely", "would be brilliant", "would be handy",
                             "would be helpful", "would be good to have", "would be a bonus"});
    l.weakCould = phrases({"maybe", "perhaps", "possibly", "eventually", "in the future", "down the road",
                           "later on", "someday", "some day", "at some point", "in a later version",
                           "in a future version", "phase 2", "v2"});
    l.mustBoosters = phrases({"essential", "critical", "crucial", "vital", "mandatory", "must have",
                              "top priority", "highest priority", "high priority", "non negotiable",
                              "absolutely", "key requirement", "hard requirement", "required"});
    l.assumptions = phrases({"we assume", "i assume", "assume that", "assuming", "assumption*", "presumably",
                             "it is assumed", "is assumed", "are assumed", "we can assume", "let's assume",
                             "for granted", "we expect that", "i expect that", "presume*", "we suppose",
                             "i suppose that", "supposedly", "we take it that"});
    l.constraints = phrases({"budget", "deadline", "must cost", "cost no more", "launch by", "ready by",
                             "live by", "by the end of", "in time for", "within # weeks", "within # months",
                             "in # weeks", "in # months", "comply", "complies", "compliant", "compliance",
                             "regulation*", "regulatory", "law", "laws", "legal*", "legislation", "gdpr",
                             "hipaa", "pci", "sox", "ccpa", "eula", "licensing", "licence agreement*",
                             "license agreement*", "licence fee*", "license fee*", "software licen*", "open source", "on premise*",
                             "on prem*", "on site", "self host*", "must be hosted", "hosted in",
                             "stay in the", "reside in", "in the eu", "existing infrastructure",
                             "existing system*", "legacy", "only # developer*", "small team of", "no budget",
                             "cheap", "cost more than", "costs more than", "cost less than", "costs less than",
                             "cost us", "costs us", "running cost*", "cost per month", "cost a month", "affordable", "inexpensive", "host it ourselves",
                             "host ourselves", "own servers", "own hardware", "own server", "company policy",
                             "that's policy", "it's policy", "# pounds", "# euros", "# dollars", "# grand",
                             "contract runs until", "contract runs till", "locked down"});
    l.techUsage = phrases({"use", "uses", "using", "used", "utilize*", "utilise*", "written in",
                           "write it in", "built with", "built on", "built in", "build it with",
                           "build it in", "build it on", "implemented in", "implement it in", "developed in",
                           "develop it in", "based on", "run on", "runs on", "running on", "run in",
                           "runs in", "operate on", "work on", "works on", "work in", "deployed on",
                           "deployed to", "deploy to", "deploy on", "deploy it", "hosted on", "host on",
                           "host it on", "stored in", "store _ in", "backed by", "powered by", "on top of",
                           "go with", "stick with", "stack"});
    l.hedges = phrases({"i think", "i guess", "i suppose", "probably", "kind of", "sort of", "not sure",
                        "i believe", "somewhat", "i'm not certain"});
    l.visions = phrases({"want to build", "want to create", "want to make", "want to develop",
                         "want to launch", "want to start", "want to design", "like to build",
                         "like to create", "like to make", "like to develop", "need to build",
                         "need to create", "planning to build", "plan to build", "i'm building",
                         "we're building", "i am building", "we are building", "i'm making", "we're making",
                         "i'm creating", "we're creating", "i'm developing", "we're developing",
                         "working on a", "working on an", "looking to build", "it's a", "it's an", "it is a",
                         "it is an", "the idea is", "is an app", "is a tool", "is a platform"});
    l.productRequests = phrases({"i'd like a", "i'd like an", "we'd like a", "we'd like an", "i would like a",
                                 "i would like an", "we would like a", "we would like an", "i want a",
                                 "i want an", "we want a", "we want an", "i need a", "i need an", "we need a",
                                 "we need an", "looking for a", "looking for an"});
    l.productKinds = words({"app", "apps", "application", "webapp", "tool", "platform", "website", "site",
                            "system", "service", "product", "game", "marketplace", "portal", "software",
                            "solution", "program", "saas", "crm", "tracker", "planner", "extension",
                            "plugin", "bot", "intranet", "backend"});
    // Keep in step with kMisleadingWords in src/domain/areas.cpp.
    l.businessSpeed = phrases({"paid faster", "paid quicker", "paid sooner", "paid more quickly",
                               "paid quickly", "paid fast", "hired faster", "done faster", "sell faster",
                               "sells faster", "grow faster", "deals faster"});
    l.teamSize = phrases({"we're a small team", "we are a small team", "small team of", "# devs", "# dev",
                          "# developers", "# developer", "# engineers", "one developer", "two developers",
                          "solo developer", "only developer"});
    l.teamSkills = phrases({"we know", "we're familiar with", "we are familiar with", "we're experienced with",
                            "we have experience with", "we have experience in", "our team knows",
                            "the team knows", "our devs know", "our developers know", "we're good at",
                            "we're used to", "we use"});
    l.people = words({"users", "people", "players", "customers", "clients", "employees", "staff", "members",
                      "visitors", "students", "teachers", "patients", "drivers", "agents", "subscribers",
                      "participants", "guests", "learners", "readers", "buyers", "sellers", "freelancers",
                      "colleagues", "persons", "shoppers", "workers", "volunteers", "attendees"});
    l.asIs = phrases({"today", "currently", "at the moment", "right now", "nowadays", "at present",
                      "these days", "paper", "by hand", "on whatsapp", "by phone", "phone us", "call us"});
    // Deadlines said the way people say them: "the trust has given us till september".
    l.limits = phrases({"budget", "deadline", "launch by", "live by", "ready by", "go live by", "must cost",
                        "cost no more", "# pounds", "# euros", "# dollars", "# grand", "# quid", "given us till",
                        "given us until", "running by", "in place by", "delivered by", "be in before",
                        "up and running before", "running before", "ready before", "live before", "in by",
                        });
    // "till september", "by October", "before the new year": a deadline said the way people say it.
    for (const std::string_view when : {"january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december", "christmas", "easter",
                                        "the summer", "the autumn", "the spring", "the new year"}) {
      for (const std::string_view word : {"till", "until", "before", "by"}) {
        if (word == "by" && when == "may") continue;  // "by may": "by" then the modal
        l.limits.emplace_back(std::string(word) + " " + std::string(when));
      }
    };
    l.qualities = qualityCues();
    l.functions = functionCues();
    l.technologies = words(
        {"postgresql", "postgres",  "mysql",      "mariadb",    "sqlite",        "mongodb",     "mongo",
         "redis",      "oracle",    "dynamodb",   "cassandra",  "elasticsearch", "firebase",    "supabase",
         "react",      "angular",   "vue",        "svelte",     "nextjs",        "node",        "nodejs",
         "js",         "deno",      "typescript", "javascript", "python",        "java",        "kotlin",
         "swift",      "golang",    "rust",       "csharp",     "dotnet",        "net",         "ruby",
         "rails",      "django",    "flask",      "fastapi",    "spring",        "php",         "laravel",
         "aws",        "azure",     "gcp",        "heroku",     "vercel",        "netlify",     "docker",
         "kubernetes", "k8s",       "terraform",  "graphql",    "grpc",          "kafka",       "rabbitmq",
         "electron",   "flutter",   "qt",         "tauri",      "linux",         "windows",     "macos",
         "unix",       "ios",       "android",    "s3",         "lambda",        "smtp",        "imap",
         "ldap",       "oauth",     "stripe",     "twilio",     "sendgrid",      "tailwind",    "bootstrap",
         "sharepoint", "powerapps", "jquery",     "wordpress", "shopify",    "salesforce", "iis",           "apache",      "nginx",
         "tomcat",     "sql",       "nosql",      "html",       "css",           "webassembly", "wasm",
         "snowflake",  "bigquery",  "spark",      "hadoop",     "tensorflow",    "pytorch",     "openai",
         "c",          "cpp",       "go",         "sap"});
    l.techNouns = words({"framework", "frameworks", "database", "databases", "architecture", "microservice",
                         "microservices", "monolith", "serverless", "stack", "protocol", "library",
                         "libraries", "orm", "container", "containers", "cloud", "backend", "frontend",
                         "rest", "api", "cdn", "rdbms", "sdk", "programming",
                         // The form the product takes, when it is preferred: "a web app rather than
                         // something we install".
                         "pwa", "webapp", "website", "native"});
    l.actionVerbs = words({"display", "show", "list", "send", "receive", "notify", "inform", "alert",
                           "generate", "create", "add", "edit", "update", "modify", "change", "delete",
                           "remove", "cancel", "view", "see", "select", "choose", "pick", "search", "find",
                           "filter", "sort", "calculate", "compute", "print", "upload", "download", "export",
                           "import", "register", "submit", "approve", "reject", "assign", "schedule",
                           "reschedule", "book", "pay", "purchase", "buy", "order", "track", "record",
                           "store", "save", "query", "ask", "request", "validate", "verify", "check",
                           "propose", "suggest", "reserve", "include", "compare", "tag", "comment", "share",
                           "invite", "issue", "debit", "credit", "withdraw", "deliver", "keep", "maintain",
                           "manage", "control", "contact", "consult", "give", "embed", "process", "convert",
                           "sync", "archive", "login", "logout", "sign", "authenticate", "enter", "set",
                           "specify", "define", "negotiate", "solve", "resolve", "allow", "enable", "permit",
                           "let", "offer", "post", "vote", "answer", "reply", "publish", "mark", "complete",
                           "attach", "perform", "follow", "rate", "review", "browse", "scroll", "return",
                           "retrieve", "fetch", "open", "close", "play", "count", "group", "categorize",
                           "copy", "move", "drag", "merge", "duplicate", "lock", "unlock", "reset", "write",
                           "read", "access", "invoice", "bill", "email", "message", "chat", "call", "map",
                           "plan", "organize", "organise", "collect", "monitor", "report", "summarize",
                           "summarise", "highlight", "remind", "announce", "confirm", "decorate", "hide"});
    l.qualityVerbs = words({"use", "utilize", "utilise", "employ", "run", "operate", "comply", "adhere",
                            "conform", "respond", "scale", "handle", "accommodate", "function", "interface",
                            "withstand", "survive", "recover", "encrypt", "protect", "secure", "restrict",
                            "prevent", "last", "adapt", "depend", "load"});
    l.qualityAdjectives = words({"available", "accessible", "easy", "easier", "simple", "intuitive", "secure",
                                 "secured", "fast", "quick", "responsive", "reliable", "robust", "portable",
                                 "compatible", "scalable", "maintainable", "extensible", "usable", "user",
                                 "friendly", "consistent", "uniform", "attractive", "safe", "private",
                                 "confidential", "encrypted", "stable", "efficient", "performant",
                                 "resilient", "redundant", "modular", "testable", "readable", "clear",
                                 "understandable", "legible", "navigable", "compliant", "auditable",
                                 "traceable", "operational", "online", "connected", "capable", "fully",
                                 "self", "up", "protected", "hashed", "logged", "backed", "accessed",
                                 "throttled"});
    l.vagueWords = words({"nice", "good", "great", "cool", "awesome", "amazing", "fine", "ok", "okay",
                          "better", "best", "perfect", "excellent", "pretty", "lovely", "neat", "sweet",
                          "decent", "solid", "well", "properly", "right", "correctly", "work", "works",
                          "working", "useful", "helpful", "fun", "interesting", "like", "love", "stuff",
                          "things", "thing", "something", "everything", "anything", "etc", "lot", "lots",
                          "really", "very", "quite", "super", "just", "also", "done", "happen", "there",
                          "exist", "exists", "good", "bad"});
    l.fillerWords = words({"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at",
                           "by", "from", "as", "is", "are", "be", "been", "being", "was", "were", "it", "its",
                           "it's", "this", "that", "these", "those", "they", "them", "their", "i", "we",
                           "you", "he", "she", "me", "us", "our", "my", "your", "i'm", "we're", "you're",
                           "i'd", "we'd", "i'll", "we'll", "it'll", "must", "shall", "should", "could",
                           "would", "will", "can", "may", "might", "need", "needs", "want", "wants", "have",
                           "has", "had", "do", "does", "did", "not", "no", "so", "all", "any", "some", "able",
                           "make", "sure", "get", "go", "going", "way", "one", "system", "app", "application",
                           "product", "software", "if", "then", "than", "when", "what", "which", "who", "how",
                           "also", "too", "more", "much", "many", "always", "never", "only", "other", "else",
                           "into", "yes", "yeah", "no", "ok", "okay", "sure", "think", "guess", "believe",
                           "suppose", "say", "mean", "feel", "out", "here", "now", "later", "again", "back",
                           "please", "bit", "little", "definitely", "really"});
    l.metaVerbs = words({"think", "decide", "discuss", "talk", "chat", "consider", "check", "ask", "clarify",
                         "figure", "see", "look", "sleep", "reflect", "answer", "explain", "say", "mention",
                         "tell", "know", "remember", "understand", "guess", "wonder", "continue", "move",
                         "stop", "go", "pause", "finish", "wrap", "try", "come", "get", "skip", "leave",
                         "help", "start", "begin", "hear", "learn", "read", "find", "agree", "confirm", "be",
                         "have", "do"});
    l.interviewerImperatives = words({"tell", "explain", "repeat", "rephrase", "clarify", "continue",
                                      "proceed", "wait", "hold", "describe", "summarize", "summarise",
                                      "please", "next", "go", "thanks", "thank", "sorry", "pardon", "ask"});
    l.systemSubjects = words({"system", "application", "app", "website", "site", "product", "software",
                              "platform", "tool", "service", "portal", "backend", "frontend", "api", "server",
                              "program", "solution", "it"});
    l.properNames = words({"google", "microsoft", "apple", "facebook", "github", "gitlab", "slack", "stripe",
                           "paypal", "amazon", "jira", "zoom", "teams", "outlook", "excel", "iphone", "ipad",
                           "gmail", "linkedin", "twitter", "whatsapp", "europe", "eu", "us", "uk"});
    return l;
  }();
  return lex;
}

}  // namespace nexus::analyst
