#include "interview/requirements_import.hpp"

#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "core/text.hpp"
#include "interview/reqif_reader.hpp"
#include "interview/requirements_document.hpp"

namespace nexus {
namespace {

using nlohmann::json;

std::string sizeText(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  return std::to_string(bytes) + " bytes";
}

Result<ReadDocument> readJson(std::string_view document) {
  if (text::trim(document).empty()) return Error::invalidArgument("the file is empty");
  json parsed;
  try {
    parsed = json::parse(document);
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 7: …" without the prefix.
    std::string what = e.what();
    if (const auto at = what.find("parse error"); at != std::string::npos) what = what.substr(at);
    return Error::invalidArgument("not JSON (" + what + ")");
  }
  const auto notOurs = [] {
    return Error::invalidArgument(
        "JSON but not a Nexus requirements document (expected an object with \"format\": \"" +
        std::string(kProjectDocumentFormat) + "\" and a \"requirements\" array)");
  };
  if (!parsed.is_object()) return notOurs();
  if (const auto format = parsed.find("format"); format != parsed.end()) {
    if (!format->is_string() || format->get<std::string>() != kProjectDocumentFormat) return notOurs();
  }
  const auto requirements = parsed.find("requirements");
  if (requirements == parsed.end() || !requirements->is_array()) return notOurs();
  if (const auto version = parsed.find("schemaVersion"); version != parsed.end()) {
    if (!version->is_number_integer() || version->get<long long>() < 1) {
      return Error::invalidArgument("\"schemaVersion\" must be a whole number from 1");
    }
    if (version->get<long long>() > kProjectDocumentVersion) {
      return Error::invalidArgument("the document was written by a newer Nexus (schema version " +
                                    std::to_string(version->get<long long>()) + "; this build reads up to " +
                                    std::to_string(kProjectDocumentVersion) + "): upgrade nexus");
    }
  }
  ReadDocument read;
  for (std::size_t i = 0; i < requirements->size(); ++i) {
    try {
      read.requirements.push_back((*requirements)[i].get<Requirement>());
    } catch (const std::exception& e) {
      std::string what = e.what();
      if (const auto bracket = what.find("] "); what.starts_with("[json.exception") && bracket != std::string::npos) {
        what = what.substr(bracket + 2);
      }
      return Error::invalidArgument("requirement " + std::to_string(i + 1) + " of the document: " + what);
    }
  }
  return read;
}

}  // namespace

std::optional<ImportFormat> parseImportFormat(std::string_view text) {
  const std::string lower = text::toLower(text);
  if (lower == "json") return ImportFormat::Json;
  if (lower == "reqif" || lower == "xml") return ImportFormat::Reqif;
  return std::nullopt;
}

std::string_view toString(ImportFormat format) { return format == ImportFormat::Json ? "json" : "reqif"; }

std::optional<ImportFormat> guessImportFormat(std::string_view fileName, std::string_view document) {
  const std::string name = text::toLower(fileName);
  if (name.ends_with(".json")) return ImportFormat::Json;
  if (name.ends_with(".reqif") || name.ends_with(".xml")) return ImportFormat::Reqif;
  std::string_view start = text::trim(document);
  if (start.starts_with("\xEF\xBB\xBF")) start = text::trim(start.substr(3));  // a byte-order mark
  if (start.starts_with("{")) return ImportFormat::Json;
  if (start.starts_with("<")) return ImportFormat::Reqif;
  return std::nullopt;
}

Result<ReadDocument> readImportDocument(ImportFormat format, std::string_view document, std::size_t maxBytes) {
  if (document.size() > maxBytes) {
    return Error{ErrorCode::PayloadTooLarge, "the document is " + sizeText(document.size()) +
                                                 ", over the import limit of " + sizeText(maxBytes)};
  }
  if (format == ImportFormat::Json) return readJson(document);
  auto reqif = readReqif(document);
  if (!reqif) return reqif.error();
  return ReadDocument{std::move(reqif->requirements), reqif->headings + reqif->withoutText};
}

Result<ImportCounts> importDocument(RequirementsStore& store, std::string_view projectId, ImportFormat format,
                                    std::string_view document, std::size_t maxBytes) {
  auto read = readImportDocument(format, document, maxBytes);
  if (!read) return read.error();
  auto results = store.importRequirements(projectId, read->requirements);
  if (!results) return results.error();
  ImportCounts counts;
  counts.skipped = read->skipped;
  for (const auto& r : *results) {
    switch (r.outcome) {
      case AddOutcome::Added: ++counts.added; break;
      case AddOutcome::Merged: ++counts.merged; break;
      case AddOutcome::AlreadyRecorded: ++counts.alreadyThere; break;
    }
  }
  return counts;
}

}  // namespace nexus
