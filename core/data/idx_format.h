#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "data/image_set.h"

namespace nat::data {

/// A decoded IDX array (the MNIST file format: big-endian magic 0x0000TTDD, DD dimension sizes,
/// then the values). Only unsigned-byte arrays (TT = 0x08) are accepted: that is what image and
/// label files use.
struct IdxArray {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> values;
};

/// The most bytes a gzip stream may inflate to (a guard against decompression bombs).
inline constexpr std::size_t kMaxInflatedBytes = std::size_t{2} << 30;

/// Parsers take bytes so that they can be fuzzed; `source` names the file in messages.
/// Throws Error(Parse) for a wrong magic number or element type, Error(Corrupt) for a size that
/// disagrees with the header (truncated or trailing bytes).
IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& source);

/// True when `bytes` start with the gzip magic 1f 8b.
bool isGzip(std::span<const std::uint8_t> bytes);
/// Inflates a gzip stream; Error(Corrupt) naming `source` for a damaged or truncated stream or one
/// that inflates past `maxBytes`.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& source,
                                 std::size_t maxBytes = kMaxInflatedBytes);

/// Reads an IDX file, gzipped or raw (detected from the content, not the name).
IdxArray readIdxFile(const std::filesystem::path& path);

/// Pairs an image array (N×H×W) with a label array (N) into an ImageSet with one channel.
/// Error(Corrupt) for wrong ranks, Error(Mismatch) for different counts; labels must be below
/// `maxClasses` (Error(Corrupt) naming the first bad index otherwise).
ImageSet makeIdxImageSet(IdxArray images, const IdxArray& labels, const std::string& imagesSource,
                         const std::string& labelsSource, int maxClasses);

}  // namespace nat::data
