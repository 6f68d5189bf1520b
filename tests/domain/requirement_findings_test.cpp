#include "domain/requirement_findings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace nexus::domain {
namespace {

constexpr auto F = RequirementCategory::Functional;
constexpr auto NF = RequirementCategory::NonFunctional;
constexpr auto Vague = FindingKind::VagueTerm;
constexpr auto Unmeasured = FindingKind::Unmeasured;
constexpr auto OpenEnded = FindingKind::OpenEnded;
constexpr auto Compound = FindingKind::Compound;
constexpr auto NoActor = FindingKind::NoActor;
constexpr auto Tbd = FindingKind::Tbd;

struct FindingCase {
  const char* text;
  RequirementCategory category;
  const char* area;  // "" for none
  std::vector<FindingKind> kinds;  // exactly these, in FindingKind order
  const char* term;  // of the first finding; "" when not checked
};

ExtractedRequirement requirementOf(const FindingCase& c) {
  ExtractedRequirement requirement;
  requirement.text = c.text;
  requirement.category = c.category;
  if (*c.area != '\0') requirement.area = c.area;
  return requirement;
}

std::vector<FindingKind> kindsOf(const std::vector<FindingDraft>& findings) {
  std::vector<FindingKind> kinds;
  for (const auto& finding : findings) kinds.push_back(finding.kind);
  return kinds;
}

bool matches(const FindingCase& c, const std::vector<FindingDraft>& findings) {
  if (kindsOf(findings) != c.kinds) return false;
  return *c.term == '\0' || findings.front().term == c.term;
}

// Statements with the findings a careful reviewer would give, exactly. Precise ones first: a
// false alarm costs the person's trust more than a miss.
const FindingCase kCases[] = {
    // Precise: no finding.
    {"Search results must appear in under 1 second for 95% of searches", NF, "performance", {}, ""},
    {"Users must sign in with Google", F, "authentication", {}, ""},
    {"Store each task in PostgreSQL", RequirementCategory::Technical, "data_model", {}, ""},
    {"Only admins can delete projects", F, "authorization", {}, ""},
    {"The app must be available 99.9% of the time", NF, "deployment", {}, ""},
    {"Export reports to PDF and CSV", F, "", {}, ""},
    {"Users can sign up and log in with email", F, "authentication", {}, ""},
    {"Passwords must be hashed with bcrypt", NF, "security", {}, ""},
    {"Send a Slack message when a task is done", F, "integrations", {}, ""},
    {"Deploy it on AWS with Docker", RequirementCategory::Technical, "deployment", {}, ""},
    {"Invoices are kept for 7 years", RequirementCategory::Constraint, "", {}, ""},
    {"The API must respond in under 200 ms at 500 requests per second", NF, "performance", {}, ""},
    {"Support files up to 2 GB", F, "", {}, ""},
    // Precise: a vague word bounded by a number.
    {"Search must be fast: under 200 ms for 95% of queries", NF, "performance", {}, ""},
    {"Pages must load fast, in under 2 seconds", NF, "performance", {}, ""},
    {"Users can upload large files up to 2 GB", F, "", {}, ""},
    {"Support many users (up to 500 at the same time)", NF, "performance", {}, ""},
    {"The system must handle 1,000 orders per minute at peak load", NF, "performance", {}, ""},
    {"The service must scale to 10,000 concurrent users", NF, "performance", {}, ""},
    {"The mobile app must work offline for up to 24 hours", NF, "", {}, ""},
    // Precise: a bound, a mechanism, a reference or a name.
    {"Passwords must have at least 8 characters", NF, "security", {}, ""},
    {"Keep secure passwords hashed with bcrypt", NF, "security", {}, ""},
    {"Encrypt all traffic with TLS 1.3", NF, "security", {}, ""},
    {"Checkout must be faster than on the old site", NF, "", {}, ""},
    {"Show the most recent invoices first", F, "", {}, ""},
    {"Sort products by best sellers", F, "", {}, ""},
    {"Nice to have: a dark mode", F, "ui_ux", {}, ""},
    {"Logs are kept as required by the tax law", RequirementCategory::Constraint, "", {}, ""},
    {"Orders of 10 and more get a discount", F, "", {}, ""},
    // Precise: one actor with a list, or a condition.
    {"Users can export tasks to PDF, CSV and Excel", F, "", {}, ""},
    {"Admins can add, edit and remove users", F, "authorization", {}, ""},
    {"Users who can edit projects must also see the history", F, "", {}, ""},
    {"If users can pay online, they must get a receipt", F, "", {}, ""},
    {"Users must confirm their email address before their first sign-in", F, "authentication", {}, ""},
    {"Users can cancel an order within 10 minutes of placing it", F, "", {}, ""},
    {"Alert the on-call engineer when the error rate exceeds 1%", F, "", {}, ""},
    // Precise: someone acts, or the system obviously does.
    {"Orders over 100 EUR must be approved by a manager", F, "", {}, ""},
    {"Refunds are approved by the store manager", F, "", {}, ""},
    {"A manager reviews each expense report within 2 working days", F, "", {}, ""},
    {"Each user is assigned a unique ID", F, "", {}, ""},
    {"Uploaded files are checked for viruses", F, "security", {}, ""},
    {"When an order is approved, the customer gets an email", F, "", {}, ""},
    {"Credit cards are accepted via Stripe", F, "integrations", {}, ""},
    {"Access is granted only to members of the finance team", F, "authorization", {}, ""},
    {"Lists show 50 items per page and a button loads the next 50", F, "ui_ux", {}, ""},
    {"Orders are accepted until 10 pm", F, "", {}, ""},
    {"The temperature must be checked every 10 minutes", F, "", {}, ""},
    {"The manager and the accountant must both approve the invoice", F, "", {}, ""},
    // Precise: the words look vague but are not.
    {"Users can invite as many members as they like", F, "", {}, ""},
    {"Show how many tasks are left", F, "ui_ux", {}, ""},
    {"Customers can order fast food from local restaurants", F, "", {}, ""},
    {"Users can save a draft and finish it later", F, "", {}, ""},
    {"Use Kubernetes to scale out", RequirementCategory::Technical, "deployment", {}, ""},
    {"Support at least the latest two versions of Chrome", NF, "", {}, ""},
    {"At least one admin must exist per workspace", F, "authorization", {}, ""},
    {"Users must re-enter their password at least once a month", NF, "security", {}, ""},

    // Vague terms.
    {"The app should be fast", NF, "performance", {Vague}, "fast"},
    {"The interface must be User-Friendly", F, "ui_ux", {Vague}, "User-Friendly"},
    {"It should be easy to use for new staff", F, "", {Vague}, "easy to use"},
    {"Users need to upload large files", F, "", {Vague}, "large"},
    {"The system must support many users", NF, "performance", {Vague}, "many"},
    {"The app should be secure", NF, "security", {Vague}, "secure"},
    {"We want a modern, beautiful dashboard", F, "ui_ux", {Vague}, "modern"},
    {"The platform must be scalable", NF, "performance", {Vague}, "scalable"},
    {"Provide the best search experience", F, "", {Vague}, "best"},
    {"Reports should load faster", NF, "performance", {Vague}, "faster"},
    {"Backups run regularly", NF, "", {Vague}, "regularly"},
    {"Response time must be quick", NF, "performance", {Vague}, "quick"},
    {"Search results must appear as soon as possible", NF, "", {Vague}, "as soon as possible"},
    {"Use a state-of-the-art design", F, "ui_ux", {Vague}, "state-of-the-art"},
    // A vague word about another quality leaves the missing measure to report.
    {"The UI must be intuitive and handle peak load", NF, "performance", {Vague, Unmeasured}, "intuitive"},

    // Unmeasured qualities, without a vague word.
    {"The system must handle peak load", NF, "performance", {Unmeasured}, "peak load"},
    {"It must scale with the number of users", NF, "performance", {Unmeasured}, "scale"},
    {"High availability is required", NF, "deployment", {Unmeasured}, "High availability"},
    {"Latency must stay low", NF, "", {Unmeasured}, "Latency"},
    {"The dashboard must support concurrent users", NF, "performance", {Unmeasured}, "concurrent users"},
    {"Performance matters a lot", NF, "performance", {Unmeasured}, "Performance"},
    {"Caching must improve page load", NF, "performance", {Unmeasured}, "page load"},

    // Open-ended clauses.
    {"Export to PDF, CSV, etc.", F, "", {OpenEnded}, "etc."},
    {"The system must support SSO via SAML and Okta, etc", F, "authentication", {OpenEnded}, "etc"},
    {"Support CSV import (and more formats later)", F, "", {OpenEnded}, "and more"},
    {"Notify users by email, SMS and so on", F, "", {OpenEnded}, "and so on"},
    {"Support payment providers including but not limited to Stripe", F, "integrations", {OpenEnded},
     "including but not limited to"},
    {"Users can attach files if possible", F, "", {OpenEnded}, "if possible"},
    {"Admins can reset passwords as needed", F, "", {OpenEnded}, "as needed"},
    {"Passwords must have at least a mix of letters and digits", NF, "security", {OpenEnded}, "at least"},
    {"Where appropriate, show a help text", F, "ui_ux", {OpenEnded}, "Where appropriate"},

    // Compound statements.
    {"Users can create tasks and admins can delete them", F, "", {Compound}, "and admins can"},
    {"The system must send an email and should log the event", F, "", {Compound}, "and should"},
    {"Customers can pay by card but only managers can issue refunds", F, "", {Compound},
     "but only managers can"},
    {"Drivers must scan each parcel; the customer must sign on delivery", F, "", {Compound},
     "; the customer must"},
    {"Teachers can create quizzes while students can only take them", F, "", {Compound}, ""},
    {"When a patient cancels, the slot must be freed and the doctor should be notified", F, "",
     {Compound}, "and the doctor should"},

    // No actor.
    {"The order must be approved", F, "", {NoActor}, "be approved"},
    {"Access must be granted", F, "authorization", {NoActor}, "be granted"},
    {"Requests are reviewed", F, "", {NoActor}, "are reviewed"},
    {"It should be checked", F, "", {NoActor}, "be checked"},
    {"New posts must be moderated before they appear", F, "", {NoActor}, "be moderated"},
    {"Each task is assigned to a team member", F, "", {NoActor}, "is assigned"},
    {"Transfers must be reviewed when they exceed the daily limit", F, "", {NoActor}, "be reviewed"},
    {"Orders must be accepted", F, "", {NoActor}, "be accepted"},

    // Open decisions.
    {"The storage limit is TBD", RequirementCategory::Constraint, "", {Tbd}, "TBD"},
    {"Payment provider to be decided", RequirementCategory::Technical, "integrations", {Tbd}, "to be decided"},
    {"Pricing: we will decide later", F, "", {Tbd}, "decide later"},
    {"Maximum file size ??? MB", F, "", {Tbd}, "???"},
    {"Which database to use: not sure yet", RequirementCategory::Technical, "data_model", {Tbd}, "not sure yet"},
    {"Data retention period: XXX days", RequirementCategory::Constraint, "", {Tbd}, "XXX"},

    // More than one kind, in FindingKind order.
    {"Search must be quick, etc.", F, "", {Vague, OpenEnded}, "quick"},
    {"Exports are reviewed and the storage limit is TBD", F, "", {NoActor, Tbd}, "are reviewed"},
};

class RequirementFindings : public ::testing::TestWithParam<FindingCase> {};

TEST_P(RequirementFindings, FindsExactlyTheExpectedKinds) {
  const FindingCase& c = GetParam();
  const auto findings = findIssues(requirementOf(c));
  EXPECT_EQ(kindsOf(findings), c.kinds) << c.text;
  if (*c.term != '\0' && !findings.empty()) {
    EXPECT_EQ(findings.front().term, c.term) << c.text;
  }
  for (const auto& finding : findings) {
    EXPECT_FALSE(finding.message.empty()) << c.text;
    EXPECT_FALSE(finding.suggestion.empty()) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, RequirementFindings, ::testing::ValuesIn(kCases));

TEST(RequirementFindingsTable, HasEnoughRowsAndPreciseOnes) {
  std::size_t precise = 0;
  for (const auto& c : kCases) precise += c.kinds.empty() ? 1 : 0;
  EXPECT_GE(std::size(kCases), 60U);
  EXPECT_GE(precise, 20U);
}

const FindingDraft* findingOf(const std::vector<FindingDraft>& findings, FindingKind kind) {
  for (const auto& finding : findings) {
    if (finding.kind == kind) return &finding;
  }
  return nullptr;
}

ExtractedRequirement statement(const char* text, RequirementCategory category = F,
                               const char* area = "") {
  return requirementOf(FindingCase{text, category, area, {}, ""});
}

TEST(RequirementFindingsText, TermKeepsTheOriginalCase) {
  const auto findings = findIssues(statement("The Portal must be FAST and Intuitive"));
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings.front().term, "FAST");
  EXPECT_NE(findings.front().message.find("\"FAST\""), std::string::npos);
}

TEST(RequirementFindingsText, SuggestionsAreKeyedToTheTerm) {
  const auto fast = findIssues(statement("Search should be fast", NF, "performance"));
  ASSERT_EQ(kindsOf(fast), std::vector<FindingKind>{Vague});
  EXPECT_EQ(fast.front().suggestion,
            "How fast? For example: search results in under 1 second for 95 % of searches.");
  EXPECT_EQ(findIssues(statement("Users upload large files")).front().suggestion,
            "How large? For example: files up to 2 GB.");
  EXPECT_EQ(findIssues(statement("It must support many users")).front().suggestion,
            "How many? For example: up to 500 users at the same time.");
  EXPECT_EQ(findIssues(statement("The app must be intuitive")).front().suggestion,
            "For example: a new user can create their first task in under 2 minutes without help.");
}

TEST(RequirementFindingsText, SuggestionsFollowTheArea) {
  const auto api = findIssues(statement("The API must be fast", NF, "api"));
  ASSERT_FALSE(api.empty());
  EXPECT_NE(api.front().suggestion.find("API responds"), std::string::npos) << api.front().suggestion;
}

TEST(RequirementFindingsText, CompoundSuggestionQuotesBothParts) {
  const auto findings = findIssues(statement("Users can create tasks and admins can delete them"));
  const FindingDraft* compound = findingOf(findings, Compound);
  ASSERT_NE(compound, nullptr);
  EXPECT_EQ(compound->suggestion,
            "Split it into two: \"Users can create tasks.\" and \"Admins can delete them.\"");

  // The second part without a subject of its own borrows the first one's.
  const auto shared = findIssues(statement("The system must send an email and should log the event."));
  compound = findingOf(shared, Compound);
  ASSERT_NE(compound, nullptr);
  EXPECT_EQ(compound->suggestion,
            "Split it into two: \"The system must send an email.\" and \"The system should log the "
            "event.\"");
}

TEST(RequirementFindingsText, CompoundSuggestionKeepsTheConditionForBothParts) {
  const auto findings =
      findIssues(statement("When a patient cancels, the slot must be freed and the doctor should be notified"));
  const FindingDraft* compound = findingOf(findings, Compound);
  ASSERT_NE(compound, nullptr);
  EXPECT_EQ(compound->suggestion,
            "Split it into two: \"When a patient cancels, the slot must be freed.\" and \"When a "
            "patient cancels, the doctor should be notified.\"");
}

TEST(RequirementFindingsText, NoActorSuggestsWhoActsOnTheSubject) {
  const auto findings = findIssues(statement("The order must be approved"));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings.front().suggestion, "Say who: for example \"A manager must approve the order.\"");
}

TEST(RequirementFindingsText, MessagesNameTheTermAsWritten) {
  for (const auto& c : kCases) {
    for (const auto& finding : findIssues(requirementOf(c))) {
      if (finding.term.empty()) continue;
      if (finding.kind == Compound) continue;  // its message is about the whole sentence
      EXPECT_NE(finding.message.find(finding.term), std::string::npos) << c.text;
      EXPECT_NE(std::string(c.text).find(finding.term), std::string::npos) << c.text;
    }
  }
}

TEST(RequirementFindingsText, IsDeterministic) {
  for (const auto& c : kCases) {
    const auto first = findIssues(requirementOf(c));
    EXPECT_EQ(findIssues(requirementOf(c)), first) << c.text;
  }
}

TEST(RequirementFindingsText, OddInputHasNoFinding) {
  EXPECT_TRUE(findIssues(statement("")).empty());
  EXPECT_TRUE(findIssues(statement("   \n  ")).empty());
  EXPECT_TRUE(findIssues(statement("...")).empty());
  EXPECT_TRUE(findIssues(statement("Ünïcödé spëllïng für Kündën")).empty());
}

// HELD-OUT: written before the lexicon existed, from other domains (clinic, delivery, school,
// bank, sensors), as a careful reviewer would flag them. Never tuned on.
// Measured once on its first run (before the main table was run): 25/25 rows correct; findings
// precision 15/15, recall 15/15. Never tuned on. Caveat: the same author wrote this table and
// the lexicon, after sketching the lexicon's design, so it is less independent than it looks.
const FindingCase kHeldOut[] = {
    {"Patients can book an appointment with any doctor at the clinic", F, "", {}, ""},
    {"Reception staff should see each doctor's availability for the next 4 weeks", F, "", {}, ""},
    {"Lab results must be reviewed before they are released to the patient", F, "", {NoActor}, "be reviewed"},
    {"The booking page should be easy for elderly patients", F, "ui_ux", {Vague}, "easy"},
    {"Prescriptions are signed by the treating doctor", F, "", {}, ""},
    {"Drivers must see the delivery address and the customer must get a text when the driver is 5 minutes away", F, "", {Compound}, ""},
    {"Deliveries should arrive quickly", NF, "", {Vague}, "quickly"},
    {"The courier app must work offline, sync when back online, etc.", F, "", {OpenEnded}, "etc."},
    {"Same-day delivery for orders placed before 2 pm", F, "", {}, ""},
    {"The tracking map must handle a lot of drivers", NF, "performance", {Vague}, "a lot of"},
    {"Teachers can enter grades and parents can view them", F, "", {Compound}, ""},
    {"Homework submissions are checked", F, "", {NoActor}, "are checked"},
    {"Students must upload assignments as PDF or Word files up to 20 MB", F, "", {}, ""},
    {"The school year calendar is TBD", F, "", {Tbd}, "TBD"},
    {"Bank transfers over 10,000 EUR must be approved by two managers", F, "", {}, ""},
    {"Loan applications must be approved", F, "", {NoActor}, "be approved"},
    {"Customers should be able to open an account in under 10 minutes", NF, "", {}, ""},
    {"The banking app must be secure", NF, "security", {Vague}, "secure"},
    {"Card data must be encrypted with AES-256 and never stored in logs", NF, "security", {}, ""},
    {"Sensor readings must be stored every 5 seconds", F, "", {}, ""},
    {"The dashboard must show temperature, humidity, pressure and so on", F, "", {OpenEnded}, "and so on"},
    {"Alerts should be sent when needed", F, "", {OpenEnded}, "when needed"},
    {"The gateway must handle the sensor traffic", NF, "performance", {Unmeasured}, ""},
    {"Sensor data is kept for at least a year", F, "", {}, ""},
    {"Which protocol the sensors use is not decided yet", F, "", {Tbd}, "not decided yet"},
};

// Rows of kHeldOut that the first run got wrong (by index): documented, not asserted.
const std::vector<std::size_t> kHeldOutFirstRunMisses{};

TEST(RequirementFindingsHeldOut, StaysAtItsFirstRun) {
  std::size_t expected = 0, found = 0, correctFindings = 0;
  for (std::size_t row = 0; row < std::size(kHeldOut); ++row) {
    const FindingCase& c = kHeldOut[row];
    const auto findings = findIssues(requirementOf(c));
    const auto kinds = kindsOf(findings);
    expected += c.kinds.size();
    found += kinds.size();
    for (FindingKind kind : kinds) {
      correctFindings += std::find(c.kinds.begin(), c.kinds.end(), kind) != c.kinds.end() ? 1 : 0;
    }
    const bool miss = std::find(kHeldOutFirstRunMisses.begin(), kHeldOutFirstRunMisses.end(), row) !=
                      kHeldOutFirstRunMisses.end();
    if (!miss) {
      EXPECT_TRUE(matches(c, findings)) << "row " << row << ": " << c.text;
    }
  }
  std::cout << "held-out: precision " << correctFindings << "/" << found << ", recall "
            << correctFindings << "/" << expected << "\n";
}

}  // namespace
}  // namespace nexus::domain
