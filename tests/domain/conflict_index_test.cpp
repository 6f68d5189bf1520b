// The conflict index: pairs of requirements that cannot both hold, and the refinements,
// paraphrases and compatible pairs that must not be flagged.

#include "domain/conflict_index.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/enums.hpp"
#include "domain/conflict_claims.hpp"

namespace nexus::domain {
namespace {

ExtractedRequirement requirement(std::string id, std::string text, Priority priority = Priority::Should) {
  ExtractedRequirement r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.priority = priority;
  return r;
}

struct PairCase {
  const char* first;
  const char* second;
  std::optional<ConflictKind> kind;  // nullopt: the pair must not be flagged
  Priority firstPriority = Priority::Should;
  Priority secondPriority = Priority::Should;
};

std::string describe(const std::vector<ConflictDraft>& drafts) {
  std::string out;
  for (const auto& draft : drafts) out += std::string(toString(draft.kind)) + ": " + draft.explanation + "\n";
  return out.empty() ? "(none)\n" : out;
}

using enum ConflictKind;
constexpr std::optional<ConflictKind> kNone = std::nullopt;

const PairCase kPairs[] = {
    // ---- exclusive-choice: two values of a single-valued slot
    {"We must use PostgreSQL", "The database will be MySQL", ExclusiveChoice},
    {"Host everything on AWS", "The system runs on Microsoft Azure", ExclusiveChoice},
    {"We host it on our own servers", "Deploy it to AWS", ExclusiveChoice},
    {"The app runs only on Android", "It must run only on iOS", ExclusiveChoice},
    {"The backend is written in Java", "The backend is written in Python", ExclusiveChoice},
    {"The frontend is built with React", "We build the UI in Angular", ExclusiveChoice},
    {"Customer data must stay in the EU", "All data is hosted in the US", ExclusiveChoice},
    {"Only a web app, nothing to install", "We need an iPhone app", ExclusiveChoice},
    {"The portal is written in Java", "The portal is implemented in PHP", ExclusiveChoice},
    // ---- polarity: a capability asked for and ruled out
    {"Users must sign in", "No login should be needed", Polarity},
    {"The app must work offline", "It does not need to work offline", Polarity},
    {"We need a mobile app", "There won't be a mobile app", Polarity},
    {"The dashboard needs a dark mode", "Dark mode is out of scope", Polarity},
    {"Users can export reports as PDF", "PDF export of reports", Polarity, Priority::Should, Priority::Wont},
    {"Send managers a weekly summary email", "Managers should not get a weekly summary email", Polarity},
    {"Users get push notifications", "The app will not send push notifications", Polarity},
    // ---- numeric: bounds on one metric of one subject that cannot both hold
    {"Pages must load in under 2 seconds", "Pages may take up to 5 seconds to load", Numeric},
    {"The system must support at least 1000 users", "The system handles at most 100 users at the same time",
     Numeric},
    {"Audit logs must be retained for 30 days", "Audit logs are deleted after 7 days", Numeric},
    {"The service must be available 99.9% of the time", "An uptime of 99% is acceptable", Numeric},
    {"Users are logged out after 15 minutes of inactivity", "Sessions expire after 30 minutes", Numeric},
    {"Uploaded files can be at most 10 MB", "Users must be able to upload files of at least 50 MB", Numeric},
    {"Search results appear within 1 second", "Search results may take up to 3 seconds", Numeric},
    // ---- access: restricted to a role by one, granted to everyone or another role by the other
    {"Only admins can delete projects", "Every user can delete projects", Access},
    {"Only managers may approve invoices", "Anyone can approve invoices", Access},
    {"Only admins can delete projects", "Only project owners can delete projects", Access},
    {"Projects can only be deleted by administrators", "All users are able to delete projects", Access},
    {"Only the account owner may export the data", "Any member can export the data", Access},

    // ---- the same value, paraphrases and compatible pairs
    {"Use PostgreSQL", "Back up the PostgreSQL database nightly", kNone},
    {"Users sign in with Google", "Sign in uses Google accounts", kNone},
    {"We will migrate from MySQL to PostgreSQL", "Use PostgreSQL", kNone},
    {"Support both PostgreSQL and MySQL", "We must use PostgreSQL", kNone},
    {"We use PostgreSQL, not MySQL", "The database is PostgreSQL", kNone},
    {"Store files on AWS S3", "Host the app on AWS", kNone},
    {"The product is mobile only", "We need an Android app", kNone},
    {"The backend is written in Go", "The frontend is written in TypeScript", kNone},
    {"Data must stay in the EU", "Servers are hosted in Germany", kNone},
    {"Users can react to comments with emoji", "The frontend is built with Vue", kNone},
    // Two parts of one system may differ in language and hosting, not in database.
    {"The portal is written in Java with Spring Boot", "The risk engine is written in Python", kNone},
    {"Customer data is hosted on our own servers", "We will use AWS for the analytics platform", kNone},
    // ---- refinements and compatible bounds
    {"Pages load in under 2 seconds", "The search page loads in under 1 second", kNone},
    {"Pages must load in under 2 seconds", "Pages must load in under 1 second", kNone},
    {"Pages must load in under 2 seconds", "Pages must load within 2000 ms", kNone},
    {"Logs are kept for at least 30 days", "Logs are deleted after 90 days", kNone},
    {"The system must support at least 1000 users", "The system must support 5000 users", kNone},
    {"The API must respond within 200 ms", "Pages may take up to 5 seconds to load", kNone},
    {"Search results appear within 1 second", "Reports may take up to 30 seconds to generate", kNone},
    {"Pages may take up to 5 seconds to load", "The search page must load in under 1 second", kNone},
    {"Keep invoices for 10 years", "Delete chat messages after 30 days", kNone},
    // ---- capabilities: exceptions, other subjects, other things
    {"Users must sign in", "Guests don't need to sign in to browse the catalogue", kNone},
    {"Users must sign in with Google", "Users don't need a password", kNone},
    {"Users can sign in without a password", "Users must sign in", kNone},
    {"The app must work offline", "Sync needs an internet connection", kNone},
    {"Send an email when an invoice is overdue", "Do not send emails at night", kNone},
    {"Dark mode would be nice", "The dashboard needs a dark mode", kNone},
    {"Users get email notifications", "No push notifications", kNone},
    {"Notifications must arrive no later than 1 minute", "Users get notifications", kNone},
    // ---- access: the same role, other actions, plain grants
    {"Only admins can delete projects", "Admins can delete projects", kNone},
    {"Only admins can delete projects", "Managers can view projects", kNone},
    {"Only admins can delete projects", "Only administrators can delete projects", kNone},
    {"Only admins can delete projects", "Every user can view projects", kNone},
    {"Only 5 people can join a call", "Anyone can join a call", kNone},
};

class ConflictPairs : public ::testing::TestWithParam<PairCase> {};

TEST_P(ConflictPairs, FlagsOnlyPairsThatCannotBothHold) {
  const PairCase& c = GetParam();
  // Either order: which of the two came first changes the ids, not the verdict.
  for (const bool reversed : {false, true}) {
    const char* firstText = reversed ? c.second : c.first;
    const char* secondText = reversed ? c.first : c.second;
    ConflictIndex index;
    EXPECT_TRUE(
        index.add(requirement("r1", firstText, reversed ? c.secondPriority : c.firstPriority)).empty());
    const auto drafts =
        index.add(requirement("r2", secondText, reversed ? c.firstPriority : c.secondPriority));
    const std::string pair =
        std::string("\"") + firstText + "\" / \"" + secondText + "\": " + describe(drafts);
    if (!c.kind) {
      EXPECT_TRUE(drafts.empty()) << pair;
      continue;
    }
    ASSERT_EQ(drafts.size(), 1u) << pair;
    EXPECT_EQ(drafts[0].kind, *c.kind) << pair;
    EXPECT_EQ(drafts[0].firstId, "r1");
    EXPECT_EQ(drafts[0].secondId, "r2");
    // One sentence quoting both, the earlier first.
    const auto& explanation = drafts[0].explanation;
    const auto firstAt = explanation.find(std::string("\"") + firstText);
    const auto secondAt = explanation.find(std::string("\"") + secondText);
    EXPECT_NE(firstAt, std::string::npos) << pair;
    EXPECT_NE(secondAt, std::string::npos) << pair;
    EXPECT_LT(firstAt, secondAt) << pair;
    EXPECT_EQ(explanation.back(), '.') << pair;
  }
}

INSTANTIATE_TEST_SUITE_P(Pairs, ConflictPairs, ::testing::ValuesIn(kPairs));

TEST(ConflictPairTable, CoversEveryKindAndMoreNonConflicts) {
  std::size_t none = 0;
  std::size_t byKind[4] = {};
  for (const auto& c : kPairs) {
    if (c.kind) {
      ++byKind[static_cast<int>(*c.kind)];
    } else {
      ++none;
    }
  }
  for (const std::size_t count : byKind) EXPECT_GE(count, 4u);
  EXPECT_GE(byKind[0] + byKind[1] + byKind[2] + byKind[3], 20u);
  EXPECT_GE(none, 20u);
}

TEST(ConflictIndex, ExplanationNamesBothValues) {
  ConflictIndex index;
  index.add(requirement("req-1", "We must use PostgreSQL"));
  const auto drafts = index.add(requirement("req-2", "The database will be MySQL"));
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0].explanation,
            "\"We must use PostgreSQL\" and \"The database will be MySQL\" name two different databases, "
            "PostgreSQL and MySQL; a project uses one.");
}

TEST(ConflictIndex, TheEarlierComesFirstWithItsOwnId) {
  ConflictIndex index;
  index.add(requirement("req-9", "Only admins can delete projects"));
  index.add(requirement("req-3", "Users must sign in"));
  index.add(requirement("req-5", "Every user can view projects"));
  index.add(requirement("req-4", "Sign in is out of scope"));
  const auto drafts =
      index.add(requirement("req-1", "Anyone can delete projects, and no login should be needed"));
  ASSERT_EQ(drafts.size(), 2u) << describe(drafts);
  EXPECT_EQ(drafts[0].firstId, "req-9");  // added first, whatever its id
  EXPECT_EQ(drafts[0].kind, Access);
  EXPECT_EQ(drafts[1].firstId, "req-3");
  EXPECT_EQ(drafts[1].kind, Polarity);
  for (const auto& draft : drafts) EXPECT_EQ(draft.secondId, "req-1");
}

TEST(ConflictIndex, AddingAnIdAgainReplacesItsText) {
  ConflictIndex index;
  EXPECT_TRUE(index.add(requirement("r1", "We must use PostgreSQL")).empty());
  EXPECT_TRUE(index.add(requirement("r1", "We must use MySQL")).empty());  // no conflict with its old self
  EXPECT_EQ(index.size(), 1u);
  EXPECT_TRUE(index.add(requirement("r2", "The database will be MySQL")).empty());
  const auto drafts = index.add(requirement("r3", "The database is PostgreSQL"));
  ASSERT_EQ(drafts.size(), 2u) << describe(drafts);
  EXPECT_EQ(drafts[0].firstId, "r1");
  EXPECT_EQ(drafts[1].firstId, "r2");
}

TEST(ConflictIndex, AnEditedRequirementCountsAsJustAdded) {
  ConflictIndex index;
  index.add(requirement("r1", "Use PostgreSQL"));
  index.add(requirement("r2", "The database will be MySQL"));     // conflicts with r1
  const auto drafts = index.add(requirement("r1", "Use MySQL"));  // r1 edited: no longer
  EXPECT_TRUE(drafts.empty()) << describe(drafts);
  const auto again = index.add(requirement("r2", "The database will be PostgreSQL"));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].firstId, "r1");
  EXPECT_EQ(again[0].secondId, "r2");
}

TEST(ConflictIndex, RemoveForgetsARequirement) {
  ConflictIndex index;
  index.add(requirement("r1", "We must use PostgreSQL"));
  index.add(requirement("r2", "Only admins can delete projects"));
  index.remove("r1");
  index.remove("unknown");  // ignored
  EXPECT_EQ(index.size(), 1u);
  EXPECT_TRUE(index.add(requirement("r3", "The database will be MySQL")).empty());
  index.remove("r2");
  EXPECT_TRUE(index.add(requirement("r4", "Every user can delete projects")).empty());
  EXPECT_EQ(index.size(), 2u);

  // Every kind of key goes: bounds and capabilities too.
  index.add(requirement("r5", "Pages must load in under 2 seconds"));
  index.add(requirement("r6", "Users must sign in"));
  index.remove("r5");
  index.remove("r6");
  EXPECT_TRUE(index.add(requirement("r7", "Pages may take up to 5 seconds to load")).empty());
  EXPECT_TRUE(index.add(requirement("r8", "No login should be needed")).empty());
  EXPECT_EQ(index.size(), 4u);
}

TEST(ConflictIndex, OneDraftPerPairWhenSeveralKeysMatch) {
  ConflictIndex index;
  index.add(requirement("r1", "We use PostgreSQL on AWS"));
  const auto drafts = index.add(requirement("r2", "We use MySQL on Azure"));  // database and cloud
  ASSERT_EQ(drafts.size(), 1u) << describe(drafts);
  EXPECT_EQ(drafts[0].kind, ExclusiveChoice);
}

TEST(ConflictIndex, AStatementNamingTwoDatabasesClaimsNeither) {
  ConflictIndex index;
  EXPECT_TRUE(index.add(requirement("r1", "Support PostgreSQL and MySQL")).empty());
  EXPECT_TRUE(index.add(requirement("r2", "We will migrate from MySQL to PostgreSQL")).empty());
  EXPECT_TRUE(index.add(requirement("r3", "Use PostgreSQL")).empty());
  const auto drafts = index.add(requirement("r4", "The database will be MySQL"));
  ASSERT_EQ(drafts.size(), 1u) << describe(drafts);
  EXPECT_EQ(drafts[0].firstId, "r3");
}

// Words that are no English word and name nothing the index knows: "kaloqua", "mitrivi".
std::string madeUpWord(std::size_t n) {
  static const char* const kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "vi",  "de",  "po",
                                           "ga", "bu", "fe", "ji", "ho", "ze", "qua", "tri", "xo"};
  constexpr std::size_t kCount = std::size(kSyllables);
  return std::string(kSyllables[n % kCount]) + kSyllables[(n / kCount) % kCount] +
         kSyllables[(n / kCount / kCount) % kCount];
}

// Requirements of every kind that do not conflict with each other: each has subjects of its own.
std::string unrelatedRequirement(std::size_t n) {
  const std::string word = madeUpWord(n);
  const std::string number = std::to_string(n % 9 + 1);
  switch (n % 7) {
    case 0:
      return "The " + word + " report loads in under " + number + " seconds";
    case 1:
      return "Users can tag " + word + " items";
    case 2:
      return "Keep " + word + " logs for " + number + " days";
    case 3:
      return "Only admins can archive " + word + " folders";
    case 4:
      return "Every user can view " + word + " boards";
    case 5:
      return "The " + word + " screen shows a chart";
    default:
      return "Do not send " + word + " alerts at night";
  }
}

TEST(ConflictIndex, FindsTheConflictsAmongAThousandUnrelatedRequirements) {
  struct Planted {
    std::size_t at;  // inserted before this unrelated requirement
    const char* text;
  };
  const Planted planted[] = {
      {10, "We must use PostgreSQL"},
      {900, "The database will be MySQL"},
      {50, "Users must sign in"},
      {700, "No login should be needed"},
      {120, "Pages must load in under 2 seconds"},
      {400, "Pages may take up to 5 seconds to load"},
      {300, "Only admins can delete projects"},
      {999, "Every user can delete projects"},
  };
  ConflictIndex index;
  std::vector<ConflictDraft> found;
  for (std::size_t n = 0; n < 1000; ++n) {
    for (std::size_t p = 0; p < std::size(planted); ++p) {
      if (planted[p].at != n) continue;
      for (auto& draft : index.add(requirement("planted-" + std::to_string(p), planted[p].text))) {
        found.push_back(std::move(draft));
      }
    }
    for (auto& draft : index.add(requirement("u" + std::to_string(n), unrelatedRequirement(n)))) {
      found.push_back(std::move(draft));
    }
  }
  EXPECT_EQ(index.size(), 1008u);
  ASSERT_EQ(found.size(), 4u) << describe(found);  // in the order the later ones came
  const std::pair<const char*, const char*> expected[] = {{"planted-4", "planted-5"},
                                                          {"planted-2", "planted-3"},
                                                          {"planted-0", "planted-1"},
                                                          {"planted-6", "planted-7"}};
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(found[i].firstId, expected[i].first);
    EXPECT_EQ(found[i].secondId, expected[i].second);
  }
}

// Every pair compared with every verdict, in the order the index reports them: what the index
// must find without comparing every pair.
std::vector<ConflictDraft> comparedPairwise(const std::vector<ExtractedRequirement>& earlier,
                                            const ExtractedRequirement& added) {
  using conflicts::Claims;
  const Claims mine = conflicts::readClaims(added);
  std::vector<ConflictDraft> drafts;
  for (const auto& other : earlier) {
    const Claims theirs = conflicts::readClaims(other);
    std::optional<ConflictDraft> first;
    auto check = [&](const auto& ours, const auto& held, ConflictKind kind, auto verdict) {
      for (const auto& claim : ours) {
        for (const auto& heldClaim : held) {
          if (first) return;
          if (auto sentence = verdict(other.text, heldClaim, added.text, claim)) {
            first = ConflictDraft{other.id, added.id, kind, std::move(*sentence)};
          }
        }
      }
    };
    check(mine.choices, theirs.choices, ExclusiveChoice, conflicts::choiceConflict);
    check(mine.access, theirs.access, Access, conflicts::accessConflict);
    check(mine.numbers, theirs.numbers, Numeric, conflicts::numericConflict);
    check(mine.capabilities, theirs.capabilities, Polarity, conflicts::capabilityConflict);
    if (first) drafts.push_back(std::move(*first));
  }
  return drafts;
}

// Subjects and qualifiers of one to five words, bounds of both kinds, exclusions broad and
// narrow, access rules: the pairs that conflict are many and of every kind.
std::string variedRequirement(std::size_t n) {
  static const char* const kWords[] = {"search", "invoice", "export", "report", "admin", "mobile"};
  std::string subject;
  for (std::size_t w = 0, bits = (n / 11) % 32; w < 5; ++w) {
    if (bits & (std::size_t{1} << w)) subject += std::string(kWords[w]) + " ";
  }
  const std::string number = std::to_string(n % 9 + 1);
  switch (n % 11) {
    case 0:
      return "The " + subject + "page must load in under " + number + " seconds";
    case 1:
      return "The " + subject + "page may take up to " + number + " seconds to load";
    case 2:
      return "The " + subject + "page must load in at least " + number + " seconds";
    case 3:
      return "Users must be able to share " + subject + "files";
    case 4:
      return "Sharing " + subject + "files is out of scope";
    case 5:
      return "Users must not share files";
    case 6:
      return "Only admins can delete " + subject + "projects";
    case 7:
      return "Every user can delete " + subject + "projects";
    case 8:
      return "We must use PostgreSQL for the " + subject + "data";
    case 9:
      return "The database will be MySQL";
    default:
      return "Keep " + subject + "logs for at least " + number + " days";
  }
}

TEST(ConflictIndex, FindsWhatComparingEveryPairFinds) {
  ConflictIndex index;
  std::vector<ExtractedRequirement> added;
  std::size_t conflicts = 0;
  std::set<ConflictKind> kinds;
  for (std::size_t n = 0; n < 700; ++n) {
    const auto r = requirement("r" + std::to_string(n), variedRequirement(n), n % 13 == 0 ? Priority::Wont
                                                                                           : Priority::Should);
    const auto expected = comparedPairwise(added, r);
    const auto found = index.add(r);
    ASSERT_EQ(found, expected) << r.text << "\nfound:\n" << describe(found) << "expected:\n" << describe(expected);
    conflicts += found.size();
    for (const auto& draft : found) kinds.insert(draft.kind);
    added.push_back(r);
    if (n % 50 == 49) {  // and after a removal, as if the person took one back
      index.remove(added[n / 2].id);
      added.erase(added.begin() + static_cast<std::ptrdiff_t>(n / 2));
    }
  }
  EXPECT_GT(conflicts, 1000u);  // a test of the lookups, not of an empty index
  EXPECT_EQ(kinds.size(), 4u);
}

// Held out: written before the index first ran, from other projects (a clinic, a bank, sensors,
// a school), labelled by what a careful reader would say. Run once and never tuned on since.
// First run: 8 of 14 agreed with the label; the test holds only that figure. The six misses were
// all conflicts left unflagged, none a false alarm: "every staff member" (not an everyone phrase
// of the data), an upload interval ("every 5 minutes", no metric of the data), "a permanent
// internet connection" against working offline, "only available as a web app", an exclusion
// with a qualifier of its own ("report cards are public and need no login") and a plain grant
// to customers against "only branch staff".
const PairCase kHeldOut[] = {
    {"Patient records must be kept for at least 10 years", "Patient records are deleted after 5 years",
     Numeric},
    {"Only doctors can view lab results", "Every staff member can view lab results", Access},
    {"Appointment reminders are sent by SMS", "Patients receive appointment reminders by text message",
     kNone},
    {"Transfers must be confirmed with two-factor authentication",
     "Two-factor authentication is not required for transfers", Polarity},
    {"All amounts are stored in PostgreSQL", "The ledger lives in Oracle", ExclusiveChoice},
    {"The mobile banking app must respond within 1 second", "Statement downloads may take up to 10 seconds",
     kNone},
    {"Sensor readings are uploaded every 5 minutes", "Readings must be uploaded at least every minute",
     Numeric},
    {"The gateway must work without an internet connection",
     "The gateway needs a permanent internet connection", Polarity},
    {"Alerts are shown on the dashboard", "Alerts are also sent by email", kNone},
    {"Only teachers can edit grades", "Students can view their grades", kNone},
    {"The platform is only available as a web app", "Students use an Android app to check homework",
     ExclusiveChoice},
    {"Parents must log in to see report cards", "Report cards are public and need no login", Polarity},
    {"Customers can close their account in the app", "Only branch staff can close accounts", Access},
    {"The clinic app is available in English and Spanish", "The app supports multiple languages", kNone},
};

TEST(ConflictIndex, HeldOutPairsAgreeAsOftenAsAtTheFirstRun) {
  std::size_t agreed = 0;
  std::string disagreements;
  for (const auto& c : kHeldOut) {
    ConflictIndex index;
    index.add(requirement("r1", c.first, c.firstPriority));
    const auto drafts = index.add(requirement("r2", c.second, c.secondPriority));
    const std::optional<ConflictKind> verdict =
        drafts.empty() ? std::nullopt : std::optional<ConflictKind>(drafts[0].kind);
    if (verdict == c.kind) {
      ++agreed;
    } else {
      disagreements += std::string("\"") + c.first + "\" / \"" + c.second + "\": " + describe(drafts);
    }
  }
  std::cout << "held out: " << agreed << " of " << std::size(kHeldOut) << " agreed\n" << disagreements;
  EXPECT_GE(agreed, 8u);  // the first run's figure
}

}  // namespace
}  // namespace nexus::domain
