#include "api/json_rpc.hpp"

#include "core/enums.hpp"

namespace nexus::api {

int rpcCodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return rpc::kInvalidParams;
    case ErrorCode::InvalidRequest: return rpc::kInvalidRequest;
    case ErrorCode::ParseError: return rpc::kParseError;
    case ErrorCode::UnknownMethod: return rpc::kMethodNotFound;
    case ErrorCode::NotFound: return rpc::kSessionNotFound;
    // A turn cancelled by a pause or end meanwhile: the session stopped being active.
    case ErrorCode::NotActive:
    case ErrorCode::Cancelled: return rpc::kSessionNotActive;
    case ErrorCode::Busy: return rpc::kSessionBusy;
    case ErrorCode::PayloadTooLarge: return rpc::kPayloadTooLarge;
    case ErrorCode::ModelFailed: return rpc::kModelFailed;
    case ErrorCode::StorageFailed: return rpc::kStorageFailed;
    case ErrorCode::Internal: break;
  }
  return rpc::kInternalError;
}

std::string_view meaningOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "A parameter is missing or wrong (the message names it)";
    case ErrorCode::InvalidRequest: return "The request is not a JSON-RPC 2.0 call this transport takes";
    case ErrorCode::ParseError: return "The request is not valid JSON";
    case ErrorCode::UnknownMethod: return "No such method";
    case ErrorCode::NotFound: return "No such session or requirement";
    case ErrorCode::NotActive: return "The session is paused or completed";
    case ErrorCode::Cancelled: return "The turn was cancelled because the session was paused or ended meanwhile";
    case ErrorCode::Busy: return "The session is open in another nexus process";
    case ErrorCode::PayloadTooLarge: return "A message, request or batch is over its size limit";
    case ErrorCode::ModelFailed: return "The model backend failed; data.retryable says whether sending again may work";
    case ErrorCode::StorageFailed: return "The database could not read or write";
    case ErrorCode::Internal: break;
  }
  return "A fault of the server's";
}

RpcError toRpcError(const Error& error) {
  return {rpcCodeOf(error.code), error.message,
          nlohmann::json{{"code", toString(error.code)}, {"retryable", error.retryable}}};
}

nlohmann::json successResponse(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json errorResponse(const nlohmann::json& id, const RpcError& error) {
  nlohmann::json body{{"code", error.code}, {"message", error.message}};
  if (!error.data.is_null()) body["data"] = error.data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(body)}};
}

bool isValidId(const nlohmann::json& id) { return id.is_string() || id.is_number() || id.is_null(); }

std::string serialize(const nlohmann::json& message) {
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace nexus::api
