#pragma once
// A vector whose copies cost O(1): they share one buffer until one of them is changed, and only
// then does the changed one get a buffer of its own (copy on write). The engine hands the
// session's requirements, questions, findings and conflicts to the interviewer this way on every
// turn (InterviewContext), so a turn does not copy what a long session holds, and the person's
// edits during the model call never reach the lists the interviewer is reading.
//
// Thread safety: one object is like a std::vector (reads at once, changes alone); distinct
// objects that share a buffer may be read and changed from different threads, since a change
// first takes a buffer of its own unless the object is the buffer's only holder.

#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace nexus {

template <class T>
class CowVector {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using const_iterator = const T*;
  using iterator = const T*;  // reading only: changes go through edit()
  using const_reference = const T&;
  using reference = const T&;

  CowVector() = default;
  CowVector(std::vector<T> items)  // NOLINT(google-explicit-constructor): a list is a list
      : items_(items.empty() ? nullptr : std::make_shared<std::vector<T>>(std::move(items))) {}
  CowVector(std::initializer_list<T> items) : CowVector(std::vector<T>(items)) {}

  const std::vector<T>& items() const { return items_ ? *items_ : none(); }
  operator const std::vector<T>&() const { return items(); }  // NOLINT(google-explicit-constructor)

  const T* data() const { return items().data(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  std::size_t size() const { return items_ ? items_->size() : 0; }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const { return (*items_)[i]; }
  const T& front() const { return items_->front(); }
  const T& back() const { return items_->back(); }

  // The vector to change, this object's own: copied first when another object shares it.
  std::vector<T>& edit() {
    if (!items_) {
      items_ = std::make_shared<std::vector<T>>();
    } else if (items_.use_count() > 1) {
      items_ = std::make_shared<std::vector<T>>(*items_);
    } else {
      // The last other holder may have let go on another thread just now: what it read of the
      // buffer happens before what this one writes (its release, this acquire).
      std::atomic_thread_fence(std::memory_order_acquire);
    }
    return *items_;
  }
  void push_back(T value) { edit().push_back(std::move(value)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return edit().emplace_back(std::forward<Args>(args)...);
  }
  void clear() { items_.reset(); }

  // True when both are the same buffer (no copy was made between them).
  bool sharesWith(const CowVector& other) const { return items_ != nullptr && items_ == other.items_; }

  friend bool operator==(const CowVector& a, const CowVector& b) { return a.items() == b.items(); }
  friend bool operator==(const CowVector& a, const std::vector<T>& b) { return a.items() == b; }

 private:
  static const std::vector<T>& none() {
    static const std::vector<T> empty;
    return empty;
  }

  std::shared_ptr<std::vector<T>> items_;  // null when empty
};

}  // namespace nexus
