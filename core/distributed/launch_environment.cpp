#include "distributed/launch_environment.h"

#include <cstdlib>
#include <string>

#include "base/error.h"

namespace nat::dist {

namespace {

const char* variable(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

long integerVariable(const char* name, long lo, long hi, long fallback, bool required) {
    const char* v = variable(name);
    if (!v) {
        if (required)
            throw Error(ErrorCode::InvalidArgument, std::string("distributed run: environment variable ") + name +
                                                        " is not set (launch with torchrun or set RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT)");
        return fallback;
    }
    char* end = nullptr;
    const long x = std::strtol(v, &end, 10);
    if (end == v || *end != '\0' || x < lo || x > hi)
        throw Error(ErrorCode::InvalidArgument, std::string("distributed run: ") + name + " must be an integer in [" +
                                                    std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + v + "'");
    return x;
}

}  // namespace

LaunchEnvironment LaunchEnvironment::fromEnvironment() {
    LaunchEnvironment e;
    e.worldSize = static_cast<int>(integerVariable("WORLD_SIZE", 1, 65536, 1, true));
    e.rank = static_cast<int>(integerVariable("RANK", 0, e.worldSize - 1, 0, true));
    e.localRank = static_cast<int>(integerVariable("LOCAL_RANK", 0, 65535, 0, false));
    e.timeout = std::chrono::seconds(integerVariable("NAT_DIST_TIMEOUT_S", 1, 86400, 600, false));
    if (const char* f = variable("NAT_DIST_STORE_FILE")) {
        e.storeFile = f;
    } else {
        const char* addr = variable("MASTER_ADDR");
        if (!addr)
            throw Error(ErrorCode::InvalidArgument,
                        "distributed run: environment variable MASTER_ADDR is not set (the host of rank 0; or set NAT_DIST_STORE_FILE)");
        e.masterAddr = addr;
        e.masterPort = static_cast<int>(integerVariable("MASTER_PORT", 1, 65535, 29500, true));
    }
    if (const char* ifname = variable("GLOO_SOCKET_IFNAME")) e.socketInterface = ifname;
    return e;
}

}  // namespace nat::dist
