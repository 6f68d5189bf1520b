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
      {"r1", "Users sign in with Google", RequirementCategory::NonFunctional, Priority::Must, 0.9, "authentication", "m1", std::nullopt});
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
  const ExtractedRequirement r{"r", "t", RequirementCategory::Assumption, Priority::Wont, 0.75, std::nullopt, "m", std::nullopt};
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
  ProcessMessageResult result{"Thanks!", {}, {"api", "deployment"}, {}, {}, std::nullopt};
  const json j = result;
  EXPECT_EQ(j, json::parse(R"({"response":"Thanks!","extractedRequirements":[],"suggestedGaps":["api","deployment"]})"));
  EXPECT_EQ(j.get<ProcessMessageResult>(), result);
}

// ---- The requirements database ---------------------------------------------------------------

Requirement sampleRequirement() {
  Requirement r;
  r.id = "req1";
  r.projectId = "shop";
  r.text = "Users must sign in with Google";
  r.category = RequirementCategory::NonFunctional;
  r.priority = Priority::Must;
  r.confidence = 0.875;
  r.area = "authentication";
  r.validation = ValidationStatus::Validated;
  r.featureId = "feature-7";
  r.sources = {{"interview:s1", "m1", "r1", *parseIso8601("2026-01-16T03:57:45.123Z")},
               {"manual", std::nullopt, std::nullopt, *parseIso8601("2026-01-17T00:00:00.001Z")}};
  r.createdAt = *parseIso8601("2026-01-16T03:57:45.123Z");
  r.updatedAt = *parseIso8601("2026-01-17T00:00:00.001Z");
  return r;
}

TEST(Json, RequirementHasItsShapeAndRoundTrips) {
  const Requirement r = sampleRequirement();
  const json j = r;
  EXPECT_EQ(j, json::parse(R"({"id":"req1","projectId":"shop","text":"Users must sign in with Google",
    "category":"non-functional","priority":"must","confidence":0.875,"area":"authentication",
    "validation":"validated","featureId":"feature-7",
    "sources":[{"source":"interview:s1","messageId":"m1","originId":"r1","addedAt":"2026-01-16T03:57:45.123Z"},
               {"source":"manual","addedAt":"2026-01-17T00:00:00.001Z"}],
    "createdAt":"2026-01-16T03:57:45.123Z","updatedAt":"2026-01-17T00:00:00.001Z"})"));
  EXPECT_EQ(j.get<Requirement>(), r);
}

TEST(Json, RequirementOmitsAbsentAreaAndFeature) {
  Requirement r = sampleRequirement();
  r.area.reset();
  r.featureId.reset();
  r.validation = ValidationStatus::Pending;
  const json j = r;
  EXPECT_FALSE(j.contains("area"));
  EXPECT_FALSE(j.contains("featureId"));
  EXPECT_EQ(j.at("validation"), "pending");
  EXPECT_EQ(j.size(), 10u);
  EXPECT_EQ(j.get<Requirement>(), r);
}

// The person's edits: "editedFields" and "history" appear once there are some, and a JSON
// written before them (no such keys) still reads.
TEST(Json, RequirementWithHistoryHasItsShapeAndRoundTrips) {
  Requirement r = sampleRequirement();
  r.editedFields = {"priority", "area"};
  r.history = {{"req1", "priority", "should", "must", *parseIso8601("2026-01-16T04:00:00.000Z")},
               {"req1", "area", std::nullopt, "authentication", *parseIso8601("2026-01-16T04:01:00.000Z")},
               {"req1", "priority", "must", "could", *parseIso8601("2026-01-16T04:02:00.000Z")}};
  const json j = r;
  EXPECT_EQ(j.at("editedFields"), json::parse(R"(["priority","area"])"));
  EXPECT_EQ(j.at("history"), json::parse(R"([
    {"requirementId":"req1","field":"priority","oldValue":"should","newValue":"must",
     "editedAt":"2026-01-16T04:00:00.000Z"},
    {"requirementId":"req1","field":"area","newValue":"authentication","editedAt":"2026-01-16T04:01:00.000Z"},
    {"requirementId":"req1","field":"priority","oldValue":"must","newValue":"could",
     "editedAt":"2026-01-16T04:02:00.000Z"}])"));
  EXPECT_EQ(j.get<Requirement>(), r);

  json old = sampleRequirement();
  EXPECT_FALSE(old.contains("editedFields"));
  EXPECT_FALSE(old.contains("history"));
  EXPECT_EQ(old.get<Requirement>(), sampleRequirement());
  old["history"] = nullptr;
  EXPECT_TRUE(old.get<Requirement>().history.empty());
  json bad = r;
  bad["history"][0].erase("editedAt");
  EXPECT_THROW((void)bad.get<Requirement>(), json::out_of_range);
}

TEST(Json, BadRequirementsAreRefusedWithTheFieldNamed) {
  json j = sampleRequirement();
  j["validation"] = "approved";
  try {
    (void)j.get<Requirement>();
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown validation \"approved\"");
  }
  j = sampleRequirement();
  j["confidence"] = -0.1;
  EXPECT_THROW((void)j.get<Requirement>(), std::invalid_argument);
  j = sampleRequirement();
  j["sources"] = json::array();
  EXPECT_THROW((void)j.get<Requirement>(), std::invalid_argument);
  j = sampleRequirement();
  j["sources"][0]["addedAt"] = "soon";
  EXPECT_THROW((void)j.get<Requirement>(), std::invalid_argument);
  j = sampleRequirement();
  j.erase("sources");
  EXPECT_THROW((void)j.get<Requirement>(), json::out_of_range);
}

TEST(Json, RequirementStatsShapeRoundTrips) {
  RequirementStats stats;
  stats.total = 3;
  stats.byCategory = {{RequirementCategory::Functional, 2}, {RequirementCategory::NonFunctional, 1},
                      {RequirementCategory::Technical, 0}, {RequirementCategory::Constraint, 0},
                      {RequirementCategory::Assumption, 0}};
  stats.byPriority = {{Priority::Must, 1}, {Priority::Should, 2}, {Priority::Could, 0}, {Priority::Wont, 0}};
  stats.byValidation = {{ValidationStatus::Pending, 2}, {ValidationStatus::Validated, 0},
                        {ValidationStatus::Rejected, 1}};
  const json j = stats;
  EXPECT_EQ(j, json::parse(R"({"total":3,
    "byCategory":{"functional":2,"non-functional":1,"technical":0,"constraint":0,"assumption":0},
    "byPriority":{"must":1,"should":2,"could":0,"wont":0},
    "byValidation":{"pending":2,"validated":0,"rejected":1}})"));
  EXPECT_EQ(j.get<RequirementStats>(), stats);
  json bad = j;
  bad["byPriority"]["urgent"] = 1;
  EXPECT_THROW((void)bad.get<RequirementStats>(), std::invalid_argument);
}

}  // namespace
}  // namespace nexus
