#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nat::engine {

/// What `nat check RUN` found. `problems` are damage that needs attention; `notes` are normal traces
/// of an interruption that the next resume repairs (a cut last journal line, a temporary file).
struct RunCheckReport {
    std::vector<std::string> checked;   ///< one line per thing verified
    std::vector<std::string> notes;
    std::vector<std::string> problems;
};

/// Verifies a run folder without changing it: every journal line parses, architecture ids are
/// consecutive and no architecture was measured twice, iterations are logged once each, every
/// supernet checkpoint (current and `.prev`) passes its checksum and loads, and state.json belongs to
/// a checkpoint that exists. Error(InvalidArgument) when `dir` is not a run folder.
RunCheckReport checkRun(const std::filesystem::path& dir);

}  // namespace nat::engine
