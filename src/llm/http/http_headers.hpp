#pragma once
// HTTP header fields in arrival order, looked up by name without regard to case (RFC 9110).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nexus::http {

struct HttpHeader {
  std::string name;
  std::string value;
};

// A value type; not synchronised.
class HttpHeaders {
 public:
  HttpHeaders() = default;
  HttpHeaders(std::initializer_list<HttpHeader> headers) : headers_(headers) {}

  void add(std::string name, std::string value);
  // The first field named `name` (any case), e.g. find("retry-after").
  std::optional<std::string_view> find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name).has_value(); }

  const std::vector<HttpHeader>& all() const { return headers_; }
  bool empty() const { return headers_.empty(); }
  std::size_t size() const { return headers_.size(); }

 private:
  std::vector<HttpHeader> headers_;
};

}  // namespace nexus::http
