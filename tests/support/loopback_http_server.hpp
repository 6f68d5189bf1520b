#pragma once
// A real HTTP/1.1 server on 127.0.0.1 for tests of HTTP clients: it records every request and
// answers with a scripted handler that controls the bytes on the wire (chunked or
// close-delimited bodies written in pieces, pauses, abrupt drops), and counts the connections
// it accepted. Never leaves loopback.

#include <chrono>
#include <cstddef>
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

// How many requests a connection carries.
enum class ConnectionReuse {
  OnePerRequest,  // every response says "Connection: close", and the connection closes after it
  // HTTP/1.1's default: requests follow one another on a connection, until the client closes
  // it or a response is close-delimited, dropped, or says "Connection: close" itself.
  KeepAlive,
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
  // Status line and headers (the framing header, and Connection: close unless the connection
  // is kept alive, are added).
  bool sendHead(int status, const http::HttpHeaders& headers, BodyFraming framing);
  // One piece of the body in one write: a chunk when chunked, raw bytes otherwise.
  bool sendBody(std::string_view bytes);
  // Ends the body cleanly: the last chunk, then close — unless the connection is kept alive.
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
  // The response ended cleanly and the connection may carry the next request.
  bool leftConnectionOpen() const;

  LoopbackHttpServer& server_;
  int connectionId_;
  BodyFraming framing_ = BodyFraming::Chunked;
  bool keepAlive_ = false;  // decided by sendHead()
  bool finished_ = false;
};

// Thread-safe. One thread accepts; each connection gets its own thread and carries one
// request, or with ConnectionReuse::KeepAlive one after another. The destructor stops
// everything, also while clients are still connected or a handler pauses.
class LoopbackHttpServer {
 public:
  using Handler = std::function<void(const RecordedRequest&, ResponseWriter&)>;

  // Binds 127.0.0.1 on a free port.
  explicit LoopbackHttpServer(Handler handler, ConnectionReuse reuse = ConnectionReuse::OnePerRequest);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<RecordedRequest> requests() const;
  // TCP connections accepted so far: how many a client opened for its requests.
  std::size_t acceptedConnections() const;
  bool stopping() const;

 private:
  friend class ResponseWriter;
  void acceptLoop();
  void serve(int connectionId);
  bool writeAll(int connectionId, std::string_view bytes);
  void closeConnection(int connectionId, bool reset);
  bool isOpen(int connectionId) const;

  Handler handler_;
  ConnectionReuse reuse_;
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
