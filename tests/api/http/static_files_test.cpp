#include "api/http/static_files.hpp"

#include <gtest/gtest.h>

namespace nexus::api::http {
namespace {

StaticFiles oneFile(std::string_view path, std::string_view body) {
  return StaticFiles(std::vector<EmbeddedFile>{EmbeddedFile{path, body}});
}

TEST(StaticFiles, KnowTheContentTypesABrowserNeeds) {
  EXPECT_EQ(contentTypeFor("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(contentTypeFor("/js/nexus-api.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(contentTypeFor("/style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(contentTypeFor("/logo.svg"), "image/svg+xml");
  EXPECT_EQ(contentTypeFor("/favicon.ico"), "image/x-icon");
  EXPECT_EQ(contentTypeFor("/data.bin"), "application/octet-stream");
}

TEST(StaticFiles, FindFilesByPathWithTheIndexAtTheRoot) {
  const StaticFiles files({{"/index.html", "<p>hi</p>"}, {"/app.js", "let x;"}});
  ASSERT_NE(files.find("/"), nullptr);
  EXPECT_EQ(files.find("/")->body, "<p>hi</p>");
  EXPECT_TRUE(files.find("/index.html")->isHtml());
  EXPECT_FALSE(files.find("/app.js")->isHtml());
  EXPECT_EQ(files.find("/app.js")->contentType, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.find("/missing.js"), nullptr);
  EXPECT_EQ(files.find("/../index.html"), nullptr);  // paths are keys, never file names
  EXPECT_EQ(files.find("/APP.JS"), nullptr);
}

TEST(StaticFiles, TagEachVersionOfAFileDifferently) {
  const StaticFiles one = oneFile("/app.js", "let x = 1;");
  const StaticFiles two = oneFile("/app.js", "let x = 2;");
  EXPECT_EQ(one.find("/app.js")->etag, oneFile("/app.js", "let x = 1;").find("/app.js")->etag);
  EXPECT_NE(one.find("/app.js")->etag, two.find("/app.js")->etag);
  EXPECT_EQ(one.find("/app.js")->etag.front(), '"');
}

TEST(StaticFiles, EmbedTheWebDirectoryIntoTheBinary) {
  const StaticFile* index = StaticFiles::webUi().find("/");
  ASSERT_NE(index, nullptr) << "web/index.html was not embedded";
  EXPECT_TRUE(index->isHtml());
  EXPECT_NE(index->body.find("<html"), std::string_view::npos);
}

}  // namespace
}  // namespace nexus::api::http
