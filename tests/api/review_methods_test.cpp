// The quality-analysis and editing methods of the API, over the real interview service.

#include <gtest/gtest.h>

#include "support/api_fixture.hpp"

namespace nexus {
namespace {

using nlohmann::json;

std::string tag(std::string_view text, std::string_view category, std::string_view priority, std::string_view area) {
  return "<requirement><text>" + std::string(text) + "</text><category>" + std::string(category) +
         "</category><priority>" + std::string(priority) + "</priority><confidence>0.9</confidence><area>" +
         std::string(area) + "</area></requirement>";
}

class ReviewMethodsTest : public ::testing::Test, protected test::ApiFixture {
 protected:
  ReviewMethodsTest() : id_(startSession("demo")) {}

  json say(const std::string& message, const std::string& tags) {
    llm.reply("Noted.\n" + tags);
    return call("interview:sendMessage", {id_, message}).at("result");
  }

  // data.code of the error answer, or "" when the call succeeded.
  std::string errorOf(const std::string& method, json params) {
    const json response = call(method, std::move(params));
    return response.contains("error") ? response["error"]["data"]["code"].get<std::string>() : "";
  }

  std::string id_;
};

TEST_F(ReviewMethodsTest, GetReadinessHasTheDocumentedShape) {
  const json readiness = call("interview:getReadiness", {id_}).at("result");
  for (const char* field : {"score", "ready", "threshold", "areas", "openConflicts", "openFindings"}) {
    EXPECT_TRUE(readiness.contains(field)) << field;
  }
  EXPECT_EQ(readiness["areas"].size(), 9u);
  EXPECT_EQ(readiness["areas"][0], (json{{"area", "authentication"}, {"status", "missing"}, {"requirementIds", json::array()}}));
  EXPECT_EQ(errorOf("interview:getReadiness", {"no-such-session"}), "not-found");
}

TEST_F(ReviewMethodsTest, UpdateRequirementByPositionOrByName) {
  const json turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "should", "authentication"));
  const std::string requirementId = turn["extractedRequirements"][0]["id"];
  const json byPosition = call("interview:updateRequirement", {id_, requirementId, {{"priority", "must"}}}).at("result");
  EXPECT_EQ(byPosition["priority"], "must");
  EXPECT_EQ(byPosition["editedFields"], json::array({"priority"}));
  const json byName = call("interview:updateRequirement",
                           {{"sessionId", id_}, {"requirementId", requirementId}, {"changes", {{"category", "Constraint"}}}})
                          .at("result");
  EXPECT_EQ(byName["category"], "constraint");
  EXPECT_EQ(byName["editedFields"], json::array({"priority", "category"}));
  const json session = call("interview:getSession", {id_}).at("result");
  EXPECT_EQ(session["requirementEdits"].size(), 2u);
  EXPECT_EQ(session["requirementEdits"][0]["field"], "priority");
  EXPECT_EQ(session["requirementEdits"][0]["oldValue"], "should");
  EXPECT_EQ(session["requirementEdits"][0]["newValue"], "must");
}

TEST_F(ReviewMethodsTest, UpdateRequirementRefusesBadChangesNamingTheField) {
  const json turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "should", "authentication"));
  const std::string requirementId = turn["extractedRequirements"][0]["id"];
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, requirementId}), "invalid-argument");
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, requirementId, "must"}), "invalid-argument");
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, requirementId, json::object()}), "invalid-argument");
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, requirementId, {{"priority", "urgent"}}}), "invalid-argument");
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, requirementId, {{"colour", "red"}}}), "invalid-argument");
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, requirementId, {{"text", 7}}}), "invalid-argument");
  EXPECT_EQ(errorOf("interview:updateRequirement", {id_, "nope", {{"priority", "must"}}}), "not-found");
  const json response = call("interview:updateRequirement", {id_, requirementId, {{"priority", "urgent"}}});
  EXPECT_NE(response["error"]["message"].get<std::string>().find("\"urgent\" is not a priority"), std::string::npos)
      << response.dump();
}

TEST_F(ReviewMethodsTest, ConflictsAndFindingsAreSettledThroughTheApi) {
  say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
  const json second = say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  ASSERT_EQ(second["conflicts"].size(), 1u);
  const std::string conflictId = second["conflicts"][0]["id"];
  EXPECT_EQ(errorOf("interview:resolveConflict", {id_, conflictId, "keep-all"}), "invalid-argument");
  const json resolved = call("interview:resolveConflict", {id_, conflictId, "keep-second"}).at("result");
  EXPECT_EQ(resolved["status"], "resolved");
  EXPECT_EQ(resolved["resolution"], "keep-second");
  const json session = call("interview:getSession", {id_}).at("result");
  EXPECT_EQ(session["extractedRequirements"][0]["priority"], "wont");
  EXPECT_EQ(errorOf("interview:resolveConflict", {id_, "nope", "keep-both"}), "not-found");

  const json vague = say("The app should be fast", tag("The app should be fast.", "non-functional", "should", "performance"));
  ASSERT_FALSE(vague["findings"].empty());
  const json dismissed = call("interview:dismissFinding", {id_, vague["findings"][0]["id"]}).at("result");
  EXPECT_EQ(dismissed["status"], "dismissed");
  EXPECT_EQ(errorOf("interview:dismissFinding", {id_, "nope"}), "not-found");
}

TEST_F(ReviewMethodsTest, RemoveRequirement) {
  const json turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "should", "authentication"));
  const std::string requirementId = turn["extractedRequirements"][0]["id"];
  EXPECT_EQ(call("interview:removeRequirement", {id_, requirementId}).at("result"), nullptr);
  EXPECT_TRUE(call("interview:getSession", {id_}).at("result")["extractedRequirements"].empty());
  EXPECT_EQ(errorOf("interview:removeRequirement", {id_, requirementId}), "not-found");
}

TEST_F(ReviewMethodsTest, EditsOfACompletedSessionAreKeptAndItIsNotHeldAfterwards) {
  const json turn = say("Users sign in with Google", tag("Users sign in with Google.", "functional", "should", "authentication"));
  ASSERT_EQ(call("interview:end", {id_}).at("result"), nullptr);
  const std::string requirementId = turn["extractedRequirements"][0]["id"];
  EXPECT_EQ(call("interview:updateRequirement", {id_, requirementId, {{"priority", "could"}}}).at("result")["priority"],
            "could");
  auto stored = memory.load(id_);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->extractedRequirements[0].priority, Priority::Could);
  EXPECT_EQ((*stored)->status, SessionStatus::Completed);
}

TEST_F(ReviewMethodsTest, TheDatabaseSideUpdatesAndAnalyzes) {
  say("We must use PostgreSQL", tag("We must use PostgreSQL.", "constraint", "must", "data_model"));
  say("The database will be MySQL", tag("The database will be MySQL.", "constraint", "must", "data_model"));
  const json listed = call("requirements:list", {"demo"}).at("result");
  ASSERT_EQ(listed.size(), 2u);
  const json updated =
      call("requirements:update", {listed[0]["id"], {{"area", "deployment"}, {"priority", "should"}}}).at("result");
  EXPECT_EQ(updated["area"], "deployment");
  EXPECT_EQ(updated["history"].size(), 2u);
  EXPECT_EQ(errorOf("requirements:update", {"nope", {{"priority", "must"}}}), "not-found");

  const json analysis = call("requirements:analyze", {"demo"}).at("result");
  EXPECT_EQ(analysis["conflicts"].size(), 1u) << analysis.dump(2);
  EXPECT_EQ(analysis["conflicts"][0]["kind"], "exclusive-choice");
  EXPECT_TRUE(analysis["findings"].is_array());
  EXPECT_EQ(analysis["readiness"]["openConflicts"], 1);
  EXPECT_EQ(errorOf("requirements:analyze", {""}), "invalid-argument");
}

}  // namespace
}  // namespace nexus
