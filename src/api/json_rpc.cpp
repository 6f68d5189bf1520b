#include "api/json_rpc.hpp"

namespace nexus::api {

RpcError toRpcError(const Error& error) {
  const auto withRetry = [&](int code) {
    return RpcError{code, error.message, nlohmann::json{{"retryable", error.retryable}}};
  };
  switch (error.code) {
    case ErrorCode::InvalidArgument: return RpcError::invalidParams(error.message);
    case ErrorCode::NotFound: return {rpc::kSessionNotFound, error.message, nullptr};
    // A turn cancelled by a pause or end meanwhile: the session stopped being active.
    case ErrorCode::NotActive:
    case ErrorCode::Cancelled: return {rpc::kSessionNotActive, error.message, nullptr};
    case ErrorCode::Busy: return withRetry(rpc::kSessionBusy);
    case ErrorCode::PayloadTooLarge: return {rpc::kPayloadTooLarge, error.message, nullptr};
    case ErrorCode::ModelFailed: return withRetry(rpc::kModelFailed);
    case ErrorCode::StorageFailed: return withRetry(rpc::kStorageFailed);
    case ErrorCode::Internal: break;
  }
  return {rpc::kInternalError, error.message, nullptr};
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
