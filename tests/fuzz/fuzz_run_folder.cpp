// libFuzzer harness for the run folder reader (core/engine/run_store.h) and the journal repair a
// resumed search does first (RunWriter::repairJournals). The input holds the folder's text files
// one after another, separated by lines "@@@@"; in order: settings.json, state.json, journal.jsonl,
// iterations.jsonl, curves.jsonl, dataset.json (missing parts: file absent). A run folder may come
// from another machine or a crashed process, so any content must either load or be refused with
// nat::Error; crashes, hangs, leaks, UB and stray library exceptions are bugs.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "base/error.h"
#include "engine/run_store.h"
#include "engine/run_writer.h"

namespace fs = std::filesystem;

namespace {

const fs::path& folder() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("nat-fuzz-run-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

void writeParts(std::string_view input) {
    static const char* const names[] = {"settings.json", "state.json", "journal.jsonl",
                                        "iterations.jsonl", "curves.jsonl", "dataset.json"};
    for (const char* name : names) fs::remove(folder() / name);
    constexpr std::string_view sep = "\n@@@@\n";
    for (const char* name : names) {
        const std::size_t end = input.find(sep);
        std::ofstream(folder() / name, std::ios::binary) << input.substr(0, end);
        if (end == std::string_view::npos) return;
        input.remove_prefix(end + sep.size());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace nat::engine;
    writeParts({reinterpret_cast<const char*>(data), size});
    try {
        const RunInfo first = readRun(folder());
        for (int id : first.frontIds) (void)id;
        // What a resume does first: cut a torn last line, then read again. Complete lines stay.
        RunWriter(folder()).repairJournals();
        const RunInfo again = readRun(folder());
        if (again.truncatedJournal || again.archive.size() != first.archive.size()) __builtin_trap();
    } catch (const nat::Error&) {
    }
    return 0;
}
