// libFuzzer harness for the `nat` command line (app/nat): every command and option registered as in
// the real program, parsed through nat::cli::parseOnly (the commands themselves are not run). The
// input is the argument list, NUL-separated. Whatever the arguments, the outcome must be a status
// (0, or 1/2 with one "nat: error: ..." line on stderr); crashes, hangs, leaks and UB are bugs.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cli_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args{"nat"};
    std::string cur;
    for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
        if (data[i] == 0) {
            args.push_back(cur);
            cur.clear();
        } else {
            cur += static_cast<char>(data[i]);
        }
    }
    if (!cur.empty() && args.size() < 64) args.push_back(cur);
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());

    std::ostringstream out, err;
    nat::cli::Io& io = nat::cli::io();
    const nat::cli::Io saved = io;
    io = {&out, &err};
    const int rc = nat::cli::parseOnly(static_cast<int>(argv.size()), argv.data());
    io = saved;
    if (rc < 0 || rc > 2) __builtin_trap();
    const std::string e = err.str();
    if (rc != 0 && out.str().empty()) {
        // One readable line, nothing else.
        if (e.rfind("nat: error: ", 0) != 0 || e.find('\n') != e.size() - 1) __builtin_trap();
    }
    return 0;
}
