#pragma once
// A real HTTP/1.1 server on 127.0.0.1 for tests of HTTP clients: it records every request and
// answers with a scripted handler that controls the bytes on the wire (chunked or
// close-delimited bodies written in pieces, pauses, abrupt drops). Never leaves loopback.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "llm/http/http_headers.hpp"

namespace nexus::test {

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query, as sent
  http::HttpHeaders headers;
  std::string body;    // read by Content-Length
};

enum class BodyFraming {
  Chunked,         // Transfer-Encoding: chunked; every sendBody() is one chunk
  CloseDelimited,  // no length: the body ends when the server closes the connection
  ContentLength,   // only for respond(); the whole body at once
};

class LoopbackHttpServer;

// Writes one response. Used on the connection's thread only, inside the handler.
class ResponseWriter {
 public:
  // Status line and headers (Connection: close and the framing header are added).
  bool sendHead(int status, const http::HttpHeaders& headers, BodyFraming framing);
  // One piece of the body in one write: a chunk when chunked, raw bytes otherwise.
  bool sendBody(std::string_view bytes);
  // Ends the body cleanly (the last chunk, then close).
  void finish();
  // Closes mid-response: with reset, an RST (SO_LINGER 0); otherwise an early FIN.
  void drop(bool reset = true);
  // A whole response with Content-Length.
  bool respond(int status, const http::HttpHeaders& headers, std::string_view body);
  // Sleeps, waking early when the server shuts down; false then.
  bool pause(std::chrono::milliseconds duration);
  // Raw bytes, for tests of malformed responses.
  bool sendRaw(std::string_view bytes);

 private:
  friend class LoopbackHttpServer;
  ResponseWriter(LoopbackHttpServer& server, int connectionId) : server_(server), connectionId_(connectionId) {}
  LoopbackHttpServer& server_;
  int connectionId_;
  BodyFraming framing_ = BodyFraming::Chunked;
  bool finished_ = false;
};

// Thread-safe. One thread accepts; each connection gets its own thread and carries one
// request. The destructor stops everything, also while clients are still connected or a
// handler pauses.
class LoopbackHttpServer {
 public:
  using Handler = std::function<void(const RecordedRequest&, ResponseWriter&)>;

  explicit LoopbackHttpServer(Handler handler);  // binds 127.0.0.1 on a free port
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<RecordedRequest> requests() const;
  bool stopping() const;

 private:
  friend class ResponseWriter;
  void acceptLoop();
  void serve(int connectionId);
  bool writeAll(int connectionId, std::string_view bytes);
  void closeConnection(int connectionId, bool reset);

  Handler handler_;
  int listenFd_ = -1;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable stopSignal_;
  bool stopping_ = false;
  std::vector<RecordedRequest> requests_;
  std::vector<int> connectionFds_;   // indexed by connection id; -1 once closed
  std::list<std::thread> connectionThreads_;
  std::thread acceptThread_;
};

// A loopback port nobody listens on (bound, never listening, closed): connections are refused.
int unusedLoopbackPort();

}  // namespace nexus::test
