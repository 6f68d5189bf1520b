#pragma once
// The API of DESIGN.md §4: one table of JSON-RPC methods named after the original plan's IPC
// channels (interview:start, interview:sendMessage, …), answered by the interview service and
// the requirements database.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/json_rpc.hpp"
#include "api/params.hpp"
#include "api/rpc_handler.hpp"
#include "core/clock.hpp"
#include "interview/interview_service.hpp"
#include "store/requirements_store.hpp"

namespace nexus::api {

// What the executable wires in. All references must outlive the dispatcher.
struct ApiServices {
  InterviewService& interviews;
  RequirementsStore& requirements;
  const Clock& clock;
  // For system:info: the version and where the data lives, as the executable describes them.
  std::string version;
  std::string database;
};

struct DispatcherOptions {
  std::size_t maxBatchSize = 100;  // calls in one batch
};

// The API's OpenRPC description (what rpc.discover answers): every method with its parameters,
// every error code, every event type.
nlohmann::json describeApi(std::string_view version);

// Thread-safe: calls run concurrently; turns of one session are serialised by the engine.
class Dispatcher final : public RpcHandler {
 public:
  explicit Dispatcher(ApiServices services, DispatcherOptions options = {});

  std::optional<std::string> handle(std::string_view text, CallContext& context) override;

  // One parsed message (request, notification or batch): the response, or null when there is
  // nothing to answer.
  nlohmann::json call(const nlohmann::json& message, CallContext& context);

  // The names of every method, in table order.
  static std::vector<std::string_view> methodNames();

 private:
  nlohmann::json callOne(const nlohmann::json& request, CallContext& context);

  ApiServices services_;
  DispatcherOptions options_;
};

}  // namespace nexus::api
