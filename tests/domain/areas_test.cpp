#include "domain/areas.hpp"

#include <gtest/gtest.h>

namespace nexus::domain {
namespace {

struct AreaCase {
  const char* text;
  const char* area;  // "" for none
};

const AreaCase kInference[] = {
    {"protect the data", "security"},  // specific "protect" beats generic "data"
    {"sign in", "authentication"},
    {"Users must sign in with Google", "authentication"},
    {"A waiter shall only be able to log into one tablet", "authentication"},
    {"Only admins can delete projects", "authorization"},
    {"Pages should load in under 2 seconds", "performance"},
    {"Respond within 2 seconds", "performance"},
    {"Store each task in PostgreSQL", "data_model"},
    {"Keep a history of every change", "data_model"},
    {"Send a Slack message when a task is done", "integrations"},
    {"Deploy it on AWS with Docker", "deployment"},
    {"The app must be available 99.9% of the time", "deployment"},
    {"It must work in all major browsers", "deployment"},
    {"Expose a REST API for partners", "api"},
    {"The dashboard needs a dark mode", "ui_ux"},
    {"Encrypt all personal data", "security"},
    {"A tablet for each waiter", "ui_ux"},                   // "tablet" is no database "table"
    {"The system must show available time slots", ""},  // "available" alone is no uptime; "show" no UI
    {"I want to build a todo app for small teams", ""},      // a bare product description has no area
    {"We need a website for our bakery", ""},
    // Card and online payments go through a payment provider.
    {"Clients should be able to pay invoices online with a card", "integrations"},
    {"Customers pay by credit card", "integrations"},
    {"Accept online payments", "integrations"},
    // "see", "show" and "view" say little about screens: no area rather than UI/UX.
    {"Freelancers must see which invoices are overdue", ""},
    {"The system shows the remaining budget", ""},
    {"Accountants can view all invoices", ""},
    {"A calendar view of all bookings", "ui_ux"},
    // Who may do what: "only the X can", "their own".
    {"Only the freelancer can edit their own invoices", "authorization"},
    {"Only the account owner may delete a project", "authorization"},
    {"Employees edit their own requests", "authorization"},
    {"Only 5 people can join a call", ""},
    // From typed conversations: HR onboarding is a process; recurring charges need a provider.
    {"we need an internal tool for HR to manage leave requests and onboarding", ""},
    {"The user onboarding should take one minute", "ui_ux"},
    {"Customers get charged automatically on the 1st", "integrations"},
    {"Freelancers get paid faster", ""},
    {"", ""},
};

class AreaInference : public ::testing::TestWithParam<AreaCase> {};

TEST_P(AreaInference, FindsTheBestArea) {
  const AreaCase& c = GetParam();
  EXPECT_EQ(inferArea(c.text).value_or(""), c.area) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Areas, AreaInference, ::testing::ValuesIn(kInference));

TEST(Areas, InferAreasListsEveryAreaOnceMostSpecificFirst) {
  EXPECT_EQ(inferAreas("Users sign in and then see their dashboard"),
            (std::vector<std::string>{"authentication", "ui_ux"}));
  EXPECT_EQ(inferAreas("protect the data"), (std::vector<std::string>{"security", "data_model"}));
  const auto areas = inferAreas("Passwords are stored encrypted; passwords are never shown on screen");
  for (std::size_t i = 0; i < areas.size(); ++i) {
    for (std::size_t j = i + 1; j < areas.size(); ++j) EXPECT_NE(areas[i], areas[j]);
  }
  EXPECT_TRUE(inferAreas("hello there").empty());
}

TEST(Areas, PrefixKeywordsRespectWordStarts) {
  EXPECT_NE(inferArea("Passwords are stored in an encrypted format").value_or(""),
            "ui_ux");  // format is no form
  EXPECT_EQ(inferArea("The encryption must use AES").value_or(""), "security");
  EXPECT_NE(inferArea("Authors write a blog in French").value_or(""),
            "authentication");  // "blog in" is no "log in"
}

TEST(Areas, NormalizeAreaMapsCommonSpellings) {
  EXPECT_EQ(normalizeArea("UI/UX").value_or(""), "ui_ux");
  EXPECT_EQ(normalizeArea("ui-ux").value_or(""), "ui_ux");
  EXPECT_EQ(normalizeArea("Data Model").value_or(""), "data_model");
  EXPECT_EQ(normalizeArea("data-model").value_or(""), "data_model");
  EXPECT_EQ(normalizeArea("auth").value_or(""), "authentication");
  EXPECT_EQ(normalizeArea("Authorisation").value_or(""), "authorization");
  EXPECT_EQ(normalizeArea(" Performance ").value_or(""), "performance");
  EXPECT_EQ(normalizeArea("Third party").value_or(""), "integrations");
  EXPECT_EQ(normalizeArea("APIs").value_or(""), "api");
  EXPECT_EQ(normalizeArea("Billing").value_or(""), "billing");
  EXPECT_EQ(normalizeArea("Customer Support").value_or(""), "customer_support");
  EXPECT_FALSE(normalizeArea("").has_value());
  EXPECT_FALSE(normalizeArea("   ").has_value());
  EXPECT_FALSE(normalizeArea("???").has_value());
  EXPECT_FALSE(normalizeArea(std::string(100, 'a')).has_value());
}

TEST(Areas, LabelsAreForPeople) {
  EXPECT_EQ(areaLabel("ui_ux"), "UI/UX");
  EXPECT_EQ(areaLabel("api"), "API");
  EXPECT_EQ(areaLabel("data_model"), "data model");
  EXPECT_EQ(areaLabel("authentication"), "authentication");
}

TEST(Areas, StandardAreasAreKnown) {
  EXPECT_EQ(kStandardAreas.size(), 9u);
  for (const auto area : kStandardAreas) {
    EXPECT_TRUE(isStandardArea(area));
    EXPECT_EQ(normalizeArea(area).value_or(""), area);
  }
  EXPECT_FALSE(isStandardArea("billing"));
  EXPECT_FALSE(isStandardArea("UI/UX"));  // only canonical ids
}

}  // namespace
}  // namespace nexus::domain
