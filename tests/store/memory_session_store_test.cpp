#include "store/memory_session_store.hpp"
#include "support/result_assertions.hpp"

#include <gtest/gtest.h>

namespace nexus {
namespace {

InterviewSession session(std::string id, std::string project, SessionStatus status, int activity) {
  InterviewSession s;
  s.id = std::move(id);
  s.projectId = std::move(project);
  s.status = status;
  s.lastActivityAt = Timestamp{std::chrono::milliseconds{activity}};
  return s;
}

TEST(MemorySessionStore, SavesLoadsAndRemoves) {
  MemorySessionStore store;
  const auto s = session("a", "p", SessionStatus::Active, 1);
  ASSERT_OK(store.save(s));
  EXPECT_EQ(**store.load("a"), s);
  EXPECT_FALSE(store.load("b")->has_value());
  EXPECT_TRUE(*store.remove("a"));
  EXPECT_FALSE(*store.remove("a"));
  EXPECT_FALSE(store.load("a")->has_value());
}

TEST(MemorySessionStore, LatestOpenSkipsCompletedAndOtherProjects) {
  MemorySessionStore store;
  ASSERT_OK(store.save(session("old", "p", SessionStatus::Paused, 1)));
  ASSERT_OK(store.save(session("new", "p", SessionStatus::Active, 2)));
  ASSERT_OK(store.save(session("done", "p", SessionStatus::Completed, 3)));
  ASSERT_OK(store.save(session("other", "q", SessionStatus::Active, 4)));
  EXPECT_EQ((**store.loadLatestOpen("p")).id, "new");
  EXPECT_FALSE(store.loadLatestOpen("none")->has_value());
}

TEST(MemorySessionStore, ListsNewestFirstOptionallyPerProject) {
  MemorySessionStore store;
  ASSERT_OK(store.save(session("a", "p", SessionStatus::Active, 1)));
  ASSERT_OK(store.save(session("b", "q", SessionStatus::Active, 3)));
  ASSERT_OK(store.save(session("c", "p", SessionStatus::Active, 2)));
  const auto all = *store.list("");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, "b");
  EXPECT_EQ(all[2].id, "a");
  const auto p = *store.list("p");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].id, "c");
}

}  // namespace
}  // namespace nexus
