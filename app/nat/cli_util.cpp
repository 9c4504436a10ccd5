#include "cli_util.h"

#include "base/allocator.h"

#include <torch/version.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "base/error.h"
#include "nat_version.h"

#ifdef NAT_WITH_OPENCV
#include <opencv2/core/version.hpp>
#endif

namespace nat::cli {

Io& io() {
    static Io s{&std::cout, &std::cerr};
    return s;
}

void printJsonLine(const Json& j) { *io().out << j.dump() << "\n"; }
void printJson(const Json& j) { *io().out << j.dump(2) << "\n"; }

std::string groupThousands(long long v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
}

std::string millions(long long v) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(2) << static_cast<double>(v) / 1e6 << " M";
    return os.str();
}

std::string versionText() {
    std::ostringstream os;
    os << "nat " << NAT_VERSION_STRING << "\n";
    os << "LibTorch " << TORCH_VERSION << "\n";
#ifdef NAT_WITH_OPENCV
    os << "OpenCV " << CV_VERSION << "\n";
#else
    os << "OpenCV (not built in)\n";
#endif
    os << "malloc: " << allocatorDescription() << "\n";
    return os.str();
}

namespace {

constexpr const char* kDescription = "nat - Neural Architecture Transfer from the command line (NAT Studio's headless engine)";

// Collapses a CLI11 message to one line.
std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n') c = ' ';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

// Every command, as `nat` has them.
void buildApp(CLI::App& app) {
    app.require_subcommand(1);
    app.set_version_flag("--version", [] { return versionText(); });
    app.footer("Run 'nat SUBCOMMAND --help' for the options of one command.");
    CLI::App* bench = app.add_subcommand("bench", "Benchmarks that print figures");
    bench->require_subcommand(1);

    registerSpaceCommands(app);
#ifdef NAT_CLI_HAS_MOO
    registerMooCommands(app, *bench);
#endif
#ifdef NAT_CLI_HAS_SURROGATE
    registerSurrogateCommands(app, *bench);
#endif
#ifdef NAT_CLI_HAS_DATA
    registerDataCommands(app, *bench);
#endif
#ifdef NAT_CLI_HAS_SUPERNET
    registerSupernetCommands(app, *bench);
#endif
#ifdef NAT_CLI_HAS_ENGINE
    registerEngineCommands(app, *bench);
#endif
#ifdef NAT_CLI_HAS_EXPORT
    registerExportCommands(app, *bench);
#endif
#ifdef NAT_CLI_HAS_DISTRIBUTED
    registerDistributedCommands(app, *bench);
#endif
    if (bench->get_subcommands({}).empty()) app.remove_subcommand(bench);
}

int parseAndReport(CLI::App& app, int argc, const char* const* argv) {
    try {
        app.parse(argc, argv);  // subcommand callbacks run inside parse
        return 0;
    } catch (const ExitStatus& e) {
        return e.code;
    } catch (const CLI::CallForVersion&) {
        *io().out << versionText();
        return 0;
    } catch (const CLI::ParseError& e) {
        // Subcommand help goes through here too (CLI11 reports it as a "success" parse error).
        if (e.get_exit_code() == 0) {
            const int rc = app.exit(e, *io().out, *io().err);
            return rc;
        }
        *io().err << "nat: error: " << oneLine(e.what()) << " (see 'nat --help')\n";
        return 2;
    } catch (const Error& e) {
        *io().err << "nat: error: " << oneLine(e.what()) << "\n";
        return exitCodeFor(e.code());
    } catch (const std::exception& e) {
        *io().err << "nat: error: " << oneLine(e.what()) << "\n";
        return 1;
    }
}

}  // namespace

int run(int argc, const char* const* argv) {
    CLI::App app{kDescription, "nat"};
    buildApp(app);
    return parseAndReport(app, argc, argv);
}

int parseOnly(int argc, const char* const* argv) {
    CLI::App app{kDescription, "nat"};
    buildApp(app);
    // Stop once parsing and validation are done, before any command's callback runs. The callbacks
    // must stay alive: they own the variables the options write into (the fuzzer found a
    // heap-use-after-free when they were dropped before parsing).
    app.parse_complete_callback([] { throw ExitStatus{0}; });
    return parseAndReport(app, argc, argv);
}

}  // namespace nat::cli
