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
      : buffer_(items.empty() ? nullptr : new Buffer{std::move(items)}) {}
  CowVector(std::initializer_list<T> items) : CowVector(std::vector<T>(items)) {}
  CowVector(const CowVector& other) noexcept : buffer_(other.buffer_) {
    if (buffer_ != nullptr) buffer_->holders.fetch_add(1, std::memory_order_relaxed);
  }
  CowVector(CowVector&& other) noexcept : buffer_(std::exchange(other.buffer_, nullptr)) {}
  CowVector& operator=(CowVector other) noexcept {
    std::swap(buffer_, other.buffer_);
    return *this;
  }
  ~CowVector() { release(); }

  const std::vector<T>& items() const { return buffer_ != nullptr ? buffer_->items : none(); }
  operator const std::vector<T>&() const { return items(); }  // NOLINT(google-explicit-constructor)

  const T* data() const { return items().data(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  std::size_t size() const { return items().size(); }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const { return items()[i]; }
  const T& front() const { return items().front(); }
  const T& back() const { return items().back(); }

  // The vector to change, this object's own: copied first when another object shares it.
  std::vector<T>& edit() {
    // Acquire: when the last other holder has just let go, on another thread, what it read of
    // the buffer happens before what this one writes in it (the release in release()).
    if (buffer_ == nullptr) {
      buffer_ = new Buffer{};
    } else if (buffer_->holders.load(std::memory_order_acquire) != 1) {
      Buffer* own = new Buffer{buffer_->items};
      release();
      buffer_ = own;
    }
    return buffer_->items;
  }
  void push_back(T value) { edit().push_back(std::move(value)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return edit().emplace_back(std::forward<Args>(args)...);
  }
  void clear() {
    release();
    buffer_ = nullptr;
  }

  // True when both are the same buffer (no copy was made between them).
  bool sharesWith(const CowVector& other) const { return buffer_ != nullptr && buffer_ == other.buffer_; }

  friend bool operator==(const CowVector& a, const CowVector& b) { return a.items() == b.items(); }
  friend bool operator==(const CowVector& a, const std::vector<T>& b) { return a.items() == b; }

 private:
  struct Buffer {
    std::vector<T> items;
    std::atomic<std::size_t> holders{1};
  };

  static const std::vector<T>& none() {
    static const std::vector<T> empty;
    return empty;
  }
  void release() noexcept {
    if (buffer_ != nullptr && buffer_->holders.fetch_sub(1, std::memory_order_acq_rel) == 1) delete buffer_;
  }

  Buffer* buffer_ = nullptr;  // null when empty
};

}  // namespace nexus
