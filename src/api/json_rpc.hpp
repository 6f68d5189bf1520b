#pragma once
// JSON-RPC 2.0 framing (https://www.jsonrpc.org/specification) and the error codes of
// DESIGN.md §4: the standard ones and the application's.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace nexus::api {

namespace rpc {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kSessionNotFound = -32001;
inline constexpr int kSessionNotActive = -32002;
inline constexpr int kModelFailed = -32003;
inline constexpr int kStorageFailed = -32004;
inline constexpr int kPayloadTooLarge = -32005;
inline constexpr int kSessionBusy = -32006;  // another nexus process holds the session

// The notification every event travels in: params {type, payload, timestamp}.
inline constexpr std::string_view kEventNotification = "nexus-event";
}  // namespace rpc

// An error object of a JSON-RPC response.
struct RpcError {
  int code = rpc::kInternalError;
  std::string message;  // one line a person can act on
  nlohmann::json data;  // omitted from the response when null
};

// The JSON-RPC code an application error travels under.
int rpcCodeOf(ErrorCode code);
// What an error code means, in general terms (an actual error's message says what happened).
std::string_view meaningOf(ErrorCode code);

// An error in JSON-RPC terms: data is {code, retryable}, where code is the stable spelling of
// the ErrorCode ("model-failed", …) that clients match on, and retryable says whether sending
// the same call again may succeed.
RpcError toRpcError(const Error& error);

nlohmann::json successResponse(const nlohmann::json& id, nlohmann::json result);
nlohmann::json errorResponse(const nlohmann::json& id, const RpcError& error);

// A request's id is a string, a number or null; absent means a notification.
bool isValidId(const nlohmann::json& id);

// One line of JSON: what goes on the wire. Invalid UTF-8 (which a string from a model could in
// principle carry) is replaced rather than thrown on, so a reply is never lost to a bad byte.
std::string serialize(const nlohmann::json& message);

}  // namespace nexus::api
