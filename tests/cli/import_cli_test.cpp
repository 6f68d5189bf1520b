// `nexus import` through the real binary: a project exported as ReqIF or JSON comes back into
// another project (or another database) with every requirement, priority, category and source;
// files StrictDoc wrote import; importing twice adds nothing; a bad file imports nothing.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/file_contents.hpp"
#include "support/child_process.hpp"
#include "support/nexus_cli.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using nlohmann::json;
const std::string kData = NEXUS_TEST_DATA_DIR;

using test::contentsOf;

// What a team's tool compares: everything but the database's own ids and times.
json comparable(json requirements) {
  for (auto& r : requirements) {
    for (const auto key : {"id", "projectId", "createdAt", "updatedAt"}) r.erase(key);
    for (auto& source : r["sources"]) source.erase("addedAt");
    if (r.contains("history")) {
      for (auto& edit : r["history"]) edit.erase("requirementId");
    }
  }
  return requirements;
}

class ImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto run = nexus({"interview", "--project", "demo"},
                           "Users must sign in with Google\nPages should load in under 2 seconds\n"
                           "We must use PostgreSQL\nMaybe later it could export to Excel\n/end\n");
    ASSERT_EQ(run.exitCode, 0) << run.err;
  }
  test::ProcessOutput nexus(const std::vector<std::string>& args, const std::string& input = {}) {
    return cli_.run(args, input);
  }
  json listed(const std::string& project, const std::vector<std::string>& global = {}) {
    std::vector<std::string> args = global;
    for (const auto a : {"requirements", "list", "--json", "--project"}) args.emplace_back(a);
    args.push_back(project);
    const auto run = nexus(args);
    EXPECT_EQ(run.exitCode, 0) << run.err;
    return run.exitCode == 0 ? json::parse(run.out) : json::array();
  }
  std::string file(const std::string& name) const { return files_.path() + "/" + name; }

  test::NexusCli cli_;
  test::TempDir files_;
};

TEST_F(ImportCli, AReqifExportIsSchemaValidAndReadsBackWithEverySource) {
  const std::string reqif = file("demo.reqif");
  const auto exported = nexus({"export", "--project", "demo", "--format", "reqif", "-o", reqif});
  ASSERT_EQ(exported.exitCode, 0) << exported.err;
  const auto valid =
      test::runProcess({NEXUS_XMLLINT, "--noout", "--nonet", "--schema", kData + "/reqif/reqif.xsd", reqif}, "");
  EXPECT_EQ(valid.exitCode, 0) << valid.err;

  const auto imported = nexus({"import", reqif, "--project", "copy"});
  ASSERT_EQ(imported.exitCode, 0) << imported.err;
  EXPECT_EQ(imported.out, "Imported " + reqif + " (reqif) into project copy: 4 new, 0 merged with near-duplicates, " +
                              "0 already there; 3 heading or empty objects skipped.\n");
  EXPECT_EQ(comparable(listed("copy")), comparable(listed("demo")));

  const auto again = nexus({"import", reqif, "--project", "copy", "--format", "reqif"});
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.out.find(": 0 new, 0 merged with near-duplicates, 4 already there"), std::string::npos) << again.out;
  EXPECT_EQ(listed("copy").size(), 4u);
}

TEST_F(ImportCli, AJsonExportImportsIntoAnotherDatabaseAndExportsTheSameBytes) {
  const std::string first = file("demo.json");
  ASSERT_EQ(nexus({"export", "--project", "demo", "--format", "json", "-o", first}).exitCode, 0);
  const std::vector<std::string> other{"--db", file("other.db")};
  auto args = other;
  for (const auto a : {"import", first.c_str(), "--project", "demo"}) args.emplace_back(a);
  const auto imported = nexus(args);
  ASSERT_EQ(imported.exitCode, 0) << imported.err;
  EXPECT_NE(imported.out.find(": 4 new, 0 merged"), std::string::npos) << imported.out;

  args = other;
  for (const auto a : {"export", "--project", "demo", "--format", "json"}) args.emplace_back(a);
  const auto second = nexus(args);
  ASSERT_EQ(second.exitCode, 0) << second.err;
  json a = json::parse(contentsOf(first));
  json b = json::parse(second.out);
  EXPECT_NE(a.at("generatedAt"), b.at("generatedAt"));
  b["generatedAt"] = a.at("generatedAt");
  EXPECT_EQ(b.dump(2) + "\n", contentsOf(first));  // byte for byte apart from the export time
}

TEST_F(ImportCli, ImportsBothStrictDocSamples) {
  const auto p01 = nexus({"import", kData + "/reqif/samples/strictdoc-p01-sample.reqif", "--project", "sd"});
  ASSERT_EQ(p01.exitCode, 0) << p01.err;
  EXPECT_NE(p01.out.find(": 137 new, 0 merged with near-duplicates, 0 already there."), std::string::npos) << p01.out;
  // Not valid against the schema (a SPEC-HIERARCHY without LAST-CHANGE), and read all the same.
  const auto loose = nexus({"import", kData + "/reqif/samples/strictdoc-default-import.reqif", "--project", "sd"});
  ASSERT_EQ(loose.exitCode, 0) << loose.err;
  EXPECT_NE(loose.out.find(": 1 new"), std::string::npos) << loose.out;
  const json requirements = listed("sd");
  ASSERT_EQ(requirements.size(), 138u);
  EXPECT_EQ(requirements.back().at("text"), "Section free text.\\n");
  EXPECT_EQ(requirements.back().at("sources")[0].at("source"),
            "reqif:REQ-IF-HEADER-5c157e4b-5b5b-4146-8841-1ab5d6e5a980");
}

TEST_F(ImportCli, ABadFileImportsNothingAndSaysWhyInOneLine) {
  const std::string sample = contentsOf(kData + "/reqif/samples/strictdoc-p01-sample.reqif");
  std::ofstream(file("cut.reqif"), std::ios::binary) << sample.substr(0, sample.size() / 2);
  std::ofstream(file("notes.txt")) << "just some notes\n";
  std::ofstream(file("page.xml")) << "<html/>";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"import", file("cut.reqif"), "-p", "x"},
       "nexus: cannot import " + file("cut.reqif") +
           ": not well-formed XML (the file ends before the document does: truncated?)\n"},
      {{"import", file("notes.txt"), "-p", "x"},
       "nexus: cannot import " + file("notes.txt") +
           ": cannot tell its format; name it with --format json or --format reqif\n"},
      {{"import", file("page.xml"), "-p", "x"},
       "nexus: cannot import " + file("page.xml") + ": XML but not ReqIF: the root element is <html>, not <REQ-IF>\n"},
      {{"import", file("missing.reqif"), "-p", "x"},
       "nexus: cannot import " + file("missing.reqif") + ": No such file or directory\n"},
      {{"import", kData + "/reqif/samples/strictdoc-p01-sample.reqif", "-p", "x", "--max-bytes", "1000"},
       "nexus: cannot import " + kData + "/reqif/samples/strictdoc-p01-sample.reqif: it is " +
           std::to_string(sample.size()) + " bytes, over the import limit of 1000 (--max-bytes)\n"},
  };
  for (const auto& [args, message] : cases) {
    const auto run = nexus(args);
    EXPECT_EQ(run.exitCode, 1) << message;
    EXPECT_EQ(run.err, message);
  }
  EXPECT_EQ(listed("x"), json::array());
  EXPECT_EQ(listed("demo").size(), 4u);  // nothing stored before was touched

  const auto usage = nexus({"import", file("cut.reqif"), "-p", "x", "--format", "pdf"});
  EXPECT_EQ(usage.exitCode, 2);
  EXPECT_NE(usage.err.find("unknown format \"pdf\" (json or reqif)"), std::string::npos) << usage.err;
}

}  // namespace
}  // namespace nexus
