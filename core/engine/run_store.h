#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/events.h"

namespace nat::engine {

/// A run folder as it is on disk (README "Run folder"): settings.json, state.json, journal.jsonl
/// (archive, append-only), iterations.jsonl, curves.jsonl, supernet checkpoints, evaluations/,
/// exports/. Readable while another process is still writing it.
struct RunInfo {
    std::filesystem::path dir;
    SearchSettings settings;
    std::string status;        ///< "running", "cancelled", "finished", "failed", "interrupted"
    std::string phase;         ///< last completed step, e.g. "iteration 3"
    int completedIterations = 0;
    std::vector<ArchiveEntry> archive;
    std::vector<IterationSnapshot> iterations;  ///< archive lists left empty; use `archive` + ids
    std::vector<CurvePoint> curves;
    std::vector<int> frontIds;  ///< of the whole archive, under the run's objectives
    Json dataset;               ///< dataset summary (JSON) written at start
    bool truncatedJournal = false;  ///< a crash cut the last line (it was dropped)
};

/// Reads a run folder. Error(InvalidArgument) when `dir` is not a run folder (names what is missing);
/// Error(Corrupt) for unreadable state.
RunInfo readRun(const std::filesystem::path& dir);

/// The non-dominated ids of `archive` under `objectives` (ties: first kept).
std::vector<int> frontOf(const std::vector<ArchiveEntry>& archive, const std::vector<Objective>& objectives);

}  // namespace nat::engine
