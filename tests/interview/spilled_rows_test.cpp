// SpilledRows (interview/spilled_rows.hpp): rows handed over group by group come back per group,
// byte for byte and in the order appended, whatever their size and number; the temporary file
// they wait in lives in $TMPDIR and leaves no name behind there, and a $TMPDIR that cannot hold
// one is an error naming it.

#include "interview/spilled_rows.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace nexus {
namespace {

// The rows are written to the file in blocks of this size (spilled_rows.cpp): rows at and
// across it are where an offset or a read could go wrong.
constexpr std::size_t kBlock = 1 << 16;

std::string copied(SpilledRows& rows, SpilledRows::Group group) {
  std::ostringstream out;
  rows.copyGroup(group, out);
  return std::move(out).str();
}

// `size` bytes of every value (NUL included), different for each `seed`.
std::string bytes(std::size_t size, unsigned seed) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 31 + seed * 7) % 256);
  return out;
}

// Sets an environment variable for one test and puts back what it was.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::vector<std::string> entriesOf(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) out.push_back(entry.path().string());
  return out;
}

// What this process's open descriptors point to under `dir` ("<dir>/x (deleted)" once unlinked).
std::vector<std::string> openFilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    const std::string target = std::filesystem::read_symlink(fd.path(), error).string();
    if (!error && target.starts_with(dir + "/")) out.push_back(target);
  }
  return out;
}

TEST(SpilledRows, InterleavedGroupsComeBackPerGroupInAppendOrder) {
  SpilledRows rows;
  std::map<SpilledRows::Group, std::string> expected;
  // Groups taking turns irregularly, as the areas of a project's requirements do.
  for (int i = 0; i < 40; ++i) {
    const auto group = static_cast<SpilledRows::Group>((i * 7) % 5);
    const std::string row = "row " + std::to_string(i) + " of group " + std::to_string(group) + "\n";
    rows.append(group, row);
    expected[group] += row;
  }
  for (const auto& [group, text] : expected) {
    EXPECT_EQ(rows.rows(group), 8u) << group;
    EXPECT_EQ(copied(rows, group), text) << group;
  }
}

TEST(SpilledRows, RowsAtAndAboveTheBlockSizeRoundTripExactly) {
  SpilledRows rows;
  std::map<SpilledRows::Group, std::string> expected;
  const std::vector<std::size_t> sizes{kBlock - 1, 1, kBlock, kBlock + 1, 3 * kBlock + 17, 0, 5, 2 * kBlock};
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const auto group = static_cast<SpilledRows::Group>(i % 3);
    const std::string row = bytes(sizes[i], static_cast<unsigned>(i));
    rows.append(group, row);
    expected[group] += row;
  }
  for (const auto& [group, text] : expected) {
    const std::string back = copied(rows, group);
    EXPECT_EQ(back.size(), text.size()) << group;
    EXPECT_TRUE(back == text) << "group " << group << " differs";  // not printed: megabytes of binary
  }
}

TEST(SpilledRows, TwoHundredThousandSmallRowsRoundTripExactly) {
  SpilledRows rows;
  std::vector<std::string> expected(4);
  for (int i = 0; i < 200000; ++i) {
    // Runs of one group next to each other (read together) and alone (read one by one).
    const auto group = static_cast<SpilledRows::Group>(i % 1000 < 600 ? 0 : 1 + i % 3);
    const std::string row = std::to_string(i) + (i % 2 == 0 ? ",even\n" : "\n");
    rows.append(group, row);
    expected[group] += row;
  }
  std::size_t total = 0;
  for (SpilledRows::Group group = 0; group < expected.size(); ++group) {
    const std::string back = copied(rows, group);
    EXPECT_TRUE(back == expected[group]) << "group " << group << " differs";
    total += rows.rows(group);
  }
  EXPECT_EQ(total, 200000u);
  EXPECT_EQ(rows.rows(0), 120000u);
}

TEST(SpilledRows, AGroupWithoutRowsWritesNothing) {
  SpilledRows rows;
  EXPECT_EQ(copied(rows, 0), "");  // before anything was appended
  rows.append(1, "one\n");
  rows.append(3, bytes(kBlock + 10, 3));
  rows.append(4, "");  // a row without bytes is counted but adds none
  for (const SpilledRows::Group empty : {0u, 2u, 5u, 4u}) {
    std::ostringstream out;
    rows.copyGroup(empty, out);
    EXPECT_EQ(out.str(), "") << empty;
    EXPECT_TRUE(out.good()) << empty;
  }
  EXPECT_EQ(rows.rows(2), 0u);
  EXPECT_EQ(rows.rows(4), 1u);
  EXPECT_EQ(copied(rows, 1), "one\n");
}

TEST(SpilledRows, AGroupCopiedAgainOrAppendedToAfterACopyKeepsEveryRow) {
  SpilledRows rows;
  rows.append(0, "a\n");
  rows.append(1, "x\n");
  EXPECT_EQ(copied(rows, 0), "a\n");
  rows.append(0, "b\n");  // after a copy, which wrote out what was pending
  EXPECT_EQ(copied(rows, 0), "a\nb\n");
  EXPECT_EQ(copied(rows, 0), "a\nb\n");
  EXPECT_EQ(copied(rows, 1), "x\n");
}

// Rows are the users' requirements: nothing of them may stay on disk under a name, not even
// while the document is written, nor after a crash.
TEST(SpilledRows, ItsTemporaryFileIsInTmpdirAndLeavesNoNameThere) {
  test::TempDir dir;
  const ScopedEnv tmpdir("TMPDIR", dir.path());
  {
    SpilledRows rows;
    for (int i = 0; i < 5000; ++i) rows.append(static_cast<SpilledRows::Group>(i % 2), bytes(100, i));
    EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{});
    // It is there, open and unlinked: the directory was used, the name is gone.
    const auto open = openFilesUnder(dir.path());
    ASSERT_EQ(open.size(), 1u);
    EXPECT_TRUE(open[0].starts_with(dir.path() + "/nexus-document-")) << open[0];
    EXPECT_TRUE(open[0].ends_with(" (deleted)")) << open[0];
    EXPECT_EQ(copied(rows, 1).size(), 2500u * 100);
    EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{});
  }
  EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{});
  EXPECT_EQ(openFilesUnder(dir.path()), std::vector<std::string>{});  // closed with the object
}

TEST(SpilledRows, ATmpdirThatDoesNotExistIsAnErrorNamingIt) {
  test::TempDir dir;
  const std::string nowhere = dir.path() + "/no-such-dir";
  const ScopedEnv tmpdir("TMPDIR", nowhere);
  try {
    SpilledRows rows;
    FAIL() << "a temporary file was made in " << nowhere;
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(nowhere), std::string::npos) << message;
    EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace nexus
