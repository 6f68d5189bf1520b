#include "core/json.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace nexus {
namespace {

using nlohmann::json;

InterviewSession sampleSession() {
  InterviewSession s;
  s.id = "V1StGXR8_Z5jdHi6B-myT";
  s.projectId = "demo";
  s.startedAt = *parseIso8601("2026-01-16T03:57:45.123Z");
  s.lastActivityAt = *parseIso8601("2026-01-16T04:00:00.000Z");
  s.messages.push_back({"m1", MessageRole::User, "Users sign in with Google", s.startedAt,
                        std::vector<std::string>{"r1"}, std::nullopt});
  s.messages.push_back({"m2", MessageRole::Assistant, "Which providers?", s.lastActivityAt, std::nullopt,
                        std::nullopt});
  s.extractedRequirements.push_back(
      {"r1", "Users sign in with Google", RequirementCategory::NonFunctional, Priority::Must, 0.9, "authentication", "m1"});
  s.exploredAreas = {"authentication"};
  return s;
}

TEST(Json, SessionHasTheTypeScriptShape) {
  const json j = sampleSession();
  EXPECT_EQ(j.at("status"), "active");
  EXPECT_EQ(j.at("mode"), "genesis");
  EXPECT_EQ(j.at("startedAt"), "2026-01-16T03:57:45.123Z");
  EXPECT_FALSE(j.contains("completedAt"));       // optional: omitted, not null
  EXPECT_FALSE(j.contains("evolutionContext"));
  EXPECT_EQ(j.at("messages")[0].at("requirementsExtracted"), json::array({"r1"}));
  EXPECT_FALSE(j.at("messages")[1].contains("requirementsExtracted"));
  const json& r = j.at("extractedRequirements")[0];
  EXPECT_EQ(r.at("category"), "non-functional");
  EXPECT_EQ(r.at("priority"), "must");
  EXPECT_EQ(r.at("sourceMessageId"), "m1");
  EXPECT_EQ(r.at("area"), "authentication");
  EXPECT_EQ(j.size(), 9u);  // the nine required fields; no optional one is present
}

TEST(Json, SessionRoundTrips) {
  InterviewSession s = sampleSession();
  s.status = SessionStatus::Completed;
  s.mode = InterviewMode::Evolution;
  s.evolutionContext = EvolutionContext{"/src/app", "src/ main.cpp", "A shop"};
  s.completedAt = s.lastActivityAt;
  const json j = s;
  EXPECT_EQ(j.at("evolutionContext").at("projectSummary"), "A shop");
  EXPECT_EQ(j.get<InterviewSession>(), s);
}

TEST(Json, RequirementWithoutAreaOmitsIt) {
  const ExtractedRequirement r{"r", "t", RequirementCategory::Assumption, Priority::Wont, 0.75, std::nullopt, "m"};
  const json j = r;
  EXPECT_FALSE(j.contains("area"));
  EXPECT_EQ(j.at("priority"), "wont");
  EXPECT_EQ(j.get<ExtractedRequirement>(), r);
}

TEST(Json, BadInputNamesTheField) {
  json j = sampleSession();
  j["startedAt"] = "yesterday";
  try {
    (void)j.get<InterviewSession>();
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("startedAt"), std::string::npos);
  }
  json r = sampleSession().extractedRequirements[0];
  r["priority"] = "urgent";
  EXPECT_THROW((void)r.get<ExtractedRequirement>(), std::invalid_argument);
  r["priority"] = "must";
  r["confidence"] = 1.5;
  EXPECT_THROW((void)r.get<ExtractedRequirement>(), std::invalid_argument);
  r.erase("text");
  EXPECT_THROW((void)r.get<ExtractedRequirement>(), json::out_of_range);
}

TEST(Json, SessionSummaryShapeRoundTrips) {
  SessionSummary summary{"s1", "demo", SessionStatus::Paused, InterviewMode::Genesis, 7, 3,
                         *parseIso8601("2026-01-16T03:57:45.123Z"), *parseIso8601("2026-01-16T04:00:00.000Z")};
  const json j = summary;
  EXPECT_EQ(j, json::parse(R"({"id":"s1","projectId":"demo","status":"paused","mode":"genesis","messageCount":7,
    "requirementCount":3,"startedAt":"2026-01-16T03:57:45.123Z","lastActivityAt":"2026-01-16T04:00:00.000Z"})"));
  EXPECT_EQ(j.get<SessionSummary>(), summary);
}

TEST(Json, ProcessMessageResultShape) {
  ProcessMessageResult result{"Thanks!", {}, {"api", "deployment"}};
  const json j = result;
  EXPECT_EQ(j, json::parse(R"({"response":"Thanks!","extractedRequirements":[],"suggestedGaps":["api","deployment"]})"));
  EXPECT_EQ(j.get<ProcessMessageResult>(), result);
}

}  // namespace
}  // namespace nexus
