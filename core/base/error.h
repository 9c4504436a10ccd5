#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace nat {

/// Category of a user-facing failure. Bugs are assertions, not Errors.
enum class ErrorCode {
    InvalidArgument,  ///< a value outside its allowed range or set
    Parse,            ///< malformed text or binary input (JSON, IDX, CIFAR, ...)
    Io,               ///< file system: missing, unreadable, unwritable, disk full
    Corrupt,          ///< a file that parses but fails a consistency check
    Mismatch,         ///< two valid things that do not belong together (preset vs checkpoint)
    Unsupported,      ///< valid input this build or device cannot handle
    Cancelled,        ///< cooperative cancellation reached a caller that must unwind
    Internal,         ///< a third-party library failed in an unexpected way
};

/// Short stable name of a code ("invalid-argument", ...), used in CLI output and tests.
std::string_view errorCodeName(ErrorCode code) noexcept;

/// The one project exception type. Its message says what was wrong, the allowed values and the
/// actual value, so it can be shown to a person as it is (one line, no trailing period needed).
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message);

    ErrorCode code() const noexcept { return m_code; }

private:
    ErrorCode m_code;
};

/// Process exit status for an error at the CLI boundary: 2 for bad input, 1 otherwise.
int exitCodeFor(ErrorCode code) noexcept;

}  // namespace nat
