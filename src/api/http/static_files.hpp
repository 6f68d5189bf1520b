#pragma once
// The web UI's files as `nexus serve` answers them: bytes compiled into the binary from web/ at
// build time (cmake/NexusEmbedFiles.cmake), so an installed nexus needs no source tree.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nexus::api::http {

// One file under its URL path ("/index.html"); the bytes live in static storage.
struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};

// Every file of web/ a browser loads (*.html, *.js, *.css, *.svg, *.ico), generated at build time.
std::vector<EmbeddedFile> embeddedWebFiles();

// "text/html; charset=utf-8" and the like, by the path's extension.
std::string_view contentTypeFor(std::string_view path);

struct StaticFile {
  std::string_view body;
  std::string_view contentType;
  std::string etag;  // strong validator: a hash of the bytes, quoted
  bool isHtml() const { return contentType.starts_with("text/html"); }
};

// Immutable once made, so thread-safe.
class StaticFiles {
 public:
  StaticFiles() = default;
  // The bytes are not copied: they must outlive this object (string literals, embedded data).
  explicit StaticFiles(const std::vector<EmbeddedFile>& files);

  // The files embedded from web/, made on first use.
  static const StaticFiles& webUi();

  // The file at a URL path without its query; "/" is "/index.html". Null when there is none.
  const StaticFile* find(std::string_view urlPath) const;

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
};

}  // namespace nexus::api::http
