#include "cli_harness.h"

#include <sstream>
#include <vector>

#include "cli_util.h"

namespace nat::test {

CliResult runCli(std::initializer_list<std::string> args) {
    std::vector<std::string> storage = {"nat"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    for (const auto& s : storage) argv.push_back(s.c_str());
    std::ostringstream out, err;
    cli::Io saved = cli::io();
    cli::io() = {&out, &err};
    CliResult r;
    r.status = cli::run(static_cast<int>(argv.size()), argv.data());
    cli::io() = saved;
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace nat::test
