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
  Entry& entry = hub_.entries_.at(id_);
  hub_.unindex(id_, entry.filter);
  entry.filter = std::move(filter);
  hub_.index(id_, entry.filter);
}

EventFilter EventHub::Listener::filter() const {
  std::shared_lock lock(hub_.mutex_);
  return hub_.entries_.at(id_).filter;
}

std::unique_ptr<EventHub::Listener> EventHub::listen(Sink sink) {
  std::unique_lock lock(mutex_);
  const std::uint64_t id = nextId_++;
  entries_.emplace(id, Entry{std::move(sink), {}});
  everySession_.insert(id);
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
  const auto offer = [&](const Entry& entry) {
    if (!entry.filter.admits(event.type, sessionId)) return;
    if (!notification) notification = std::make_shared<const std::string>(notificationFor(event));
    entry.sink(notification);
  };
  // Shared lock: events of different sessions are delivered in parallel; a sink never blocks.
  std::shared_lock lock(mutex_);
  if (sessionId.empty()) {  // a system-wide event passes every session filter
    for (const auto& [id, entry] : entries_) offer(entry);
    return;
  }
  for (const std::uint64_t id : everySession_) offer(entries_.at(id));
  if (const auto followers = bySession_.find(std::string(sessionId)); followers != bySession_.end()) {
    for (const std::uint64_t id : followers->second) offer(entries_.at(id));
  }
}

void EventHub::remove(std::uint64_t id) {
  std::unique_lock lock(mutex_);
  const auto entry = entries_.find(id);
  if (entry == entries_.end()) return;
  unindex(id, entry->second.filter);
  entries_.erase(entry);
}

void EventHub::index(std::uint64_t id, const EventFilter& filter) {
  if (filter.silent) return;
  if (filter.sessionIds.empty()) {
    everySession_.insert(id);
    return;
  }
  for (const auto& sessionId : filter.sessionIds) bySession_[sessionId].insert(id);
}

void EventHub::unindex(std::uint64_t id, const EventFilter& filter) {
  everySession_.erase(id);
  for (const auto& sessionId : filter.sessionIds) {
    const auto followers = bySession_.find(sessionId);
    if (followers == bySession_.end()) continue;
    followers->second.erase(id);
    if (followers->second.empty()) bySession_.erase(followers);
  }
}

}  // namespace nexus::api
