#pragma once

// Tiny generated datasets for the core/data tests: IDX and CIFAR bytes written here, PNGs via OpenCV.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nat::test {

using Bytes = std::vector<std::uint8_t>;

/// An unsigned-byte IDX file with the given dimensions; values are (i * 7 + salt) mod 256.
Bytes idxBytes(const std::vector<std::uint32_t>& dims, int salt = 0);
/// A label file (1-D IDX) with the given labels.
Bytes idxLabelBytes(const std::vector<std::uint8_t>& labels);
Bytes gzipBytes(const Bytes& raw);
void writeBytes(const std::filesystem::path& path, const Bytes& bytes);

/// Labels 0..classes-1 repeated.
std::vector<std::uint8_t> cyclicLabels(int n, int classes);

/// A folder with train/t10k IDX files (gzipped when `gz`), `n` train and `nTest` test images of side×side.
void writeIdxFolder(const std::filesystem::path& dir, int n, int nTest, int classes, int side, bool gz);

/// CIFAR records: CIFAR-10 (labelBytes=1) or CIFAR-100 (2: coarse, fine) with the given labels.
Bytes cifarBytes(const std::vector<std::vector<std::uint8_t>>& labelsPerRecord);
/// A CIFAR-10 binary folder with `perBatch` records in each of 5 training batches and the test batch.
void writeCifar10Folder(const std::filesystem::path& dir, int perBatch, bool meta);

#ifdef NAT_WITH_OPENCV
/// Writes an image file (colour when channels == 3) of w×h with a class-dependent colour.
void writeImage(const std::filesystem::path& file, int w, int h, int channels, int value);
/// root/<class>/img<i>.png for each class name, `perClass` images of side×side.
void writeImageFolder(const std::filesystem::path& root, const std::vector<std::string>& classes, int perClass,
                      int side, int channels);
#endif

}  // namespace nat::test
