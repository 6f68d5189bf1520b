#pragma once
// Requirements coming back in (DESIGN.md §4 `requirements:import`, `nexus import`): a JSON
// project document of ours (docs/project-document.schema.json) or a ReqIF file of any tool,
// recorded through the requirements database in one transaction, so that near-duplicates merge,
// importing twice adds nothing, and a document that fails imports nothing.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/requirement.hpp"
#include "core/result.hpp"
#include "store/requirements_store.hpp"

namespace nexus {

enum class ImportFormat { Json, Reqif };

// "json", "reqif" (or "xml"), in any case; nullopt otherwise.
std::optional<ImportFormat> parseImportFormat(std::string_view text);
std::string_view toString(ImportFormat format);
// By the file name's extension (.json; .reqif, .xml), else by the first character of the
// document ('{' is JSON, '<' is XML); nullopt when neither tells.
std::optional<ImportFormat> guessImportFormat(std::string_view fileName, std::string_view document);

inline constexpr std::size_t kDefaultMaxImportBytes = std::size_t{64} << 20;

struct ImportCounts {
  std::size_t added = 0;         // new requirements of the project
  std::size_t merged = 0;        // joined a near-duplicate the project had
  std::size_t alreadyThere = 0;  // recorded by an earlier import or interview; nothing written
  std::size_t skipped = 0;       // headings and objects without text (ReqIF)

  bool operator==(const ImportCounts&) const = default;
};

// The requirements a document holds, before anything is recorded. InvalidArgument with one
// line naming the cause (not JSON or not XML, with where; not a document of that kind; a JSON
// document of a newer schema; a requirement that is not one), PayloadTooLarge over `maxBytes`.
struct ReadDocument {
  std::vector<Requirement> requirements;
  std::size_t skipped = 0;
};
Result<ReadDocument> readImportDocument(ImportFormat format, std::string_view document,
                                        std::size_t maxBytes = kDefaultMaxImportBytes);

// Reads `document` and records its requirements in project `projectId`: all or none.
Result<ImportCounts> importDocument(RequirementsStore& store, std::string_view projectId, ImportFormat format,
                                    std::string_view document, std::size_t maxBytes = kDefaultMaxImportBytes);

}  // namespace nexus
