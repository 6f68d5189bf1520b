#include "llm/http/http_headers.hpp"

#include "core/text.hpp"

namespace nexus::http {

void HttpHeaders::add(std::string name, std::string value) {
  headers_.push_back({std::move(name), std::move(value)});
}

std::optional<std::string_view> HttpHeaders::find(std::string_view name) const {
  for (const auto& header : headers_) {
    if (text::iequals(header.name, name)) return std::string_view(header.value);
  }
  return std::nullopt;
}

}  // namespace nexus::http
