#include "base/allocator.h"

#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/error.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nat {

namespace {
constexpr int kTrimThreshold = 1 << 30;  // 1 GiB kept at the heap top before memory goes back
constexpr unsigned kAllArenas = 4096;    // jemalloc's MALLCTL_ARENAS_ALL

using MallctlFn = int (*)(const char*, void*, std::size_t*, void*, std::size_t);

/// jemalloc's control entry point when jemalloc is the process's allocator (looked up at run time,
/// so that the core does not depend on jemalloc's headers).
MallctlFn mallctl() {
    static const MallctlFn fn = reinterpret_cast<MallctlFn>(dlsym(RTLD_DEFAULT, "mallctl"));
    return fn;
}

template <class T>
bool readMallctl(const char* name, T& value) {
    std::size_t size = sizeof(T);
    return mallctl() && mallctl()(name, &value, &size, nullptr, 0) == 0;
}
}  // namespace

MallocPolicy mallocPolicyFromEnvironment() {
    const char* v = std::getenv("NAT_MALLOC");
    if (!v || !*v || std::string_view(v) == "keep") return MallocPolicy::Keep;
    if (std::string_view(v) == "glibc") return MallocPolicy::Glibc;
    throw Error(ErrorCode::InvalidArgument, std::string("NAT_MALLOC must be keep or glibc, got '") + v + "'");
}

void applyMallocPolicy(MallocPolicy policy) {
    if (policy != MallocPolicy::Keep || jemallocActive()) return;
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
    mallopt(M_ARENA_MAX, 1);
#endif
}

bool setUpAllocator(const char* program) {
    try {
        applyMallocPolicy(mallocPolicyFromEnvironment());
        return true;
    } catch (const Error& e) {
        std::fprintf(stderr, "%s: error: %s\n", program, e.what());
        return false;
    }
}

bool jemallocActive() { return mallctl() != nullptr; }

std::string allocatorDescription() {
    if (jemallocActive()) {
        const char* version = nullptr;
        const char* thp = nullptr;
        ssize_t dirty = 0;
        std::string d = "jemalloc";
        if (readMallctl("version", version) && version) d += std::string(" ") + version;
        d += " (";
        if (readMallctl("opt.thp", thp) && thp) d += std::string("thp ") + thp + ", ";
        if (readMallctl("opt.dirty_decay_ms", dirty)) d += "dirty decay " + (dirty < 0 ? std::string("never") : std::to_string(dirty) + " ms");
        return d + ")";
    }
    return std::string("glibc malloc, ") + toString(mallocPolicyFromEnvironment()) + " policy (NAT_MALLOC)";
}

void releaseFreeMemory() {
    if (jemallocActive()) {
        const std::string purge = "arena." + std::to_string(kAllArenas) + ".purge";
        mallctl()(purge.c_str(), nullptr, nullptr, nullptr, 0);
        return;
    }
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

std::vector<std::pair<std::string, std::string>> allocatorEnvironmentForChild(MallocPolicy policy) {
    if (jemallocActive()) {
        Dl_info info{};
        // The executable's jemalloc options (app/malloc_conf.cpp), a `const char*` variable.
        const auto* confVar = static_cast<const char* const*>(dlsym(RTLD_DEFAULT, "malloc_conf"));
        if (dladdr(reinterpret_cast<void*>(mallctl()), &info) && info.dli_fname) {
            std::vector<std::pair<std::string, std::string>> env = {{"LD_PRELOAD", info.dli_fname}};
            if (const char* fromEnv = std::getenv("MALLOC_CONF")) env.emplace_back("MALLOC_CONF", fromEnv);
            else if (confVar && *confVar) env.emplace_back("MALLOC_CONF", *confVar);
            return env;
        }
        return {};
    }
    if (policy == MallocPolicy::Keep) return {{"GLIBC_TUNABLES", mallocTunables(policy)}};
    return {};
}

std::string mallocTunables(MallocPolicy policy) {
    if (policy != MallocPolicy::Keep) return {};
    return "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=" + std::to_string(kTrimThreshold) +
           ":glibc.malloc.arena_max=1";
}

const char* toString(MallocPolicy policy) { return policy == MallocPolicy::Keep ? "keep" : "glibc"; }

}  // namespace nat
