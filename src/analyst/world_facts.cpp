#include "analyst/world_facts.hpp"

#include <algorithm>
#include <string>

namespace nexus::analyst {
namespace {

bool oneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool countWord(const std::string& w) {
  return isNumber(w) || oneOf(w, {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
                                  "dozens", "twenty", "thirty", "forty", "fifty", "sixty", "eighty"});
}

// How often or how many at once: what turns a count into a load (ISO/IEC 25010 capacity).
const Phrases& rateMarkers() {
  static const Phrases p{"a day", "a week", "a month", "a year", "an hour", "a minute", "a night", "a shift",
                         "per day", "per week", "per month", "per year", "per hour", "per minute", "per second",
                         "each day", "each week", "each month", "each year", "every day", "every week",
                         "every month", "every year", "every night", "every morning", "daily", "weekly",
                         "monthly", "yearly", "annually", "at the same time", "at once", "simultaneously",
                         "at peak", "at the peak", "peak time*", "busiest", "rush hour", "in the morning",
                         "between # and #", "between # and #pm", "#pm", "on mondays", "on tuesdays", "on wednesdays",
                         "on thursdays", "on fridays", "on saturdays", "on sundays", "at weekends", "on weekends",
                         "every weekend", "at the weekend",
                         "at # am", "at # pm", "at #am", "at #pm", "on a busy day", "on busy days",
                         "in a year", "next year", "in two years", "in # years", "by next year", "by the end of the year",
                         "within a year", "up to #", "in # hours", "in two hours", "in three hours", "in an hour",
                         "within the hour", "mornings", "afternoons", "evenings", "on a monday", "on a tuesday",
                         "on a wednesday", "on a thursday", "on a friday", "on a saturday", "on a sunday"};
  return p;
}

const Phrases& growthMarkers() {
  static const Phrases p{"next year", "in two years", "in # years", "by next year", "within a year",
                         "by the end of the year", "grow*", "growing", "double", "doubling"};
  return p;
}

// Units that make a number a time, a size or a share rather than a count of things.
bool unitAfterCount(const std::string& w) {
  return oneOf(w, {"ms", "s", "sec", "secs", "second", "seconds", "minute", "minutes", "min", "mins", "hour",
                   "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "gb", "mb",
                   "tb", "kb", "percent", "am", "pm", "pages", "page", "characters", "digits", "lines",
                   "fields", "columns", "steps", "clicks", "pounds", "euros", "dollars", "quid", "grand", "k",
                   "pence", "cents", "digit"});
}

bool isYear(const std::string& w) {
  return w.size() == 4 && isNumber(w) && ((w[0] == '1' && w[1] == '9') || (w[0] == '2' && w[1] == '0'));
}

// "by 2028": a year ahead, which makes a count a growth to plan for ("in 2015" is as often the past).
bool namesYearAhead(const Words& w) {
  for (std::size_t i = 1; i < w.size(); ++i) {
    if (isYear(w[i]) && oneOf(w[i - 1], {"by", "until", "till"})) return true;
  }
  return false;
}

bool statesVolume(const Words& w, const Quantities& q) {
  if (q.load) return true;
  // "it will double next year": a growth rate, with or without the count it grows from.
  static const Phrases growthVerbs{"double", "doubles", "triple", "triples", "quadruple", "grow by", "grow to",
                                   "grows by", "grows to", "go up to", "rise to"};
  static const Phrases ahead{"next year", "in # years", "in two years", "in a few years", "by next year",
                             "within a year", "over the next", "by the end of the year"};
  if (hasAny(w, growthVerbs) && (hasAny(w, ahead) || namesYearAhead(w))) return true;
  bool count = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    // "in 2015", "by 2028" are dates; "up to 2000 devices" is an amount.
    const bool date = isYear(w[i]) && i > 0 && oneOf(w[i - 1], {"in", "by", "since", "until", "till", "from", "of"});
    if (!countWord(w[i]) || date) continue;
    const bool unit = i + 1 < w.size() && unitAfterCount(w[i + 1]);
    const bool clock = i > 0 && w[i - 1] == "at";  // "at 8", "at 8am"
    if (!unit && !clock) count = true;
  }
  return count && (hasAny(w, rateMarkers()) || namesYearAhead(w));
}

bool smallNumberWord(const std::string& w) {
  return oneOf(w, {"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                   "twelve", "fifteen", "twenty", "thirty", "few", "several"});
}

bool statesRetention(const Words& w) {
  // "wiped at the end of each school year": a deletion on a calendar is a retention rule too.
  static const Phrases endOfPeriod{"deleted at the end of", "wiped at the end of", "removed at the end of",
                                   "purged at the end of", "cleared at the end of", "archived at the end of",
                                   "deleted every", "wiped every", "purged every"};
  if (hasAny(w, endOfPeriod)) return true;
  static const Phrases kRetention{"retention"};
  if (hasAny(w, kRetention)) return true;
  // "we keep rental agreements for seven years", "deleted two years after their last visit"; but
  // "I've done ramp work for 22 years" keeps nothing.
  static const Phrases keeping{"kept", "keep", "keeps", "stored", "store", "retain*", "archiv*", "held", "hold",
                               "delete*", "purge*", "remove*", "anonymi*", "erase*", "wipe*", "destroy*"};
  if (!hasAny(w, keeping)) return false;
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    const bool amount = countWord(w[i]) || smallNumberWord(w[i]);
    if (amount && oneOf(w[i + 1], {"day", "days", "week", "weeks", "month", "months", "year", "years"})) return true;
  }
  return false;
}

// "We're bound by UK GDPR", "as a council we're under the Freedom of Information Act": a law or
// rulebook the software must follow, told as a fact.
bool statesRegulation(const Words& w) {
  static const Phrases bound{"bound by", "subject to", "we're under", "we are under", "covered by", "regulated by",
                             "governed by", "have to follow", "has to follow", "must follow", "rules say",
                             "guidance says", "regulations say", "we follow", "audited against", "certified to",
                             "applies", "apply", "falls under", "fall under", "is under", "are under",
                             "expects us to follow", "registered with", "because of", "meet their rules",
                             "audits", "can inspect", "inspects"};
  static const Phrases rulebooks{"gdpr", "hipaa", "pci*", "sox", "ccpa", "act", "law", "laws", "regulation*",
                                 "guidance", "toolkit", "standard", "standards", "rules", "iso", "directive",
                                 "code of practice", "assurance", "compliance", "dss", "ico", "commission"};
  return hasAny(w, bound) && hasAny(w, rulebooks);
}

// "This is for tracking homework across the school": what the product is for, as a fact.
bool statesPurpose(const Words& w) {
  if (w.size() < 4) return false;
  const bool productSubject = oneOf(w[0], {"the", "this", "our"}) && lexicon().productKinds.count(w[1]) != 0 &&
                              w[2] == "is";
  const bool opening = (oneOf(w[0], {"this", "it"}) && oneOf(w[1], {"is", "will", "would"})) ||
                       oneOf(w[0], {"it's", "this'll", "it'll"}) || productSubject;
  if (!opening) return false;
  const std::size_t at = findPhrase(w, Phrase("for"));
  // "this is for ...", "this is a system for ...": the product kind may sit before "for".
  const bool productBefore = at != kNoMatch && at <= 5 && at >= 3 && lexicon().productKinds.count(w[at - 1]) != 0;
  if (at == kNoMatch || (at > 3 && !productBefore) || at + 1 >= w.size()) return false;
  if (productBefore) return true;
  const std::string& next = w[at + 1];
  const bool gerund = next.size() > 4 && next.compare(next.size() - 3, 3, "ing") == 0;
  return gerund || oneOf(next, {"the", "our", "a", "an"});
}

// Something that cannot change: an existing machine or system speaks only one way.
bool statesFixedInterface(const Words& w) {
  static const Phrases only{"only speak*", "only talk*", "only support*", "only understand*", "only accept*",
                            "only export*", "only output*", "only send*", "only read*", "only work* with", "only swap*",
                            "only exchange*",
                            "only does", "only do"};
  static const Phrases unchangeable{"can't change that", "cannot change that", "can't change it",
                                    "cannot change it", "can't be changed", "cannot be changed", "we're stuck with",
                                    "we are stuck with", "no way to change", "out of our control",
                                    "not something we can change", "locked down", "only browser allowed",
                                    "not allowed to install", "can't install", "cannot install", "company policy",
                                    "that's policy", "contract runs until", "contract runs till", "locked into",
                                    "tied into", "can't replace", "cannot replace", "can't touch", "cannot touch",
                                    "and it stays", "and that stays", "that's all we get", "insist it", "insists it",
                                    "insist that it", "insists that it",
                                    "we have to use those", "we have to use them", "set that format"};
  return hasAny(w, only) || hasAny(w, unchangeable);
}

const WordSet& platformWords() {
  static const WordSet set{"android", "iphone", "iphones", "ios", "ipad", "ipads", "windows", "mac", "macs",
                           "macbook", "macbooks", "chromebook", "chromebooks", "linux", "tablets", "tablet",
                           "laptops", "smartphones", "phones", "handhelds", "scanners", "kiosks", "kiosk",
                           "desktops", "pcs", "terminals", "browsers", "chrome", "edge", "firefox", "safari"};
  return set;
}

// "everyone has company Android phones", "our drivers use iPhones": the devices are a given.
bool statesPlatform(const Words& w) {
  static const Phrases having{"has", "have", "use", "uses", "carry", "carries", "are on", "is on", "work on",
                              "works on", "are all on", "run", "runs", "are issued", "get issued", "got", "issued us"};
  bool platform = false;
  for (const auto& word : w) platform |= platformWords().count(word) != 0;
  if (!platform) return false;
  const std::size_t verb = [&] {
    for (const auto& phrase : having) {
      // The subject may be a whole phrase: "every pupil from year 7 up has a school Chromebook".
      if (const auto at = findPhrase(w, phrase); at != kNoMatch && at < 8) return at;
    }
    return kNoMatch;
  }();
  return verb != kNoMatch && verb > 0;
}

// "each order has a customer, a date and up to 20 lines": the data's shape.
bool statesDataShape(const Words& w, std::string_view text) {
  static const Phrases perItem{"for each _ we keep", "for each _ we record", "for each _ we store",
                               "for each _ we need", "for every _ we keep", "for every _ we record",
                               "each with a", "each with an", "each with their", "each with its"};
  if (hasAny(w, perItem)) return true;
  static const Phrases holding{"has", "have", "contains", "contain", "includes", "include", "consists of",
                               "records", "record", "holds", "hold", "stores", "captures", "capture", "tracks",
                               "is made of", "are made of", "comes with", "come with", "belongs to", "belong to",
                               "is linked to", "are linked to", "is made up of", "are made up of", "is logged with", "are logged with",
                               "gets logged with", "is recorded with", "are recorded with"};
  for (const auto& phrase : holding) {
    const std::size_t at = findPhrase(w, phrase);
    if (at == kNoMatch || at == 0 || at > 4) continue;
    if (oneOf(w[0], {"i", "we", "you", "they", "he", "she", "it", "i've", "we've", "there"})) return false;
    const bool each = oneOf(w[0], {"each", "every", "a", "an", "all"});
    const bool list = text.find(',') != std::string_view::npos ||
                      std::find(w.begin() + static_cast<std::ptrdiff_t>(at), w.end(), "and") != w.end();
    const bool relation = phrase.size() >= 2 && (w[at] == "belongs" || w[at] == "belong" || w[at + 1] == "linked");
    return (each && (list || relation)) || (list && at <= 3);
  }
  return false;
}

// "invoices come in from our ERP every night", "results arrive from the lab system".
bool statesDataFeed(const Words& w) {
  static const Phrases feed{"arrive from", "arrive* from", "come in from", "comes in from", "come from",
                            "comes from", "coming from", "sent over from", "are sent from", "is sent from",
                            "imported from", "are exported from", "is exported from", "pulled from",
                            "synced from", "synchronised from", "synchronized from", "fed from", "feeds into",
                            "get them from", "we get _ from", "we receive _ from", "we receive them from",
                            "come in over", "comes in over", "come in via", "comes in via", "come in through",
                            "comes in through", "arrive over", "arrive via", "arrives via",
                            "drop into", "dropped into", "land in", "lands in", "pushed to us",
                            // Out as well as in: "when a job's finished it goes across to Xero".
                            "goes across to", "go across to", "goes over to", "go over to", "gets sent to",
                            "get sent to", "is passed to", "are passed to"};
  return hasAny(w, feed);
}

// "staff sign in with their Microsoft accounts", "login is through Google".
bool statesSignIn(const Words& w) {
  static const Phrases signIn{"sign in with", "signs in with", "sign in using", "signs in using", "sign in through",
                              "sign in via", "log in with", "logs in with", "log in using", "logs in using",
                              "log in through", "log in via", "login is", "logins are", "login with",
                              "log on with", "logs on with", "single sign on", "sso", "authenticate with",
                              "sign in on", "signs in on", "log in on", "logs in on", "sign in by", "log in by",
                              "authenticate against", "authenticated by", "badge in", "badges in", "swipe in",
                              "swipes in", "tap in", "taps in", "get in with", "gets in with", "sign in through",
                              "log in at", "magic link", "link that's emailed", "link emailed"};
  return hasAny(w, signIn);
}

}  // namespace

std::optional<FactReading> readWorldFact(const Words& w, std::string_view text, const Quantities& quantities) {
  using C = RequirementCategory;
  if (statesRetention(w)) return FactReading{WorldFact::Retention, C::NonFunctional, "data_model", Quality::Legal};
  if (statesFixedInterface(w)) {
    // Where it runs is deployment ("it has to run on our own server, that's company policy"); what
    // it talks to is an integration.
    static const Phrases hosting{"server", "servers", "hosted", "hosting", "cloud", "on premise*", "on prem*",
                               "tenancy", "tenant", "sits in",
                                 "data centre", "data center", "run on", "runs on"};
    bool platform = hasAny(w, hosting);
    for (const auto& word : w) platform |= platformWords().count(word) != 0;
    return FactReading{WorldFact::Fixed, C::Constraint, platform ? "deployment" : "integrations", std::nullopt};
  }
  if (statesVolume(w, quantities)) {
    const Quality quality =
        hasAny(w, growthMarkers()) || namesYearAhead(w) ? Quality::Scalability : Quality::Performance;
    return FactReading{WorldFact::Volume, C::NonFunctional, "performance", quality};
  }
  if (statesRegulation(w)) return FactReading{WorldFact::Regulation, C::Constraint, "security", Quality::Legal};
  if (statesPlatform(w)) return FactReading{WorldFact::Platform, C::Constraint, "deployment", Quality::Portability};
  if (statesSignIn(w)) return FactReading{WorldFact::SignIn, C::Functional, "authentication", std::nullopt};
  if (statesDataFeed(w)) return FactReading{WorldFact::DataFeed, C::Functional, "integrations", std::nullopt};
  if (statesDataShape(w, text)) return FactReading{WorldFact::DataShape, C::Functional, "data_model", std::nullopt};
  if (statesPurpose(w)) return FactReading{WorldFact::Purpose, C::Functional, "", std::nullopt};
  return std::nullopt;
}

std::string volumePhrase(std::string_view cleanText) {
  std::size_t at = 0;
  while (at < cleanText.size() && !(cleanText[at] >= '0' && cleanText[at] <= '9')) ++at;
  if (at == cleanText.size()) return {};
  // Keep the hedge just before the number: "about 500", "up to 2,000".
  static constexpr std::string_view kLead[]{"about ", "around ", "roughly ", "up to ", "nearly ", "over ",
                                            "more than ", "at least ", "maybe "};
  for (const auto lead : kLead) {
    if (at >= lead.size() && cleanText.substr(at - lead.size(), lead.size()) == lead) {
      at -= lead.size();
      break;
    }
  }
  std::string phrase(cleanText.substr(at));
  while (!phrase.empty() && (phrase.back() == '.' || phrase.back() == '!')) phrase.pop_back();
  return phrase;
}

}  // namespace nexus::analyst
