#include "llm/http/curl_http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <stdexcept>

#include "core/text.hpp"

namespace nexus::http {

namespace {

using SteadyClock = std::chrono::steady_clock;

// libcurl's global state is set up once per process and never torn down: other threads may
// still be inside libcurl at exit. The function-local static makes the first call thread-safe.
void initialiseCurlOnce() {
  static const bool initialised = [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
    return true;
  }();
  (void)initialised;
}

struct EasyDeleter { void operator()(CURL* handle) const { curl_easy_cleanup(handle); } };
struct MultiDeleter { void operator()(CURLM* handle) const { curl_multi_cleanup(handle); } };
struct ListDeleter { void operator()(curl_slist* list) const { curl_slist_free_all(list); } };
struct UrlDeleter { void operator()(CURLU* url) const { curl_url_cleanup(url); } };

// "host:port" of a URL: what error messages may name (the path and query may carry secrets).
struct Endpoint {
  std::string hostAndPort;
  std::string pathAndQuery;  // to scrub from libcurl's messages
};

std::optional<Endpoint> parseEndpoint(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  auto part = [&](CURLUPart which, unsigned flags) -> std::optional<std::string> {
    char* value = nullptr;
    if (curl_url_get(parsed.get(), which, &value, flags) != CURLUE_OK || value == nullptr) return std::nullopt;
    std::string copy(value);
    curl_free(value);
    return copy;
  };
  const auto scheme = part(CURLUPART_SCHEME, 0);
  const auto host = part(CURLUPART_HOST, 0);
  const auto port = part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (!scheme || !host || !port || (*scheme != "http" && *scheme != "https")) return std::nullopt;
  Endpoint endpoint{*host + ":" + *port, {}};
  const std::size_t schemeEnd = url.find("://");
  const std::size_t pathStart = schemeEnd == std::string::npos ? std::string::npos : url.find('/', schemeEnd + 3);
  if (pathStart != std::string::npos) endpoint.pathAndQuery = url.substr(pathStart);
  return endpoint;
}

// Everything the callbacks of one exchange share. Lives on post()'s stack: libcurl holds its
// address until the easy handle is detached.
struct Exchange {
  CURL* easy = nullptr;
  const HeadHandler* onHead = nullptr;
  const BodyHandler* onBody = nullptr;
  HttpResponseHead head;
  bool headDelivered = false;
  bool stoppedByHandler = false;
  bool connected = false;
  curl_off_t bytesSent = 0;
  SteadyClock::time_point lastActivity;
  std::exception_ptr handlerException;
  char errorBuffer[CURL_ERROR_SIZE] = {};
};

bool deliverHead(Exchange& exchange) {
  exchange.headDelivered = true;
  if (*exchange.onHead && !(*exchange.onHead)(exchange.head)) {
    exchange.stoppedByHandler = true;
    return false;
  }
  return true;
}

std::size_t onHeaderLine(char* buffer, std::size_t size, std::size_t count, void* userData) {
  auto& exchange = *static_cast<Exchange*>(userData);
  const std::size_t total = size * count;
  exchange.lastActivity = SteadyClock::now();
  try {
    std::string_view line(buffer, total);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (text::startsWith(line, "HTTP/")) {  // a new response begins (after a 1xx, again)
      exchange.head = {};
      const std::size_t space = line.find(' ');
      if (space != std::string_view::npos) {
        const std::string_view code = line.substr(space + 1, 3);
        if (code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          exchange.head.status = std::stoi(std::string(code));
        }
      }
    } else if (line.empty()) {
      if (exchange.head.status >= 200 && !exchange.headDelivered && !deliverHead(exchange)) return 0;
    } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      exchange.head.headers.add(std::string(text::trim(line.substr(0, colon))),
                                std::string(text::trim(line.substr(colon + 1))));
    }
    return total;
  } catch (...) {
    exchange.handlerException = std::current_exception();
    return 0;
  }
}

std::size_t onBodyBytes(char* buffer, std::size_t size, std::size_t count, void* userData) {
  auto& exchange = *static_cast<Exchange*>(userData);
  const std::size_t total = size * count;
  exchange.lastActivity = SteadyClock::now();
  try {
    if (!exchange.headDelivered) {  // libcurl always reports the head first; stay safe if not
      long status = 0;
      curl_easy_getinfo(exchange.easy, CURLINFO_RESPONSE_CODE, &status);
      exchange.head.status = static_cast<int>(status);
      if (!deliverHead(exchange)) return 0;
    }
    if (*exchange.onBody && !(*exchange.onBody)(std::string_view(buffer, total))) {
      exchange.stoppedByHandler = true;
      return 0;
    }
    return total;
  } catch (...) {
    exchange.handlerException = std::current_exception();
    return 0;
  }
}

// Sending the request body counts as activity for the idle timeout.
int onProgress(void* userData, curl_off_t, curl_off_t, curl_off_t, curl_off_t uploaded) {
  auto& exchange = *static_cast<Exchange*>(userData);
  if (uploaded != exchange.bytesSent) {
    exchange.bytesSent = uploaded;
    exchange.lastActivity = SteadyClock::now();
  }
  return 0;
}

// The idle clock starts once connected; until then connectTimeout (libcurl's) applies.
int onConnected(void* userData, char*, char*, int, int) {
  auto& exchange = *static_cast<Exchange*>(userData);
  exchange.connected = true;
  exchange.lastActivity = SteadyClock::now();
  return CURL_PREREQFUNC_OK;
}

// ---- the request headers ----

using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

bool hasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// The first header libcurl would send as something else than given (a smuggled line, no name).
const HttpHeader* malformedHeader(const HttpHeaders& headers) {
  for (const auto& header : headers.all()) {
    if (header.name.empty() || hasLineBreak(header.name) || header.name.find(':') != std::string::npos ||
        hasLineBreak(header.value)) {
      return &header;
    }
  }
  return nullptr;
}

// The header lines for CURLOPT_HTTPHEADER; `headers` must have passed malformedHeader().
HeaderList curlHeaderList(const HttpHeaders& headers) {
  HeaderList list;
  auto append = [&](const std::string& line) {
    curl_slist* extended = curl_slist_append(list.get(), line.c_str());
    if (extended == nullptr) throw std::bad_alloc();
    (void)list.release();  // `extended` is the same list, one longer: reset() must not free it
    list.reset(extended);
  };
  for (const auto& header : headers.all()) {
    // "Name;" is libcurl's way to send a header with an empty value.
    append(header.value.empty() ? header.name + ";" : header.name + ": " + header.value);
  }
  // No "Expect: 100-continue" round trip for larger bodies: model servers answer directly.
  if (!headers.contains("expect")) append("Expect:");
  return list;
}

// ---- the curl options ----

// Proxies are not set here: libcurl reads http_proxy, https_proxy and no_proxy itself.
void setOptions(CURL* handle, const HttpRequest& request, curl_slist* headers, const std::string& userAgent,
                Exchange& exchange) {
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, userAgent.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);  // a POST must not be re-sent elsewhere
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);  // the defaults, stated: never turned off
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);        // no SIGALRM in a multi-threaded process
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);   // long quiet streams through NATs
  // The only libcurl timer: the idle and total timeouts are the transfer loop's own.
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connectTimeout.count()));
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, exchange.errorBuffer);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, onHeaderLine);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, onBodyBytes);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, onProgress);
  curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, onConnected);
  curl_easy_setopt(handle, CURLOPT_PREREQDATA, &exchange);
}

// ---- the transfer loop ----

// How the transfer loop ended; exactly one member is set.
struct TransferEnd {
  std::optional<CURLcode> finished{};           // libcurl completed the transfer, well or not
  std::optional<TransportErrorKind> stopped{};  // the loop stopped it: cancelled or timed out
  std::optional<CURLMcode> multiFailed{};       // libcurl's multi interface itself failed
};

// The one easy handle inside the multi handle for as long as this lives; it must be detached
// before either handle is cleaned up.
class AttachedHandle {
 public:
  AttachedHandle(CURLM* multi, CURL* easy) : multi_(multi), easy_(easy) {
    if (curl_multi_add_handle(multi_, easy_) != CURLM_OK) throw std::runtime_error("curl_multi_add_handle failed");
  }
  ~AttachedHandle() { curl_multi_remove_handle(multi_, easy_); }
  AttachedHandle(const AttachedHandle&) = delete;
  AttachedHandle& operator=(const AttachedHandle&) = delete;

 private:
  CURLM* multi_;
  CURL* easy_;
};

// libcurl's result once the transfer is done; nullopt while it runs.
std::optional<CURLcode> finishedResult(CURLM* multi) {
  std::optional<CURLcode> result;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
    if (message->msg == CURLMSG_DONE) result = message->data.result;
  }
  return result;
}

// How long the loop may wait before it must look at the clocks again, or which of our
// timeouts has passed.
struct TimeoutCheck {
  std::optional<TransportErrorKind> expired;
  std::chrono::milliseconds wait{0};
};

TimeoutCheck checkTimeouts(const Exchange& exchange, const HttpRequest& request, SteadyClock::time_point start) {
  const auto now = SteadyClock::now();
  auto wakeAt = now + std::chrono::seconds{1};
  if (exchange.connected) {
    const auto idleDeadline = exchange.lastActivity + request.idleTimeout;
    if (now >= idleDeadline) return {TransportErrorKind::IdleTimeout};
    wakeAt = std::min(wakeAt, idleDeadline);
  }
  if (request.totalTimeout) {
    const auto totalDeadline = start + *request.totalTimeout;
    if (now >= totalDeadline) return {TransportErrorKind::TotalTimeout};
    wakeAt = std::min(wakeAt, totalDeadline);
  }
  return {std::nullopt, std::chrono::ceil<std::chrono::milliseconds>(wakeAt - now)};
}

// Drives the transfer until libcurl finishes it, `cancel` is requested or a timeout passes.
// A multi handle around the one easy handle lets a stop request wake the wait at once
// (curl_multi_wakeup is thread-safe) and lets the idle timeout be exact.
TransferEnd runTransfer(CURLM* multi, Exchange& exchange, const HttpRequest& request, const std::stop_token& cancel) {
  const std::stop_callback wakeOnStop(cancel, [multi] { curl_multi_wakeup(multi); });
  const auto start = SteadyClock::now();
  exchange.lastActivity = start;
  while (true) {
    int running = 0;
    if (const CURLMcode code = curl_multi_perform(multi, &running); code != CURLM_OK) return {.multiFailed = code};
    if (const auto result = finishedResult(multi)) return {.finished = *result};
    if (cancel.stop_requested()) return {.stopped = TransportErrorKind::Cancelled};
    const TimeoutCheck timeouts = checkTimeouts(exchange, request, start);
    if (timeouts.expired) return {.stopped = *timeouts.expired};
    // libcurl shortens the wait to its own timers (connect timeout, retransmissions).
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max<long long>(timeouts.wait.count(), 1)), nullptr);
  }
}

// ---- describing errors ----

TransportErrorKind kindOf(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportErrorKind::DnsFailed;
    case CURLE_COULDNT_CONNECT:
      return TransportErrorKind::ConnectFailed;
    case CURLE_OPERATION_TIMEDOUT:  // the only libcurl timer set is the connect timeout
      return TransportErrorKind::ConnectTimeout;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportErrorKind::Dropped;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
      return TransportErrorKind::Tls;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return TransportErrorKind::InvalidRequest;
    default:
      return TransportErrorKind::Other;
  }
}

// libcurl's own wording helps ("SSL certificate problem: ..."), but must not leak secrets: any
// header value or the URL's path and query found in it is blanked out.
std::string scrubbed(std::string detail, const HttpRequest& request, const Endpoint& endpoint) {
  auto blank = [&](std::string_view secret) {
    if (secret.size() < 4) return;  // short values (e.g. "1") are no secrets and would garble text
    for (std::size_t at = detail.find(secret); at != std::string::npos; at = detail.find(secret, at)) {
      detail.replace(at, secret.size(), "[redacted]");
      at += 10;
    }
  };
  for (const auto& header : request.headers.all()) blank(header.value);
  blank(endpoint.pathAndQuery);
  for (char& c : detail) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return std::string(text::trim(detail));
}

TransportError failure(TransportErrorKind kind, const Endpoint& endpoint, std::string_view detail) {
  std::string message = "HTTP POST to " + endpoint.hostAndPort + " failed: " + std::string(toString(kind));
  if (!detail.empty()) message += " (" + std::string(detail) + ")";
  return {kind, std::move(message)};
}

TransportError invalidUrl() {
  // The URL itself is not repeated: its path or query may carry a secret.
  return {TransportErrorKind::InvalidRequest,
          "HTTP POST failed: the request URL is not a valid http:// or https:// URL"};
}

TransportError malformedHeaderError(const HttpHeader& header, const HttpRequest& request, const Endpoint& endpoint) {
  // Names only: the value may be a key.
  return failure(TransportErrorKind::InvalidRequest, endpoint,
                 "header \"" + scrubbed(header.name, request, endpoint) + "\" is malformed");
}

TransportError stoppedError(TransportErrorKind kind, const HttpRequest& request, const Endpoint& endpoint) {
  std::string detail;
  if (kind == TransportErrorKind::IdleTimeout) {
    detail = "nothing received for " + std::to_string(request.idleTimeout.count()) + " ms";
  } else if (kind == TransportErrorKind::TotalTimeout) {
    detail = "not complete after " + std::to_string(request.totalTimeout->count()) + " ms";
  }
  return failure(kind, endpoint, detail);
}

TransportError curlError(CURLcode code, const Exchange& exchange, const HttpRequest& request,
                         const Endpoint& endpoint) {
  // A handler's `false` makes libcurl report a write error: the caller asked for it.
  const TransportErrorKind kind = exchange.stoppedByHandler ? TransportErrorKind::Aborted : kindOf(code);
  const std::string detail =
      exchange.errorBuffer[0] != '\0' ? std::string(exchange.errorBuffer) : curl_easy_strerror(code);
  return failure(kind, endpoint, scrubbed(detail, request, endpoint));
}

HttpOutcome failedOutcome(TransportError error) {
  HttpOutcome outcome;
  outcome.error = std::move(error);
  return outcome;
}

// The outcome of a transfer that ran; rethrows what a handler threw.
HttpOutcome outcomeOf(const TransferEnd& end, Exchange& exchange, const HttpRequest& request,
                      const Endpoint& endpoint) {
  if (end.multiFailed) {
    return failedOutcome(failure(TransportErrorKind::Other, endpoint, curl_multi_strerror(*end.multiFailed)));
  }
  if (exchange.handlerException) std::rethrow_exception(exchange.handlerException);
  HttpOutcome outcome;
  if (exchange.headDelivered) outcome.head = std::move(exchange.head);
  if (end.stopped) {
    outcome.error = stoppedError(*end.stopped, request, endpoint);
  } else if (*end.finished != CURLE_OK) {
    outcome.error = curlError(*end.finished, exchange, request, endpoint);
  }
  return outcome;
}

}  // namespace

CurlHttpClient::CurlHttpClient(std::string_view version) : userAgent_("nexus-interview/" + std::string(version)) {
  initialiseCurlOnce();
}

HttpOutcome CurlHttpClient::post(const HttpRequest& request, const HeadHandler& onHead, const BodyHandler& onBody,
                                 std::stop_token cancel) {
  const auto endpoint = parseEndpoint(request.url);
  if (!endpoint) return failedOutcome(invalidUrl());
  if (cancel.stop_requested()) {
    return failedOutcome(failure(TransportErrorKind::Cancelled, *endpoint, "before it was sent"));
  }
  if (const HttpHeader* header = malformedHeader(request.headers)) {
    return failedOutcome(malformedHeaderError(*header, request, *endpoint));
  }
  const HeaderList headers = curlHeaderList(request.headers);

  const std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  const std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!easy || !multi) throw std::bad_alloc();

  Exchange exchange;
  exchange.easy = easy.get();
  exchange.onHead = &onHead;
  exchange.onBody = &onBody;
  setOptions(easy.get(), request, headers.get(), userAgent_, exchange);

  const AttachedHandle attached(multi.get(), easy.get());
  const TransferEnd end = runTransfer(multi.get(), exchange, request, cancel);
  return outcomeOf(end, exchange, request, *endpoint);
}

}  // namespace nexus::http
