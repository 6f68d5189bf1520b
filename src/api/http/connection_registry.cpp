#include "api/http/connection_registry.hpp"

#include <utility>

namespace nexus::api::http {

ConnectionRegistry::Membership::Membership(Membership&& other) noexcept
    : registry_(std::exchange(other.registry_, nullptr)), id_(other.id_) {}

ConnectionRegistry::Membership& ConnectionRegistry::Membership::operator=(Membership&& other) noexcept {
  if (this != &other) {
    if (registry_ != nullptr) registry_->remove(id_);
    registry_ = std::exchange(other.registry_, nullptr);
    id_ = other.id_;
  }
  return *this;
}

ConnectionRegistry::Membership::~Membership() {
  if (registry_ != nullptr) registry_->remove(id_);
}

ConnectionRegistry::Membership ConnectionRegistry::add(std::weak_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = nextId_++;
  connections_.emplace(id, std::move(connection));
  return Membership(this, id);
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Connection>> alive;
  for (const auto& [id, connection] : connections_) {
    if (auto held = connection.lock()) alive.push_back(std::move(held));
  }
  return alive;
}

bool ConnectionRegistry::waitUntilEmpty(std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  return emptied_.wait_until(lock, deadline, [&] { return connections_.empty(); });
}

void ConnectionRegistry::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  connections_.erase(id);
  if (connections_.empty()) emptied_.notify_all();
}

}  // namespace nexus::api::http
