#pragma once
// Publish/subscribe of interview events within the process.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace nexus {

struct Event {
  std::string type;
  nlohmann::json payload;
  Timestamp timestamp;
};

// Thread-safe: subscribe, unsubscribe and emit may be called from any thread, also from inside
// a handler. Handlers run on the emitting thread, outside the bus's lock, in subscription
// order. A handler that throws is logged and skipped; the others still run. After
// unsubscribe returns the handler is never called again, but a call already in progress on
// another thread may still be finishing.
class EventBus {
 public:
  using Handler = std::function<void(const Event&)>;

  // Unsubscribes when destroyed or on reset(); movable, not copyable.
  class Subscription {
   public:
    Subscription() = default;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    ~Subscription();
    void reset();
    bool active() const { return bus_ != nullptr; }

   private:
    friend class EventBus;
    Subscription(EventBus* bus, std::uint64_t id) : bus_(bus), id_(id) {}
    EventBus* bus_ = nullptr;
    std::uint64_t id_ = 0;
  };

  // The bus must outlive every Subscription it hands out.
  explicit EventBus(const Clock& clock) : clock_(clock) {}
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  [[nodiscard]] Subscription subscribe(std::string type, Handler handler);
  [[nodiscard]] Subscription subscribeAll(Handler handler);
  void emit(std::string_view type, nlohmann::json payload);

  std::size_t subscriberCount() const;

 private:
  struct Entry {
    std::uint64_t id;
    std::string type;  // empty: every type
    std::shared_ptr<Handler> handler;
  };

  Subscription add(std::string type, Handler handler);
  void remove(std::uint64_t id);

  const Clock& clock_;
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t nextId_ = 1;
};

}  // namespace nexus
