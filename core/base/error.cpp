#include "base/error.h"

namespace nat {

std::string_view errorCodeName(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::Parse: return "parse";
    case ErrorCode::Io: return "io";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::Mismatch: return "mismatch";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal";
    }
    return "unknown";
}

Error::Error(ErrorCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}

int exitCodeFor(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::Parse:
    case ErrorCode::Corrupt:
    case ErrorCode::Mismatch:
    case ErrorCode::Unsupported: return 2;
    case ErrorCode::Cancelled: return 130;
    case ErrorCode::Io:
    case ErrorCode::Internal: return 1;
    }
    return 1;
}

}  // namespace nat
