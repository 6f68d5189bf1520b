#include "support/loopback_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "core/text.hpp"

namespace nexus::test {

namespace {

std::string reasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 529: return "Overloaded";
    default: return "Status";
  }
}

// Parses "METHOD target HTTP/1.1\r\nName: value\r\n...\r\n" (without the final CRLF CRLF).
bool parseHead(std::string_view head, RecordedRequest& request) {
  const std::size_t lineEnd = head.find("\r\n");
  const std::string_view requestLine = head.substr(0, lineEnd);
  const std::size_t firstSpace = requestLine.find(' ');
  const std::size_t secondSpace = requestLine.find(' ', firstSpace + 1);
  if (firstSpace == std::string_view::npos || secondSpace == std::string_view::npos) return false;
  request.method = std::string(requestLine.substr(0, firstSpace));
  request.target = std::string(requestLine.substr(firstSpace + 1, secondSpace - firstSpace - 1));
  std::size_t position = lineEnd == std::string_view::npos ? head.size() : lineEnd + 2;
  while (position < head.size()) {
    std::size_t end = head.find("\r\n", position);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(position, end - position);
    if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      request.headers.add(std::string(text::trim(line.substr(0, colon))), std::string(text::trim(line.substr(colon + 1))));
    }
    position = end + 2;
  }
  return true;
}

// The next request on a connection. `pending` holds the bytes read but not yet used, before
// and after: a client may send its next request before the answer to this one. nullopt once the
// connection ends (or is shut down) before a whole, well-formed request arrived.
std::optional<RecordedRequest> readRequest(int fd, std::string& pending) {
  char buffer[16384];
  for (;;) {
    if (const std::size_t headEnd = pending.find("\r\n\r\n"); headEnd != std::string::npos) {
      RecordedRequest request;
      if (!parseHead(std::string_view(pending).substr(0, headEnd), request)) return std::nullopt;
      std::size_t contentLength = 0;
      if (auto length = request.headers.find("content-length")) contentLength = std::stoul(std::string(*length));
      const std::size_t requestEnd = headEnd + 4 + contentLength;
      if (pending.size() >= requestEnd) {
        request.body = pending.substr(headEnd + 4, contentLength);
        pending.erase(0, requestEnd);
        return request;
      }
    }
    const ssize_t count = ::recv(fd, buffer, sizeof buffer, 0);
    if (count <= 0) return std::nullopt;
    pending.append(buffer, static_cast<std::size_t>(count));
  }
}

bool saysClose(const http::HttpHeaders& headers) {
  const auto connection = headers.find("connection");
  return connection && text::toLower(*connection) == "close";
}

}  // namespace

// ---- ResponseWriter ----

bool ResponseWriter::sendHead(int status, const http::HttpHeaders& headers, BodyFraming framing) {
  framing_ = framing;
  keepAlive_ = server_.reuse_ == ConnectionReuse::KeepAlive && framing != BodyFraming::CloseDelimited &&
               !saysClose(headers);
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reasonPhrase(status) + "\r\n";
  for (const auto& header : headers.all()) head += header.name + ": " + header.value + "\r\n";
  if (framing == BodyFraming::Chunked) head += "Transfer-Encoding: chunked\r\n";
  if (!keepAlive_ && !saysClose(headers)) head += "Connection: close\r\n";
  head += "\r\n";
  return server_.writeAll(connectionId_, head);
}

bool ResponseWriter::sendBody(std::string_view bytes) {
  if (framing_ != BodyFraming::Chunked) return server_.writeAll(connectionId_, bytes);
  if (bytes.empty()) return true;  // an empty chunk would end the body
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", bytes.size());
  return server_.writeAll(connectionId_, std::string(size) + std::string(bytes) + "\r\n");
}

void ResponseWriter::finish() {
  if (finished_) return;
  finished_ = true;
  if (framing_ == BodyFraming::Chunked) server_.writeAll(connectionId_, "0\r\n\r\n");
  if (!keepAlive_) server_.closeConnection(connectionId_, false);
}

void ResponseWriter::drop(bool reset) {
  finished_ = true;
  server_.closeConnection(connectionId_, reset);
}

bool ResponseWriter::respond(int status, const http::HttpHeaders& headers, std::string_view body) {
  http::HttpHeaders withLength = headers;
  withLength.add("Content-Length", std::to_string(body.size()));
  const bool sent = sendHead(status, withLength, BodyFraming::ContentLength) && server_.writeAll(connectionId_, body);
  finish();
  return sent;
}

bool ResponseWriter::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(server_.mutex_);
  return !server_.stopSignal_.wait_for(lock, duration, [&] { return server_.stopping_; });
}

bool ResponseWriter::sendRaw(std::string_view bytes) { return server_.writeAll(connectionId_, bytes); }

bool ResponseWriter::leftConnectionOpen() const {
  return finished_ && keepAlive_ && server_.isOpen(connectionId_);
}

// ---- LoopbackHttpServer ----

LoopbackHttpServer::LoopbackHttpServer(Handler handler, ConnectionReuse reuse)
    : handler_(std::move(handler)), reuse_(reuse) {
  listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listenFd_ < 0) throw std::runtime_error("loopback server: socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // any free port
  socklen_t length = sizeof address;
  if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listenFd_, 64) != 0 ||
      ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(listenFd_);
    throw std::runtime_error("loopback server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  acceptThread_ = std::thread([this] { acceptLoop(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    // Wakes accept() and every blocked read or write; each connection thread closes its own fd.
    ::shutdown(listenFd_, SHUT_RDWR);
    for (int fd : connectionFds_) {
      if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
    }
  }
  stopSignal_.notify_all();
  acceptThread_.join();
  for (auto& thread : connectionThreads_) thread.join();
  ::close(listenFd_);
}

std::vector<RecordedRequest> LoopbackHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t LoopbackHttpServer::acceptedConnections() const {
  std::lock_guard lock(mutex_);
  return connectionFds_.size();
}

bool LoopbackHttpServer::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void LoopbackHttpServer::acceptLoop() {
  for (;;) {
    const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      if (fd >= 0) ::close(fd);
      return;
    }
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;
    }
    const int noDelay = 1;  // each write leaves as its own segment: events split across TCP writes
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    const int connectionId = static_cast<int>(connectionFds_.size());
    connectionFds_.push_back(fd);
    connectionThreads_.emplace_back([this, connectionId] { serve(connectionId); });
  }
}

void LoopbackHttpServer::serve(int connectionId) {
  int fd = -1;
  {
    std::lock_guard lock(mutex_);
    fd = connectionFds_[connectionId];
  }
  std::string pending;
  // `fd` is read again only while the connection is open: once closed, its number may be reused.
  while (auto request = readRequest(fd, pending)) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(*request);
    }
    ResponseWriter writer(*this, connectionId);
    try {
      handler_(*request, writer);
    } catch (...) {  // a failing handler ends the connection; the test sees it as a dropped response
      break;
    }
    if (!writer.leftConnectionOpen()) break;
  }
  closeConnection(connectionId, false);
}

bool LoopbackHttpServer::writeAll(int connectionId, std::string_view bytes) {
  int fd = -1;
  {
    std::lock_guard lock(mutex_);
    fd = connectionFds_[connectionId];
  }
  while (fd >= 0 && !bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return fd >= 0;
}

void LoopbackHttpServer::closeConnection(int connectionId, bool reset) {
  std::lock_guard lock(mutex_);
  int& fd = connectionFds_[connectionId];
  if (fd < 0) return;
  if (reset) {
    const linger abortive{1, 0};  // close() then sends RST instead of FIN
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  }
  ::close(fd);
  fd = -1;
}

bool LoopbackHttpServer::isOpen(int connectionId) const {
  std::lock_guard lock(mutex_);
  return connectionFds_[connectionId] >= 0;
}

int unusedLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace nexus::test
