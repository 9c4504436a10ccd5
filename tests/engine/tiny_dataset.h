#pragma once

#include <cstdint>
#include <filesystem>

#include "engine/settings.h"

namespace nat::test {

/// Writes a small MNIST-style IDX dataset (raw, not gzipped) into `dir`: 28×28 grey images of
/// `classes` classes, each class a bright quadrant/band pattern plus noise — learnable in a few
/// steps. `train` and `test` images per split.
void writeTinyIdxDataset(const std::filesystem::path& dir, int train = 600, int test = 200, int classes = 4,
                         unsigned seed = 1);

/// A search small enough for a unit test on that dataset (about half a minute on 2 cores): the
/// quick preset with 100 validation images, batches of 50, 50 calibration images, one warm-up
/// epoch of each kind, 6 initial architectures, 2 iterations of 2 candidates, NSGA-III 16 × 3,
/// half-epoch adaptations with one subnet per step.
engine::SearchSettings tinySearchSettings(const std::filesystem::path& dataset, std::uint64_t seed);

}  // namespace nat::test
