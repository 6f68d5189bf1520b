#include "llm/http/curl_http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace nexus::http {

namespace {

using SteadyClock = std::chrono::steady_clock;

// How long the rest of a response is still read after a handler asked to stop (see
// stopForHandler). A server sends the end of a finished stream right after its last event.
constexpr std::chrono::milliseconds kDrainAfterStop{100};

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
struct ShareDeleter { void operator()(CURLSH* handle) const { curl_share_cleanup(handle); } };
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
  SteadyClock::time_point drainDeadline;  // once stopped by a handler: when to stop reading
  bool connected = false;
  curl_off_t bytesSent = 0;
  SteadyClock::time_point lastActivity;
  std::exception_ptr handlerException;
  char errorBuffer[CURL_ERROR_SIZE] = {};
};

// A handler asked to stop: it is not called again, but the rest of the response is still read
// (and dropped) for a moment. A response read to its end leaves its connection open for the
// next exchange; one cut off mid-body makes libcurl close the connection (HTTP/1.1). The model
// clients stop as soon as a reply is whole, just before the server ends the body.
void stopForHandler(Exchange& exchange) {
  exchange.stoppedByHandler = true;
  exchange.drainDeadline = SteadyClock::now() + kDrainAfterStop;
}

void deliverHead(Exchange& exchange) {
  exchange.headDelivered = true;
  if (*exchange.onHead && !(*exchange.onHead)(exchange.head)) stopForHandler(exchange);
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
      if (exchange.head.status >= 200 && !exchange.headDelivered) deliverHead(exchange);
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
      deliverHead(exchange);
    }
    if (exchange.stoppedByHandler) return total;  // drained unseen
    if (*exchange.onBody && !(*exchange.onBody)(std::string_view(buffer, total))) stopForHandler(exchange);
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

// What every request of one client carries.
struct ClientSettings {
  const std::string& userAgent;
  const std::string& caFile;  // empty: the system's certificate authorities
};

// Proxies are not set here: libcurl reads http_proxy, https_proxy and no_proxy itself.
void setOptions(CURL* handle, const HttpRequest& request, curl_slist* headers, const ClientSettings& client,
                Exchange& exchange) {
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, client.userAgent.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);  // a POST must not be re-sent elsewhere
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);  // the defaults, stated: never turned off
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!client.caFile.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, client.caFile.c_str());
  curl_easy_setopt(handle, CURLOPT_FRESH_CONNECT, request.freshConnection ? 1L : 0L);
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
  if (exchange.stoppedByHandler) {
    if (now >= exchange.drainDeadline) return {TransportErrorKind::Aborted};
    wakeAt = std::min(wakeAt, exchange.drainDeadline);
  }
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
  const std::string detail =
      exchange.errorBuffer[0] != '\0' ? std::string(exchange.errorBuffer) : curl_easy_strerror(code);
  return failure(kindOf(code), endpoint, scrubbed(detail, request, endpoint));
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
  if (exchange.stoppedByHandler) {  // the caller's word comes first, however the drain ended
    outcome.error = failure(TransportErrorKind::Aborted, endpoint, "");
  } else if (end.stopped) {
    outcome.error = stoppedError(*end.stopped, request, endpoint);
  } else if (*end.finished != CURLE_OK) {
    outcome.error = curlError(*end.finished, exchange, request, endpoint);
  }
  return outcome;
}

// ---- sessions: what stays open between exchanges ----

// At most this many idle sessions wait for the next post(); more concurrent posts get sessions
// of their own, closed after their exchange.
constexpr std::size_t kMaxIdleSessions = 16;

// DNS answers and TLS sessions, shared by every session of one client: a new connection skips
// the lookup and resumes TLS. libcurl locks each kind of shared data through the callbacks.
// Connections are not shared: libcurl cannot hand them between threads; each session keeps
// its own.
class SharedCaches {
 public:
  SharedCaches() : share_(curl_share_init()) {
    if (!share_) throw std::bad_alloc();
    CURLSH* share = share_.get();
    if (curl_share_setopt(share, CURLSHOPT_LOCKFUNC, lock) != CURLSHE_OK ||
        curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, unlock) != CURLSHE_OK ||
        curl_share_setopt(share, CURLSHOPT_USERDATA, &locks_) != CURLSHE_OK ||
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK ||
        curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
      throw std::runtime_error("libcurl could not set up the shared DNS and TLS session caches");
    }
  }
  SharedCaches(const SharedCaches&) = delete;
  SharedCaches& operator=(const SharedCaches&) = delete;

  CURLSH* handle() const { return share_.get(); }

 private:
  using Locks = std::array<std::mutex, CURL_LOCK_DATA_LAST>;  // one per kind of data, as libcurl asks

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* locks) {
    (*static_cast<Locks*>(locks))[static_cast<std::size_t>(data)].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* locks) {
    (*static_cast<Locks*>(locks))[static_cast<std::size_t>(data)].unlock();
  }

  Locks locks_;
  std::unique_ptr<CURLSH, ShareDeleter> share_;  // after locks_: cleaned up while they still exist
};

// Serves one exchange at a time: an easy handle inside its own multi handle, whose connection
// cache keeps the connection of a completed exchange open for the session's next one.
struct Session {
  std::unique_ptr<CURLM, MultiDeleter> multi;
  std::unique_ptr<CURL, EasyDeleter> easy;  // after multi: cleaned up first (it is detached then)
};

std::unique_ptr<Session> newSession(CURLSH* caches) {
  auto session = std::make_unique<Session>();
  session->multi.reset(curl_multi_init());
  session->easy.reset(curl_easy_init());
  if (!session->multi || !session->easy) throw std::bad_alloc();
  curl_easy_setopt(session->easy.get(), CURLOPT_SHARE, caches);  // curl_easy_reset keeps it
  return session;
}

struct ExchangeResult {
  HttpOutcome outcome;
  bool sessionReusable = false;  // the exchange completed: its connection may serve the next one
};

// One exchange through `session`; rethrows what a handler threw.
ExchangeResult exchangeThrough(Session& session, const HttpRequest& request, const Endpoint& endpoint,
                               curl_slist* headers, const ClientSettings& client, const HeadHandler& onHead,
                               const BodyHandler& onBody, const std::stop_token& cancel) {
  Exchange exchange;
  exchange.easy = session.easy.get();
  exchange.onHead = &onHead;
  exchange.onBody = &onBody;
  setOptions(session.easy.get(), request, headers, client, exchange);

  const AttachedHandle attached(session.multi.get(), session.easy.get());
  const TransferEnd end = runTransfer(session.multi.get(), exchange, request, cancel);
  // Only a transfer libcurl completed leaves its connection in a known state; a failed, timed
  // out or cancelled one may have left it broken.
  const bool completed = end.finished && *end.finished == CURLE_OK;
  return {outcomeOf(end, exchange, request, endpoint), completed};
}

}  // namespace

// The idle sessions of one client, most recently used last. Thread-safe.
class CurlHttpClient::SessionPool {
 public:
  // The most recently used idle session (its connection is the likeliest to be still open),
  // or a new one.
  std::unique_ptr<Session> take() {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Session> session = std::move(idle_.back());
        idle_.pop_back();
        return session;
      }
    }
    return newSession(caches_.handle());
  }

  // A session whose exchange completed, for a later post(). Beyond kMaxIdleSessions it is
  // closed instead, as this returns (after the lock is released).
  void giveBack(std::unique_ptr<Session> session) {
    curl_easy_reset(session->easy.get());  // no option may point into the finished exchange
    const std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleSessions) idle_.push_back(std::move(session));
  }

 private:
  SharedCaches caches_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Session>> idle_;  // after caches_: closed while the share still exists
};

CurlHttpClient::CurlHttpClient(std::string_view version, std::string caFile)
    : userAgent_("nexus-interview/" + std::string(version)), caFile_(std::move(caFile)) {
  initialiseCurlOnce();
  sessions_ = std::make_unique<SessionPool>();
}

CurlHttpClient::~CurlHttpClient() = default;

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

  // Closed with its connections unless given back: a failed exchange's connection is never reused.
  std::unique_ptr<Session> session = sessions_->take();
  ExchangeResult result = exchangeThrough(*session, request, *endpoint, headers.get(), {userAgent_, caFile_}, onHead,
                                          onBody, cancel);
  if (result.sessionReusable) sessions_->giveBack(std::move(session));
  return std::move(result.outcome);
}

}  // namespace nexus::http
