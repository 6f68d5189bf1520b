// Time to the first streamed body byte through CurlHttpClient over TLS (issue 14): a turn on a
// kept-alive connection against one that opens a new connection first. Results: RESULTS.md.
//
// A TLS server on 127.0.0.1 (Boost.Beast over asio::ssl, HTTP/1.1 keep-alive) answers each POST
// with an event stream whose first event leaves together with the response head. Its
// certificate is self-signed, made by this driver at run time (OpenSSL), and trusted by the
// client through CurlHttpClient's caFile. Each post is timed from the call to post() to the
// first body piece reaching the handler, in three ways:
//   kept-alive:       one client, the connection of the previous post reused;
//   new connection:   one client, HttpRequest::freshConnection (a retry's way): TCP and a TLS
//                     handshake that resumes the client's cached TLS session;
//   new client:       a CurlHttpClient per post, as every post was before issue 14: TCP and a
//                     full TLS handshake.
// Loopback has no network round trips: over the internet each handshake adds one or two RTTs.
//
// Usage: nexus_connection_reuse_bench [--requests N]   (default 50 per way, after one warm-up)

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "api/latency.hpp"
#include "bench_temp_dir.hpp"
#include "llm/http/curl_http_client.hpp"

namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using nexus::bench::Latencies;

// ---- a self-signed certificate for 127.0.0.1 ----

struct KeyDeleter { void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); } };
struct CertificateDeleter { void operator()(X509* certificate) const { X509_free(certificate); } };
struct BioDeleter { void operator()(BIO* bio) const { BIO_free(bio); } };
struct ExtensionDeleter { void operator()(X509_EXTENSION* extension) const { X509_EXTENSION_free(extension); } };

struct PemCredentials {
  std::string certificate;
  std::string privateKey;
};

void addExtension(X509* certificate, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  const std::unique_ptr<X509_EXTENSION, ExtensionDeleter> extension(
      X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1) {
    throw std::runtime_error(std::string("cannot add the certificate extension ") + value);
  }
}

template <typename Write>
std::string pem(Write write) {
  const std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) throw std::runtime_error("cannot write PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// A P-256 key and a certificate for IP 127.0.0.1, valid for an hour, signed by that key: the
// one certificate is server certificate and certificate authority at once.
PemCredentials selfSignedCertificate() {
  const std::unique_ptr<EVP_PKEY, KeyDeleter> key(EVP_EC_gen("P-256"));
  const std::unique_ptr<X509, CertificateDeleter> certificate(X509_new());
  if (!key || !certificate) throw std::runtime_error("cannot make a key and certificate");
  X509* cert = certificate.get();
  X509_set_version(cert, 2);  // v3
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1,
                             0);
  X509_set_issuer_name(cert, name);
  addExtension(cert, NID_basic_constraints, "critical,CA:TRUE");
  addExtension(cert, NID_subject_key_identifier, "hash");
  addExtension(cert, NID_subject_alt_name, "IP:127.0.0.1");
  if (X509_sign(cert, key.get(), EVP_sha256()) == 0) throw std::runtime_error("cannot sign the certificate");
  const auto writeKey = [&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  };
  return {pem([&](BIO* bio) { return PEM_write_bio_X509(bio, cert); }), pem(writeKey)};
}

// ---- the server ----

std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + std::string(data) + "\r\n";
}

// The first event leaves with the head, in one write; the rest of the stream after it.
const std::string kHeadAndFirstEvent =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" +
    chunk("event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
const std::string kRestOfTheStream = chunk("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n") + "0\r\n\r\n";

// HTTPS on 127.0.0.1, a thread per connection, requests one after another on each (keep-alive).
// Counts connections and the TLS handshakes that resumed a session; notes the TLS version.
// Thread-safe.
class TlsStreamServer {
 public:
  explicit TlsStreamServer(const PemCredentials& credentials)
      : tls_(ssl::context::tls_server), acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    tls_.use_certificate(asio::buffer(credentials.certificate), ssl::context::pem);
    tls_.use_private_key(asio::buffer(credentials.privateKey), ssl::context::pem);
    acceptThread_ = std::thread([this] { acceptLoop(); });
  }
  TlsStreamServer(const TlsStreamServer&) = delete;
  TlsStreamServer& operator=(const TlsStreamServer&) = delete;

  // Wakes every blocked accept and read (shutdown(), which Linux honours on any thread), joins.
  ~TlsStreamServer() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
      ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
      for (const int fd : connectionFds_) ::shutdown(fd, SHUT_RDWR);
    }
    acceptThread_.join();
    for (auto& thread : connectionThreads_) thread.join();
  }

  std::string url() const {
    return "https://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/v1/messages";
  }
  int connections() const { return connections_; }
  int resumedHandshakes() const { return resumedHandshakes_; }
  std::string tlsVersion() const {
    const std::lock_guard lock(mutex_);
    return tlsVersion_;
  }

 private:
  void acceptLoop() {
    for (;;) {
      auto socket = std::make_shared<tcp::socket>(io_);
      boost::system::error_code error;
      acceptor_.accept(*socket, error);
      const std::lock_guard lock(mutex_);
      if (stopping_ || error) return;
      socket->set_option(tcp::no_delay(true));
      const std::size_t index = connectionFds_.size();
      connectionFds_.push_back(socket->native_handle());
      ++connections_;
      connectionThreads_.emplace_back([this, socket, index] { serve(std::move(*socket), index); });
    }
  }

  void serve(tcp::socket socket, std::size_t index) {
    ssl::stream<tcp::socket> stream(std::move(socket), tls_);
    converse(stream);
    const std::lock_guard lock(mutex_);
    connectionFds_[index] = -1;  // the socket closes as this returns: its number may be reused
  }

  void converse(ssl::stream<tcp::socket>& stream) {
    boost::system::error_code error;
    stream.handshake(ssl::stream_base::server, error);
    if (error) return;
    if (SSL_session_reused(stream.native_handle()) == 1) ++resumedHandshakes_;
    {
      const std::lock_guard lock(mutex_);
      tlsVersion_ = SSL_get_version(stream.native_handle());
    }
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      http::read(stream, buffer, request, error);
      if (error) return;  // the client closed, or the server stops
      asio::write(stream, asio::buffer(kHeadAndFirstEvent), error);
      if (!error) asio::write(stream, asio::buffer(kRestOfTheStream), error);
      if (error || !request.keep_alive()) return;
    }
  }

  asio::io_context io_;
  ssl::context tls_;
  tcp::acceptor acceptor_;
  mutable std::mutex mutex_;
  bool stopping_ = false;
  std::string tlsVersion_;
  std::vector<int> connectionFds_;
  std::list<std::thread> connectionThreads_;
  std::atomic<int> connections_{0};
  std::atomic<int> resumedHandshakes_{0};
  std::thread acceptThread_;  // last: starts once everything above exists
};

// ---- the client side ----

nexus::http::HttpRequest streamRequest(const std::string& url, bool freshConnection) {
  nexus::http::HttpRequest request;
  request.url = url;
  request.headers = {{"content-type", "application/json"}, {"accept", "text/event-stream"}};
  request.body = R"({"model":"bench","stream":true,"messages":[{"role":"user","content":"Hello"}]})";
  request.freshConnection = freshConnection;
  return request;
}

// From the call to post() until the first body piece reaches the handler; the whole stream is
// read, so that the connection is left for the next post.
Clock::duration timeToFirstBodyByte(nexus::http::HttpClient& client, const nexus::http::HttpRequest& request) {
  const auto start = Clock::now();
  Clock::time_point firstByte{};
  const auto outcome = client.post(
      request, [](const nexus::http::HttpResponseHead&) { return true; },
      [&](std::string_view) {
        if (firstByte == Clock::time_point{}) firstByte = Clock::now();
        return true;
      },
      {});
  if (!outcome.ok()) throw std::runtime_error(outcome.error->message);
  if (firstByte == Clock::time_point{}) throw std::runtime_error("the response had no body");
  return firstByte - start;
}

// One warm-up post (libcurl, OpenSSL and the server's thread start), then `requests` timed ones.
Latencies measure(std::size_t requests, const std::function<Clock::duration()>& timeOnePost) {
  (void)timeOnePost();
  Latencies latencies;
  for (std::size_t i = 0; i < requests; ++i) latencies.add(timeOnePost());
  return latencies;
}

struct Way {
  std::string name;
  Latencies latencies;
  int connectionsOpened = 0;  // for the timed posts and the warm-up
  int resumedHandshakes = 0;
  std::string tlsVersion;
};

Way keptAlive(std::size_t requests, const PemCredentials& credentials, const std::string& caFile) {
  TlsStreamServer server(credentials);
  nexus::http::CurlHttpClient client("bench", caFile);
  const auto request = streamRequest(server.url(), false);
  Latencies latencies = measure(requests, [&] { return timeToFirstBodyByte(client, request); });
  return {"kept-alive connection", std::move(latencies), server.connections(), server.resumedHandshakes(),
          server.tlsVersion()};
}

Way newConnection(std::size_t requests, const PemCredentials& credentials, const std::string& caFile) {
  TlsStreamServer server(credentials);
  nexus::http::CurlHttpClient client("bench", caFile);
  const auto request = streamRequest(server.url(), true);
  Latencies latencies = measure(requests, [&] { return timeToFirstBodyByte(client, request); });
  return {"new connection (freshConnection)", std::move(latencies), server.connections(), server.resumedHandshakes(),
          server.tlsVersion()};
}

Way newClient(std::size_t requests, const PemCredentials& credentials, const std::string& caFile) {
  TlsStreamServer server(credentials);
  const auto request = streamRequest(server.url(), false);
  Latencies latencies = measure(requests, [&] {
    nexus::http::CurlHttpClient client("bench", caFile);  // made before the clock starts
    return timeToFirstBodyByte(client, request);
  });
  return {"new client per post (before issue 14)", std::move(latencies), server.connections(),
          server.resumedHandshakes(), server.tlsVersion()};
}

void print(Way& way, std::size_t posts) {
  std::printf("  %-38s p50 %8.1f us  p90 %8.1f us  max %8.1f us  connections %3d, resumed TLS %3d (%zu posts, %s)\n",
              way.name.c_str(), way.latencies.percentile(50), way.latencies.percentile(90),
              way.latencies.percentile(100), way.connectionsOpened, way.resumedHandshakes, posts,
              way.tlsVersion.c_str());
}

std::size_t requestsFrom(int argc, char** argv) {
  if (argc == 1) return 50;
  std::size_t requests = 0;
  if (argc == 3 && std::string_view(argv[1]) == "--requests") {
    const std::string_view digits(argv[2]);
    const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), requests);
    if (parsed.ec == std::errc{} && parsed.ptr == digits.data() + digits.size() && requests > 0) return requests;
  }
  throw std::invalid_argument("usage: nexus_connection_reuse_bench [--requests N]");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::size_t requests = requestsFrom(argc, argv);
    const PemCredentials credentials = selfSignedCertificate();
    const nexus::bench::TempDir directory("nexus-connection-bench");
    const std::string caFile = directory.file("ca.pem");
    std::ofstream(caFile) << credentials.certificate;

    std::printf("Time to the first streamed body byte over TLS to 127.0.0.1 through CurlHttpClient: %zu posts per "
                "way (after one warm-up), HTTP/1.1, P-256 certificate\n",
                requests);
    std::vector<Way> ways;
    ways.push_back(keptAlive(requests, credentials, caFile));
    ways.push_back(newConnection(requests, credentials, caFile));
    ways.push_back(newClient(requests, credentials, caFile));
    for (Way& way : ways) print(way, requests + 1);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "nexus_connection_reuse_bench: %s\n", error.what());
    return 1;
  }
}
