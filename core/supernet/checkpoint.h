#pragma once

#include <filesystem>
#include <optional>

#include "base/json_util.h"
#include "supernet/supernet.h"

namespace nat::supernet {

class SupernetTrainer;

/// A supernet file (`.natsn`): LibTorch archive with the supernet weights, its full configuration
/// (search space, width, classes, input channels) as JSON, free-form metadata, and optionally the
/// trainer's optimizer and RNG state so training resumes exactly. Written atomically.
void saveSupernet(const std::filesystem::path& file, const Supernet& net, const SupernetTrainer* trainer = nullptr,
                  const Json& metadata = Json::object());

struct LoadedSupernet {
    Supernet net{nullptr};
    Json metadata;
    bool hasTrainerState = false;
};

/// Reads a supernet file. `expected` (if given) must match the stored configuration: a file of another
/// search space, width, class count or input channels is refused with Error(Mismatch) saying which
/// field differs. A damaged or foreign file gives Error(Corrupt); a missing one Error(Io).
LoadedSupernet loadSupernet(const std::filesystem::path& file, const std::optional<SupernetConfig>& expected = {});

/// Restores a trainer's optimizer/RNG state from the same file (after loadSupernet put the weights
/// into trainer.net()). Error(Corrupt) when the file holds no trainer state.
void loadTrainerState(const std::filesystem::path& file, SupernetTrainer& trainer);

}  // namespace nat::supernet
