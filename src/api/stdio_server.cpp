#include "api/stdio_server.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "api/json_rpc.hpp"

namespace nexus::api {
namespace {

// Thread-safe. Lines from any thread go out in the order write() was called, on one thread of
// its own, flushed once per burst; write() waits while `maxQueuedBytes` are already waiting.
class LineWriter {
 public:
  LineWriter(std::ostream& out, std::size_t maxQueuedBytes)
      : out_(out), maxQueuedBytes_(maxQueuedBytes), thread_([this] { loop(); }) {}
  ~LineWriter() { close(); }

  void write(Notification line) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return failed_ || queuedBytes_ < maxQueuedBytes_; });
    if (failed_) return;  // the reader is gone: nothing more can reach it
    queuedBytes_ += line->size();
    queue_.push_back(std::move(line));
    ready_.notify_one();
  }

  // Writes what is queued, then stops.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    ready_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  bool failed() const {
    std::lock_guard lock(mutex_);
    return failed_;
  }

 private:
  void loop() {
    std::deque<Notification> batch;
    std::unique_lock lock(mutex_);
    while (true) {
      ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      batch.swap(queue_);
      lock.unlock();
      std::size_t written = 0;
      for (const auto& line : batch) {
        out_ << *line << '\n';
        written += line->size();
      }
      out_.flush();
      const bool failed = !out_;
      batch.clear();
      lock.lock();
      queuedBytes_ -= written;
      failed_ = failed_ || failed;
      space_.notify_all();
    }
  }

  std::ostream& out_;
  const std::size_t maxQueuedBytes_;
  mutable std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Notification> queue_;
  std::size_t queuedBytes_ = 0;
  bool closing_ = false;
  bool failed_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

enum class LineStatus { Complete, TooLong, End };

// One line without its "\n" (or "\r\n"); a line over `limit` bytes is consumed but not kept.
LineStatus readLine(std::streambuf& input, std::string& line, std::size_t limit) {
  line.clear();
  bool tooLong = false;
  bool any = false;
  for (int c = input.sbumpc(); c != std::char_traits<char>::eof(); c = input.sbumpc()) {
    any = true;
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return tooLong ? LineStatus::TooLong : LineStatus::Complete;
    }
    if (line.size() < limit) {
      line.push_back(static_cast<char>(c));
    } else {
      tooLong = true;
    }
  }
  if (tooLong) return LineStatus::TooLong;
  return any ? LineStatus::Complete : LineStatus::End;
}

bool isBlank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// How many lines may wait for a worker before reading pauses: bounds memory under a flood.
constexpr std::ptrdiff_t kMaxPendingCalls = 256;

}  // namespace

StdioServer::StdioServer(RpcHandler& handler, EventHub& events, StdioOptions options)
    : handler_(handler), events_(events), options_(options) {}

int StdioServer::run(std::istream& in, std::ostream& out) {
  LineWriter writer(out, options_.maxQueuedBytes);
  auto listener = events_.listen([&writer](const Notification& notification) { writer.write(notification); });
  std::counting_semaphore<kMaxPendingCalls> pending(kMaxPendingCalls);
  {
    boost::asio::thread_pool workers(options_.workers == 0 ? 1 : options_.workers);
    std::string line;
    std::streambuf* input = in.rdbuf();
    for (LineStatus status; input != nullptr && (status = readLine(*input, line, options_.maxRequestBytes)) != LineStatus::End;) {
      if (status == LineStatus::TooLong) {
        const Error error = Error::tooLarge("a request line holds at most " +
                                            std::to_string(options_.maxRequestBytes) + " bytes");
        writer.write(std::make_shared<const std::string>(serialize(errorResponse(nullptr, toRpcError(error)))));
        continue;
      }
      if (isBlank(line)) continue;
      pending.acquire();
      boost::asio::post(workers, [this, &writer, &pending, &listener, text = std::move(line)] {
        CallContext context{listener.get()};
        if (auto reply = handler_.handle(text, context)) writer.write(std::make_shared<const std::string>(std::move(*reply)));
        pending.release();
      });
      line = std::string();
    }
    workers.join();  // every call in progress answers before the streams close
  }
  listener.reset();
  writer.close();
  return writer.failed() ? 1 : 0;
}

}  // namespace nexus::api
