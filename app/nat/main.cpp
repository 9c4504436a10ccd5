#include <cstdio>

#include "base/allocator.h"
#include "base/error.h"
#include "cli_util.h"

int main(int argc, char** argv) {
    try {
        nat::applyMallocPolicy(nat::mallocPolicyFromEnvironment());  // before any thread starts
    } catch (const nat::Error& e) {
        std::fprintf(stderr, "nat: error: %s\n", e.what());
        return 2;
    }
    return nat::cli::run(argc, argv);
}
