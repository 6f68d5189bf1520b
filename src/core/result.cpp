#include "core/result.hpp"

namespace nexus {

std::string_view toString(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::NotActive: return "not active";
    case ErrorCode::Busy: return "in use";
    case ErrorCode::PayloadTooLarge: return "payload too large";
    case ErrorCode::ModelFailed: return "model backend failed";
    case ErrorCode::StorageFailed: return "storage failed";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal error";
  }
  return "unknown error";
}

}  // namespace nexus
