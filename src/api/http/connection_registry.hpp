#pragma once
// The server's live connections: counted against ServerOptions::maxConnections, and reached
// by stop() to end them gracefully.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace nexus::api::http {

// A connection as the server sees it. Both calls are thread-safe (they post to the
// connection's strand) and idempotent.
class Connection {
 public:
  virtual ~Connection() = default;
  // Finishes what is in progress, then closes: an HTTP connection after the response it owes,
  // a WebSocket after its calls in flight are answered, with a 1001 close frame.
  virtual void shutdown() = 0;
  // Closes the socket now.
  virtual void abort() = 0;
};

// Thread-safe.
class ConnectionRegistry {
 public:
  // A connection's entry; it leaves the registry when this is destroyed (with the connection).
  class Membership {
   public:
    Membership() = default;
    Membership(Membership&& other) noexcept;
    Membership& operator=(Membership&& other) noexcept;
    ~Membership();

   private:
    friend class ConnectionRegistry;
    Membership(ConnectionRegistry* registry, std::uint64_t id) : registry_(registry), id_(id) {}
    ConnectionRegistry* registry_ = nullptr;
    std::uint64_t id_ = 0;
  };

  [[nodiscard]] Membership add(std::weak_ptr<Connection> connection);
  std::size_t size() const;
  // The connections alive now, held so that the caller can reach them outside the lock.
  std::vector<std::shared_ptr<Connection>> snapshot() const;
  // False when connections remain at `deadline`.
  bool waitUntilEmpty(std::chrono::steady_clock::time_point deadline) const;

 private:
  void remove(std::uint64_t id);

  mutable std::mutex mutex_;
  mutable std::condition_variable emptied_;
  std::map<std::uint64_t, std::weak_ptr<Connection>> connections_;
  std::uint64_t nextId_ = 1;
};

}  // namespace nexus::api::http
