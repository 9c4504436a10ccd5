#include "base/file_io.h"
#include "base/file_safety.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

#include "base/error.h"
#include "base/rng.h"

namespace nat {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void throwIo(const std::string& what, const fs::path& path, int err) {
    throw Error(ErrorCode::Io, what + " " + quoted(path) + ": " + std::strerror(err));
}

// A failed write names the file the user knows (not our temporary) and says plainly when the disk is full.
[[noreturn]] void throwWriteError(const fs::path& target, int err) {
    if (err == ENOSPC) throw Error(ErrorCode::Io, "no space left on device while writing " + quoted(target));
    if (err == EDQUOT) throw Error(ErrorCode::Io, "disk quota exceeded while writing " + quoted(target));
    throwIo("cannot write", target, err);
}

// ---- fault injection (tests only; see file_io.h)
struct FaultState {
    std::mutex mutex;
    bool envRead = false;
    std::optional<FaultInjection> fault;
    std::uint64_t written = 0;
};

FaultState& faults() {
    static FaultState f;
    return f;
}

// How many of `n` bytes bound for `path` may be written before the injected fault strikes, and the
// errno to fail with afterwards (0: no fault for this write).
std::pair<std::size_t, int> faultBudget(const fs::path& path, std::size_t n) {
    FaultState& f = faults();
    std::lock_guard lock(f.mutex);
    if (!f.envRead) {
        f.envRead = true;
        if (const char* env = std::getenv("NAT_FAULT_INJECT"); env && *env && !f.fault) f.fault = parseFaultInjection(env);
    }
    if (!f.fault || (!f.fault->pathContains.empty() && path.string().find(f.fault->pathContains) == std::string::npos))
        return {n, 0};
    const std::uint64_t left = f.fault->afterBytes > f.written ? f.fault->afterBytes - f.written : 0;
    const std::size_t allowed = static_cast<std::size_t>(std::min<std::uint64_t>(left, n));
    f.written += allowed;
    return {allowed, allowed < n ? f.fault->error : 0};
}

// Writes all of `data`; `target` is the file named in messages (the temporary's final name).
void writeAll(int fd, std::string_view data, const fs::path& path, const fs::path& target) {
    auto [allowed, injected] = faultBudget(path, data.size());
    const char* p = data.data();
    std::size_t left = allowed;
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            throwWriteError(target, errno);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (injected) throwWriteError(target, injected);
}

}  // namespace

std::string quoted(const fs::path& path) { return "'" + path.generic_string() + "'"; }

std::string readTextFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throwIo("cannot open", path, errno ? errno : ENOENT);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throwIo("cannot read", path, errno ? errno : EIO);
    return ss.str();
}

std::vector<unsigned char> readBinaryFile(const fs::path& path) {
    const std::string s = readTextFile(path);
    return {s.begin(), s.end()};
}

void writeFileAtomic(const fs::path& path, std::string_view data) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    // Unique per process and call, so concurrent writers of different files never collide.
    static thread_local Rng rng(deriveSeed(static_cast<std::uint64_t>(::getpid()),
                                           reinterpret_cast<std::uintptr_t>(&rng)));
    const fs::path tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(rng.next() % 1000000007ULL));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == ENOSPC || errno == EDQUOT) throwWriteError(path, errno);
        throwIo("cannot create", tmp, errno);
    }
    try {
        writeAll(fd, data, tmp, path);
        if (::fsync(fd) != 0) throwWriteError(path, errno);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwWriteError(path, err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwIo("cannot replace", path, err);
    }
    // Make the rename itself durable.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

void appendLine(const fs::path& path, std::string_view line) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throwIo("cannot open for appending", path, errno);
    std::string buf(line);
    buf.push_back('\n');
    struct stat before {};
    const bool sized = ::fstat(fd, &before) == 0;
    try {
        writeAll(fd, buf, path, path);
        if (::fdatasync(fd) != 0) throwWriteError(path, errno);
    } catch (...) {
        // Cut a partly written line off again, unless another process appended meanwhile.
        struct stat after {};
        if (sized && ::fstat(fd, &after) == 0 && after.st_size > before.st_size &&
            after.st_size <= before.st_size + static_cast<off_t>(buf.size()))
            (void)::ftruncate(fd, before.st_size);
        ::close(fd);
        throw;
    }
    ::close(fd);
}

void keepPreviousVersion(const fs::path& path, const fs::path& previous) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return;
    const fs::path tmp = previous.parent_path() / ("." + previous.filename().string() + ".tmp-link");
    ::unlink(tmp.c_str());
    if (::link(path.c_str(), tmp.c_str()) != 0) {
        // No hard links here (FAT, some network file systems): copy instead.
        fs::copy_file(path, tmp, fs::copy_options::overwrite_existing, ec);
        if (ec) {
            ::unlink(tmp.c_str());
            if (ec.value() == ENOSPC) throwWriteError(previous, ENOSPC);
            throw Error(ErrorCode::Io, "cannot keep " + quoted(path) + " as " + quoted(previous) + ": " + ec.message());
        }
    }
    if (::rename(tmp.c_str(), previous.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwIo("cannot replace", previous, err);
    }
}

int removeStaleTemporaries(const fs::path& dir) {
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 1 && name[0] == '.' && (name.find(".tmp-") != std::string::npos) && entry.is_regular_file(ec))
            removed += fs::remove(entry.path(), ec) ? 1 : 0;
    }
    return removed;
}

void setFaultInjection(std::optional<FaultInjection> fault) {
    FaultState& f = faults();
    std::lock_guard lock(f.mutex);
    f.envRead = true;  // an explicit setting wins over the environment
    f.fault = std::move(fault);
    f.written = 0;
}

FaultInjection parseFaultInjection(std::string_view spec) {
    const auto bad = [&] {
        return Error(ErrorCode::InvalidArgument, "NAT_FAULT_INJECT must look like enospc|eio[@BYTES][:PATH-PART], got '" +
                                                     std::string(spec) + "'");
    };
    FaultInjection f;
    std::string_view rest = spec;
    if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
        f.pathContains = std::string(rest.substr(colon + 1));
        rest = rest.substr(0, colon);
    }
    std::string_view kind = rest;
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        kind = rest.substr(0, at);
        const std::string bytes(rest.substr(at + 1));
        if (bytes.empty() || bytes.size() > 18 || bytes.find_first_not_of("0123456789") != std::string::npos) throw bad();
        f.afterBytes = std::stoull(bytes);
    }
    if (kind == "enospc") f.error = ENOSPC;
    else if (kind == "eio") f.error = EIO;
    else throw bad();
    return f;
}

std::vector<std::string> readJournalLines(const fs::path& path, bool* truncatedTail) {
    const std::string text = readTextFile(path);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) break;
        if (nl > start) lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    if (truncatedTail) *truncatedTail = start < text.size();
    return lines;
}

}  // namespace nat
