// One suite written against the RequirementsStore interface, run for every backend, and a model
// check: random operations applied to the SQLite store (through two connections, with restarts)
// and to the in-memory one, which must agree after every step.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "store/memory_requirements_store.hpp"
#include "store/sqlite_requirements_store.hpp"
#include "support/temp_dir.hpp"
#include "support/printers.hpp"
#include "support/result_assertions.hpp"

namespace nexus {

namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
const Timestamp kStart{milliseconds{1768535865123}};  // 2026-01-16T03:57:45.123Z

struct Backend {
  std::string name;
  bool persistent = false;  // reopen() simulates a restart
  std::function<std::unique_ptr<RequirementsStore>(const std::string& dir, const Clock& clock)> open;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

std::unique_ptr<SqliteRequirementsStore> openSqlite(const std::string& dir, const Clock& clock) {
  auto store = SqliteRequirementsStore::open(dir + "/nexus.db", clock);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

const Backend kMemory{"Memory", false, [](const std::string&, const Clock& clock) {
                        return std::make_unique<MemoryRequirementsStore>(clock);
                      }};
const Backend kSqlite{"Sqlite", true, openSqlite};

// Content words (stop words dropped): {admins, export, monthly, sales, reports}.
constexpr const char* kReports = "Admins must export monthly sales reports";

NewRequirement stated(std::string project, std::string text,
                      RequirementSource source = {"manual", {}, {}, {}}) {
  NewRequirement r;
  r.projectId = std::move(project);
  r.text = std::move(text);
  r.category = RequirementCategory::Functional;
  r.priority = Priority::Should;
  r.confidence = 0.75;
  r.source = std::move(source);
  return r;
}

RequirementSource fromInterview(const std::string& session, const std::string& message,
                                const std::string& origin) {
  return {"interview:" + session, message, origin, {}};
}

std::vector<std::string> idsOf(const std::vector<Requirement>& requirements) {
  std::vector<std::string> ids;
  for (const auto& r : requirements) ids.push_back(r.id);
  return ids;
}

class RequirementsStoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store_ = GetParam().open(dir_.path(), clock_); }
  RequirementsStore& store() { return *store_; }
  void reopen() {
    if (!GetParam().persistent) return;
    store_.reset();
    store_ = GetParam().open(dir_.path(), clock_);
  }

  AddResult add(const NewRequirement& requirement) {
    auto added = store_->add(requirement);
    if (!added) {
      ADD_FAILURE() << added.error().message;
      return {};
    }
    return *added;
  }
  Requirement added(const NewRequirement& requirement) {
    AddResult result = add(requirement);
    EXPECT_EQ(result.outcome, AddOutcome::Added) << requirement.text;
    return result.requirement;
  }
  std::optional<Requirement> get(std::string_view id) {
    auto found = store_->get(id);
    if (!found) ADD_FAILURE() << found.error().message;
    return found ? *found : std::nullopt;
  }
  std::vector<std::string> listed(std::string_view project, const RequirementFilter& filter = {}) {
    auto listed = store_->list(project, filter);
    if (!listed) {
      ADD_FAILURE() << listed.error().message;
      return {};
    }
    return idsOf(*listed);
  }
  // What forEach() hands over, in order; the visit that is the `stopAfter`th returns false.
  Result<std::vector<Requirement>> walked(std::string_view project, const RequirementFilter& filter = {},
                                          std::size_t stopAfter = std::numeric_limits<std::size_t>::max()) {
    std::vector<Requirement> seen;
    auto walk = store_->forEach(project, filter, [&](const Requirement& r) {
      seen.push_back(r);
      return seen.size() < stopAfter;
    });
    if (!walk) return walk.error();
    return seen;
  }
  // forEach() must hand over exactly what list() returns; that, for the test's own checks.
  std::vector<Requirement> walkedAsListed(std::string_view project, const RequirementFilter& filter = {}) {
    auto listed = store_->list(project, filter);
    auto walk = walked(project, filter);
    if (!listed || !walk) {
      ADD_FAILURE() << (listed ? walk.error().message : listed.error().message);
      return {};
    }
    EXPECT_EQ(*walk, *listed);
    return *walk;
  }
  Error addError(const NewRequirement& requirement) {
    auto added = store_->add(requirement);
    if (added) {
      ADD_FAILURE() << "expected add to fail: " << requirement.text;
      return {};
    }
    return added.error();
  }

  nexus::test::TempDir dir_;  // declared first: outlives the store
  ManualClock clock_{kStart};
  std::unique_ptr<RequirementsStore> store_;
};

// ---- add and get ------------------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, AddStoresEveryFieldAndGetReturnsIt) {
  NewRequirement full = stated("shop", "Users must sign in with Google", fromInterview("s1", "m1", "r1"));
  full.category = RequirementCategory::NonFunctional;
  full.priority = Priority::Must;
  full.confidence = 0.875;
  full.area = "authentication";
  const AddResult result = add(full);
  EXPECT_EQ(result.outcome, AddOutcome::Added);
  const Requirement& r = result.requirement;
  EXPECT_EQ(r.id.size(), 21u);
  EXPECT_EQ(r.projectId, "shop");
  EXPECT_EQ(r.text, "Users must sign in with Google");
  EXPECT_EQ(r.category, RequirementCategory::NonFunctional);
  EXPECT_EQ(r.priority, Priority::Must);
  EXPECT_EQ(r.confidence, 0.875);
  EXPECT_EQ(r.area, "authentication");
  EXPECT_EQ(r.validation, ValidationStatus::Pending);
  EXPECT_EQ(r.featureId, std::nullopt);
  EXPECT_EQ(r.sources, (std::vector<RequirementSource>{{"interview:s1", "m1", "r1", kStart}}));
  EXPECT_EQ(r.createdAt, kStart);
  EXPECT_EQ(r.updatedAt, kStart);

  clock_.advance(minutes{1});
  const Requirement bare = added(stated("shop", "Reports are exported as PDF"));
  EXPECT_EQ(bare.area, std::nullopt);
  EXPECT_EQ(bare.sources,
            (std::vector<RequirementSource>{{"manual", std::nullopt, std::nullopt, kStart + minutes{1}}}));
  EXPECT_NE(bare.id, r.id);
  reopen();
  EXPECT_EQ(get(r.id), r);
  EXPECT_EQ(get(bare.id), bare);
}

TEST_P(RequirementsStoreConformance, EveryCategoryAndPriorityRoundTrips) {
  const std::array categories{RequirementCategory::Functional, RequirementCategory::NonFunctional,
                              RequirementCategory::Technical, RequirementCategory::Constraint,
                              RequirementCategory::Assumption};
  const std::array priorities{Priority::Must, Priority::Should, Priority::Could, Priority::Wont};
  const std::array texts{"alpha", "bravo", "charlie", "delta", "echo"};
  std::vector<Requirement> stored;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    NewRequirement r = stated("p", texts[i]);
    r.category = categories[i];
    r.priority = priorities[i % priorities.size()];
    r.confidence = i * 0.25;
    stored.push_back(added(r));
    clock_.advance(milliseconds{1});
  }
  reopen();
  for (const auto& r : stored) EXPECT_EQ(get(r.id), r);
  EXPECT_EQ(stored[0].confidence, 0.0);
  EXPECT_EQ(stored[4].confidence, 1.0);
}

TEST_P(RequirementsStoreConformance, TextAndAreaAreStoredTrimmed) {
  NewRequirement r = stated("p", "  Reports are exported as PDF \n");
  r.area = " reporting\t";
  const Requirement trimmed = added(r);
  EXPECT_EQ(trimmed.text, "Reports are exported as PDF");
  EXPECT_EQ(trimmed.area, "reporting");
  NewRequirement blankArea = stated("p", "Admins can delete projects");
  blankArea.area = "  ";
  EXPECT_EQ(added(blankArea).area, std::nullopt);
  reopen();
  EXPECT_EQ(get(trimmed.id), trimmed);
}

TEST_P(RequirementsStoreConformance, GetOfAnUnknownIdIsEmpty) {
  EXPECT_EQ(get("nope"), std::nullopt);
  added(stated("p", "Reports are exported as PDF"));
  EXPECT_EQ(get("nope"), std::nullopt);
  EXPECT_EQ(get(""), std::nullopt);
}

TEST_P(RequirementsStoreConformance, KeepsUnicodeAndAwkwardTextExactly) {
  NewRequirement r = stated("проект-日本", "Zürich → 東京 🚀 \"quoted\" 'single'; DROP TABLE requirements; --",
                            {"interview:sé", "møß", "要件", {}});
  r.area = "ui_ux/日本";
  const Requirement stored = added(r);
  reopen();
  EXPECT_EQ(get(stored.id), stored);
  EXPECT_EQ(listed("проект-日本"), std::vector<std::string>{stored.id});
}

// ---- list -------------------------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, ListsOldestFirstAndOnlyTheProject) {
  EXPECT_EQ(listed("p"), std::vector<std::string>{});
  const Requirement second = added(stated("p", "Reports are exported as PDF"));
  clock_.set(kStart - minutes{5});
  const Requirement first = added(stated("p", "Admins can delete projects"));
  added(stated("q", "Pages load within two seconds"));
  clock_.set(kStart + minutes{5});
  const Requirement third = added(stated("p", "Data stays in the EU"));
  // The same moment (one turn's requirements): in the order they were added, whatever the ids.
  const Requirement fourth = added(stated("p", "Invoices carry a VAT number"));
  const Requirement fifth = added(stated("p", "Users can reset their password by email"));
  const std::vector<std::string> expected{first.id, second.id, third.id, fourth.id, fifth.id};
  EXPECT_EQ(listed("p"), expected);
  reopen();
  EXPECT_EQ(listed("p"), expected);
  auto all = *store().list("p");
  EXPECT_EQ(all[0], first);
  EXPECT_EQ(listed("nobody"), std::vector<std::string>{});
  EXPECT_EQ(store().list("").error().code, ErrorCode::InvalidArgument);
}

class ListFilters : public RequirementsStoreConformance {
 protected:
  void SetUp() override {
    RequirementsStoreConformance::SetUp();
    auto make = [&](const char* text, RequirementCategory category, Priority priority, double confidence,
                    std::optional<std::string> area) {
      NewRequirement r = stated("p", text);
      r.category = category;
      r.priority = priority;
      r.confidence = confidence;
      r.area = std::move(area);
      clock_.advance(milliseconds{10});
      return added(r).id;
    };
    using C = RequirementCategory;
    a = make("Users sign in with Google", C::Functional, Priority::Must, 0.9, "authentication");
    b = make("Pages load within two seconds", C::NonFunctional, Priority::Should, 0.8, "performance");
    c = make("Admins can reset passwords", C::Functional, Priority::Should, 0.7, "authentication");
    d = make("We use PostgreSQL", C::Constraint, Priority::Must, 0.95, std::nullopt);
    e = make("Exports run nightly", C::Technical, Priority::Could, 0.79999, "performance");
    added(stated("other", "Users sign in with Google"));
    ASSERT_OK(store().validate(b, ValidationStatus::Validated));
    ASSERT_OK(store().validate(d, ValidationStatus::Rejected));
    ASSERT_OK(store().linkToFeature(a, "login"));
    ASSERT_OK(store().linkToFeature(c, "login"));
    ASSERT_OK(store().linkToFeature(e, "exports"));
    reopen();
  }
  std::string a, b, c, d, e;
  using V = std::vector<std::string>;
};

TEST_P(ListFilters, EachFilterAlone) {
  EXPECT_EQ(listed("p"), (V{a, b, c, d, e}));
  EXPECT_EQ(listed("p", {.category = RequirementCategory::Functional}), (V{a, c}));
  EXPECT_EQ(listed("p", {.category = RequirementCategory::Assumption}), V{});
  EXPECT_EQ(listed("p", {.priority = Priority::Must}), (V{a, d}));
  EXPECT_EQ(listed("p", {.priority = Priority::Wont}), V{});
  EXPECT_EQ(listed("p", {.area = "performance"}), (V{b, e}));
  EXPECT_EQ(listed("p", {.area = " authentication "}), (V{a, c}));
  EXPECT_EQ(listed("p", {.area = ""}), V{d});  // no area
  EXPECT_EQ(listed("p", {.area = "Performance"}), V{});
  EXPECT_EQ(listed("p", {.minConfidence = 0.8}), (V{a, b, d}));  // inclusive
  EXPECT_EQ(listed("p", {.minConfidence = 0.0}), (V{a, b, c, d, e}));
  EXPECT_EQ(listed("p", {.minConfidence = 1.0}), V{});
  EXPECT_EQ(listed("p", {.validation = ValidationStatus::Pending}), (V{a, c, e}));
  EXPECT_EQ(listed("p", {.validation = ValidationStatus::Validated}), V{b});
  EXPECT_EQ(listed("p", {.validation = ValidationStatus::Rejected}), V{d});
  EXPECT_EQ(listed("p", {.featureId = "login"}), (V{a, c}));
  EXPECT_EQ(listed("p", {.featureId = "nothing"}), V{});
  EXPECT_EQ(listed("p", {.featureId = ""}), (V{b, d}));  // linked to none
}

TEST_P(ListFilters, FiltersCombine) {
  EXPECT_EQ(listed("p", {.category = RequirementCategory::Functional, .priority = Priority::Should}), V{c});
  EXPECT_EQ(listed("p", {.area = "authentication", .minConfidence = 0.85}), V{a});
  EXPECT_EQ(listed("p", {.priority = Priority::Must, .validation = ValidationStatus::Rejected}), V{d});
  EXPECT_EQ(
      listed("p", {.area = "performance", .validation = ValidationStatus::Pending, .featureId = "exports"}),
      V{e});
  EXPECT_EQ(listed("p", {.category = RequirementCategory::Functional,
                         .priority = Priority::Must,
                         .area = "authentication",
                         .minConfidence = 0.9,
                         .validation = ValidationStatus::Pending,
                         .featureId = "login"}),
            V{a});
  EXPECT_EQ(listed("p", {.category = RequirementCategory::Constraint, .area = "performance"}), V{});
  EXPECT_EQ(listed("other", {.category = RequirementCategory::Functional}).size(), 1u);
}

TEST_P(ListFilters, ForEachAppliesEachFilterAsList) {
  const std::vector<std::pair<RequirementFilter, V>> filters{
      {{}, V{a, b, c, d, e}},
      {{.category = RequirementCategory::Functional}, V{a, c}},
      {{.priority = Priority::Must}, V{a, d}},
      {{.area = "performance"}, V{b, e}},
      {{.area = " authentication "}, V{a, c}},
      {{.area = ""}, V{d}},
      {{.minConfidence = 0.8}, V{a, b, d}},
      {{.validation = ValidationStatus::Pending}, V{a, c, e}},
      {{.featureId = "login"}, V{a, c}},
      {{.featureId = ""}, V{b, d}},
      {{.category = RequirementCategory::Functional, .priority = Priority::Should}, V{c}},
      {{.area = "performance", .validation = ValidationStatus::Pending, .featureId = "exports"}, V{e}},
      {{.category = RequirementCategory::Assumption}, V{}},
  };
  for (const auto& [filter, expected] : filters) {
    SCOPED_TRACE(::testing::PrintToString(expected));
    EXPECT_EQ(idsOf(walkedAsListed("p", filter)), expected);
  }
}

TEST_P(ListFilters, ForEachStopsWhenTheVisitSaysSo) {
  const V all{a, b, c, d, e};
  for (std::size_t k = 1; k <= all.size(); ++k) {
    auto firstK = walked("p", {}, k);
    ASSERT_OK(firstK);
    EXPECT_EQ(idsOf(*firstK), V(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k))) << k;
  }
  auto firstPending = walked("p", {.validation = ValidationStatus::Pending}, 2);
  ASSERT_OK(firstPending);
  EXPECT_EQ(idsOf(*firstPending), (V{a, c}));
  // A stopped walk leaves nothing open: writes and walks go on.
  added(stated("p", "Invoices carry a VAT number"));
  EXPECT_EQ(walkedAsListed("p").size(), 6u);
}

TEST_P(ListFilters, AnImpossibleMinimumConfidenceIsRefused) {
  for (double bad : {-0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    auto refused = store().list("p", {.minConfidence = bad});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_EQ(store().list("p", {.minConfidence = 1.5}).error().message,
            "confidence must be between 0 and 1 (got 1.5)");
}

// ---- forEach ----------------------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, ForEachHandsOverWhatListReturnsOneByOne) {
  NewRequirement reports = stated("p", kReports, fromInterview("s1", "m1", "r1"));
  reports.area = "reporting";
  const Requirement merged = added(reports);
  clock_.advance(minutes{1});
  EXPECT_EQ(add(stated("p", "admins export monthly sales reports quickly", fromInterview("s2", "m4", "r2"))).outcome,
            AddOutcome::Merged);
  EXPECT_EQ(add(stated("p", kReports)).outcome, AddOutcome::Merged);
  NewRequirement noArea = stated("p", "Pages load within two seconds");
  noArea.area = "";
  const Requirement pages = added(noArea);
  const Requirement edited = added(stated("p", "Invoices carry a VAT number"));
  clock_.advance(minutes{1});
  ASSERT_OK(store().update(edited.id, {.text = "Invoices carry the VAT number", .priority = Priority::Must}));
  clock_.advance(minutes{1});
  ASSERT_OK(store().update(edited.id, {.area = "billing"}));
  // One millisecond, three requirements: in the order they were added, whatever their ids.
  const Requirement tiedFirst = added(stated("p", "Data stays in the EU"));
  const Requirement tiedSecond = added(stated("p", "Users can reset their password by email"));
  const Requirement tiedThird = added(stated("p", "Admins can delete projects"));
  clock_.set(kStart - minutes{5});
  const Requirement oldest = added(stated("p", "We use PostgreSQL"));
  added(stated("q", "Pages load within two seconds"));  // another project's, not a merge
  reopen();

  const auto all = walkedAsListed("p");
  EXPECT_EQ(idsOf(all), (std::vector<std::string>{oldest.id, merged.id, pages.id, edited.id, tiedFirst.id,
                                                   tiedSecond.id, tiedThird.id}));
  ASSERT_EQ(all.size(), 7u);
  std::vector<std::string> sourceNames;
  for (const auto& source : all[1].sources) sourceNames.push_back(source.source);
  EXPECT_EQ(sourceNames, (std::vector<std::string>{"interview:s1", "interview:s2", "manual"}));
  EXPECT_EQ(all[2].area, std::nullopt);
  EXPECT_EQ(all[3].editedFields, (std::vector<std::string>{"text", "priority", "area"}));
  EXPECT_EQ(all[3].history.size(), 3u);
  for (const auto& r : all) {
    EXPECT_EQ(r.projectId, "p");
    EXPECT_EQ(get(r.id), r);  // sources and history as get() has them
  }
  EXPECT_EQ(walkedAsListed("q").size(), 1u);
}

TEST_P(RequirementsStoreConformance, ForEachOfAnEmptyOrUnknownProjectVisitsNothing) {
  EXPECT_EQ(walkedAsListed("p"), std::vector<Requirement>{});
  added(stated("q", "Pages load within two seconds"));
  reopen();
  EXPECT_EQ(walkedAsListed("p"), std::vector<Requirement>{});
  EXPECT_EQ(walkedAsListed("nobody"), std::vector<Requirement>{});
  EXPECT_EQ(walkedAsListed("Q"), std::vector<Requirement>{});
  EXPECT_EQ(walkedAsListed("q").size(), 1u);
}

TEST_P(RequirementsStoreConformance, ForEachRefusesWhatListRefusesAndVisitsNothing) {
  added(stated("p", "Pages load within two seconds"));
  int visits = 0;
  const auto count = [&](const Requirement&) { return ++visits, true; };
  const auto noProject = store().forEach("", {}, count);
  ASSERT_FALSE(noProject.ok());
  EXPECT_EQ(noProject.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(noProject.error().message, store().list("").error().message);
  for (double bad : {-0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    const auto badFilter = store().forEach("p", {.minConfidence = bad}, count);
    ASSERT_FALSE(badFilter.ok()) << bad;
    EXPECT_EQ(badFilter.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(badFilter.error().message, store().list("p", {.minConfidence = bad}).error().message);
  }
  EXPECT_EQ(store().forEach("p", {.minConfidence = 1.5}, count).error().message,
            "confidence must be between 0 and 1 (got 1.5)");
  EXPECT_EQ(visits, 0);
}

// What the visit throws is the caller's own, not a storage failure; the store is usable after.
TEST_P(RequirementsStoreConformance, AVisitThatThrowsReachesTheCallerAndTheStoreGoesOn) {
  added(stated("p", "Pages load within two seconds"));
  added(stated("p", "Invoices carry a VAT number"));
  int visits = 0;
  try {
    (void)store().forEach("p", {}, [&](const Requirement&) -> bool {
      ++visits;
      throw std::runtime_error("the document cannot be written");
    });
    ADD_FAILURE() << "the visit's exception did not reach the caller";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "the document cannot be written");
  }
  EXPECT_EQ(visits, 1);
  added(stated("p", "Data stays in the EU"));
  EXPECT_EQ(walkedAsListed("p").size(), 3u);
}

// ---- update, remove, validate, link -----------------------------------------------------------

TEST_P(RequirementsStoreConformance, UpdateChangesOnlyTheGivenFieldsAndStampsTheTime) {
  NewRequirement original = stated("p", "Users sign in with Google", fromInterview("s1", "m1", "r1"));
  original.area = "authentication";
  Requirement expected = added(original);

  const auto step = [&](const RequirementChanges& changes, auto edit) {
    clock_.advance(minutes{1});
    edit(expected);
    expected.updatedAt = clock_.now();
    auto updated = store().update(expected.id, changes);
    ASSERT_OK(updated);
    EXPECT_EQ(*updated, expected);
    reopen();
    EXPECT_EQ(get(expected.id), expected);
  };
  // Each change of text, category, priority or area is also one entry of the person's history.
  const auto recordEdit = [&](Requirement& r, const char* field, std::optional<std::string> from,
                        std::optional<std::string> to) {
    r.history.push_back({r.id, field, std::move(from), std::move(to), clock_.now()});
    if (std::find(r.editedFields.begin(), r.editedFields.end(), field) == r.editedFields.end())
      r.editedFields.push_back(field);
  };
  step({.text = "  Users sign in with GitHub "}, [&](Requirement& r) {
    r.text = "Users sign in with GitHub";
    recordEdit(r, "text", "Users sign in with Google", "Users sign in with GitHub");
  });
  step({.category = RequirementCategory::Constraint}, [&](Requirement& r) {
    r.category = RequirementCategory::Constraint;
    recordEdit(r, "category", "functional", "constraint");
  });
  step({.priority = Priority::Wont}, [&](Requirement& r) {
    r.priority = Priority::Wont;
    recordEdit(r, "priority", "should", "wont");
  });
  step({.confidence = 0.25}, [](Requirement& r) { r.confidence = 0.25; });  // not the person's edit
  step({.area = "security"}, [&](Requirement& r) {
    r.area = "security";
    recordEdit(r, "area", "authentication", "security");
  });
  step({.area = ""}, [&](Requirement& r) {
    r.area.reset();
    recordEdit(r, "area", "security", std::nullopt);
  });
  step({.text = "Users sign in with SSO", .priority = Priority::Must, .area = "sso"}, [&](Requirement& r) {
    r.text = "Users sign in with SSO";
    r.priority = Priority::Must;
    r.area = "sso";
    recordEdit(r, "text", "Users sign in with GitHub", "Users sign in with SSO");
    recordEdit(r, "priority", "wont", "must");
    recordEdit(r, "area", std::nullopt, "sso");
  });
  step({}, [](Requirement&) {});  // nothing to change still counts as a change
  EXPECT_EQ(expected.createdAt, kStart);
  EXPECT_EQ(expected.sources.size(), 1u);
  EXPECT_EQ(expected.editedFields, (std::vector<std::string>{"text", "category", "priority", "area"}));
  EXPECT_EQ(expected.history.size(), 8u);
}

// Only a value that actually changes is the person's edit: the same value again, or a text
// that is the same once trimmed, records nothing; confidence is never recorded.
TEST_P(RequirementsStoreConformance, UpdateRecordsHistoryAndEditedFieldsOnlyForChangedFields) {
  NewRequirement original = stated("p", "Users sign in with Google");
  original.priority = Priority::Could;
  Requirement expected = added(original);
  clock_.advance(minutes{1});
  auto same = store().update(expected.id, {.text = " Users sign in with Google\n",
                                           .category = RequirementCategory::Functional,
                                           .priority = Priority::Could,
                                           .confidence = 0.5,
                                           .area = ""});
  ASSERT_OK(same);
  expected.confidence = 0.5;
  expected.updatedAt = clock_.now();
  EXPECT_EQ(*same, expected);
  EXPECT_TRUE(same->editedFields.empty());
  EXPECT_TRUE(same->history.empty());

  clock_.advance(minutes{1});
  auto changed = store().update(expected.id, {.text = "Users sign in with Google",
                                              .category = RequirementCategory::Functional,
                                              .priority = Priority::Must,
                                              .confidence = 0.9});
  ASSERT_OK(changed);
  EXPECT_EQ(changed->editedFields, std::vector<std::string>{"priority"});
  EXPECT_EQ(changed->history,
            (std::vector<RequirementEdit>{{expected.id, "priority", "could", "must", kStart + minutes{2}}}));
  EXPECT_EQ(changed->confidence, 0.9);

  clock_.advance(minutes{1});
  auto again = store().update(expected.id, {.priority = Priority::Should, .area = "authentication"});
  ASSERT_OK(again);
  EXPECT_EQ(again->editedFields, (std::vector<std::string>{"priority", "area"}));  // each once
  EXPECT_EQ(again->history,
            (std::vector<RequirementEdit>{{expected.id, "priority", "could", "must", kStart + minutes{2}},
                                          {expected.id, "priority", "must", "should", kStart + minutes{3}},
                                          {expected.id, "area", std::nullopt, "authentication", kStart + minutes{3}}}));
  reopen();
  EXPECT_EQ(get(expected.id), *again);
  EXPECT_EQ(store().list("p")->at(0), *again);
  // Other changes keep the history as it is.
  clock_.advance(minutes{1});
  auto validated = store().validate(expected.id);
  ASSERT_OK(validated);
  EXPECT_EQ(validated->history, again->history);
  EXPECT_EQ(validated->editedFields, again->editedFields);
}

// A near-duplicate stated later still adds its source, but what the person set stays: an edited
// priority is not raised, an edited area that they cleared is not filled.
TEST_P(RequirementsStoreConformance, AMergeKeepsTheFieldsThePersonEdited) {
  NewRequirement first = stated("p", kReports, fromInterview("s1", "m1", "r1"));
  first.priority = Priority::Should;
  first.area = "reporting";
  const Requirement original = added(first);
  clock_.advance(minutes{1});
  auto edited = store().update(original.id, {.priority = Priority::Could, .area = ""});
  ASSERT_OK(edited);
  ASSERT_EQ(edited->area, std::nullopt);

  clock_.advance(minutes{1});
  NewRequirement second = stated("p", "admins export monthly sales reports quickly", fromInterview("s2", "m5", "r9"));
  second.priority = Priority::Must;
  second.confidence = 0.95;
  second.area = "exports";
  const AddResult merged = add(second);
  EXPECT_EQ(merged.outcome, AddOutcome::Merged);
  Requirement expected = *edited;
  expected.confidence = 0.95;  // not the person's: still the higher one
  expected.sources.push_back({"interview:s2", "m5", "r9", kStart + minutes{2}});
  expected.updatedAt = kStart + minutes{2};
  EXPECT_EQ(merged.requirement, expected);
  EXPECT_EQ(merged.requirement.priority, Priority::Could);
  reopen();
  EXPECT_EQ(get(original.id), expected);

  // Fields the person did not touch still merge as before.
  const Requirement other = added(stated("p", "Pages load within two seconds"));
  clock_.advance(minutes{1});
  ASSERT_OK(store().update(other.id, {.text = "Pages load within two seconds on mobile"}));
  NewRequirement near = stated("p", "pages load within two seconds on mobile phones");
  near.priority = Priority::Must;
  near.area = "performance";
  const AddResult filled = add(near);
  EXPECT_EQ(filled.outcome, AddOutcome::Merged);
  EXPECT_EQ(filled.requirement.id, other.id);
  EXPECT_EQ(filled.requirement.priority, Priority::Must);
  EXPECT_EQ(filled.requirement.area, "performance");
  EXPECT_EQ(filled.requirement.text, "Pages load within two seconds on mobile");
  EXPECT_EQ(filled.requirement.editedFields, std::vector<std::string>{"text"});
}

TEST_P(RequirementsStoreConformance, UpdateRefusesUnknownIdsAndBadInputAndChangesNothing) {
  const Requirement before = added(stated("p", "Users sign in with Google"));
  clock_.advance(minutes{1});
  auto unknown = store().update("nope", {.text = "x"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  EXPECT_EQ(unknown.error().message, "no requirement with id \"nope\"");

  const std::vector<std::pair<RequirementChanges, std::string>> bad{
      {{.text = ""}, "the requirement text is empty"},
      {{.text = " \n\t"}, "the requirement text is empty"},
      {{.text = "bad \xff byte"}, "the requirement text is not valid UTF-8"},
      {{.confidence = 1.01}, "confidence must be between 0 and 1 (got 1.01)"},
      {{.confidence = -0.5}, "confidence must be between 0 and 1 (got -0.5)"},
      {{.confidence = std::numeric_limits<double>::quiet_NaN()},
       "confidence must be between 0 and 1 (got nan)"},
      {{.area = "\xc3\x28"}, "the area is not valid UTF-8"},
      {{.text = "fine", .confidence = 2.0}, "confidence must be between 0 and 1 (got 2)"},
  };
  for (const auto& [changes, message] : bad) {
    auto refused = store().update(before.id, changes);
    ASSERT_FALSE(refused.ok()) << message;
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.error().message, message);
  }
  reopen();
  EXPECT_EQ(get(before.id), before);
}

TEST_P(RequirementsStoreConformance, RemoveDropsTheRequirementAndFreesItsSources) {
  const Requirement gone = added(stated("p", "Users sign in with Google", fromInterview("s1", "m1", "r1")));
  const Requirement kept = added(stated("p", "Pages load within two seconds", fromInterview("s1", "m2", "r2")));
  EXPECT_TRUE(*store().remove(gone.id));
  EXPECT_FALSE(*store().remove(gone.id));
  EXPECT_FALSE(*store().remove("never"));
  reopen();
  EXPECT_EQ(get(gone.id), std::nullopt);
  EXPECT_EQ(get(kept.id), kept);
  EXPECT_EQ(listed("p"), std::vector<std::string>{kept.id});
  EXPECT_EQ(store().stats("p")->total, 1u);
  // Its (source, originId) went with it: recording it again makes a new requirement.
  const AddResult again = add(stated("p", "Users sign in with Google", fromInterview("s1", "m1", "r1")));
  EXPECT_EQ(again.outcome, AddOutcome::Added);
  EXPECT_NE(again.requirement.id, gone.id);
  EXPECT_EQ(store().validate(gone.id).error().code, ErrorCode::NotFound);
}

TEST_P(RequirementsStoreConformance, ValidateSetsTheStatusAndStampsTheTime) {
  const Requirement r = added(stated("p", "Users sign in with Google"));
  clock_.advance(minutes{1});
  auto validated = store().validate(r.id);
  ASSERT_OK(validated);
  EXPECT_EQ(validated->validation, ValidationStatus::Validated);
  EXPECT_EQ(validated->updatedAt, kStart + minutes{1});
  clock_.advance(minutes{1});
  EXPECT_EQ(store().validate(r.id, ValidationStatus::Rejected)->validation, ValidationStatus::Rejected);
  reopen();
  Requirement expected = r;
  expected.validation = ValidationStatus::Rejected;
  expected.updatedAt = kStart + minutes{2};
  EXPECT_EQ(get(r.id), expected);
  clock_.advance(minutes{1});
  EXPECT_EQ(store().validate(r.id, ValidationStatus::Pending)->validation, ValidationStatus::Pending);
  auto unknown = store().validate("nope");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_P(RequirementsStoreConformance, LinksToAFeatureAndUnlinks) {
  const Requirement r = added(stated("p", "Users sign in with Google"));
  clock_.advance(minutes{1});
  auto linked = store().linkToFeature(r.id, "login");
  ASSERT_OK(linked);
  Requirement expected = r;
  expected.featureId = "login";
  expected.updatedAt = kStart + minutes{1};
  EXPECT_EQ(*linked, expected);
  reopen();
  EXPECT_EQ(get(r.id), expected);
  clock_.advance(minutes{1});
  expected.featureId.reset();
  expected.updatedAt = kStart + minutes{2};
  EXPECT_EQ(*store().linkToFeature(r.id, std::nullopt), expected);
  reopen();
  EXPECT_EQ(get(r.id), expected);

  ASSERT_OK(store().linkToFeature(r.id, "login"));
  clock_.advance(minutes{1});
  expected.updatedAt = kStart + minutes{3};
  EXPECT_EQ(*store().linkToFeature(r.id, ""), expected);  // "" is no feature too
  auto bad = store().linkToFeature(r.id, "f\xff");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(bad.error().message, "the feature id is not valid UTF-8");
  EXPECT_EQ(store().linkToFeature("nope", "login").error().code, ErrorCode::NotFound);
  reopen();
  EXPECT_EQ(get(r.id), expected);
}

TEST_P(RequirementsStoreConformance, EmptyMessageAndOriginIdsAreNone) {
  const Requirement r = added(stated("p", kReports, {"interview:s1", "", "", {}}));
  EXPECT_EQ(r.sources, (std::vector<RequirementSource>{{"interview:s1", std::nullopt, std::nullopt, kStart}}));
  // Without an origin id the same statement is one more source, not one already recorded.
  const AddResult again = add(stated("p", kReports, {"interview:s1", "", "", {}}));
  EXPECT_EQ(again.outcome, AddOutcome::Merged);
  reopen();
  EXPECT_EQ(get(r.id), again.requirement);
}

// ---- stats ------------------------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, StatsCountEveryValueOfTheProjectWithZeros) {
  using C = RequirementCategory;
  RequirementStats expected;
  expected.byCategory = {
      {C::Functional, 0}, {C::NonFunctional, 0}, {C::Technical, 0}, {C::Constraint, 0}, {C::Assumption, 0}};
  expected.byPriority = {{Priority::Must, 0}, {Priority::Should, 0}, {Priority::Could, 0}, {Priority::Wont, 0}};
  expected.byValidation = {
      {ValidationStatus::Pending, 0}, {ValidationStatus::Validated, 0}, {ValidationStatus::Rejected, 0}};
  EXPECT_EQ(*store().stats("p"), expected);

  const auto make = [&](const char* text, C category, Priority priority) {
    NewRequirement r = stated("p", text);
    r.category = category;
    r.priority = priority;
    return added(r).id;
  };
  const std::string a = make("Users sign in with Google", C::Functional, Priority::Must);
  make("Pages load within two seconds", C::NonFunctional, Priority::Must);
  const std::string c = make("Admins can reset passwords", C::Functional, Priority::Could);
  make("We assume people have smartphones", C::Assumption, Priority::Should);
  added(stated("q", "Exports run nightly"));
  ASSERT_OK(store().validate(a));
  ASSERT_OK(store().validate(c, ValidationStatus::Rejected));
  reopen();
  expected.total = 4;
  expected.byCategory[C::Functional] = 2;
  expected.byCategory[C::NonFunctional] = 1;
  expected.byCategory[C::Assumption] = 1;
  expected.byPriority[Priority::Must] = 2;
  expected.byPriority[Priority::Should] = 1;
  expected.byPriority[Priority::Could] = 1;
  expected.byValidation[ValidationStatus::Pending] = 2;
  expected.byValidation[ValidationStatus::Validated] = 1;
  expected.byValidation[ValidationStatus::Rejected] = 1;
  EXPECT_EQ(*store().stats("p"), expected);
  EXPECT_EQ(store().stats("q")->total, 1u);
  EXPECT_EQ(store().stats("").error().code, ErrorCode::InvalidArgument);
}

// ---- near-duplicates --------------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, ANearDuplicateIsMergedKeepingEverySource) {
  NewRequirement first = stated("p", kReports, fromInterview("s1", "m1", "r1"));
  first.priority = Priority::Should;
  first.confidence = 0.7;
  const Requirement original = added(first);
  ASSERT_OK(store().validate(original.id));
  ASSERT_OK(store().linkToFeature(original.id, "reporting"));

  clock_.advance(minutes{1});
  NewRequirement second =
      stated("p", "admins export monthly sales reports quickly", fromInterview("s2", "m5", "r9"));
  second.category = RequirementCategory::Technical;  // stays functional
  second.priority = Priority::Must;
  second.confidence = 0.9;
  second.area = "reporting";
  const AddResult merged = add(second);  // similarity 5/6
  EXPECT_EQ(merged.outcome, AddOutcome::Merged);
  Requirement expected = original;
  expected.validation = ValidationStatus::Validated;
  expected.featureId = "reporting";
  expected.priority = Priority::Must;
  expected.confidence = 0.9;
  expected.area = "reporting";
  expected.sources.push_back({"interview:s2", "m5", "r9", kStart + minutes{1}});
  expected.updatedAt = kStart + minutes{1};
  EXPECT_EQ(merged.requirement, expected);

  clock_.advance(minutes{1});
  NewRequirement third = stated("p", "Admins export monthly reports");  // 4/5: exactly the threshold
  third.priority = Priority::Wont;
  third.confidence = 0.5;
  third.area = "exports";
  EXPECT_EQ(add(third).outcome, AddOutcome::Merged);
  expected.sources.push_back({"manual", std::nullopt, std::nullopt, kStart + minutes{2}});
  expected.updatedAt = kStart + minutes{2};  // priority, confidence and area stay
  reopen();
  EXPECT_EQ(get(original.id), expected);
  EXPECT_EQ(listed("p"), std::vector<std::string>{original.id});
}

TEST_P(RequirementsStoreConformance, TextsBelowTheThresholdOrInAnotherProjectAreNotMerged) {
  const Requirement reports = added(stated("p", kReports));
  EXPECT_EQ(add(stated("p", "Admins export weekly sales reports")).outcome, AddOutcome::Added);  // 4/6
  EXPECT_EQ(add(stated("q", kReports)).outcome, AddOutcome::Added);
  EXPECT_EQ(listed("p").size(), 2u);
  EXPECT_EQ(get(reports.id)->sources.size(), 1u);
}

TEST_P(RequirementsStoreConformance, TheMostSimilarRequirementWinsAndTiesGoToTheOldest) {
  const Requirement close = added(stated("p", kReports));
  clock_.advance(minutes{1});
  const Requirement closer = added(stated("p", "Admins export monthly sales reports quickly today"));  // 5/7
  clock_.advance(minutes{1});
  // 5/6 with `close`, 6/7 with `closer`.
  EXPECT_EQ(add(stated("p", "Admins export monthly sales reports quickly")).requirement.id, closer.id);

  clock_.advance(minutes{1});
  const Requirement older = added(stated("t", "alpha bravo charlie epsilon"));
  clock_.advance(minutes{1});
  const Requirement newer = added(stated("t", "alpha bravo charlie delta"));  // 3/5 with `older`
  reopen();
  const AddResult tie = add(stated("t", "alpha bravo charlie delta epsilon"));  // 4/5 with both
  EXPECT_EQ(tie.outcome, AddOutcome::Merged);
  EXPECT_EQ(tie.requirement.id, older.id);
  EXPECT_EQ(get(newer.id)->sources.size(), 1u);
  EXPECT_EQ(get(close.id)->sources.size(), 1u);
}

// ---- sources recorded once --------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, TheSameSourceAndOriginIsRecordedOnce) {
  const Requirement original = added(stated("p", kReports, fromInterview("s1", "m1", "r1")));
  clock_.advance(minutes{1});
  // Whatever the text: that source already said it, in this project.
  for (const NewRequirement& again : {stated("p", kReports, fromInterview("s1", "m1", "r1")),
                                      stated("p", "Something else entirely", fromInterview("s1", "m7", "r1"))}) {
    const AddResult result = add(again);
    EXPECT_EQ(result.outcome, AddOutcome::AlreadyRecorded) << again.text;
    EXPECT_EQ(result.requirement, original);
  }
  // Another project keeps its own record: one document may be imported into two projects.
  const AddResult elsewhere = add(stated("q", kReports, fromInterview("s1", "m1", "r1")));
  EXPECT_EQ(elsewhere.outcome, AddOutcome::Added);
  EXPECT_EQ(add(stated("q", kReports, fromInterview("s1", "m1", "r1"))).outcome, AddOutcome::AlreadyRecorded);
  reopen();
  EXPECT_EQ(get(original.id), original);
  EXPECT_EQ(listed("p"), std::vector<std::string>{original.id});
  EXPECT_EQ(listed("q"), std::vector<std::string>{elsewhere.requirement.id});

  // The same origin id under another source is another source: merged, not refused.
  const AddResult other = add(stated("p", kReports, fromInterview("s2", "m1", "r1")));
  EXPECT_EQ(other.outcome, AddOutcome::Merged);
  ASSERT_EQ(other.requirement.sources.size(), 2u);
  // A source found in second place is recognized too.
  const AddResult twice = add(stated("p", "Anything", fromInterview("s2", "m1", "r1")));
  EXPECT_EQ(twice.outcome, AddOutcome::AlreadyRecorded);
  EXPECT_EQ(twice.requirement, other.requirement);
  // Without an origin id nothing identifies a source: each statement is one more source.
  EXPECT_EQ(add(stated("p", kReports)).outcome, AddOutcome::Merged);
  EXPECT_EQ(add(stated("p", kReports)).requirement.sources.size(), 4u);
}

// ---- input checks -----------------------------------------------------------------------------

TEST_P(RequirementsStoreConformance, BadInputIsRefusedAndNothingIsWritten) {
  const auto with = [](auto edit) {
    NewRequirement r = stated("p", "Users sign in with Google", fromInterview("s1", "m1", "r1"));
    edit(r);
    return r;
  };
  const std::vector<std::pair<NewRequirement, std::string>> bad{
      {with([](NewRequirement& r) { r.projectId = ""; }), "the project id is empty"},
      {with([](NewRequirement& r) { r.projectId = "p\xff"; }), "the project id is not valid UTF-8"},
      {with([](NewRequirement& r) { r.text = ""; }), "the requirement text is empty"},
      {with([](NewRequirement& r) { r.text = "  \n "; }), "the requirement text is empty"},
      {with([](NewRequirement& r) { r.text = "caf\xc3"; }), "the requirement text is not valid UTF-8"},
      {with([](NewRequirement& r) { r.confidence = -0.01; }), "confidence must be between 0 and 1 (got -0.01)"},
      {with([](NewRequirement& r) { r.confidence = 1.5; }), "confidence must be between 0 and 1 (got 1.5)"},
      {with([](NewRequirement& r) { r.confidence = std::nan(""); }),
       "confidence must be between 0 and 1 (got nan)"},
      {with([](NewRequirement& r) { r.area = "\xed\xa0\x80"; }), "the area is not valid UTF-8"},
      {with([](NewRequirement& r) { r.source.source = ""; }), "the requirement's source is empty"},
      {with([](NewRequirement& r) { r.source.source = " "; }), "the requirement's source is empty"},
      {with([](NewRequirement& r) { r.source.messageId = "\xff"; }),
       "the source's message id is not valid UTF-8"},
      {with([](NewRequirement& r) { r.source.originId = "\x80"; }),
       "the source's origin id is not valid UTF-8"},
  };
  for (const auto& [requirement, message] : bad) {
    const Error error = addError(requirement);
    EXPECT_EQ(error.code, ErrorCode::InvalidArgument) << message;
    EXPECT_EQ(error.message, message);
  }
  reopen();
  EXPECT_EQ(listed("p"), std::vector<std::string>{});
  EXPECT_EQ(store().stats("p")->total, 0u);
  // The refused ones recorded no source either.
  EXPECT_EQ(add(with([](NewRequirement&) {})).outcome, AddOutcome::Added);
}

INSTANTIATE_TEST_SUITE_P(Backends, RequirementsStoreConformance, ::testing::Values(kMemory, kSqlite),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Backends, ListFilters, ::testing::Values(kMemory, kSqlite),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// ---- Model check ----------------------------------------------------------------------------
//
// The memory store scans near-duplicates plainly (tokenSimilarity against every requirement);
// the SQLite one through its index, kept across calls and refreshed when the other connection
// writes. Texts are drawn so that many pairs sit just above or below the threshold. Ids differ
// between the stores (they are random): results are compared after mapping each memory id to
// the SQLite id of the requirement added in the same step. The clock moves before every add, so
// that no two requirements share createdAt and the order never depends on the random ids.

class ModelCheck {
 public:
  ModelCheck(unsigned seed, const std::string& dir)
      : random_(seed), dir_(dir), left_(openSqlite(dir, clock_)), right_(openSqlite(dir, clock_)) {}

  void step() {
    const int op = pick(100);
    if (op < 45 || known_.empty()) {
      add();
    } else if (op < 57) {
      update();
    } else if (op < 65) {
      const auto [memoryId, sqliteId] = anyKnown();
      same(sqlite().remove(sqliteId), memory_.remove(memoryId), "remove");
    } else if (op < 75) {
      const auto [memoryId, sqliteId] = anyKnown();
      const auto status = static_cast<ValidationStatus>(pick(3));
      same(sqlite().validate(sqliteId, status), memory_.validate(memoryId, status), "validate");
    } else if (op < 85) {
      const auto [memoryId, sqliteId] = anyKnown();
      std::optional<std::string> feature;
      if (pick(3) != 0) feature = std::array{"login", "exports", ""}[static_cast<std::size_t>(pick(3))];
      same(sqlite().linkToFeature(sqliteId, feature), memory_.linkToFeature(memoryId, feature), "link");
    } else if (op < 95) {
      addAgain();
    } else {
      restart();
    }
  }

  void compare() {
    for (const auto& [memoryId, sqliteId] : known_) {
      same(sqlite().get(sqliteId), memory_.get(memoryId), "get");
    }
    for (const char* project : kProjects) {
      same(sqlite().list(project), memory_.list(project), "list");
      const RequirementFilter filter = anyFilter();
      same(sqlite().list(project, filter), memory_.list(project, filter), "filtered list");
      same(sqlite().stats(project), memory_.stats(project), "stats");
    }
  }

  int outcomes(AddOutcome outcome) const { return outcomes_.count(outcome) ? outcomes_.at(outcome) : 0; }

 private:
  static constexpr std::array<const char*, 3> kProjects{"alpha", "beta", "γ"};

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  template <typename T, std::size_t N>
  T pickFrom(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(pick(static_cast<int>(N)))];
  }
  // Writes and reads go through either connection: each sees the other's writes.
  SqliteRequirementsStore& sqlite() { return pick(2) == 0 ? *left_ : *right_; }
  std::pair<std::string, std::string> anyKnown() {
    if (pick(10) == 0) return {"unknown", "unknown"};
    return known_[static_cast<std::size_t>(pick(static_cast<int>(known_.size())))];
  }

  // Five content words each; one added or dropped word stays >= 0.8 similar, one swapped word
  // falls to 0.67.
  std::string anyText() {
    static constexpr std::array<std::array<const char*, 5>, 4> kBases{{
        {"users", "sign", "google", "accounts", "daily"},
        {"admins", "export", "monthly", "sales", "reports"},
        {"pages", "load", "within", "two", "seconds"},
        {"invoices", "carry", "vat", "number", "always"},
    }};
    static constexpr std::array<const char*, 5> kExtras{"quickly", "securely", "mobile", "offline", "today"};
    const auto& base = kBases[static_cast<std::size_t>(pick(4))];
    std::vector<std::string> words(base.begin(), base.end());
    for (int mutations = pick(3); mutations > 0; --mutations) {
      const auto at = static_cast<std::size_t>(pick(static_cast<int>(words.size())));
      switch (pick(3)) {
        case 0:
          words.erase(words.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 1:
          words.insert(words.begin() + static_cast<std::ptrdiff_t>(at), pickFrom(kExtras));
          break;
        default:
          words[at] = pickFrom(kExtras);
          break;
      }
    }
    std::string text = pick(2) ? "We must" : "";
    for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
    if (text.empty()) text = "must";  // stop words only: similar to every such text
    if (pick(2)) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return pick(3) == 0 ? "  " + text + ".\n" : text;
  }

  NewRequirement anyRequirement() {
    NewRequirement r;
    r.projectId = pickFrom(kProjects);
    r.text = anyText();
    r.category = static_cast<RequirementCategory>(pick(5));
    r.priority = static_cast<Priority>(pick(4));
    r.confidence = pick(101) / 100.0;
    if (pick(2)) r.area = pickFrom(std::array<const char*, 4>{"api", "security", " ui_ux ", ""});
    r.source.source = pickFrom(std::array<const char*, 3>{"interview:s1", "interview:s2", "manual"});
    if (pick(2)) r.source.messageId = "m" + std::to_string(pick(5));
    if (pick(2)) r.source.originId = "o" + std::to_string(pick(8));
    if (pick(25) == 0) r.confidence = 1.5;  // refused by both
    return r;
  }

  RequirementFilter anyFilter() {
    RequirementFilter f;
    if (pick(3) == 0) f.category = static_cast<RequirementCategory>(pick(5));
    if (pick(3) == 0) f.priority = static_cast<Priority>(pick(4));
    if (pick(3) == 0) f.area = pickFrom(std::array<const char*, 3>{"api", "security", ""});
    if (pick(3) == 0) f.minConfidence = pick(11) / 10.0;
    if (pick(3) == 0) f.validation = static_cast<ValidationStatus>(pick(3));
    if (pick(4) == 0) f.featureId = "login";
    return f;
  }

  void add() { addRequirement(anyRequirement()); }

  // A source stated before, under new words: recorded once.
  void addAgain() {
    NewRequirement r = anyRequirement();
    r.source = {"interview:s1", "m1", "o" + std::to_string(pick(8)), {}};
    addRequirement(r);
  }

  void addRequirement(const NewRequirement& requirement) {
    clock_.advance(milliseconds{1 + pick(3)});
    const auto expected = memory_.add(requirement);
    const auto actual = sqlite().add(requirement);
    if (expected.ok() && actual.ok()) {
      ASSERT_EQ(actual->outcome, expected->outcome) << requirement.text;
      ++outcomes_[expected->outcome];
      if (expected->outcome == AddOutcome::Added) {
        sqliteIdOf_[expected->requirement.id] = actual->requirement.id;
        known_.emplace_back(expected->requirement.id, actual->requirement.id);
      }
    }
    same(actual, expected, "add");
  }

  void update() {
    const auto [memoryId, sqliteId] = anyKnown();
    RequirementChanges changes;
    if (pick(3) == 0) changes.text = anyText();
    if (pick(3) == 0) changes.category = static_cast<RequirementCategory>(pick(5));
    if (pick(3) == 0) changes.priority = static_cast<Priority>(pick(4));
    if (pick(3) == 0) changes.confidence = pick(10) == 0 ? -1.0 : pick(101) / 100.0;
    if (pick(3) == 0) changes.area = pickFrom(std::array<const char*, 3>{"api", "", "deployment"});
    clock_.advance(milliseconds{pick(3)});
    same(sqlite().update(sqliteId, changes), memory_.update(memoryId, changes), "update");
  }

  void restart() {
    (pick(2) == 0 ? left_ : right_).reset();
    if (!left_) left_ = openSqlite(dir_, clock_);
    if (!right_) right_ = openSqlite(dir_, clock_);
  }

  Requirement translated(Requirement r) const {
    const auto it = sqliteIdOf_.find(r.id);
    if (it == sqliteIdOf_.end()) {
      ADD_FAILURE() << "memory id " << r.id << " was never added";
      return r;
    }
    r.id = it->second;
    for (RequirementEdit& edit : r.history) edit.requirementId = r.id;
    return r;
  }
  AddResult translated(AddResult r) const { return {translated(std::move(r.requirement)), r.outcome}; }
  std::optional<Requirement> translated(std::optional<Requirement> r) const {
    if (!r) return r;
    return translated(std::move(*r));
  }
  std::vector<Requirement> translated(std::vector<Requirement> all) const {
    for (auto& r : all) r = translated(std::move(r));
    return all;
  }
  bool translated(bool value) const { return value; }
  RequirementStats translated(const RequirementStats& stats) const { return stats; }

  // Both succeed with the same result (memory ids mapped), or both fail the same way.
  template <typename T>
  void same(const Result<T>& actual, const Result<T>& expected, const char* what) {
    ASSERT_EQ(actual.ok(), expected.ok())
        << what << ": " << (actual.ok() ? expected.error().message : actual.error().message);
    if (!expected.ok()) {
      ASSERT_EQ(actual.error().code, expected.error().code) << what << ": " << actual.error().message;
      ASSERT_NE(actual.error().code, ErrorCode::StorageFailed) << actual.error().message;
      if (expected.error().code == ErrorCode::InvalidArgument) {
        ASSERT_EQ(actual.error().message, expected.error().message) << what;
      }
      return;
    }
    ASSERT_EQ(*actual, translated(*expected)) << what;
  }

  std::mt19937 random_;
  std::string dir_;
  ManualClock clock_{kStart};
  MemoryRequirementsStore memory_{clock_};
  std::unique_ptr<SqliteRequirementsStore> left_, right_;   // two connections on one file
  std::map<std::string, std::string> sqliteIdOf_;           // memory id -> SQLite id
  std::vector<std::pair<std::string, std::string>> known_;  // (memory, SQLite) ids ever added
  std::map<AddOutcome, int> outcomes_;
};

TEST(RequirementsStoreModel, SqliteAgreesWithMemoryUnderRandomOperations) {
  std::vector<unsigned> seeds{1, 2, 3};
  if (const char* seed = std::getenv("NEXUS_TEST_SEED"))
    seeds = {static_cast<unsigned>(std::strtoul(seed, nullptr, 10))};
  std::map<AddOutcome, int> outcomes;
  for (const unsigned seed : seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " (rerun with NEXUS_TEST_SEED)");
    nexus::test::TempDir dir;
    ModelCheck check(seed, dir.path());
    for (int step = 0; step < 250; ++step) {
      SCOPED_TRACE("step " + std::to_string(step));
      ASSERT_NO_FATAL_FAILURE(check.step());
      ASSERT_NO_FATAL_FAILURE(check.compare());
    }
    for (auto outcome : {AddOutcome::Added, AddOutcome::Merged, AddOutcome::AlreadyRecorded})
      outcomes[outcome] += check.outcomes(outcome);
  }
  // The walk must reach every branch of add(), or it checks less than it seems to.
  EXPECT_GE(outcomes[AddOutcome::Added], 20);
  EXPECT_GE(outcomes[AddOutcome::Merged], 20);
  EXPECT_GE(outcomes[AddOutcome::AlreadyRecorded], 10);
}

}  // namespace
}  // namespace nexus
