#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "base/json_util.h"
#include "supernet/supernet.h"

namespace nat::supernet {

class SupernetTrainer;

/// A supernet file (`.natsn`): LibTorch archive with the supernet weights, its full configuration
/// (search space, width, classes, input channels) as JSON, free-form metadata, and optionally the
/// trainer's optimizer and RNG state so training resumes exactly. Written atomically, behind a header
/// with the CRC-32 of the archive that every load checks (docs/checkpoints.md "Supernet files").
void saveSupernet(const std::filesystem::path& file, const Supernet& net, const SupernetTrainer* trainer = nullptr,
                  const Json& metadata = Json::object());

struct LoadedSupernet {
    Supernet net{nullptr};
    Json metadata;
    bool hasTrainerState = false;
};

/// Reads a supernet file. `expected` (if given) must match the stored configuration: a file of another
/// search space, width, class count or input channels is refused with Error(Mismatch) saying which
/// field differs. A damaged, truncated or foreign file (wrong checksum, length or header) gives
/// Error(Corrupt) naming the file; a missing one Error(Io). Files written before checksums existed
/// (a bare LibTorch archive) are still read.
LoadedSupernet loadSupernet(const std::filesystem::path& file, const std::optional<SupernetConfig>& expected = {});

/// What checkSupernetFile found: the file's size, and whether it carries a checksum (files written
/// before checksums existed do not) and its value.
struct SupernetFileCheck {
    std::uint64_t bytes = 0;
    bool hasChecksum = false;
    std::uint32_t crc32 = 0;
};

/// Checks a supernet file's header, length and checksum without reading the weights;
/// throws as loadSupernet does.
SupernetFileCheck checkSupernetFile(const std::filesystem::path& file);

/// Restores a trainer's optimizer/RNG state from the same file (after loadSupernet put the weights
/// into trainer.net()). Error(Corrupt) when the file holds no trainer state.
void loadTrainerState(const std::filesystem::path& file, SupernetTrainer& trainer);

}  // namespace nat::supernet
