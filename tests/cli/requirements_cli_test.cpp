// The requirements database through the real binary: what interviews record in it, and the
// `nexus requirements` and `nexus sessions export` commands.

#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "support/nexus_cli.hpp"

namespace nexus {
namespace {

using nlohmann::json;

class RequirementsCli : public ::testing::Test {
 protected:
  test::ProcessOutput nexus(const std::vector<std::string>& args, const std::string& input = {}) {
    return cli_.run(args, input);
  }
  json listed(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"requirements", "list", "--project", "demo", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = nexus(args);
    EXPECT_EQ(run.exitCode, 0) << run.err;
    return run.exitCode == 0 ? json::parse(run.out) : json::array();
  }
  std::string sessionOf(const std::string& out) {
    static const std::regex pattern(R"(Session ([A-Za-z0-9_-]{21}) )");
    std::smatch match;
    return std::regex_search(out, match, pattern) ? match[1].str() : std::string();
  }

  test::NexusCli cli_;
};

TEST_F(RequirementsCli, InterviewsFillTheProjectsRequirementsWithTraceableSources) {
  const auto first = nexus({"interview", "--project", "demo"},
                           "Users must sign in with Google\nPages should load in under 2 seconds\n/end\n");
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const std::string firstSession = sessionOf(first.out);
  // A later session says one of them again, in other words.
  const auto second = nexus({"interview", "--project", "demo"}, "Users have to sign in with Google\n/end\n");
  ASSERT_EQ(second.exitCode, 0) << second.err;
  const std::string secondSession = sessionOf(second.out);
  ASSERT_NE(firstSession, secondSession);

  const json all = listed();
  ASSERT_EQ(all.size(), 2u) << all.dump(2);
  EXPECT_EQ(all[0].at("text"), "Users must sign in with Google.");
  EXPECT_EQ(all[0].at("category"), "functional");
  EXPECT_EQ(all[0].at("priority"), "must");
  EXPECT_EQ(all[0].at("area"), "authentication");
  EXPECT_EQ(all[0].at("validation"), "pending");
  ASSERT_EQ(all[0].at("sources").size(), 2u);
  EXPECT_EQ(all[0].at("sources")[0].at("source"), "interview:" + firstSession);
  EXPECT_EQ(all[0].at("sources")[1].at("source"), "interview:" + secondSession);
  EXPECT_EQ(all[1].at("category"), "non-functional");
  EXPECT_EQ(all[1].at("area"), "performance");

  // Each source names the message of its session the requirement was stated in.
  const auto show = nexus({"sessions", "show", firstSession, "--json"});
  ASSERT_EQ(show.exitCode, 0) << show.err;
  const json session = json::parse(show.out);
  EXPECT_EQ(all[0].at("sources")[0].at("messageId"), session.at("messages")[1].at("id"));
  EXPECT_EQ(all[0].at("sources")[0].at("originId"), session.at("extractedRequirements")[0].at("id"));

  const auto text = nexus({"requirements", "list", "--project", "demo"});
  EXPECT_NE(text.out.find("Project demo: 2 requirements\n  Users must sign in with Google.\n"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("and 1 more source"), std::string::npos) << text.out;
  EXPECT_EQ(nexus({"requirements", "list", "--project", "elsewhere"}).out,
            "No requirements recorded for project elsewhere.\n");
}

TEST_F(RequirementsCli, FiltersStatsValidationLinksAndDeletion) {
  ASSERT_EQ(nexus({"interview", "--project", "demo"},
                  "Users must sign in with Google\nPages should load in under 2 seconds\nWe must use PostgreSQL\n"
                  "/end\n")
                .exitCode,
            0);
  EXPECT_EQ(listed({"--priority", "must"}).size(), 2u);
  EXPECT_EQ(listed({"--category", "non-functional"}).size(), 1u);
  EXPECT_EQ(listed({"--area", "Authentication"}).size(), 1u);
  EXPECT_EQ(listed({"--min-confidence", "0.99"}).size(), 0u);

  const json stats = json::parse(nexus({"requirements", "stats", "--project", "demo", "--json"}).out);
  EXPECT_EQ(stats.at("total"), 3);
  EXPECT_EQ(stats.at("byPriority").at("must"), 2);
  EXPECT_EQ(stats.at("byPriority").at("wont"), 0);
  EXPECT_EQ(stats.at("byCategory").at("constraint"), 1);
  EXPECT_EQ(stats.at("byValidation").at("pending"), 3);

  const std::string id = listed()[0].at("id");
  const auto validated = nexus({"requirements", "validate", id});
  EXPECT_EQ(validated.exitCode, 0) << validated.err;
  EXPECT_EQ(validated.out, "Requirement " + id + " is validated: Users must sign in with Google.\n");
  EXPECT_EQ(nexus({"requirements", "validate", id, "--reject"}).exitCode, 0);
  EXPECT_EQ(listed({"--status", "rejected"}).size(), 1u);
  EXPECT_EQ(nexus({"requirements", "link", id, "F-12"}).out, "Requirement " + id + " belongs to feature F-12.\n");
  EXPECT_EQ(listed()[0].at("featureId"), "F-12");
  EXPECT_EQ(nexus({"requirements", "link", id, "--unlink"}).exitCode, 0);
  EXPECT_FALSE(listed()[0].contains("featureId"));
  EXPECT_NE(nexus({"requirements", "stats", "--project", "demo"}).out.find("by validation: 2 pending, 1 rejected"),
            std::string::npos);

  EXPECT_EQ(nexus({"requirements", "delete", id}).out, "Deleted requirement " + id + ".\n");
  EXPECT_EQ(listed().size(), 2u);
  const auto again = nexus({"requirements", "delete", id});
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_EQ(again.err, "nexus: no requirement with id \"" + id + "\"\n");
  const auto unknown = nexus({"requirements", "validate", "nope"});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_EQ(unknown.err, "nexus: cannot mark requirement nope validated: no requirement with id \"nope\"\n");
  const auto badFilter = nexus({"requirements", "list", "--priority", "urgent"});
  EXPECT_NE(badFilter.exitCode, 0);
  EXPECT_NE(badFilter.err.find("urgent"), std::string::npos) << badFilter.err;
}

TEST_F(RequirementsCli, ExportingASessionAgainAddsNothingAndRestoresWhatWasDeleted) {
  const auto run = nexus({"interview", "--project", "demo"}, "Users must sign in with Google\n/end\n");
  const std::string id = sessionOf(run.out);
  ASSERT_FALSE(id.empty()) << run.out;

  const auto exported = nexus({"sessions", "export", id});
  EXPECT_EQ(exported.exitCode, 0) << exported.err;
  EXPECT_EQ(exported.out, "Session " + id +
                              ": 1 requirement in the requirements database (0 new, 0 merged with "
                              "near-duplicates, 1 already there).\n");
  EXPECT_EQ(listed().size(), 1u);

  ASSERT_EQ(nexus({"requirements", "delete", listed()[0].at("id")}).exitCode, 0);
  EXPECT_NE(nexus({"sessions", "export", id}).out.find("(1 new, 0 merged"), std::string::npos);
  EXPECT_EQ(listed().size(), 1u);

  const auto unknown = nexus({"sessions", "export", "no-such-session"});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_EQ(unknown.err,
            "nexus: cannot export session no-such-session: No interview session with id \"no-such-session\"\n");
}

TEST_F(RequirementsCli, UpdateKeepsHistoryAndAnalyzeReportsConflictsFindingsAndReadiness) {
  const auto interview = nexus({"interview", "--project", "demo"},
                               "We must use PostgreSQL.\nThe database will be MySQL.\nThe app should be fast.\n/end\n");
  ASSERT_EQ(interview.exitCode, 0) << interview.err;
  EXPECT_NE(interview.out.find("! conflict (exclusive-choice)"), std::string::npos) << interview.out;
  EXPECT_NE(interview.out.find("? vague-term:"), std::string::npos) << interview.out;
  const json all = listed();
  ASSERT_EQ(all.size(), 3u) << all.dump(2);
  const std::string id = all[2].at("id");

  const auto updated = nexus({"requirements", "update", id, "--priority", "must", "--text",
                              "Search results appear in under 1 second for 95% of searches"});
  ASSERT_EQ(updated.exitCode, 0) << updated.err;
  EXPECT_NE(updated.out.find("Search results appear in under 1 second"), std::string::npos) << updated.out;
  const json after = listed();
  EXPECT_EQ(after[2].at("priority"), "must");
  EXPECT_EQ(after[2].at("editedFields"), json::array({"text", "priority"}));
  EXPECT_EQ(after[2].at("history").size(), 2u);

  EXPECT_EQ(nexus({"requirements", "update", id}).exitCode, 1);  // nothing to change
  EXPECT_EQ(nexus({"requirements", "update", id, "--priority", "urgent"}).exitCode, 2);
  const auto unknown = nexus({"requirements", "update", "no-such-id", "--priority", "must"});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_NE(unknown.err.find("cannot update requirement no-such-id"), std::string::npos) << unknown.err;

  const auto analysis = nexus({"requirements", "analyze", "--project", "demo", "--json"});
  ASSERT_EQ(analysis.exitCode, 0) << analysis.err;
  const json report = json::parse(analysis.out);
  ASSERT_EQ(report.at("conflicts").size(), 1u) << report.dump(2);
  EXPECT_EQ(report.at("conflicts")[0].at("kind"), "exclusive-choice");
  EXPECT_TRUE(report.at("findings").empty()) << report.dump(2);  // the vague one was made precise
  EXPECT_FALSE(report.at("readiness").at("ready"));
  const auto text = nexus({"--ready-threshold", "0.5", "requirements", "analyze", "--project", "demo"});
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_NE(text.out.find("ready at 0.50"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("! exclusive-choice We must use PostgreSQL."), std::string::npos) << text.out;
}

}  // namespace
}  // namespace nexus
