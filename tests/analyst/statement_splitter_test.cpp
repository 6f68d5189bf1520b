#include "analyst/statement_splitter.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace nexus::analyst {
namespace {

using Statements = std::vector<std::string>;

TEST(StatementSplitter, SplitsSentencesOnTerminators) {
  EXPECT_EQ(splitStatements("Users must sign in with Google. Pages should load fast! Is that ok?"),
            (Statements{"Users must sign in with Google.", "Pages should load fast!", "Is that ok?"}));
}

TEST(StatementSplitter, KeepsAbbreviationsDecimalsAndVersionsIntact) {
  EXPECT_EQ(splitStatements("We need 99.9% uptime, e.g. during office hours. Use v1.2.3 of the API, i.e. the "
                            "stable one."),
            (Statements{"We need 99.9% uptime, e.g. during office hours.",
                        "Use v1.2.3 of the API, i.e. the stable one."}));
  EXPECT_EQ(splitStatements("Pages load in 2.5 s. Export costs $3.50 per user."),
            (Statements{"Pages load in 2.5 s.", "Export costs $3.50 per user."}));
}

TEST(StatementSplitter, EtcEndsASentenceOnlyBeforeACapital) {
  EXPECT_EQ(splitStatements("It supports PDFs, images etc. and we need previews."),
            (Statements{"It supports PDFs, images etc. and we need previews."}));
  EXPECT_EQ(splitStatements("It stores PDFs, images etc. Users can share them."),
            (Statements{"It stores PDFs, images etc.", "Users can share them."}));
}

TEST(StatementSplitter, KeepsListsInOneStatement) {
  EXPECT_EQ(splitStatements("Users can create, edit and delete tasks"),
            (Statements{"Users can create, edit and delete tasks"}));
}

TEST(StatementSplitter, SplitsOnSemicolons) {
  EXPECT_EQ(splitStatements("Users can create tasks; admins can delete them"),
            (Statements{"Users can create tasks", "admins can delete them"}));
}

TEST(StatementSplitter, AndAlsoLendsTheLeadInToASubjectlessPart) {
  EXPECT_EQ(splitStatements("Users can create tasks and also assign them to teammates"),
            (Statements{"Users can create tasks", "Users can assign them to teammates"}));
  EXPECT_EQ(splitStatements("Users can create tasks, and also the admin can archive them"),
            (Statements{"Users can create tasks", "the admin can archive them"}));
}

TEST(StatementSplitter, AndWithANewSubjectAndModalStartsAStatement) {
  EXPECT_EQ(splitStatements("It should send reminder emails to clients 3 days before the due date, and it "
                            "must integrate with Stripe"),
            (Statements{"It should send reminder emails to clients 3 days before the due date",
                        "it must integrate with Stripe"}));
  EXPECT_EQ(splitStatements("Users must sign in and the admin has to approve new accounts"),
            (Statements{"Users must sign in", "the admin has to approve new accounts"}));
  EXPECT_EQ(splitStatements("Users can see reports, but only admins can edit them"),
            (Statements{"Users can see reports", "only admins can edit them"}));
  EXPECT_EQ(splitStatements("Users must log in and managers and admins can approve posts"),
            (Statements{"Users must log in", "managers and admins can approve posts"}));
  // No modal before "and", or no new subject after it: one statement.
  for (const char* whole : {"Users and managers can see reports", "It should be fast and must be secure",
                            "Users can create tasks and edit them", "We sell cakes and we ship them",
                            "Users should see their tasks and the tasks they can edit",
                            "The report should list orders and the customers who can pay later",
                            "It supports PDFs, images etc. and we need previews."}) {
    EXPECT_EQ(splitStatements(whole), (Statements{whole})) << whole;
  }
}

TEST(StatementSplitter, LowerCaseSentencesAreSentences) {
  EXPECT_EQ(splitStatements("it needs to be GDPR compliant. data must stay in the EU"),
            (Statements{"it needs to be GDPR compliant.", "data must stay in the EU"}));
  EXPECT_EQ(splitStatements("hmm not sure. we're a small team"),
            (Statements{"hmm not sure.", "we're a small team"}));
  for (const char* whole : {"Wait... what?", "Meet at 5 p.m. tomorrow.", "Use it, e.g. for exports.",
                            "Exports to PDF, CSV etc. and previews."}) {
    EXPECT_EQ(splitStatements(whole), (Statements{whole})) << whole;
  }
}

TEST(StatementSplitter, BulletsAndNumbersAreStatementsWithoutMarkers) {
  EXPECT_EQ(splitStatements("Requirements:\n- sign in with Google\n* export to CSV\n\xE2\x80\xA2 dark mode"),
            (Statements{"Requirements:", "sign in with Google", "export to CSV", "dark mode"}));
  EXPECT_EQ(splitStatements("1. Users sign in\n2) Admins approve posts"),
            (Statements{"Users sign in", "Admins approve posts"}));
}

TEST(StatementSplitter, BulletsBorrowAnUnfinishedHeader) {
  EXPECT_EQ(splitStatements("Users must be able to:\n- create tasks\n- delete tasks"),
            (Statements{"Users must be able to:", "Users must be able to create tasks",
                        "Users must be able to delete tasks"}));
}

TEST(StatementSplitter, LineBreaksSeparateStatementsButNotWrappedSentences) {
  EXPECT_EQ(splitStatements("Users must sign in with Google\nPages should load fast"),
            (Statements{"Users must sign in with Google", "Pages should load fast"}));
  EXPECT_EQ(splitStatements("The report should include the\ntotal hours per week."),
            (Statements{"The report should include the total hours per week."}));
  EXPECT_EQ(splitStatements("Users can sign in.\nthey can sign out."),
            (Statements{"Users can sign in.", "they can sign out."}));
}

TEST(StatementSplitter, TitlesAndTimesAreNoSentenceEnds) {
  EXPECT_EQ(splitStatements("Meet Dr. Smith at 5 p.m. tomorrow. The system shall send reminders."),
            (Statements{"Meet Dr. Smith at 5 p.m. tomorrow.", "The system shall send reminders."}));
}

TEST(StatementSplitter, DropsEmptyAndPunctuationOnlyPieces) {
  EXPECT_TRUE(splitStatements("").empty());
  EXPECT_TRUE(splitStatements("   \n\n  ...  ;; \n").empty());
  EXPECT_EQ(splitStatements("Wait... what? Really?! OK."), (Statements{"Wait... what?", "Really?!", "OK."}));
}

TEST(StatementSplitter, CutsOverlongStatementsAtWords) {
  std::string longText;
  for (int i = 0; i < 300; ++i) longText += "word ";
  const auto statements = splitStatements(longText);
  ASSERT_GT(statements.size(), 1u);
  for (const auto& s : statements) {
    EXPECT_LE(s.size(), kMaxStatementBytes);
    EXPECT_NE(s.back(), ' ');
  }
}

// Its speed is part of BM_AnalystOnLargestMessage (bench/), not asserted here.
TEST(StatementSplitter, SplitsALargeMessage) {
  std::string message;
  while (message.size() < 64 * 1024) message += "Users must be able to export reports to PDF; e.g. weekly. ";
  const auto statements = splitStatements(message);
  EXPECT_GT(statements.size(), 1000u);
}

}  // namespace
}  // namespace nexus::analyst
