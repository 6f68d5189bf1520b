#include "interview/reqif_reader.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "core/enums.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/areas.hpp"

namespace nexus {
namespace {

using Node = pugi::xml_node;

// Element names without their namespace prefix: files write <REQ-IF> or <reqif:REQ-IF>.
std::string_view localName(Node node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

Node child(Node parent, std::string_view name) {
  for (Node c : parent.children()) {
    if (c.type() == pugi::node_element && localName(c) == name) return c;
  }
  return {};
}

template <typename Visit>
void eachChild(Node parent, std::string_view name, Visit visit) {
  for (Node c : parent.children()) {
    if (c.type() == pugi::node_element && localName(c) == name) visit(c);
  }
}

// Every element below `root` whose name is `name`, in document order.
template <typename Visit>
void eachDescendant(Node root, std::string_view name, Visit visit) {
  for (Node c : root.children()) {
    if (c.type() != pugi::node_element) continue;
    if (localName(c) == name) visit(c);
    eachDescendant(c, name, visit);
  }
}

// The text of the first element child of `parent` (a reference such as
// <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>id</…></DEFINITION>).
std::string referenced(Node parent) {
  for (Node c : parent.children()) {
    if (c.type() == pugi::node_element) return std::string(text::trim(c.child_value()));
  }
  return {};
}

std::string lower(std::string_view text) { return text::toLower(text::trim(text)); }

bool isBlock(std::string_view name) {
  static const std::set<std::string_view> kBlocks{"p",  "div", "br", "li", "ul", "ol", "tr", "table",
                                                  "h1", "h2",  "h3", "h4", "h5", "h6", "pre", "blockquote"};
  return kBlocks.contains(name);
}

// XHTML as plain text: the words in order, blocks (paragraphs, list items, line breaks) on
// lines of their own, runs of spaces made one.
void flatten(Node node, std::string& out) {
  for (Node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      const bool block = isBlock(localName(c));
      if (block) out += '\n';
      flatten(c, out);
      if (block) out += '\n';
    }
  }
}

std::string plainText(Node value) {
  std::string raw;
  flatten(value, raw);
  std::string out;
  std::size_t start = 0;
  while (start <= raw.size()) {
    const auto end = std::min(raw.find('\n', start), raw.size());
    const std::string line = text::collapseWhitespace(std::string_view(raw).substr(start, end - start));
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  return out;
}

struct Value {
  std::string definition;  // the attribute definition's LONG-NAME (else its identifier)
  std::string text;
};

struct Object {
  std::string identifier;
  std::string type;  // the SPEC-OBJECT-TYPE's LONG-NAME (else its identifier)
  std::optional<Timestamp> lastChange;
  std::vector<Value> values;

  const std::string* find(std::string_view name) const {
    for (const auto& v : values) {
      if (text::toLower(v.definition) == text::toLower(name)) return &v.text;
    }
    return nullptr;
  }
  // The first value whose attribute's name contains one of `names` (lower case).
  const std::string* findLike(std::initializer_list<std::string_view> names) const {
    for (const auto& v : values) {
      const std::string name = lower(v.definition);
      for (const auto n : names) {
        if (name.find(n) != std::string::npos) return &v.text;
      }
    }
    return nullptr;
  }
};

// Recognisable spellings of the values other tools use; nullopt for anything else.
std::optional<Priority> priorityFrom(std::string_view value) {
  const std::string v = lower(value);
  if (auto exact = parsePriority(v)) return exact;
  for (const auto& [word, priority] :
       std::initializer_list<std::pair<std::string_view, Priority>>{{"must", Priority::Must},
                                                                     {"mandatory", Priority::Must},
                                                                     {"essential", Priority::Must},
                                                                     {"critical", Priority::Must},
                                                                     {"high", Priority::Must},
                                                                     {"won't", Priority::Wont},
                                                                     {"will not", Priority::Wont},
                                                                     {"should", Priority::Should},
                                                                     {"medium", Priority::Should},
                                                                     {"normal", Priority::Should},
                                                                     {"could", Priority::Could},
                                                                     {"low", Priority::Could},
                                                                     {"optional", Priority::Could},
                                                                     {"nice to have", Priority::Could}}) {
    if (v.find(word) != std::string::npos) return priority;
  }
  return std::nullopt;
}

std::optional<RequirementCategory> categoryFrom(std::string_view value) {
  const std::string v = lower(value);
  if (auto exact = parseCategory(v)) return exact;
  if (v.find("non") != std::string::npos && v.find("functional") != std::string::npos)
    return RequirementCategory::NonFunctional;
  if (v == "nfr" || v.find("quality") != std::string::npos || v.find("performance") != std::string::npos)
    return RequirementCategory::NonFunctional;
  if (v.find("constraint") != std::string::npos) return RequirementCategory::Constraint;
  if (v.find("assumption") != std::string::npos) return RequirementCategory::Assumption;
  if (v.find("technical") != std::string::npos || v.find("design") != std::string::npos)
    return RequirementCategory::Technical;
  if (v.find("functional") != std::string::npos || v == "feature") return RequirementCategory::Functional;
  return std::nullopt;
}

std::optional<ValidationStatus> validationFrom(std::string_view value) {
  const std::string v = lower(value);
  if (auto exact = parseValidationStatus(v)) return exact;
  for (const auto word : {"approved", "accepted", "verified", "agreed", "released"}) {
    if (v.find(word) != std::string::npos) return ValidationStatus::Validated;
  }
  for (const auto word : {"rejected", "declined", "obsolete", "deleted"}) {
    if (v.find(word) != std::string::npos) return ValidationStatus::Rejected;
  }
  return std::nullopt;
}

std::optional<double> realFrom(std::string_view value) {
  const std::string_view trimmed = text::trim(value);
  double out = 0;
  const auto parsed = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), out);
  if (parsed.ec != std::errc() || parsed.ptr != trimmed.data() + trimmed.size()) return std::nullopt;
  return out;
}

// A foreign id kept as our id: short and without spaces, as ids in tools are ("REQ-12").
bool usableAsId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && id.find_first_of(" \t\r\n") == std::string_view::npos;
}

class Reader {
 public:
  explicit Reader(Node root) : root_(root) {}

  Result<ReqifDocument> read() {
    Node header = child(child(root_, "THE-HEADER"), "REQ-IF-HEADER");
    Node content = child(child(root_, "CORE-CONTENT"), "REQ-IF-CONTENT");
    if (!content) return Error::invalidArgument("the ReqIF file has no CORE-CONTENT/REQ-IF-CONTENT");
    ReqifDocument document;
    document.headerId = header.attribute("IDENTIFIER").value();
    document.title = std::string(text::trim(child(header, "TITLE").child_value()));
    document.toolId = std::string(text::trim(child(header, "REQ-IF-TOOL-ID").child_value()));
    const std::string source = "reqif:" + (document.headerId.empty() ? document.title : document.headerId);

    readTypes(content);
    std::map<std::string, Object> objects;
    std::vector<std::string> order;
    eachChild(child(content, "SPEC-OBJECTS"), "SPEC-OBJECT", [&](Node node) {
      Object object = readObject(node);
      if (object.identifier.empty() || objects.contains(object.identifier)) return;
      order.push_back(object.identifier);
      objects.emplace(object.identifier, std::move(object));
    });

    // The hierarchy gives the order a person reads and the chapter each requirement is in;
    // objects it leaves out follow in the order they are listed.
    std::vector<std::pair<std::string, std::string>> placed;  // (object id, chapter)
    std::set<std::string> seen;
    eachChild(child(content, "SPECIFICATIONS"), "SPECIFICATION", [&](Node specification) {
      walk(child(specification, "CHILDREN"), objects, "", placed, seen);
    });
    for (const auto& id : order) {
      if (seen.insert(id).second) placed.emplace_back(id, "");
    }

    for (const auto& [id, chapter] : placed) {
      const auto found = objects.find(id);
      if (found == objects.end()) continue;
      if (isHeading(found->second)) {
        ++document.headings;
        continue;
      }
      if (auto r = requirementFrom(found->second, chapter, source)) {
        document.requirements.push_back(std::move(*r));
      } else {
        ++document.withoutText;
      }
    }
    return document;
  }

 private:
  void readTypes(Node content) {
    eachDescendant(child(content, "DATATYPES"), "ENUM-VALUE", [&](Node node) {
      std::string name = node.attribute("LONG-NAME").value();
      if (name.empty()) {
        name = child(child(node, "PROPERTIES"), "EMBEDDED-VALUE").attribute("OTHER-CONTENT").value();
      }
      enumValues_[node.attribute("IDENTIFIER").value()] = name.empty() ? node.attribute("IDENTIFIER").value() : name;
    });
    eachChild(child(content, "SPEC-TYPES"), "SPEC-OBJECT-TYPE", [&](Node type) {
      types_[type.attribute("IDENTIFIER").value()] = nameOf(type);
      for (Node definition : child(type, "SPEC-ATTRIBUTES").children()) {
        if (definition.type() != pugi::node_element) continue;
        const std::string name = nameOf(definition);
        definitions_[definition.attribute("IDENTIFIER").value()] = name;
        if (lower(name) == "area") hasAreaAttribute_ = true;
      }
    });
  }

  static std::string nameOf(Node node) {
    const std::string name = node.attribute("LONG-NAME").value();
    return name.empty() ? node.attribute("IDENTIFIER").value() : name;
  }

  Object readObject(Node node) const {
    Object object;
    object.identifier = node.attribute("IDENTIFIER").value();
    const std::string type = referenced(child(node, "TYPE"));
    const auto typeName = types_.find(type);
    object.type = typeName == types_.end() ? type : typeName->second;
    object.lastChange = parseIso8601(node.attribute("LAST-CHANGE").value());
    for (Node value : child(node, "VALUES").children()) {
      if (value.type() != pugi::node_element) continue;
      const std::string_view kind = localName(value);
      const std::string definition = referenced(child(value, "DEFINITION"));
      const auto name = definitions_.find(definition);
      Value v{name == definitions_.end() ? definition : name->second, {}};
      if (kind == "ATTRIBUTE-VALUE-XHTML") {
        v.text = plainText(child(value, "THE-VALUE"));
      } else if (kind == "ATTRIBUTE-VALUE-ENUMERATION") {
        eachChild(child(value, "VALUES"), "ENUM-VALUE-REF", [&](Node ref) {
          const std::string id(text::trim(ref.child_value()));
          const auto found = enumValues_.find(id);
          v.text += (v.text.empty() ? "" : ", ") + (found == enumValues_.end() ? id : found->second);
        });
      } else {
        v.text = value.attribute("THE-VALUE").value();
      }
      object.values.push_back(std::move(v));
    }
    return object;
  }

  void walk(Node children, const std::map<std::string, Object>& objects, const std::string& chapter,
            std::vector<std::pair<std::string, std::string>>& placed, std::set<std::string>& seen) const {
    eachChild(children, "SPEC-HIERARCHY", [&](Node entry) {
      const std::string id = referenced(child(entry, "OBJECT"));
      std::string inner = chapter;
      if (const auto found = objects.find(id); found != objects.end()) {
        if (seen.insert(id).second) placed.emplace_back(id, chapter);
        if (isHeading(found->second)) inner = headingName(found->second);
      }
      walk(child(entry, "CHILDREN"), objects, inner, placed, seen);
    });
  }

  // A section or heading, not a requirement: a type named so, or a chapter name without text.
  static bool isHeading(const Object& object) {
    const std::string type = lower(object.type);
    for (const auto word : {"section", "heading", "chapter", "title"}) {
      if (type.find(word) != std::string::npos) return true;
    }
    const std::string* text = object.find("ReqIF.Text");
    return object.find("ReqIF.ChapterName") != nullptr && (text == nullptr || text::trim(*text).empty());
  }

  static std::string headingName(const Object& object) {
    for (const auto name : {"ReqIF.ChapterName", "ReqIF.Name"}) {
      if (const std::string* value = object.find(name); value && !text::trim(*value).empty()) {
        return text::collapseWhitespace(*value);
      }
    }
    return {};
  }

  // Nexus.StatedText (the person's words, in an export phrased in EARS), else ReqIF.Text, else
  // ReqIF.Name, else the first other value with words in it.
  static std::optional<std::string> textOf(const Object& object) {
    for (const auto name : {"Nexus.StatedText", "ReqIF.Text", "ReqIF.Name"}) {
      if (const std::string* value = object.find(name); value && !text::trim(*value).empty()) {
        return std::string(text::trim(*value));
      }
    }
    static const std::set<std::string> kNotText{"reqif.foreignid", "nexus.sources", "sources", "ears pattern", "priority",
                                                "category", "validation", "area", "confidence"};
    for (const auto& v : object.values) {
      if (kNotText.contains(lower(v.definition)) || text::trim(v.text).empty()) continue;
      return std::string(text::trim(v.text));
    }
    return std::nullopt;
  }

  std::optional<Requirement> requirementFrom(const Object& object, const std::string& chapter,
                                             const std::string& source) const {
    auto text = textOf(object);
    if (!text) return std::nullopt;
    Requirement r;
    r.text = std::move(*text);
    r.confidence = 1.0;  // a person wrote it down as a requirement
    if (const auto* v = object.findLike({"priority", "moscow"})) r.priority = priorityFrom(*v).value_or(r.priority);
    if (const auto* v = object.findLike({"category", "requirement type", "kind", "classification"})) {
      r.category = categoryFrom(*v).value_or(r.category);
    }
    if (const auto* v = object.findLike({"validation", "status", "state"})) {
      r.validation = validationFrom(*v).value_or(r.validation);
    }
    if (const auto* v = object.find("Confidence")) {
      if (const auto c = realFrom(*v); c && *c >= 0 && *c <= 1) r.confidence = *c;
    }
    if (const auto* v = object.find("Area"); v && !v->empty()) {
      r.area = domain::normalizeArea(*v);
    } else if (!hasAreaAttribute_ && !chapter.empty()) {
      r.area = domain::normalizeArea(chapter);
    }
    if (object.lastChange) r.createdAt = r.updatedAt = *object.lastChange;

    const std::string* foreignId = object.find("ReqIF.ForeignID");
    if (foreignId && usableAsId(text::trim(*foreignId))) r.id = std::string(text::trim(*foreignId));
    // A file of ours says where each requirement was stated; any other names itself.
    if (const auto* records = object.find("Nexus.Sources")) {
      try {
        nlohmann::json::parse(*records).get_to(r.sources);
      } catch (const std::exception&) {
        r.sources.clear();
      }
      for (const auto& s : r.sources) {
        if (s.addedAt != Timestamp{} && (r.createdAt == Timestamp{} || s.addedAt < r.createdAt)) r.createdAt = s.addedAt;
      }
    }
    if (r.sources.empty()) r.sources.push_back({source, std::nullopt, object.identifier, {}});
    return r;
  }

  Node root_;
  std::map<std::string, std::string> enumValues_;   // ENUM-VALUE id -> its name
  std::map<std::string, std::string> definitions_;  // attribute definition id -> its name
  std::map<std::string, std::string> types_;        // SPEC-OBJECT-TYPE id -> its name
  bool hasAreaAttribute_ = false;
};

// "line 3, column 14" of a byte offset, for a person to find the place.
std::string placeOf(std::string_view document, std::ptrdiff_t offset) {
  const auto end = static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(offset, 0, std::ptrdiff_t(document.size())));
  const auto before = document.substr(0, end);
  const auto line = std::count(before.begin(), before.end(), '\n') + 1;
  const auto lineStart = before.rfind('\n');
  const auto column = end - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

Result<ReqifDocument> readReqif(std::string_view document) {
  if (text::trim(document).empty()) return Error::invalidArgument("the file is empty");
  if (document.starts_with("PK\x03\x04")) {
    return Error::invalidArgument("this is a zip archive (a .reqifz?): unzip it and import the .reqif file inside");
  }
  std::string_view start = text::trim(document);
  if (start.starts_with("\xEF\xBB\xBF")) start = text::trim(start.substr(3));  // a byte-order mark
  if (!start.starts_with("<")) {
    return Error::invalidArgument("not XML (it starts with \"" + text::truncateUtf8(start, 12) + "\", not \"<\")");
  }
  pugi::xml_document xml;
  // parse_default: no DOCTYPE node, no entities but the five of XML and character references,
  // so a file cannot pull in other files or expand itself (XXE, "billion laughs").
  const pugi::xml_parse_result parsed =
      xml.load_buffer(document.data(), document.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    // The parser stops at the end of a file cut short: say so rather than name a tag.
    const std::size_t content = document.find_last_not_of(" \t\r\n") + 1;
    const bool cutShort = document[content - 1] != '>' ||
                          (parsed.offset >= 0 && static_cast<std::size_t>(parsed.offset) >= content);
    if (cutShort && parsed.status != pugi::status_no_document_element) {
      return Error::invalidArgument("not well-formed XML (the file ends before the document does: truncated?)");
    }
    return Error::invalidArgument(std::string("not well-formed XML (") + parsed.description() + " at " +
                                  placeOf(document, parsed.offset) + ")");
  }
  const Node root = xml.document_element();
  if (localName(root) != "REQ-IF") {
    return Error::invalidArgument("XML but not ReqIF: the root element is <" + std::string(root.name()) +
                                  ">, not <REQ-IF>");
  }
  return Reader(root).read();
}

}  // namespace nexus
