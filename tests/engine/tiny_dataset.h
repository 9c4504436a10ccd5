#pragma once

#include <filesystem>

namespace nat::test {

/// Writes a small MNIST-style IDX dataset (raw, not gzipped) into `dir`: 28×28 grey images of
/// `classes` classes, each class a bright quadrant/band pattern plus noise — learnable in a few
/// steps. `train` and `test` images per split.
void writeTinyIdxDataset(const std::filesystem::path& dir, int train = 600, int test = 200, int classes = 4,
                         unsigned seed = 1);

}  // namespace nat::test
