// Storage faults through the real binary: a full disk (a file size limit on the process), a
// read-only database, one from a newer Nexus, a corrupt one. Each gives one line naming the
// file and the cause and a non-zero exit, and what was stored before stays intact.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/nexus_cli.hpp"

namespace nexus {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string bytesOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// One value from the file, read with the SQLite C API (no Nexus code).
std::string sqlValue(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string result = "(no row)";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

std::size_t lineCount(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

class StorageFaults : public ::testing::Test {
 protected:
  // A paused session of project demo with one answered turn; returns its id.
  std::string storeOneTurn() {
    const auto run = cli_.run({"interview", "--project", "demo"}, "Users must sign in with Google\n/pause\n");
    EXPECT_EQ(run.exitCode, 0) << run.err;
    static const std::regex pattern(R"(Session ([A-Za-z0-9_-]{21}) )");
    std::smatch match;
    EXPECT_TRUE(std::regex_search(run.out, match, pattern)) << run.out;
    return match[1].str();
  }
  json shown(const std::string& id) {
    const auto run = cli_.run({"sessions", "show", id, "--json"});
    EXPECT_EQ(run.exitCode, 0) << run.err;
    return run.exitCode == 0 ? json::parse(run.out) : json();
  }
  std::string database() const { return cli_.defaultDatabase(); }

  test::NexusCli cli_;
};

TEST_F(StorageFaults, AFullDiskRefusesMessagesLosesNothingAcknowledgedAndTheSessionGoesOnAfterwards) {
  const std::string id = storeOneTurn();
  const json before = shown(id);
  ASSERT_EQ(before.at("messages").size(), 3u);

  // 64 KiB per file: SQLite's shared-memory index fits, the write-ahead log fills after a turn or two.
  const std::vector<std::string> said{"Pages should load in under 2 seconds", "We must use PostgreSQL",
                                      "Admins can export reports as CSV", "Teams share lists with each other",
                                      "Users can reset their password by email", "The app works offline on phones"};
  std::string input;
  for (const auto& line : said) input += line + "\n";
  const auto full = cli_.runAfter("trap '' XFSZ; ulimit -f 64", {"interview", "--project", "demo"}, input + "/pause\n");
  EXPECT_EQ(full.exitCode, 1) << full.out << full.err;
  const std::string cause = "cannot save session " + id + " to " + database() +
                            ": a file reached the size limit of this process (ulimit -f: 65536 bytes)";
  EXPECT_NE(full.err.find("Your message was not sent because it could not be saved: " + cause), std::string::npos)
      << full.err;
  const std::size_t answered = static_cast<std::size_t>(std::count_if(said.begin(), said.end(), [&](const auto& line) {
    return full.out.find("you> " + line + "\nNexus: ") != std::string::npos;
  }));
  EXPECT_LT(answered, said.size()) << "the limit never bit; the test proves nothing";

  EXPECT_EQ(sqlValue(database(), "PRAGMA integrity_check"), "ok");
  const json after = shown(id);
  const auto& messages = after.at("messages");
  for (std::size_t i = 0; i < before.at("messages").size(); ++i) EXPECT_EQ(messages[i], before.at("messages")[i]);
  // Every answered message is stored, in order; nothing refused is.
  std::vector<std::string> storedUser;
  for (std::size_t i = 3; i < messages.size(); ++i) {
    if (messages[i].at("role") == "user") storedUser.push_back(messages[i].at("content"));
  }
  ASSERT_GE(storedUser.size(), answered);
  for (std::size_t i = 0; i < storedUser.size(); ++i) EXPECT_EQ(storedUser[i], said[i]);
  EXPECT_LE(storedUser.size(), answered + 1);  // at most the one whose reply could not be stored

  // With room again, the same session continues.
  const auto later = cli_.run({"interview", "--project", "demo"}, "Users can export reports as PDF\n/pause\n");
  EXPECT_EQ(later.exitCode, 0) << later.err;
  EXPECT_NE(later.out.find("Resuming session " + id), std::string::npos) << later.out;
  EXPECT_EQ(shown(id).at("messages").back().at("role"), "assistant");
}

// File modes do not stop root, so as root the binary runs as `nobody`.
TEST_F(StorageFaults, AReadOnlyDatabaseIsRefusedWithOneLineAndLeftAsItWas) {
  const std::string id = storeOneTurn();
  ASSERT_FALSE(id.empty());
  for (fs::path dir = fs::path(database()).parent_path(); dir != fs::path(cli_.dataDir()).parent_path();
       dir = dir.parent_path()) {
    ASSERT_EQ(::chmod(dir.c_str(), 0755), 0) << dir;  // `nobody` may enter, not write
  }
  ASSERT_EQ(::chmod(database().c_str(), 0444), 0);
  const std::string before = bytesOf(database());

  const std::vector<std::string> asNobody{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
  const auto run = [&](const std::vector<std::string>& args, const std::string& input) {
    if (::geteuid() != 0) return cli_.run(args, input);
    std::string command;
    for (const auto& part : asNobody) command += part + " ";
    return cli_.runAfter("cd /; exec " + command + "\"$0\" \"$@\"; exit 127", args, input);
  };
  const std::string expected = "nexus: cannot open " + database() + ": the database file is read-only\n";
  for (const auto& args : {std::vector<std::string>{"sessions", "list"},
                           std::vector<std::string>{"interview", "--project", "demo"},
                           std::vector<std::string>{"requirements", "list", "--project", "demo"}}) {
    const auto refused = run(args, "Pages should load fast\n/end\n");
    EXPECT_EQ(refused.exitCode, 1) << args[0] << ": " << refused.err;
    EXPECT_EQ(refused.err, expected) << args[0];
  }
  EXPECT_EQ(bytesOf(database()), before);
  ASSERT_EQ(::chmod(database().c_str(), 0600), 0);
  EXPECT_EQ(shown(id).at("messages").size(), 3u);
}

TEST_F(StorageFaults, ADatabaseFromANewerNexusIsRefusedAndNotTouched) {
  storeOneTurn();
  ASSERT_EQ(sqlValue(database(), "INSERT INTO schema_migrations VALUES (99, '2031-01-01T00:00:00.000Z') RETURNING version"),
            "99");
  const std::string before = bytesOf(database());
  for (const auto& args : {std::vector<std::string>{"sessions", "list"},
                           std::vector<std::string>{"interview", "--project", "demo"}}) {
    const auto refused = cli_.run(args, "/end\n");
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_EQ(refused.err, "nexus: " + database() + " was written by a newer Nexus (schema 99; this build knows 5); "
                                                    "upgrade nexus\n");
  }
  EXPECT_EQ(bytesOf(database()), before);
}

TEST_F(StorageFaults, ACorruptDatabaseIsNamedInOneLine) {
  storeOneTurn();
  // Scribble over the pages after the schema: the header still says "SQLite format 3".
  std::string bytes = bytesOf(database());
  ASSERT_GT(bytes.size(), 3u * 4096);
  for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 7));
  std::ofstream(database(), std::ios::binary | std::ios::trunc) << bytes;

  const auto refused = cli_.run({"sessions", "list"});
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_EQ(lineCount(refused.err), 1u) << refused.err;
  EXPECT_NE(refused.err.find(database()), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("the database file is corrupt"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace nexus
