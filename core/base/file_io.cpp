#include "base/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "base/rng.h"

namespace nat {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void throwIo(const std::string& what, const fs::path& path, int err) {
    throw Error(ErrorCode::Io, what + " " + quoted(path) + ": " + std::strerror(err));
}

void writeAll(int fd, std::string_view data, const fs::path& path) {
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            throwIo("cannot write", path, errno);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
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
    if (fd < 0) throwIo("cannot create", tmp, errno);
    try {
        writeAll(fd, data, tmp);
        if (::fsync(fd) != 0) throwIo("cannot flush", tmp, errno);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwIo("cannot close", tmp, err);
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
    try {
        writeAll(fd, buf, path);
        if (::fdatasync(fd) != 0) throwIo("cannot flush", path, errno);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
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
