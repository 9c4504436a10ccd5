#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "base/json_util.h"

namespace nat::cli {

/// Where commands print; tests point these at string streams.
struct Io {
    std::ostream* out;
    std::ostream* err;
};
Io& io();

/// Runs the CLI on argv and returns the process exit status. Every nat::Error, CLI11 error and
/// std::exception becomes one readable line on stderr ("nat: error: ...") and a non-zero status:
/// 2 for bad input, 1 for other failures.
int run(int argc, const char* const* argv);

/// Parses argv exactly as run() does and reports errors the same way, but runs no command (every
/// subcommand's callback is removed): the seam the argument fuzzer (tests/fuzz/fuzz_cli.cpp) uses.
/// Checks done inside a command (e.g. --set values, which need the command's settings) do not run.
int parseOnly(int argc, const char* const* argv);

/// Thrown by a command that has already reported its outcome and only needs a non-zero exit status
/// (e.g. a cancelled search: 130).
struct ExitStatus {
    int code;
};

/// One line of JSON (for --json and JSON-lines output).
void printJsonLine(const Json& j);
/// Pretty-printed JSON.
void printJson(const Json& j);

/// "7,678,880", "566.17 M"
std::string groupThousands(long long v);
std::string millions(long long v);

/// Registration hooks, one per command family (cmd_<module>.cpp). `bench` is the `nat bench` node.
void registerSpaceCommands(CLI::App& root);
void registerMooCommands(CLI::App& root, CLI::App& bench);
void registerSurrogateCommands(CLI::App& root, CLI::App& bench);
void registerDataCommands(CLI::App& root, CLI::App& bench);
void registerSupernetCommands(CLI::App& root, CLI::App& bench);
void registerEngineCommands(CLI::App& root, CLI::App& bench);
void registerExportCommands(CLI::App& root, CLI::App& bench);
void registerDistributedCommands(CLI::App& root, CLI::App& bench);

/// Version lines of the build: NAT Studio, LibTorch, OpenCV (if built in).
std::string versionText();

}  // namespace nat::cli
