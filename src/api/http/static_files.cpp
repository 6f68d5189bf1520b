#include "api/http/static_files.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace nexus::api::http {
namespace {

// FNV-1a: not for security, only to tell one version of a file from another.
std::string etagOf(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string etag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) etag += kHex[(hash >> shift) & 0xf];
  return etag + "\"";
}

}  // namespace

std::string_view contentTypeFor(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::vector<EmbeddedFile>& files) {
  for (const auto& file : files) {
    files_.insert_or_assign(std::string(file.path),
                            StaticFile{file.bytes, contentTypeFor(file.path), etagOf(file.bytes)});
  }
}

const StaticFiles& StaticFiles::webUi() {
  static const StaticFiles files(embeddedWebFiles());
  return files;
}

const StaticFile* StaticFiles::find(std::string_view urlPath) const {
  const auto found = files_.find(urlPath == "/" ? std::string_view("/index.html") : urlPath);
  return found != files_.end() ? &found->second : nullptr;
}

}  // namespace nexus::api::http
