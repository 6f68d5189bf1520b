// `nexus export` through the real binary: a project's or a session's requirements as
// Markdown, JSON or CSV, to standard output or to a file that is replaced whole or not at all.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "support/file_contents.hpp"
#include "support/nexus_cli.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

using test::contentsOf;

std::vector<std::string> filesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ExportCli : public ::testing::Test {
 protected:
  // An offline interview of project demo with two must and one should requirement; its session id.
  std::string interview() {
    const auto run = nexus({"interview", "--project", "demo"},
                           "Users must sign in with Google\nPages should load in under 2 seconds\n"
                           "We must use PostgreSQL\n/end\n");
    EXPECT_EQ(run.exitCode, 0) << run.err;
    static const std::regex pattern(R"(Session ([A-Za-z0-9_-]{21}) )");
    std::smatch match;
    EXPECT_TRUE(std::regex_search(run.out, match, pattern)) << run.out;
    return match[1].str();
  }
  test::ProcessOutput nexus(const std::vector<std::string>& args, const std::string& input = {}) {
    return cli_.run(args, input);
  }
  // What another command prints as JSON.
  json printed(const std::vector<std::string>& args) {
    const auto run = nexus(args);
    EXPECT_EQ(run.exitCode, 0) << run.err;
    return run.exitCode == 0 ? json::parse(run.out) : json();
  }

  test::NexusCli cli_;
  test::TempDir output_;
};

TEST_F(ExportCli, AProjectAsMarkdownJsonAndCsvOnStandardOutput) {
  const std::string session = interview();

  const auto markdown = nexus({"export", "--project", "demo"});
  ASSERT_EQ(markdown.exitCode, 0) << markdown.err;
  EXPECT_EQ(markdown.err, "");
  EXPECT_TRUE(markdown.out.starts_with("# Requirements: demo\n\n- **Project:** demo\n")) << markdown.out;
  EXPECT_NE(markdown.out.find("- **Requirements:** 3 (0 validated, 3 pending, 0 rejected)\n"), std::string::npos);
  EXPECT_NE(markdown.out.find("| Must have | 2 |\n| Should have | 1 |"), std::string::npos) << markdown.out;
  EXPECT_NE(markdown.out.find("## Functional requirements"), std::string::npos) << markdown.out;
  const std::string signIn = "| Users must sign in with Google. | must | 0.90 | pending | “Users must sign in with Google” |";
  EXPECT_NE(markdown.out.find(signIn), std::string::npos) << markdown.out;
  EXPECT_NE(markdown.out.find("| `" + session + "` | — | `"), std::string::npos) << markdown.out;  // traced
  const auto ears = nexus({"export", "--project", "demo", "--style", "ears"});
  ASSERT_EQ(ears.exitCode, 0) << ears.err;
  EXPECT_NE(ears.out.find("The system shall ensure that users sign in with Google."), std::string::npos) << ears.out;
  const auto badStyle = nexus({"export", "--project", "demo", "--style", "poetic"});
  EXPECT_NE(badStyle.exitCode, 0);
  EXPECT_NE(badStyle.err.find("unknown style \"poetic\""), std::string::npos) << badStyle.err;
  EXPECT_EQ(nexus({"export", "--project", "demo", "--format", "MD"}).exitCode, 0);

  const json document = printed({"export", "--project", "demo", "--format", "json"});
  EXPECT_EQ(document.at("projectId"), "demo");
  EXPECT_EQ(document.at("requirements"), printed({"requirements", "list", "--project", "demo", "--json"}));

  const auto csv = nexus({"export", "--project", "demo", "--format", "csv"});
  ASSERT_EQ(csv.exitCode, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("id,text,category,priority,confidence,area,validation,featureId,sources,"
                                  "createdAt,updatedAt\r\n"))
      << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4);
  EXPECT_NE(csv.out.find(",Users must sign in with Google.,functional,must,0.9,authentication,pending,,interview:" +
                         session),
            std::string::npos)
      << csv.out;
}

TEST_F(ExportCli, ASessionQuotesTheMessagesItsRequirementsCameFrom) {
  const std::string session = interview();

  const auto markdown = nexus({"export", "--session", session});
  ASSERT_EQ(markdown.exitCode, 0) << markdown.err;
  EXPECT_TRUE(markdown.out.starts_with("# Requirements: demo, interview `" + session + "`\n")) << markdown.out;
  EXPECT_NE(markdown.out.find("- **Session:** `" + session + "` (completed)\n"), std::string::npos) << markdown.out;
  const json shown = printed({"sessions", "show", session, "--json"});
  const std::string messageId = shown.at("messages")[1].at("id");
  EXPECT_NE(markdown.out.find("| `" + session + "` | — | `" + messageId + "` |"), std::string::npos)
      << markdown.out;

  const json document = printed({"export", "--session", session, "--format", "json"});
  EXPECT_EQ(document.at("sessionId"), session);
  EXPECT_EQ(document.at("projectId"), "demo");
  EXPECT_EQ(document.at("requirements"), shown.at("extractedRequirements"));

  const auto csv = nexus({"export", "--session", session, "--format", "csv"});
  EXPECT_TRUE(csv.out.starts_with("id,text,category,priority,confidence,area,sourceMessageId,sourceQuote\r\n"))
      << csv.out;
  EXPECT_NE(csv.out.find("," + messageId + ",Users must sign in with Google\r\n"), std::string::npos) << csv.out;
}

TEST_F(ExportCli, WritesAFileReplacingAnExistingOneWhole) {
  interview();
  const std::string file = output_.path() + "/requirements.csv";
  std::ofstream(file) << "an older export\n";

  const auto run = nexus({"export", "--project", "demo", "--format", "csv", "-o", file});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(run.out, "Exported 3 requirements of project demo to " + file + " (csv).\n");
  EXPECT_EQ(contentsOf(file), nexus({"export", "--project", "demo", "--format", "csv"}).out);
  EXPECT_EQ(filesIn(output_.path()), std::vector<std::string>{"requirements.csv"});
}

TEST_F(ExportCli, AFailedWriteNamesTheFileAndLeavesTheExistingOneAsItWas) {
  const std::string file = output_.path() + "/requirements.md";
  std::ofstream(file) << "an older export\n";

  // No file may grow past 0 bytes (root ignores file modes, not this limit); an in-memory
  // database writes nothing else.
  const auto full = cli_.runAfter("trap '' XFSZ; ulimit -f 0",
                                  {"--db", ":memory:", "export", "--project", "demo", "--output", file});
  EXPECT_EQ(full.exitCode, 1);
  EXPECT_EQ(full.err, "nexus: cannot write " + file +
                          ": the file would exceed the size limit of this process (ulimit -f)\n");
  EXPECT_EQ(full.out, "");
  EXPECT_EQ(contentsOf(file), "an older export\n");
  EXPECT_EQ(filesIn(output_.path()), std::vector<std::string>{"requirements.md"});  // no temporary file left

  const std::string nowhere = output_.path() + "/missing/requirements.md";
  const auto missing = nexus({"export", "--project", "demo", "-o", nowhere});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_EQ(missing.err,
            "nexus: cannot write " + nowhere + ": the directory " + output_.path() + "/missing does not exist\n");
}

// The document is written as the requirements are read: a row that cannot be read half way
// through fails the export with one line, and the file being replaced keeps what it held.
TEST_F(ExportCli, AStoreThatFailsHalfWayLeavesTheExistingFileAsItWas) {
  interview();
  {
    SQLite::Database db(cli_.defaultDatabase(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE requirements SET category = 'no-such-category' WHERE rowid = (SELECT max(rowid) FROM requirements)");
  }
  for (const std::string format : {"markdown", "json", "csv", "reqif"}) {
    const std::string file = output_.path() + "/requirements." + format;
    std::ofstream(file) << "an older export\n";
    const auto run = nexus({"export", "--project", "demo", "--format", format, "-o", file});
    EXPECT_EQ(run.exitCode, 1) << format;
    EXPECT_TRUE(run.err.starts_with("nexus: cannot export the requirements of project demo: cannot list the "
                                    "requirements of project demo in " +
                                    cli_.defaultDatabase() + ": "))
        << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_EQ(contentsOf(file), "an older export\n") << format;
  }
  EXPECT_EQ(filesIn(output_.path()),
            (std::vector<std::string>{"requirements.csv", "requirements.json", "requirements.markdown",
                                      "requirements.reqif"}));  // no temporary file left
}

// Rows wait for their section in a temporary file ($TMPDIR): when there is none to be had,
// the export says so and replaces nothing.
TEST_F(ExportCli, NoRoomForWaitingRowsNamesTheTemporaryDirectory) {
  interview();
  const std::string file = output_.path() + "/requirements.md";
  std::ofstream(file) << "an older export\n";
  const std::string nowhere = output_.path() + "/no-such-dir";
  cli_.setEnvironment("TMPDIR", nowhere);
  const auto run = nexus({"export", "--project", "demo", "-o", file});
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_EQ(run.err, "nexus: cannot export the requirements of project demo: cannot write the document: cannot "
                     "create a temporary file in " +
                         nowhere + " ($TMPDIR): No such file or directory\n");
  EXPECT_EQ(contentsOf(file), "an older export\n");
  // CSV needs no waiting rows.
  EXPECT_EQ(nexus({"export", "--project", "demo", "--format", "csv"}).exitCode, 0);
}

TEST_F(ExportCli, AnUnknownSessionAndUsageErrors) {
  const auto unknown = nexus({"export", "--session", "no-such-session"});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_EQ(unknown.err, "nexus: no interview session with id \"no-such-session\"\n");
  EXPECT_EQ(unknown.out, "");

  const auto nothing = nexus({"export"});
  EXPECT_EQ(nothing.exitCode, 2);
  EXPECT_EQ(nothing.err, "nexus: name what to export: --project ID or --session ID\n");
  EXPECT_EQ(nexus({"export", "--project", "demo", "--session", "x"}).exitCode, 2);
  const auto badFormat = nexus({"export", "--project", "demo", "--format", "pdf"});
  EXPECT_EQ(badFormat.exitCode, 2);
  EXPECT_NE(badFormat.err.find("unknown format \"pdf\" (markdown, json, csv or reqif)"), std::string::npos) << badFormat.err;
}

}  // namespace
}  // namespace nexus
