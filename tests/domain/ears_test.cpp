// EARS phrasing (domain/ears.hpp), table-driven: statements as people make them in an interview,
// each with the EARS sentence the rules must give, across the five patterns and the complex one,
// and statements that must stay as stated.
#include "domain/ears.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>

namespace nexus::domain {
namespace {

struct Case {
  std::string_view statement;
  EarsPattern pattern;
  std::string_view expected;  // empty: the statement itself (as stated)
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.statement; }

class EarsPhrasingTest : public ::testing::TestWithParam<Case> {};

TEST_P(EarsPhrasingTest, PhrasesTheStatement) {
  const Case& c = GetParam();
  const EarsPhrasing phrased = phraseInEars(c.statement);
  EXPECT_EQ(phrased.text, c.expected.empty() ? c.statement : c.expected);
  EXPECT_EQ(toString(phrased.pattern), toString(c.pattern));
}

constexpr Case kUbiquitous[] = {
    {"Pages must load in under 2 seconds.", EarsPattern::Ubiquitous,
     "The system shall ensure that pages load in under 2 seconds."},
    {"The app must work offline.", EarsPattern::Ubiquitous, "The app shall work offline."},
    {"Patients need to be able to cancel an appointment up to 24 hours before.", EarsPattern::Ubiquitous,
     "The system shall allow patients to cancel an appointment up to 24 hours before."},
    {"only admins may ever delete patient records", EarsPattern::Ubiquitous,
     "The system shall allow only admins to delete patient records."},
    {"Patient records must be kept for two years.", EarsPattern::Ubiquitous,
     "The system shall ensure that patient records are kept for two years."},
    {"The dashboard should show today's deliveries per driver.", EarsPattern::Ubiquitous,
     "The system shall ensure that the dashboard shows today's deliveries per driver."},
    {"We need to comply with GDPR.", EarsPattern::Ubiquitous, "The system shall comply with GDPR."},
    {"We need to see who is in the building.", EarsPattern::Ubiquitous,
     "The system shall allow us to see who is in the building."},
    {"Teachers can export the marks as a spreadsheet.", EarsPattern::Ubiquitous,
     "The system shall allow teachers to export the marks as a spreadsheet."},
    {"Passwords must never be stored in plain text.", EarsPattern::Ubiquitous,
     "The system shall not allow passwords to be stored in plain text."},
    {"Drivers should not see each other's routes.", EarsPattern::Ubiquitous,
     "The system shall not allow drivers to see each other's routes."},
    {"There must be an audit trail of every change.", EarsPattern::Ubiquitous,
     "The system shall provide an audit trail of every change."},
    {"I'd like to get a weekly summary by email.", EarsPattern::Ubiquitous,
     "The system shall allow me to get a weekly summary by email."},
    {"We want the app to remember the last clinic a patient chose.", EarsPattern::Ubiquitous,
     "The app shall remember the last clinic a patient chose."},
    {"It has to run on the company's Android phones.", EarsPattern::Ubiquitous,
     "The system shall run on the company's Android phones."},
    {"Each invoice must carry the customer's VAT number.", EarsPattern::Ubiquitous,
     "The system shall ensure that each invoice carries the customer's VAT number."},
    {"Also, the search should be fast.", EarsPattern::Ubiquitous,
     "The system shall ensure that the search is fast."},
    {"The mobile app must never show a patient's diagnosis on the lock screen.", EarsPattern::Ubiquitous,
     "The mobile app shall never show a patient's diagnosis on the lock screen."},
    {"Managers who approve expenses need to see the receipts.", EarsPattern::Ubiquitous,
     "The system shall ensure that managers who approve expenses see the receipts."},
    {"The system shall log every sign-in.", EarsPattern::Ubiquitous, "The system shall log every sign-in."},
    {"Supervisors need a dashboard of jobs that are past their target date.", EarsPattern::Ubiquitous,
     "The system shall provide supervisors with a dashboard of jobs that are past their target date."},
    {"I'd like booster reminders to go out by SMS two weeks before they're due.", EarsPattern::Ubiquitous,
     "The system shall ensure that booster reminders go out by SMS two weeks before they're due."},
    {"A ward nurse must be able to assign a vacant bed to an admitted patient.", EarsPattern::Ubiquitous,
     "The system shall allow a ward nurse to assign a vacant bed to an admitted patient."},
    {"BedTrack must run on the existing Windows 10 workstations.", EarsPattern::Ubiquitous,
     "The system shall ensure that BedTrack runs on the existing Windows 10 workstations."},
    {"Beds that are reserved for isolation patients shall be flagged on every screen.", EarsPattern::Ubiquitous,
     "The system shall ensure that beds that are reserved for isolation patients are flagged on every screen."},
    {"All patient information sent between ward terminals and the server must be encrypted.",
     EarsPattern::Ubiquitous,
     "The system shall ensure that all patient information sent between ward terminals and the server is "
     "encrypted."},
    {"Scanning tickets must keep working without a signal.", EarsPattern::Ubiquitous,
     "The system shall ensure that scanning tickets keeps working without a signal."},
};

constexpr Case kEventDriven[] = {
    {"When a patient books, they must get a confirmation email within a minute.", EarsPattern::EventDriven,
     "When a patient books, the system shall ensure that they get a confirmation email within a minute."},
    {"The system must notify the doctor when a patient checks in.", EarsPattern::EventDriven,
     "When a patient checks in, the system shall notify the doctor."},
    {"As soon as a parcel is scanned, the customer should get a text.", EarsPattern::EventDriven,
     "When a parcel is scanned, the system shall ensure that the customer gets a text."},
    {"Whenever a sensor reading arrives, it must be stored with its time.", EarsPattern::EventDriven,
     "When a sensor reading arrives, the system shall ensure that it is stored with its time."},
    {"If a patient cancels, the slot must be offered to the waiting list.", EarsPattern::EventDriven,
     "When a patient cancels, the system shall ensure that the slot is offered to the waiting list."},
    {"Once an order ships, send the customer the tracking link.", EarsPattern::EventDriven,
     "When an order ships, the system shall send the customer the tracking link."},
    {"When a teacher publishes the marks, parents should be able to see them the same day.",
     EarsPattern::EventDriven,
     "When a teacher publishes the marks, the system shall allow parents to see them the same day."},
    {"Admins must receive an alert whenever a new device joins the network.", EarsPattern::EventDriven,
     "When a new device joins the network, the system shall ensure that admins receive an alert."},
};

constexpr Case kStateDriven[] = {
    {"While the clinic is closed, online booking should still work.", EarsPattern::StateDriven,
     "While the clinic is closed, the system shall ensure that online booking still works."},
    {"While the shop is closed, orders should still be accepted.", EarsPattern::StateDriven,
     "While the shop is closed, the system shall ensure that orders are still accepted."},
    {"When the phone is offline, deliveries must be queued and sent later.", EarsPattern::StateDriven,
     "While the phone is offline, the system shall ensure that deliveries are queued and sent later."},
    {"While a driver is on a delivery, the app should hide the chat.", EarsPattern::StateDriven,
     "While a driver is on a delivery, the app shall hide the chat."},
    {"As long as an exam is running, students cannot open other tabs.", EarsPattern::StateDriven,
     "While an exam is running, the system shall not allow students to open other tabs."},
    {"If the user is logged in, the menu must show their name.", EarsPattern::StateDriven,
     "While the user is logged in, the system shall ensure that the menu shows their name."},
    {"Sensors must report every minute while the pump is running.", EarsPattern::StateDriven,
     "While the pump is running, the system shall ensure that sensors report every minute."},
};

constexpr Case kUnwanted[] = {
    {"If the payment fails, the patient should see a clear error and nothing is charged.",
     EarsPattern::UnwantedBehaviour,
     "If the payment fails, then the system shall ensure that the patient sees a clear error and nothing is "
     "charged."},
    {"The system should lock the account if the password is wrong three times.", EarsPattern::UnwantedBehaviour,
     "If the password is wrong three times, then the system shall lock the account."},
    {"If a driver doesn't confirm a delivery within an hour, the dispatcher must be told.",
     EarsPattern::UnwantedBehaviour,
     "If a driver doesn't confirm a delivery within an hour, then the system shall ensure that the dispatcher is "
     "told."},
    {"If the card is declined, show the reason and keep the basket.", EarsPattern::UnwantedBehaviour,
     "If the card is declined, then the system shall show the reason and keep the basket."},
    {"In case the connection is lost, nothing the nurse typed may be lost.", EarsPattern::UnwantedBehaviour,
     "If the connection is lost, then the system shall allow nothing the nurse typed to be lost."},
    {"If a sensor stops sending data for ten minutes, an engineer should get an alert.",
     EarsPattern::UnwantedBehaviour,
     "If a sensor stops sending data for ten minutes, then the system shall ensure that an engineer gets an alert."},
};

constexpr Case kMoreUnwanted[] = {
    {"When the signal is lost, the scanner must keep the tickets it has read.", EarsPattern::UnwantedBehaviour,
     "If the signal is lost, then the system shall ensure that the scanner keeps the tickets it has read."},
};

constexpr Case kOptionalFeature[] = {
    {"Where the payroll module is installed, managers can approve overtime.", EarsPattern::OptionalFeature,
     "Where the payroll module is installed, the system shall allow managers to approve overtime."},
    {"If the clinic has the premium plan, patients should be able to pay online.", EarsPattern::OptionalFeature,
     "Where the clinic has the premium plan, the system shall allow patients to pay online."},
    {"If two-factor sign-in is enabled, every sign-in must ask for a code.", EarsPattern::OptionalFeature,
     "Where two-factor sign-in is enabled, the system shall ensure that every sign-in asks for a code."},
    {"Where a school uses the parent portal, parents must see the timetable.", EarsPattern::OptionalFeature,
     "Where a school uses the parent portal, the system shall ensure that parents see the timetable."},
};

constexpr Case kComplex[] = {
    {"While the van is offline, when a delivery is completed, the app must store the signature.",
     EarsPattern::Complex,
     "While the van is offline, when a delivery is completed, the app shall store the signature."},
    {"When a payment fails, while the shop is in maintenance, customers should see a notice.",
     EarsPattern::Complex,
     "While the shop is in maintenance, if a payment fails, then the system shall ensure that customers see a "
     "notice."},
};

constexpr Case kAsStated[] = {
    {"Everyone has company Android phones.", EarsPattern::AsStated, ""},
    {"Maybe later we could add SMS reminders.", EarsPattern::AsStated, ""},
    {"Each booking has a patient, a time and a clinician.", EarsPattern::AsStated, ""},
    {"Orders arrive from our ERP system every night.", EarsPattern::AsStated, ""},
    {"Can patients book for their children?", EarsPattern::AsStated, ""},
    {"We need a booking system for our three clinics.", EarsPattern::AsStated, ""},
    {"Patients should be able to book. They also want reminders.", EarsPattern::AsStated, ""},
    {"We could show the weather on the start page.", EarsPattern::AsStated, ""},
    {"Staff don't need to sign in on the kiosk.", EarsPattern::AsStated, ""},
    {"Ideally it's fast, if possible under a second.", EarsPattern::AsStated, ""},
    {"We get about 400 bookings a week.", EarsPattern::AsStated, ""},
    {"The devices only speak Modbus, we cannot change that.", EarsPattern::AsStated, ""},
    {"", EarsPattern::AsStated, ""},
    {"We assume GoCardless must tell us who has paid.", EarsPattern::AsStated, ""},
    {"Our housing system is Civica and we cannot replace it.", EarsPattern::AsStated, ""},
    {"Tenants won't need to see their rent balance in the first version.", EarsPattern::AsStated, ""},
    {"Because we have junior members we must follow the safeguarding rules.", EarsPattern::AsStated, ""},
};

INSTANTIATE_TEST_SUITE_P(Ubiquitous, EarsPhrasingTest, ::testing::ValuesIn(kUbiquitous));
INSTANTIATE_TEST_SUITE_P(EventDriven, EarsPhrasingTest, ::testing::ValuesIn(kEventDriven));
INSTANTIATE_TEST_SUITE_P(StateDriven, EarsPhrasingTest, ::testing::ValuesIn(kStateDriven));
INSTANTIATE_TEST_SUITE_P(UnwantedBehaviour, EarsPhrasingTest, ::testing::ValuesIn(kUnwanted));
INSTANTIATE_TEST_SUITE_P(UnwantedWhenSaid, EarsPhrasingTest, ::testing::ValuesIn(kMoreUnwanted));
INSTANTIATE_TEST_SUITE_P(OptionalFeature, EarsPhrasingTest, ::testing::ValuesIn(kOptionalFeature));
INSTANTIATE_TEST_SUITE_P(Complex, EarsPhrasingTest, ::testing::ValuesIn(kComplex));
INSTANTIATE_TEST_SUITE_P(AsStated, EarsPhrasingTest, ::testing::ValuesIn(kAsStated));

TEST(EarsPhrasing, KeepsThePersonsWordsInTheClauses) {
  const EarsPhrasing phrased = phraseInEars("When the Müller account is closed by HR, its files must be archived.");
  EXPECT_NE(phrased.text.find("the Müller account is closed by HR"), std::string::npos) << phrased.text;
  EXPECT_NE(phrased.text.find("archived"), std::string::npos) << phrased.text;
}

TEST(EarsPhrasing, LeavesTextItCannotReadUntouched) {
  const std::string hostile = std::string("If <script>, & \"quotes\"\x01 \xE2\x80\x8F must") + std::string(10000, 'x');
  const EarsPhrasing phrased = phraseInEars(hostile);
  EXPECT_EQ(phrased.pattern, EarsPattern::AsStated);
  EXPECT_EQ(phrased.text, hostile);
}

TEST(EarsPhrasing, NamesEachPattern) {
  const std::map<EarsPattern, std::string_view> names{
      {EarsPattern::Ubiquitous, "ubiquitous"},         {EarsPattern::EventDriven, "event-driven"},
      {EarsPattern::StateDriven, "state-driven"},      {EarsPattern::UnwantedBehaviour, "unwanted-behaviour"},
      {EarsPattern::OptionalFeature, "optional-feature"}, {EarsPattern::Complex, "complex"},
      {EarsPattern::AsStated, "as-stated"}};
  for (const auto& [pattern, name] : names) EXPECT_EQ(toString(pattern), name);
}

}  // namespace
}  // namespace nexus::domain
