#pragma once
// Expected failures travel as values (leveldb's Status idea); exceptions are for bugs and
// start-up failures only.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace nexus {

// Spelled on the wire (system:error's "code", JSON-RPC error data.code) by toString in
// core/enums.hpp; the message beside it is for people and may change.
enum class ErrorCode {
  InvalidArgument,   // the caller's input is wrong (empty message, bad id)
  InvalidRequest,    // the request itself is malformed (not a JSON-RPC call, params neither array nor object)
  ParseError,        // the input is not in the format it claims (not JSON)
  UnknownMethod,     // no such method
  NotFound,          // no such session
  NotActive,         // the session is paused or completed
  Busy,              // another process works on the session
  PayloadTooLarge,   // over a size limit
  ModelFailed,       // the model backend failed; see Error::retryable
  StorageFailed,     // the store could not read or write
  Cancelled,         // the caller (pause, end, shutdown) cancelled the work
  Internal,          // a bug
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;     // one line a person can act on
  bool retryable = false;  // sending the same request again may succeed

  static Error invalidArgument(std::string message) { return {ErrorCode::InvalidArgument, std::move(message)}; }
  static Error invalidRequest(std::string message) { return {ErrorCode::InvalidRequest, std::move(message)}; }
  static Error notFound(std::string message) { return {ErrorCode::NotFound, std::move(message)}; }
  static Error notActive(std::string message) { return {ErrorCode::NotActive, std::move(message)}; }
  static Error busy(std::string message) { return {ErrorCode::Busy, std::move(message)}; }
  static Error tooLarge(std::string message) { return {ErrorCode::PayloadTooLarge, std::move(message)}; }
  static Error modelFailed(std::string message, bool retryable) {
    return {ErrorCode::ModelFailed, std::move(message), retryable};
  }
  static Error storageFailed(std::string message) { return {ErrorCode::StorageFailed, std::move(message), true}; }
  static Error cancelled(std::string message) { return {ErrorCode::Cancelled, std::move(message), true}; }
  static Error internal(std::string message) { return {ErrorCode::Internal, std::move(message)}; }
};

// A value or an Error. Accessing the wrong side is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}     // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(failed_); return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace nexus
