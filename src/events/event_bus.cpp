#include "events/event_bus.hpp"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

namespace nexus {

EventBus::Subscription::Subscription(Subscription&& other) noexcept : bus_(other.bus_), id_(other.id_) {
  other.bus_ = nullptr;
}

EventBus::Subscription& EventBus::Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    reset();
    bus_ = other.bus_;
    id_ = other.id_;
    other.bus_ = nullptr;
  }
  return *this;
}

EventBus::Subscription::~Subscription() { reset(); }

void EventBus::Subscription::reset() {
  if (bus_ != nullptr) bus_->remove(id_);
  bus_ = nullptr;
}

EventBus::Subscription EventBus::subscribe(std::string type, Handler handler) {
  return add(std::move(type), std::move(handler));
}

EventBus::Subscription EventBus::subscribeAll(Handler handler) { return add(std::string{}, std::move(handler)); }

EventBus::Subscription EventBus::add(std::string type, Handler handler) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = nextId_++;
  entries_.push_back({id, std::move(type), std::make_shared<Handler>(std::move(handler))});
  return Subscription(this, id);
}

void EventBus::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [id](const Entry& e) { return e.id == id; });
}

std::size_t EventBus::subscriberCount() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void EventBus::emit(std::string_view type, nlohmann::json payload) {
  const Event event{std::string(type), std::move(payload), clock_.now()};
  std::vector<std::pair<std::uint64_t, std::shared_ptr<Handler>>> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& entry : entries_) {
      if (entry.type.empty() || entry.type == type) targets.emplace_back(entry.id, entry.handler);
    }
  }
  for (const auto& [id, handler] : targets) {
    {
      // Skip handlers unsubscribed since the snapshot (possibly by an earlier handler).
      std::lock_guard lock(mutex_);
      const bool stillThere =
          std::any_of(entries_.begin(), entries_.end(), [id = id](const Entry& e) { return e.id == id; });
      if (!stillThere) continue;
    }
    try {
      (*handler)(event);
    } catch (const std::exception& e) {
      spdlog::warn("event handler for {} threw: {}", event.type, e.what());
    } catch (...) {
      spdlog::warn("event handler for {} threw a non-standard exception", event.type);
    }
  }
}

}  // namespace nexus
