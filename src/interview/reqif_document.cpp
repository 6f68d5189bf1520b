#include "interview/reqif_document.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/areas.hpp"
#include "domain/ears.hpp"
#include "interview/requirements_document.hpp"
#include "interview/spilled_rows.hpp"

namespace nexus {
namespace {

constexpr const char* kReqifNamespace = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd";
constexpr const char* kXhtmlNamespace = "http://www.w3.org/1999/xhtml";
constexpr const char* kToolId = "Nexus Interview";
// When the types this file declares last changed: the same in every export, so that a tool
// comparing two exports sees only the requirements change.
constexpr const char* kTypesChanged = "2026-12-02T00:00:00.000Z";
// ReqIF.Name: the opening words of the requirement, enough to pick it out of a list.
constexpr std::size_t kNameBytes = 80;

constexpr std::array kCategories{RequirementCategory::Functional, RequirementCategory::NonFunctional,
                                 RequirementCategory::Technical, RequirementCategory::Constraint,
                                 RequirementCategory::Assumption};
constexpr std::array kPriorities{Priority::Must, Priority::Should, Priority::Could, Priority::Wont};
constexpr std::array kValidationStates{ValidationStatus::Pending, ValidationStatus::Validated,
                                       ValidationStatus::Rejected};

// An XML ID (an NCName) from any text, injectively: letters, digits, '-' and '.' stay, every
// other byte is "_" and two hex digits. Our ids are URL-safe base64 and stay readable.
std::string identifier(std::string_view prefix, std::string_view id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out(prefix);
  for (const char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.') {
      out += c;
    } else {
      out += '_';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string shortName(std::string_view text) {
  const std::string line = text::collapseWhitespace(text);
  if (line.size() <= kNameBytes) return line;
  std::string cut = text::truncateUtf8(line, kNameBytes);
  if (const auto space = cut.rfind(' '); space != std::string::npos && space > kNameBytes / 2) cut.resize(space);
  return cut + "…";
}

std::string confidenceText(double confidence) {
  std::array<char, 32> buffer{};
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), confidence);
  return std::string(buffer.data(), written.ptr);
}

// "interview:s1, message m3: “Users sign in with Google”", one line per place.
std::string readableSources(const Requirement& r, const SourceQuotes& quotes) {
  std::string out;
  for (const auto& s : r.sources) {
    if (!out.empty()) out += "\n";
    out += s.source;
    if (s.messageId) out += ", message " + *s.messageId;
    if (const auto said = quotes.find(s)) out += ": “" + text::collapseWhitespace(*said) + "”";
  }
  return out;
}

std::string machineSources(const Requirement& r) {
  return nlohmann::json(r.sources).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Where the rows of one category wait (spilled_rows.hpp) and where they go in the skeleton.
constexpr SpilledRows::Group objectsOf(RequirementCategory category) {
  return 2 * static_cast<SpilledRows::Group>(category);
}
constexpr SpilledRows::Group entriesOf(RequirementCategory category) { return objectsOf(category) + 1; }
constexpr std::string_view kMarker = "<!--nexus-rows-";  // pugixml escapes every '<' of user text
// The depths at which pugixml indents a requirement's SPEC-OBJECT (REQ-IF, CORE-CONTENT,
// REQ-IF-CONTENT, SPEC-OBJECTS above it) and its SPEC-HIERARCHY entry (… SPECIFICATIONS,
// SPECIFICATION, CHILDREN, the chapter, CHILDREN).
constexpr unsigned kObjectDepth = 4;
constexpr unsigned kEntryDepth = 8;

// Writes the requirements' objects and hierarchy entries as they pass, to a temporary file; then
// the document's skeleton, which needs all of them seen (the area enumeration, each chapter's
// last change), with the waiting rows copied in at their markers.
class Writer {
 public:
  Writer(std::string_view projectId, const SourceQuotes& quotes, Timestamp generatedAt, bool ears)
      : projectId_(projectId), quotes_(quotes), generatedAt_(generatedAt), ears_(ears) {}

  Result<void> write(std::ostream& out, const RequirementWalk& walk) {
    std::set<std::string> otherAreas;
    auto walked = walk([&](const Requirement& r) {
      if (r.area && !domain::isStandardArea(*r.area)) otherAreas.insert(*r.area);
      Timestamp& latest = lastChange_[r.category];
      latest = std::max(latest, r.updatedAt);
      pugi::xml_document scratch;
      requirementObject(scratch, r);
      rows_.append(objectsOf(r.category), printed(scratch, kObjectDepth));
      scratch.reset();
      hierarchyEntry(scratch, r);
      rows_.append(entriesOf(r.category), printed(scratch, kEntryDepth));
      return true;
    });
    if (!walked) return walked;
    areas_.assign(domain::kStandardAreas.begin(), domain::kStandardAreas.end());
    areas_.insert(areas_.end(), otherAreas.begin(), otherAreas.end());
    copyWithRows(skeleton(), out);
    return {};
  }

 private:
  std::string skeleton() {
    pugi::xml_document document;
    auto declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = document.append_child("REQ-IF");
    root.append_attribute("xmlns") = kReqifNamespace;
    root.append_attribute("xmlns:xhtml") = kXhtmlNamespace;
    header(root.append_child("THE-HEADER"));
    pugi::xml_node content = root.append_child("CORE-CONTENT").append_child("REQ-IF-CONTENT");
    datatypes(content.append_child("DATATYPES"));
    specTypes(content.append_child("SPEC-TYPES"));
    specObjects(content.append_child("SPEC-OBJECTS"));
    specification(content.append_child("SPECIFICATIONS"));
    std::ostringstream out;
    document.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return std::move(out).str();
  }

  static std::string printed(const pugi::xml_document& fragment, unsigned depth) {
    std::ostringstream out;
    fragment.first_child().print(out, "  ", pugi::format_indent, pugi::encoding_utf8, depth);
    return std::move(out).str();
  }

  static void marker(pugi::xml_node parent, SpilledRows::Group group) {
    const std::string name = std::string(kMarker.substr(4)) + std::to_string(group);
    parent.append_child(pugi::node_comment).set_value(name.c_str());
  }

  // The skeleton with each marker's line replaced by the rows of its group.
  void copyWithRows(std::string_view skeleton, std::ostream& out) {
    for (std::size_t found; (found = skeleton.find(kMarker)) != std::string_view::npos;) {
      const std::size_t lineStart = skeleton.rfind('\n', found) + 1;
      const std::size_t lineEnd = skeleton.find('\n', found) + 1;
      out.write(skeleton.data(), static_cast<std::streamsize>(lineStart));
      const std::string_view number = skeleton.substr(found + kMarker.size());
      SpilledRows::Group group = 0;
      std::from_chars(number.data(), number.data() + number.size(), group);
      rows_.copyGroup(group, out);
      skeleton.remove_prefix(lineEnd);
    }
    out << skeleton;
  }

  static void text(pugi::xml_node node, std::string_view value) {
    node.text().set(xmlSafeText(value).c_str());
  }
  static void attribute(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name) = xmlSafeText(value).c_str();
  }
  static pugi::xml_node identified(pugi::xml_node parent, const char* element, const std::string& id,
                                   std::string_view longName, std::string_view lastChange) {
    pugi::xml_node node = parent.append_child(element);
    attribute(node, "IDENTIFIER", id);
    attribute(node, "LAST-CHANGE", lastChange);
    if (!longName.empty()) attribute(node, "LONG-NAME", longName);
    return node;
  }
  static void reference(pugi::xml_node parent, const char* wrapper, const char* element, const std::string& id) {
    text(parent.append_child(wrapper).append_child(element), id);
  }

  void header(pugi::xml_node parent) {
    pugi::xml_node header = parent.append_child("REQ-IF-HEADER");
    attribute(header, "IDENTIFIER", identifier("nexus-header-", projectId_));
    text(header.append_child("COMMENT"), "The requirements of project " + projectId_ + ", from Nexus Interview.");
    text(header.append_child("CREATION-TIME"), formatIso8601(generatedAt_));
    text(header.append_child("REQ-IF-TOOL-ID"), kToolId);
    text(header.append_child("REQ-IF-VERSION"), "1.0");
    text(header.append_child("SOURCE-TOOL-ID"), kToolId);
    text(header.append_child("TITLE"), "Requirements: project " + projectId_);
  }

  template <typename Values, typename Name>
  void enumeration(pugi::xml_node parent, const std::string& id, const char* longName, const Values& values,
                   Name name) {
    pugi::xml_node type = identified(parent, "DATATYPE-DEFINITION-ENUMERATION", id, longName, kTypesChanged);
    pugi::xml_node specified = type.append_child("SPECIFIED-VALUES");
    int key = 0;
    for (const auto& value : values) {
      const std::string spelled(name(value));
      pugi::xml_node enumValue = identified(specified, "ENUM-VALUE", enumValueId(id, spelled), spelled, kTypesChanged);
      pugi::xml_node embedded = enumValue.append_child("PROPERTIES").append_child("EMBEDDED-VALUE");
      embedded.append_attribute("KEY") = key++;
      attribute(embedded, "OTHER-CONTENT", spelled);
    }
  }
  static std::string enumValueId(const std::string& type, std::string_view value) {
    return identifier(type + "-", value);
  }

  void datatypes(pugi::xml_node parent) {
    pugi::xml_node string = identified(parent, "DATATYPE-DEFINITION-STRING", "nexus-datatype-string", "Text",
                                       kTypesChanged);
    string.append_attribute("MAX-LENGTH") = 1 << 20;
    identified(parent, "DATATYPE-DEFINITION-XHTML", "nexus-datatype-xhtml", "Formatted text", kTypesChanged);
    pugi::xml_node real = identified(parent, "DATATYPE-DEFINITION-REAL", "nexus-datatype-confidence",
                                     "Confidence (0 to 1)", kTypesChanged);
    real.append_attribute("ACCURACY") = 3;
    real.append_attribute("MAX") = "1";
    real.append_attribute("MIN") = "0";
    const auto spelled = [](auto value) { return toString(value); };
    enumeration(parent, "nexus-datatype-category", "Category", kCategories, spelled);
    enumeration(parent, "nexus-datatype-priority", "MoSCoW priority", kPriorities, spelled);
    enumeration(parent, "nexus-datatype-validation", "Validation state", kValidationStates, spelled);
    enumeration(parent, "nexus-datatype-area", "Area", areas_, [](const std::string& area) { return area; });
  }

  static void attributeDefinition(pugi::xml_node parent, const char* kind, const std::string& id,
                                  const char* longName, const char* datatype) {
    const std::string element = std::string("ATTRIBUTE-DEFINITION-") + kind;
    pugi::xml_node definition = identified(parent, element.c_str(), id, longName, kTypesChanged);
    if (std::string_view(kind) == "ENUMERATION") definition.append_attribute("MULTI-VALUED") = "false";
    const std::string ref = std::string("DATATYPE-DEFINITION-") + kind + "-REF";
    reference(definition, "TYPE", ref.c_str(), datatype);
  }

  void specTypes(pugi::xml_node parent) {
    pugi::xml_node requirement =
        identified(parent, "SPEC-OBJECT-TYPE", "nexus-type-requirement", "Requirement", kTypesChanged);
    pugi::xml_node attributes = requirement.append_child("SPEC-ATTRIBUTES");
    attributeDefinition(attributes, "XHTML", "nexus-attribute-text", "ReqIF.Text", "nexus-datatype-xhtml");
    attributeDefinition(attributes, "STRING", "nexus-attribute-name", "ReqIF.Name", "nexus-datatype-string");
    attributeDefinition(attributes, "STRING", "nexus-attribute-foreign-id", "ReqIF.ForeignID",
                        "nexus-datatype-string");
    attributeDefinition(attributes, "ENUMERATION", "nexus-attribute-category", "Category",
                        "nexus-datatype-category");
    attributeDefinition(attributes, "ENUMERATION", "nexus-attribute-priority", "Priority",
                        "nexus-datatype-priority");
    attributeDefinition(attributes, "ENUMERATION", "nexus-attribute-validation", "Validation",
                        "nexus-datatype-validation");
    attributeDefinition(attributes, "ENUMERATION", "nexus-attribute-area", "Area", "nexus-datatype-area");
    attributeDefinition(attributes, "REAL", "nexus-attribute-confidence", "Confidence",
                        "nexus-datatype-confidence");
    attributeDefinition(attributes, "STRING", "nexus-attribute-sources", "Sources", "nexus-datatype-string");
    attributeDefinition(attributes, "STRING", "nexus-attribute-source-records", "Nexus.Sources",
                        "nexus-datatype-string");
    if (ears_) {
      attributeDefinition(attributes, "STRING", "nexus-attribute-ears-pattern", "EARS pattern",
                          "nexus-datatype-string");
      attributeDefinition(attributes, "STRING", "nexus-attribute-stated-text", "Nexus.StatedText",
                          "nexus-datatype-string");
    }

    pugi::xml_node heading = identified(parent, "SPEC-OBJECT-TYPE", "nexus-type-heading", "Heading", kTypesChanged);
    attributeDefinition(heading.append_child("SPEC-ATTRIBUTES"), "STRING", "nexus-attribute-chapter-name",
                        "ReqIF.ChapterName", "nexus-datatype-string");
    identified(parent, "SPECIFICATION-TYPE", "nexus-type-specification", "Requirements specification",
               kTypesChanged);
  }

  static void stringValue(pugi::xml_node values, const char* definition, std::string_view value) {
    pugi::xml_node node = values.append_child("ATTRIBUTE-VALUE-STRING");
    attribute(node, "THE-VALUE", value);
    reference(node, "DEFINITION", "ATTRIBUTE-DEFINITION-STRING-REF", definition);
  }
  static void enumValue(pugi::xml_node values, const char* definition, const std::string& type,
                        std::string_view value) {
    pugi::xml_node node = values.append_child("ATTRIBUTE-VALUE-ENUMERATION");
    reference(node, "DEFINITION", "ATTRIBUTE-DEFINITION-ENUMERATION-REF", definition);
    reference(node, "VALUES", "ENUM-VALUE-REF", enumValueId(type, value));
  }

  void requirementObject(pugi::xml_node parent, const Requirement& r) const {
    pugi::xml_node object = identified(parent, "SPEC-OBJECT", identifier("nexus-requirement-", r.id), "",
                                       formatIso8601(r.updatedAt));
    pugi::xml_node values = object.append_child("VALUES");
    pugi::xml_node textValue = values.append_child("ATTRIBUTE-VALUE-XHTML");
    reference(textValue, "DEFINITION", "ATTRIBUTE-DEFINITION-XHTML-REF", "nexus-attribute-text");
    const domain::EarsPhrasing phrased =
        ears_ ? domain::phraseInEars(r.text) : domain::EarsPhrasing{domain::EarsPattern::AsStated, r.text};
    text(textValue.append_child("THE-VALUE").append_child("xhtml:div"), phrased.text);
    stringValue(values, "nexus-attribute-name", shortName(r.text));
    stringValue(values, "nexus-attribute-foreign-id", r.id);
    enumValue(values, "nexus-attribute-category", "nexus-datatype-category", toString(r.category));
    enumValue(values, "nexus-attribute-priority", "nexus-datatype-priority", toString(r.priority));
    enumValue(values, "nexus-attribute-validation", "nexus-datatype-validation", toString(r.validation));
    if (r.area) enumValue(values, "nexus-attribute-area", "nexus-datatype-area", *r.area);
    pugi::xml_node confidence = values.append_child("ATTRIBUTE-VALUE-REAL");
    confidence.append_attribute("THE-VALUE") = confidenceText(r.confidence).c_str();
    reference(confidence, "DEFINITION", "ATTRIBUTE-DEFINITION-REAL-REF", "nexus-attribute-confidence");
    stringValue(values, "nexus-attribute-sources", readableSources(r, quotes_));
    stringValue(values, "nexus-attribute-source-records", machineSources(r));
    if (ears_) {
      stringValue(values, "nexus-attribute-ears-pattern", domain::toString(phrased.pattern));
      stringValue(values, "nexus-attribute-stated-text", r.text);
    }
    reference(object, "TYPE", "SPEC-OBJECT-TYPE-REF", "nexus-type-requirement");
  }

  static void hierarchyEntry(pugi::xml_node parent, const Requirement& r) {
    pugi::xml_node entry = identified(parent, "SPEC-HIERARCHY", identifier("nexus-entry-", r.id), "",
                                      formatIso8601(r.updatedAt));
    reference(entry, "OBJECT", "SPEC-OBJECT-REF", identifier("nexus-requirement-", r.id));
  }

  // A heading object per category that has requirements, each followed by theirs.
  void specObjects(pugi::xml_node parent) const {
    for (const auto& [category, latest] : lastChange_) {
      const std::string name(toString(category));
      pugi::xml_node heading =
          identified(parent, "SPEC-OBJECT", identifier("nexus-heading-", name), "", formatIso8601(latest));
      stringValue(heading.append_child("VALUES"), "nexus-attribute-chapter-name", categoryHeading(category));
      reference(heading, "TYPE", "SPEC-OBJECT-TYPE-REF", "nexus-type-heading");
      marker(parent, objectsOf(category));
    }
  }

  void specification(pugi::xml_node parent) const {
    Timestamp latest{};
    for (const auto& [category, changed] : lastChange_) latest = std::max(latest, changed);
    pugi::xml_node specification =
        identified(parent, "SPECIFICATION", identifier("nexus-specification-", projectId_),
                   "Requirements: project " + projectId_,
                   lastChange_.empty() ? std::string(kTypesChanged) : formatIso8601(latest));
    reference(specification, "TYPE", "SPECIFICATION-TYPE-REF", "nexus-type-specification");
    if (lastChange_.empty()) return;
    pugi::xml_node children = specification.append_child("CHILDREN");
    for (const auto& [category, changed] : lastChange_) {
      const std::string name(toString(category));
      pugi::xml_node chapter = identified(children, "SPEC-HIERARCHY", identifier("nexus-chapter-", name), "",
                                          formatIso8601(changed));
      reference(chapter, "OBJECT", "SPEC-OBJECT-REF", identifier("nexus-heading-", name));
      marker(chapter.append_child("CHILDREN"), entriesOf(category));
    }
  }

  std::string projectId_;
  const SourceQuotes& quotes_;
  Timestamp generatedAt_;
  bool ears_;
  std::vector<std::string> areas_;                       // the enumeration's values
  std::map<RequirementCategory, Timestamp> lastChange_;  // the categories that have requirements
  SpilledRows rows_;
};

}  // namespace

std::string xmlSafeText(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
      out += "\uFFFD";
      continue;
    }
    // U+FFFE and U+FFFF: EF BF BE, EF BF BF.
    if (byte == 0xEF && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(utf8[i + 2]) == 0xBE || static_cast<unsigned char>(utf8[i + 2]) == 0xBF)) {
      out += "\uFFFD";
      i += 2;
      continue;
    }
    out += utf8[i];
  }
  return out;
}

Result<void> writeReqif(std::ostream& out, std::string_view projectId, const RequirementWalk& walk,
                        const SourceQuotes& quotes, Timestamp generatedAt, bool ears) {
  return Writer(projectId, quotes, generatedAt, ears).write(out, walk);
}

std::string renderReqif(std::string_view projectId, std::span<const Requirement> requirements,
                        const SourceQuotes& quotes, Timestamp generatedAt, bool ears) {
  std::ostringstream out;
  if (auto written = writeReqif(out, projectId, walkOf(requirements), quotes, generatedAt, ears); !written) {
    throw std::runtime_error(written.error().message);
  }
  return std::move(out).str();
}

}  // namespace nexus
