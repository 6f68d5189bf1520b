// `nexus serve` as the command runs it: one line with the address, serving until SIGTERM, and
// one line on stderr when it cannot start.

#include "cli/serve_command.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <regex>
#include <sstream>
#include <streambuf>

#include "api/http/server_fixture.hpp"

namespace nexus::test {
namespace {

// An output stream another thread may wait on, line by line.
class LineBuffer final : public std::streambuf {
 public:
  // The first line, once it is complete; empty after kPatience.
  std::string waitForLine() {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, kPatience, [&] { return text_.find('\n') != std::string::npos; });
    return text_.substr(0, text_.find('\n'));
  }
  std::string text() const {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    std::lock_guard lock(mutex_);
    text_.push_back(traits_type::to_char_type(c));
    changed_.notify_all();
    return c;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string text_;
};

class ServeCommand : public ServerTest {};

TEST_F(ServeCommand, PrintsTheAddressServesAndStopsOnSigterm) {
  LineBuffer outBuffer;
  std::ostream out(&outBuffer);
  std::ostringstream err;
  auto options = this->options();
  options.token.clear();
  auto served = std::async(std::launch::async, [&] { return cli::serve(handler_, hub_, options, out, err); });

  const std::string line = outBuffer.waitForLine();
  std::smatch address;
  ASSERT_TRUE(std::regex_match(
      line, address, std::regex(R"(Nexus Interview is serving at http://127\.0\.0\.1:(\d+)/\?token=([\w-]{43}))")))
      << line;
  const auto port = static_cast<unsigned short>(std::stoi(address[1]));
  const std::string token = address[2];
  EXPECT_EQ(httpGet(port, "/healthz").status, 200u);
  EXPECT_EQ(httpPost(port, "/rpc", request("echo", {1}),
                     {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}})
                .status,
            200u);

  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  ASSERT_EQ(served.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(served.get(), 0);
  EXPECT_EQ(outBuffer.text(), line + "\n");  // exactly one line
}

TEST_F(ServeCommand, APortInUseIsOneLineOnStderrAndExitCodeOne) {
  startServer();
  auto options = this->options();
  options.port = port();
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(cli::serve(handler_, hub_, options, out, err), 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "nexus: 127.0.0.1:" + std::to_string(port()) + " is already in use\n");
}

TEST_F(ServeCommand, NoAuthOffLoopbackIsOneLineOnStderrAndExitCodeOne) {
  auto options = this->options();
  options.host = "0.0.0.0";
  options.requireToken = false;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(cli::serve(handler_, hub_, options, out, err), 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_NE(err.str().find("not a loopback address"), std::string::npos) << err.str();
  EXPECT_EQ(err.str().find('\n'), err.str().size() - 1) << err.str();
}

}  // namespace
}  // namespace nexus::test
