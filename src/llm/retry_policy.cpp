#include "llm/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <random>

#include <spdlog/spdlog.h>

#include "core/text.hpp"

namespace nexus {

namespace {

using std::chrono::milliseconds;

// A decimal number of seconds or milliseconds ("2", "1.5"); nullopt for anything else.
std::optional<double> parseNumber(std::string_view value) {
  value = text::trim(value);
  double number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc{} || end != value.data() + value.size() || !std::isfinite(number)) return std::nullopt;
  return number;
}

// An IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT"), the HTTP date every server sends.
std::optional<std::chrono::system_clock::time_point> parseHttpDate(std::string_view value) {
  const std::string copy(text::trim(value));
  std::tm fields{};
  const char* end = ::strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &fields);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return std::chrono::system_clock::from_time_t(::timegm(&fields));
}

std::optional<milliseconds> withinLimit(double millis, const RetryPolicy& policy) {
  if (millis < 0 || millis > static_cast<double>(policy.maxServerDelay.count())) return std::nullopt;
  return milliseconds(static_cast<milliseconds::rep>(std::ceil(millis)));
}

}  // namespace

milliseconds backoffCeiling(const RetryPolicy& policy, int retryNumber) {
  // Doubling past 2^30 only overflows; the cap is reached long before.
  const int doublings = std::clamp(retryNumber - 1, 0, 30);
  const double ceiling = static_cast<double>(policy.baseDelay.count()) * std::ldexp(1.0, doublings);
  return milliseconds(static_cast<milliseconds::rep>(std::min(ceiling, static_cast<double>(policy.maxDelay.count()))));
}

milliseconds backoffDelay(const RetryPolicy& policy, int retryNumber, double unitRandom) {
  const double fraction = std::clamp(unitRandom, 0.0, 1.0);
  const double ceiling = static_cast<double>(backoffCeiling(policy, retryNumber).count());
  return milliseconds(static_cast<milliseconds::rep>(ceiling * fraction));
}

double randomUnit() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

std::optional<milliseconds> serverRequestedDelay(const http::HttpHeaders& headers, const RetryPolicy& policy,
                                                 std::chrono::system_clock::time_point now) {
  if (auto value = headers.find("retry-after-ms")) {
    if (auto millis = parseNumber(*value)) return withinLimit(*millis, policy);
  }
  if (auto value = headers.find("retry-after")) {
    if (auto seconds = parseNumber(*value)) return withinLimit(*seconds * 1000.0, policy);
    if (auto date = parseHttpDate(*value)) {
      return withinLimit(static_cast<double>(std::chrono::duration_cast<milliseconds>(*date - now).count()), policy);
    }
  }
  return std::nullopt;
}

bool isRetryableStatus(int status, const http::HttpHeaders& headers) {
  if (auto shouldRetry = headers.find("x-should-retry")) {
    if (text::iequals(text::trim(*shouldRetry), "true")) return true;
    if (text::iequals(text::trim(*shouldRetry), "false")) return false;
  }
  return status == 408 || status == 409 || status == 429 || status >= 500;
}

bool sleepUnlessCancelled(milliseconds delay, std::stop_token cancel) {
  std::mutex mutex;
  std::condition_variable_any wakeUp;
  std::unique_lock lock(mutex);
  // wait_for with a stop token returns early (false) when a stop is requested.
  wakeUp.wait_for(lock, cancel, delay, [] { return false; });
  return !cancel.stop_requested();
}

Result<LlmResponse> runWithRetries(const RetryPolicy& policy, const RetryWaiter& wait, std::stop_token cancel,
                                   const std::string& cancelledMessage,
                                   const std::function<AttemptOutcome(int attempt)>& attempt) {
  const int maxAttempts = std::max(policy.maxAttempts, 1);
  for (int number = 1;; ++number) {
    if (cancel.stop_requested()) return Error::cancelled(cancelledMessage);
    AttemptOutcome outcome = attempt(number);
    if (auto* response = std::get_if<LlmResponse>(&outcome)) return std::move(*response);
    AttemptFailure& failure = std::get<AttemptFailure>(outcome);
    if (failure.error.code == ErrorCode::Cancelled) return std::move(failure.error);
    if (!failure.mayRetry) return std::move(failure.error);
    if (number >= maxAttempts) {
      Error error = std::move(failure.error);
      if (maxAttempts > 1) error.message += "; gave up after " + std::to_string(maxAttempts) + " attempts";
      return error;
    }
    const milliseconds delay = failure.serverDelay.value_or(backoffDelay(policy, number, randomUnit()));
    spdlog::debug("{}; retrying in {} ms (attempt {} of {})", failure.error.message, delay.count(), number + 1,
                  maxAttempts);
    if (!wait(delay, cancel)) return Error::cancelled(cancelledMessage);
  }
}

}  // namespace nexus
