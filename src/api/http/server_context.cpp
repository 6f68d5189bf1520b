#include "api/http/server_context.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "api/json_rpc.hpp"

namespace nexus::api::http {

std::optional<std::string> answerCall(RpcHandler& handler, std::string_view text, CallContext& context) noexcept {
  try {
    return handler.handle(text, context);
  } catch (const std::exception& failure) {
    spdlog::error("a JSON-RPC call failed unexpectedly: {}", failure.what());
  } catch (...) {
    spdlog::error("a JSON-RPC call failed unexpectedly");
  }
  try {
    return serialize(
        errorResponse(nullptr, toRpcError(Error::internal("the call failed inside the server"))));
  } catch (...) {
    return std::nullopt;  // out of memory: nothing more can be done for this call
  }
}

}  // namespace nexus::api::http
