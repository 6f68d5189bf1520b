// ReqIF out and in: what we write is valid against the OMG schema (checked by xmllint, offline),
// stable across exports and read back without loss; files other tools wrote (StrictDoc's, one of
// them not schema-valid; a DOORS-like one with sections and enumerations) are read as a person
// would read them; and input that is not ReqIF is refused in one line without harm.

#include <gtest/gtest.h>

#include "core/enums.hpp"
#include "core/time.hpp"
#include "interview/reqif_document.hpp"
#include "interview/reqif_reader.hpp"
#include "interview/reqif_schema.hpp"
#include "support/file_contents.hpp"
#include "support/printers.hpp"

namespace nexus {
namespace {

using std::chrono::milliseconds;
const Timestamp kCreatedAt{milliseconds{1768535000000}};
const Timestamp kGeneratedAt{milliseconds{1768535865123}};
const std::string kData = NEXUS_TEST_DATA_DIR;

using test::contentsOf;

Requirement requirement(std::string id, std::string text, Priority priority, RequirementCategory category) {
  Requirement r;
  r.id = std::move(id);
  r.projectId = "shop";
  r.text = std::move(text);
  r.priority = priority;
  r.category = category;
  r.confidence = 0.85;
  r.sources.push_back({"interview:s1", "m1", "x1", kCreatedAt});
  r.createdAt = kCreatedAt;
  r.updatedAt = kCreatedAt + milliseconds{5000};
  return r;
}

std::vector<Requirement> shop() {
  auto signIn = requirement("r1", "Users must sign in with Google.", Priority::Must, RequirementCategory::Functional);
  signIn.area = "authentication";
  signIn.validation = ValidationStatus::Validated;
  signIn.sources.push_back({"interview:s2", "m7", "x9", kCreatedAt + milliseconds{1000}});
  auto fast = requirement("r2", "Pages load in under 2 seconds for 500 users at once, & <never> slower.",
                          Priority::Should, RequirementCategory::NonFunctional);
  fast.area = "performance";
  fast.confidence = 0.7;
  auto odd = requirement("r/3 é", "Control characters \x01 and \x0b vanish; tabs\tstay.\nLines too.",
                         Priority::Wont, RequirementCategory::Constraint);
  odd.area = "billing";  // not a standard area
  odd.validation = ValidationStatus::Rejected;
  return {signIn, fast, odd};
}

SourceQuotes quotes() {
  SourceQuotes q;
  q.add("interview:s1", "m1", "Users must sign in with Google, and pages must be fast.");
  return q;
}

using test::validateReqif;

TEST(ReqifExport, IsValidAgainstTheReqifSchema) {
  const auto checked = validateReqif(renderReqif("shop", shop(), quotes(), kGeneratedAt));
  EXPECT_EQ(checked.exitCode, 0) << checked.err;
  const auto empty = validateReqif(renderReqif("empty", {}, {}, kGeneratedAt));
  EXPECT_EQ(empty.exitCode, 0) << empty.err;
  // The checker itself refuses what is not valid: a SPEC-HIERARCHY without LAST-CHANGE.
  const auto invalid = validateReqif(contentsOf(kData + "/reqif/samples/strictdoc-default-import.reqif"));
  EXPECT_NE(invalid.exitCode, 0);
}

TEST(ReqifExport, InEarsIsValidAndReadsBackAsStated) {
  const auto written = shop();
  const std::string document = renderReqif("shop", written, quotes(), kGeneratedAt, true);
  const auto checked = validateReqif(document);
  EXPECT_EQ(checked.exitCode, 0) << checked.err;
  EXPECT_NE(document.find("LONG-NAME=\"EARS pattern\""), std::string::npos);
  auto read = readReqif(document);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->requirements.size(), written.size());
  // The person's words come back, not the phrasing.
  EXPECT_EQ(read->requirements[0].text, written[0].text);
}

TEST(ReqifExport, CarriesTheRequirementsInTypedAttributes) {
  const std::string document = renderReqif("shop", shop(), quotes(), kGeneratedAt);
  for (const std::string expected :
       {"<CREATION-TIME>2026-01-16T03:57:45.123Z</CREATION-TIME>", "LONG-NAME=\"ReqIF.Text\"",
        "LONG-NAME=\"ReqIF.Name\"", "LONG-NAME=\"ReqIF.ForeignID\"", "LONG-NAME=\"ReqIF.ChapterName\"",
        "<xhtml:div>Users must sign in with Google.</xhtml:div>",
        "IDENTIFIER=\"nexus-requirement-r1\" LAST-CHANGE=\"2026-01-16T03:43:25.000Z\"",
        "<ENUM-VALUE-REF>nexus-datatype-priority-must</ENUM-VALUE-REF>",
        "<ENUM-VALUE-REF>nexus-datatype-area-billing</ENUM-VALUE-REF>", "<ATTRIBUTE-VALUE-REAL THE-VALUE=\"0.7\">",
        "interview:s1, message m1: “Users must sign in with Google, and pages must be fast.”",
        "&amp; &lt;never&gt; slower.", "THE-VALUE=\"Constraints\""}) {
    EXPECT_NE(document.find(expected), std::string::npos) << expected;
  }
  // A character XML 1.0 cannot carry is replaced, never written raw or as a reference.
  EXPECT_EQ(document.find('\x01'), std::string::npos);
  EXPECT_EQ(document.find("&#1;"), std::string::npos);
  EXPECT_NE(document.find("Control characters \uFFFD and \uFFFD vanish"), std::string::npos);
}

TEST(ReqifExport, IdentifiersAreStableAcrossExports) {
  const auto first = renderReqif("shop", shop(), quotes(), kGeneratedAt);
  const auto later = renderReqif("shop", shop(), quotes(), kGeneratedAt + milliseconds{86400000});
  const auto withoutCreation = [](std::string document) {
    const auto start = document.find("<CREATION-TIME>");
    const auto end = document.find("</CREATION-TIME>");
    return document.erase(start, end - start);
  };
  EXPECT_NE(first, later);
  EXPECT_EQ(withoutCreation(first), withoutCreation(later));
}

TEST(ReqifExport, ReadsBackWithoutLoss) {
  const auto written = shop();
  auto read = readReqif(renderReqif("shop", written, quotes(), kGeneratedAt));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->headings, 3u);  // one per category
  ASSERT_EQ(read->requirements.size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    const Requirement& r = read->requirements[i];
    const Requirement& w = written[i];
    EXPECT_EQ(r.id, w.id == "r/3 é" ? "" : w.id);  // a foreign id with a space is not kept as an id
    EXPECT_EQ(r.category, w.category);
    EXPECT_EQ(r.priority, w.priority);
    EXPECT_EQ(r.validation, w.validation);
    EXPECT_EQ(r.area, w.area);
    EXPECT_EQ(r.confidence, w.confidence);
    EXPECT_EQ(r.sources, w.sources);
    EXPECT_EQ(r.createdAt, w.createdAt);
    EXPECT_EQ(r.updatedAt, w.updatedAt);
  }
  EXPECT_EQ(read->requirements[0].text, written[0].text);
  EXPECT_EQ(read->requirements[2].text, "Control characters \uFFFD and \uFFFD vanish; tabs stay.\nLines too.");
}

TEST(ReqifImport, ReadsStrictDocsSampleOfOneHundredThirtySevenObjects) {
  auto read = readReqif(contentsOf(kData + "/reqif/samples/strictdoc-p01-sample.reqif"));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->toolId, "ReqIF Studio (https://reqif.academy)");
  ASSERT_EQ(read->requirements.size(), 137u);
  for (const auto& r : read->requirements) {
    EXPECT_EQ(r.text, "Anonymized...");  // ReqIF.Text, not the NOTES beside it
    EXPECT_TRUE(r.id.starts_with("Anonymized-")) << r.id;  // ReqIF.ForeignID
    ASSERT_EQ(r.sources.size(), 1u);
    EXPECT_EQ(r.sources[0].source, "reqif:_gFhrUWojEeuExICsU7Acmg");
    EXPECT_TRUE(r.sources[0].originId.has_value());
  }
}

TEST(ReqifImport, ReadsStrictDocsFileThatTheSchemaRefuses) {
  auto read = readReqif(contentsOf(kData + "/reqif/samples/strictdoc-default-import.reqif"));
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->requirements.size(), 1u);
  EXPECT_EQ(read->requirements[0].text, "Section free text.\\n");
  EXPECT_EQ(read->requirements[0].sources[0].originId, "REQUIREMENT-b5b39eee-d39c-4775-a703-58bedc692dc4");
}

// As DOORS or Polarion write them: sections as objects of their own type, enumerations for
// priority and kind, XHTML with paragraphs, a requirement listed outside the hierarchy.
constexpr const char* kOtherTool = R"(<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="hdr-1"><CREATION-TIME>2025-05-01T10:00:00+02:00</CREATION-TIME>
    <REQ-IF-TOOL-ID>Other</REQ-IF-TOOL-ID><REQ-IF-VERSION>1.0</REQ-IF-VERSION><SOURCE-TOOL-ID>Other</SOURCE-TOOL-ID>
    <TITLE>Pump controller</TITLE></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <DATATYPES>
      <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-prio" LAST-CHANGE="2025-05-01T10:00:00Z">
        <SPECIFIED-VALUES>
          <ENUM-VALUE IDENTIFIER="p-high" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="High"><PROPERTIES><EMBEDDED-VALUE KEY="1" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
          <ENUM-VALUE IDENTIFIER="p-low" LAST-CHANGE="2025-05-01T10:00:00Z"><PROPERTIES><EMBEDDED-VALUE KEY="3" OTHER-CONTENT="Low"/></PROPERTIES></ENUM-VALUE>
        </SPECIFIED-VALUES>
      </DATATYPE-DEFINITION-ENUMERATION>
      <DATATYPE-DEFINITION-STRING IDENTIFIER="dt-s" LAST-CHANGE="2025-05-01T10:00:00Z" MAX-LENGTH="255"/>
      <DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-x" LAST-CHANGE="2025-05-01T10:00:00Z"/>
    </DATATYPES>
    <SPEC-TYPES>
      <SPEC-OBJECT-TYPE IDENTIFIER="t-sec" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="SECTION">
        <SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-title" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="ReqIF.Name"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-s</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING></SPEC-ATTRIBUTES>
      </SPEC-OBJECT-TYPE>
      <SPEC-OBJECT-TYPE IDENTIFIER="t-req" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="Software Requirement">
        <SPEC-ATTRIBUTES>
          <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-text" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="ReqIF.Text"><TYPE><DATATYPE-DEFINITION-XHTML-REF>dt-x</DATATYPE-DEFINITION-XHTML-REF></TYPE></ATTRIBUTE-DEFINITION-XHTML>
          <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-id" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="ReqIF.ForeignID"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-s</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
          <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="a-prio" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="Priority" MULTI-VALUED="false"><TYPE><DATATYPE-DEFINITION-ENUMERATION-REF>dt-prio</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE></ATTRIBUTE-DEFINITION-ENUMERATION>
          <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-kind" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="Requirement Type"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-s</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
          <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-status" LAST-CHANGE="2025-05-01T10:00:00Z" LONG-NAME="Status"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-s</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
        </SPEC-ATTRIBUTES>
      </SPEC-OBJECT-TYPE>
    </SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="o-loose" LAST-CHANGE="2025-04-30T08:00:00Z"><VALUES>
        <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div>Logs are kept for one year.</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
      </VALUES><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o-sec" LAST-CHANGE="2025-04-30T08:00:00Z"><VALUES>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="Safety"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-title</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
      </VALUES><TYPE><SPEC-OBJECT-TYPE-REF>t-sec</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o-2" LAST-CHANGE="2025-04-30T09:30:00.5+02:00"><VALUES>
        <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div><xhtml:p>The pump <xhtml:b>stops</xhtml:b>   below 2 bar.</xhtml:p><xhtml:p>Within 1 s.</xhtml:p></xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="SAF-2"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-prio</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>p-high</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="Non-Functional"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-kind</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="Approved"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-status</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
      </VALUES><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="o-1" LAST-CHANGE="2025-04-30T08:00:00Z"><VALUES>
        <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div>Operators see the pressure live.</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
        <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-prio</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>p-low</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
      </VALUES><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
    </SPEC-OBJECTS>
    <SPECIFICATIONS><SPECIFICATION IDENTIFIER="spec" LAST-CHANGE="2025-05-01T10:00:00Z"><TYPE><SPECIFICATION-TYPE-REF>st</SPECIFICATION-TYPE-REF></TYPE>
      <CHILDREN>
        <SPEC-HIERARCHY IDENTIFIER="h1" LAST-CHANGE="2025-05-01T10:00:00Z"><OBJECT><SPEC-OBJECT-REF>o-1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
        <SPEC-HIERARCHY IDENTIFIER="h2"><OBJECT><SPEC-OBJECT-REF>o-sec</SPEC-OBJECT-REF></OBJECT>
          <CHILDREN><SPEC-HIERARCHY IDENTIFIER="h3"><OBJECT><SPEC-OBJECT-REF>o-2</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY></CHILDREN>
        </SPEC-HIERARCHY>
      </CHILDREN>
    </SPECIFICATION></SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
)";

TEST(ReqifImport, ReadsAnotherToolsSectionsEnumerationsAndXhtml) {
  auto read = readReqif(kOtherTool);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->headings, 1u);
  ASSERT_EQ(read->requirements.size(), 3u);
  const Requirement& live = read->requirements[0];  // the hierarchy's order first
  EXPECT_EQ(live.text, "Operators see the pressure live.");
  EXPECT_EQ(live.priority, Priority::Could);  // "Low", spelled in OTHER-CONTENT only
  EXPECT_EQ(live.area, std::nullopt);
  EXPECT_EQ(live.sources, (std::vector<RequirementSource>{{"reqif:hdr-1", std::nullopt, "o-1", {}}}));
  EXPECT_EQ(live.updatedAt, *parseIso8601("2025-04-30T08:00:00Z"));

  const Requirement& pump = read->requirements[1];
  EXPECT_EQ(pump.text, "The pump stops below 2 bar.\nWithin 1 s.");
  EXPECT_EQ(pump.id, "SAF-2");
  EXPECT_EQ(pump.priority, Priority::Must);  // "High"
  EXPECT_EQ(pump.category, RequirementCategory::NonFunctional);
  EXPECT_EQ(pump.validation, ValidationStatus::Validated);  // "Approved"
  EXPECT_EQ(pump.area, "safety");  // the section it is in
  EXPECT_EQ(pump.updatedAt, *parseIso8601("2025-04-30T07:30:00.500Z"));

  EXPECT_EQ(read->requirements[2].text, "Logs are kept for one year.");  // outside the hierarchy: last
  EXPECT_EQ(read->requirements[2].priority, Priority::Should);            // no priority: the default
}

TEST(ReqifImport, RefusesWhatIsNotReqifInOneLine) {
  const std::string sample = contentsOf(kData + "/reqif/samples/strictdoc-p01-sample.reqif");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "the file is empty"},
      {"  \n", "the file is empty"},
      {std::string("PK\x03\x04rest", 8), "this is a zip archive (a .reqifz?): unzip it and import the .reqif file inside"},
      {"<html><body/></html>", "XML but not ReqIF: the root element is <html>, not <REQ-IF>"},
      {"{\"requirements\": []}", "not XML (it starts with \"{\"requiremen…\", not \"<\")"},
      {sample.substr(0, 3000), "not well-formed XML (the file ends before the document does: truncated?)"},
      {"<REQ-IF><THE-HEADER></REQ-IF>", "not well-formed XML (Start-end tags mismatch at line 1, column 23)"},
      {"<REQ-IF xmlns=\"http://www.omg.org/spec/ReqIF/20110401/reqif.xsd\"/>",
       "the ReqIF file has no CORE-CONTENT/REQ-IF-CONTENT"},
  };
  for (const auto& [document, message] : cases) {
    auto read = readReqif(document);
    ASSERT_FALSE(read) << message;
    EXPECT_EQ(read.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(read.error().message, message);
    EXPECT_EQ(read.error().message.find('\n'), std::string::npos);
  }
}

// A DOCTYPE may declare entities: none is expanded, so a file can neither read other files
// (XXE) nor grow without bound ("billion laughs").
TEST(ReqifImport, ExpandsNoEntityADocumentDeclares) {
  const std::string hostile = R"(<?xml version="1.0"?>
<!DOCTYPE REQ-IF [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<REQ-IF><CORE-CONTENT><REQ-IF-CONTENT><SPEC-OBJECTS>
  <SPEC-OBJECT IDENTIFIER="o1"><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="Leak &secret; and &c; here"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>x</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>
</SPEC-OBJECTS></REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>
)";
  auto read = readReqif(hostile);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->requirements.size(), 1u);
  EXPECT_EQ(read->requirements[0].text, "Leak &secret; and &c; here");
}

}  // namespace
}  // namespace nexus
