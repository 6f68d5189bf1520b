#pragma once
// A tiny reader of the <requirement> tags the offline analyst emits, so that the llm tests can
// check its output without depending on the interview layer's extractor.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "llm/llm_client.hpp"
#include "analyst/offline_analyst.hpp"

namespace nexus::test {

struct Tag {
  std::string text;
  std::string category;
  std::string priority;
  double confidence = 0.0;
  std::string area;  // empty when the tag has none
};

inline std::string unescapeXml(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 5, "&amp;") == 0) {
      out += '&';
      i += 4;
    } else if (s.compare(i, 4, "&lt;") == 0) {
      out += '<';
      i += 3;
    } else if (s.compare(i, 4, "&gt;") == 0) {
      out += '>';
      i += 3;
    } else
      out += s[i];
  }
  return out;
}

inline std::optional<std::string> field(std::string_view block, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">";
  const std::string close = "</" + std::string(name) + ">";
  const auto start = block.find(open);
  if (start == std::string_view::npos) return std::nullopt;
  const auto end = block.find(close, start);
  if (end == std::string_view::npos) return std::nullopt;
  return unescapeXml(block.substr(start + open.size(), end - start - open.size()));
}

inline std::vector<Tag> readTags(std::string_view raw) {
  std::vector<Tag> tags;
  for (std::size_t pos = raw.find("<requirement>"); pos != std::string_view::npos;
       pos = raw.find("<requirement>", pos + 1)) {
    const auto end = raw.find("</requirement>", pos);
    if (end == std::string_view::npos) break;
    const std::string_view block = raw.substr(pos, end - pos);
    Tag tag;
    tag.text = field(block, "text").value_or("");
    tag.category = field(block, "category").value_or("");
    tag.priority = field(block, "priority").value_or("");
    tag.confidence = std::stod(field(block, "confidence").value_or("0"));
    tag.area = field(block, "area").value_or("");
    tags.push_back(std::move(tag));
  }
  return tags;
}

// The display text: everything before the first tag, trimmed.
inline std::string displayOf(std::string_view raw) {
  return std::string(nexus::text::trim(raw.substr(0, raw.find("<requirement>"))));
}

// Tags at or above the engine's threshold.
inline std::vector<Tag> keptTags(std::string_view raw) {
  std::vector<Tag> kept;
  for (auto& tag : readTags(raw)) {
    if (tag.confidence >= 0.7) kept.push_back(std::move(tag));
  }
  return kept;
}

inline LlmRequest requestFor(std::string_view message, InterviewContext context = {}) {
  LlmRequest request;
  request.messages.push_back({MessageRole::User, std::string(message)});
  request.context = std::move(context);
  return request;
}

inline std::string reply(OfflineAnalyst& analyst, const LlmRequest& request) {
  auto result = analyst.complete(request, nullptr, {});
  return result.ok() ? result.value().text : std::string("<error>");
}

}  // namespace nexus::test
