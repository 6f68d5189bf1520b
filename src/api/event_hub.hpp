#pragma once
// Carries EventBus events to the API's clients: each event becomes one `nexus-event`
// notification ({type, payload, timestamp}), serialised once however many clients receive it,
// and handed to every listener whose filter admits it.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "events/event_bus.hpp"

namespace nexus::api {

// Which events a client wants. Empty sets admit everything; an event without a sessionId
// (a system-wide error) passes any session filter; a silent filter admits nothing.
struct EventFilter {
  std::set<std::string, std::less<>> sessionIds;
  std::set<std::string, std::less<>> types;
  bool silent = false;

  bool admits(std::string_view type, std::string_view sessionId) const;
};

using Notification = std::shared_ptr<const std::string>;

// Thread-safe. Sinks run on the thread that emitted the event (often a turn in progress), so a
// sink must only queue the notification, never block on a slow client, and never destroy its
// own Listener (the hub waits for deliveries in progress before a Listener goes).
class EventHub {
 public:
  using Sink = std::function<void(const Notification& notification)>;

  // A client's place in the hub; stops receiving when destroyed.
  class Listener {
   public:
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    void setFilter(EventFilter filter);
    EventFilter filter() const;

   private:
    friend class EventHub;
    Listener(EventHub& hub, std::uint64_t id) : hub_(hub), id_(id) {}
    EventHub& hub_;
    std::uint64_t id_;
  };

  // The bus must outlive the hub, and the hub every Listener.
  explicit EventHub(EventBus& bus);
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Every event from now on, until the filter narrows it.
  [[nodiscard]] std::unique_ptr<Listener> listen(Sink sink);
  std::size_t listenerCount() const;

  // The notification text of one event, as listeners receive it.
  static std::string notificationFor(const Event& event);

 private:
  struct Entry {
    Sink sink;
    EventFilter filter;
  };
  void deliver(const Event& event);
  void remove(std::uint64_t id);
  // Both under the unique lock.
  void index(std::uint64_t id, const EventFilter& filter);
  void unindex(std::uint64_t id, const EventFilter& filter);

  mutable std::shared_mutex mutex_;
  std::map<std::uint64_t, Entry> entries_;
  // Who may want an event of a given session, so that a server whose thousand clients each
  // follow their own session does not test every client for every event: listeners of named
  // sessions by session, listeners of every session apart; silent ones in neither.
  std::unordered_map<std::string, std::set<std::uint64_t>> bySession_;
  std::set<std::uint64_t> everySession_;
  std::uint64_t nextId_ = 1;
  EventBus::Subscription subscription_;  // last: unsubscribed before the entries go
};

}  // namespace nexus::api
