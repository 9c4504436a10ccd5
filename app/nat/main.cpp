#include "base/allocator.h"
#include "cli_util.h"

int main(int argc, char** argv) {
    if (!nat::setUpAllocator("nat")) return 2;  // before any thread starts
    return nat::cli::run(argc, argv);
}
