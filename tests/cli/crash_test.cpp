// Kills `nexus interview` with SIGKILL at random moments and checks that the database stays
// consistent and that every turn the program had answered is stored.

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <random>
#include <thread>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace nexus {
namespace {

using namespace std::chrono_literals;

struct StoredMessage {
  std::string role, content;
};

// Reads the database the way an outsider would: the SQLite C API, no Nexus code.
class Inspector {
 public:
  explicit Inspector(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
  }
  ~Inspector() { sqlite3_close(db_); }

  std::string integrity() { return single("PRAGMA integrity_check"); }
  // Requirements of the requirements database without a single source: a torn write.
  std::string requirementsWithoutSource() {
    return single("SELECT count(*) FROM requirements r "
                  "WHERE NOT EXISTS (SELECT 1 FROM requirement_sources s WHERE s.requirement_id = r.id)");
  }
  // Requirements captured from `message` that never reached the requirements database.
  int unrecordedRequirementsOf(const std::string& message) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db_,
                       "SELECT count(*) FROM session_requirements sr JOIN messages m ON m.id = sr.source_message_id "
                       "WHERE m.content = ? AND NOT EXISTS "
                       "(SELECT 1 FROM requirement_sources s WHERE s.origin_id = sr.id)",
                       -1, &statement, nullptr);
    sqlite3_bind_text(statement, 1, message.c_str(), -1, SQLITE_TRANSIENT);
    const int count = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : -1;
    sqlite3_finalize(statement);
    return count;
  }
  // Session requirements recorded twice in the requirements database.
  std::string sourcesRecordedTwice() {
    return single("SELECT count(*) FROM (SELECT 1 FROM requirement_sources WHERE origin_id IS NOT NULL "
                  "GROUP BY source, origin_id HAVING count(*) > 1)");
  }
  std::vector<StoredMessage> messages() {
    std::vector<StoredMessage> out;
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db_, "SELECT role, content FROM messages ORDER BY session_id, seq", -1, &statement, nullptr);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(statement, 1))});
    }
    sqlite3_finalize(statement);
    return out;
  }

 private:
  std::string single(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    std::string result = "(no row)";
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return result;
  }
  sqlite3* db_ = nullptr;
};

TEST(CrashTest, KilledAtRandomMomentsLosesNoAcknowledgedTurn) {
  test::TempDir dir;
  const std::string db = dir.path() + "/crash.db";
  const std::map<std::string, std::string> env{{"NEXUS_LLM", "offline"}, {"NEXUS_DB", db}, {"ANTHROPIC_API_KEY", ""}};
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::vector<std::string> acknowledged;  // user messages whose reply was printed
  constexpr int kRuns = 60;

  for (int run = 0; run < kRuns; ++run) {
    test::ChildProcess nexus({NEXUS_BINARY_PATH, "interview", "--project", "crash"}, env);
    ASSERT_TRUE(nexus.waitFor("Nexus: ", 1, 20s)) << "run " << run << " did not start: " << nexus.output();
    const int turns = std::uniform_int_distribution<int>(0, 3)(random);
    std::size_t replies = 1;
    for (int turn = 0; turn < turns; ++turn) {
      const std::string message = "Users must be able to export report " + std::to_string(run) + "-" +
                                  std::to_string(turn) + " as PDF";
      ASSERT_TRUE(nexus.write(message + "\n"));
      ASSERT_TRUE(nexus.waitFor("Nexus: ", ++replies, 20s)) << nexus.output();
      acknowledged.push_back(message);
    }
    if (std::uniform_int_distribution<int>(0, 1)(random) == 1) {
      // Mid-turn: the message may or may not have been taken; only a whole turn may show.
      ASSERT_TRUE(nexus.write("Pages should load in under " + std::to_string(run) + " seconds\n"));
      std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(random)));
    }
    nexus.kill(SIGKILL);
    EXPECT_EQ(nexus.wait(), 128 + SIGKILL);

    Inspector inspector(db);
    ASSERT_EQ(inspector.integrity(), "ok") << "after run " << run;
    EXPECT_EQ(inspector.requirementsWithoutSource(), "0") << "after run " << run;
    EXPECT_EQ(inspector.sourcesRecordedTwice(), "0") << "after run " << run;
    const auto stored = inspector.messages();
    for (const auto& message : acknowledged) {
      const auto it = std::find_if(stored.begin(), stored.end(),
                                   [&](const StoredMessage& m) { return m.role == "user" && m.content == message; });
      ASSERT_NE(it, stored.end()) << "lost acknowledged message \"" << message << "\" after run " << run;
      ASSERT_NE(it + 1, stored.end()) << "the reply to \"" << message << "\" is missing";
      EXPECT_EQ((it + 1)->role, "assistant") << "the reply to \"" << message << "\" is missing";
      // The reply is printed after the turn's requirements were recorded.
      EXPECT_EQ(inspector.unrecordedRequirementsOf(message), 0) << message;
    }
  }
  EXPECT_GE(acknowledged.size(), 30u);  // the runs did real work, not just start and die
}

}  // namespace
}  // namespace nexus
