#pragma once
// Reading ReqIF files that other tools wrote (DOORS, Polarion, ReqView, StrictDoc, …), which are
// often not strictly valid against the schema: a missing LAST-CHANGE or an unknown attribute
// does not stop the import; only what cannot be ReqIF does.
//
// Each SPEC-OBJECT that is not a heading becomes a requirement: its text is ReqIF.Text (XHTML
// flattened to text), else ReqIF.Name, else the first attribute with words in it; priority,
// category, validation, area and confidence are taken from attributes of those names where
// their values are recognisable ("High" is a must, "Non-functional" a non-functional one), and
// the defaults stay otherwise. Sections (a type named section, heading or chapter, or an object
// with only ReqIF.ChapterName) are skipped, their names giving the area of the requirements
// under them when the file has no Area attribute. ReqIF.ForeignID becomes the requirement's id
// where it can be one. The source is "reqif:<header identifier>" with the SPEC-OBJECT's
// identifier as origin, so importing the file again adds nothing; a file written by Nexus
// carries its own sources (Nexus.Sources), which are kept instead.
//
// The parser (pugixml) expands no entity but XML's own five and reads no DTD: a file cannot
// reach other files or the network, nor blow up in memory.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/requirement.hpp"
#include "core/result.hpp"

namespace nexus {

struct ReqifDocument {
  std::string headerId;
  std::string title;
  std::string toolId;
  std::vector<Requirement> requirements;  // in the order of the file's hierarchy
  std::size_t headings = 0;               // section objects skipped
  std::size_t withoutText = 0;            // objects with no text at all, skipped
};

// InvalidArgument with one line naming the cause: empty, a zip archive, not well-formed XML
// (with the line and column), or XML whose root is not REQ-IF.
Result<ReqifDocument> readReqif(std::string_view document);

}  // namespace nexus
