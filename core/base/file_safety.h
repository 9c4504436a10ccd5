#pragma once

// Crash and fault safety around file_io.h (implemented in file_io.cpp): keeping the previous version
// of a file, cleaning up after a killed writer, and fault injection for tests. A failed appendLine
// cuts its partly written line off again, so journals always end on a whole line.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nat {

/// Keeps the current version of `path` as `previous` before `path` is replaced: `previous` becomes a
/// hard link to the current file (no extra space, so it works on a full disk), swapped in with an
/// atomic rename; where the file system has no hard links the file is copied. Nothing happens when
/// `path` does not exist. Error(Io) on failure, `path` untouched.
void keepPreviousVersion(const std::filesystem::path& path, const std::filesystem::path& previous);

/// Removes the temporary files that writeFileAtomic leaves behind when its process is killed
/// mid-write (".NAME.tmp-NNN" in `dir`). Returns how many were removed. Only the process that owns
/// the folder may call it: another process's write in flight would be removed too.
int removeStaleTemporaries(const std::filesystem::path& dir);

/// Fault injection for tests of disk-full and I/O-error handling. Once `afterBytes` bytes have been
/// written by writeFileAtomic/appendLine to files whose path contains `pathContains`, every further
/// write to such a file fails with `error` (ENOSPC: disk full, EIO: device error), after writing
/// the bytes that still fitted, as a real full disk does. Also set from the environment variable
/// NAT_FAULT_INJECT=KIND[@BYTES][:SUBSTRING], KIND = enospc | eio, read at the first write; e.g.
/// NAT_FAULT_INJECT=enospc@0:supernet makes every supernet checkpoint write fail.
/// Thread-safe; the byte budget is shared by all threads of the process.
struct FaultInjection {
    int error = 0;               ///< errno to fail with
    std::uint64_t afterBytes = 0;
    std::string pathContains;    ///< empty: every file
};
void setFaultInjection(std::optional<FaultInjection> fault);
/// Parses the NAT_FAULT_INJECT syntax; Error(InvalidArgument) naming the allowed form.
FaultInjection parseFaultInjection(std::string_view spec);

}  // namespace nat
