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
