#pragma once

#include <initializer_list>
#include <string>

namespace nat::test {

struct CliResult {
    int status = 0;
    std::string out;
    std::string err;
};

/// Runs `nat ARGS...` in-process and captures what it prints.
CliResult runCli(std::initializer_list<std::string> args);

}  // namespace nat::test
