#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/json_util.h"
#include "supernet/supernet.h"

namespace nat::engine {

class RunWriter;

/// The supernet checkpoints of a run chosen for loading: one net per width, all from the same save.
/// Each save of a run numbers its files (`seq` in the file's metadata) and stores the run state it
/// belongs to; the file saved before it is kept as `.prev` (docs/checkpoints.md "Which checkpoint a
/// resume uses").
struct CheckpointSet {
    std::vector<supernet::Supernet> nets;
    std::uint64_t seq = 0;          ///< 0: files written before sequence numbers existed
    Json state;                     ///< the run state saved with them (null for such older files)
    std::vector<bool> fromPrevious; ///< per width: the `.prev` file was used
    std::vector<std::string> problems;  ///< why newer files were not used, one line each
};

/// True when a run has any supernet checkpoint (current or previous) for width 0.
bool hasCheckpoint(const RunWriter& run);

/// Loads the newest set of checkpoints that is complete (every width from the same save) and intact
/// (header, length and CRC-32 check, archive readable). A damaged or missing newest file falls back to
/// its `.prev`. Error(Corrupt) listing each file's problem when no complete set is left;
/// Error(Mismatch) (another dataset's or space's supernet) is not a reason to fall back and is thrown.
CheckpointSet loadNewestCheckpoints(const RunWriter& run, const std::vector<supernet::SupernetConfig>& configs);

}  // namespace nat::engine
