#include "api/event_hub.hpp"

#include "api/json_rpc.hpp"
#include "core/json.hpp"

namespace nexus::api {

bool EventFilter::admits(std::string_view type, std::string_view sessionId) const {
  if (silent) return false;
  if (!types.empty() && types.find(type) == types.end()) return false;
  if (sessionIds.empty() || sessionId.empty()) return true;
  return sessionIds.find(sessionId) != sessionIds.end();
}

EventHub::EventHub(EventBus& bus) : subscription_(bus.subscribeAll([this](const Event& event) { deliver(event); })) {}

EventHub::Listener::~Listener() { hub_.remove(id_); }

void EventHub::Listener::setFilter(EventFilter filter) {
  std::unique_lock lock(hub_.mutex_);
  hub_.entries_.at(id_).filter = std::move(filter);
}

EventFilter EventHub::Listener::filter() const {
  std::shared_lock lock(hub_.mutex_);
  return hub_.entries_.at(id_).filter;
}

std::unique_ptr<EventHub::Listener> EventHub::listen(Sink sink) {
  std::unique_lock lock(mutex_);
  const std::uint64_t id = nextId_++;
  entries_.emplace(id, Entry{std::move(sink), {}});
  return std::unique_ptr<Listener>(new Listener(*this, id));
}

std::size_t EventHub::listenerCount() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

std::string EventHub::notificationFor(const Event& event) {
  return serialize({{"jsonrpc", "2.0"},
                    {"method", rpc::kEventNotification},
                    {"params", {{"type", event.type}, {"payload", event.payload}, {"timestamp", timestampToJson(event.timestamp)}}}});
}

void EventHub::deliver(const Event& event) {
  const auto sessionField = event.payload.is_object() ? event.payload.find("sessionId") : event.payload.end();
  const std::string_view sessionId =
      sessionField != event.payload.end() && sessionField->is_string() ? sessionField->get_ref<const std::string&>()
                                                                       : std::string_view{};
  Notification notification;  // made on first use: an event nobody wants is never serialised
  // Shared lock: events of different sessions are delivered in parallel; a sink never blocks.
  std::shared_lock lock(mutex_);
  for (const auto& [id, entry] : entries_) {
    if (!entry.filter.admits(event.type, sessionId)) continue;
    if (!notification) notification = std::make_shared<const std::string>(notificationFor(event));
    entry.sink(notification);
  }
}

void EventHub::remove(std::uint64_t id) {
  std::unique_lock lock(mutex_);
  entries_.erase(id);
}

}  // namespace nexus::api
