#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "data/image_set.h"

namespace nat::data {

/// Which label a CIFAR binary record carries. CIFAR-10 records are <label><3072 pixels>; CIFAR-100
/// records are <coarse label><fine label><3072 pixels>. Pixels are 32×32 planar R, G, B.
enum class CifarLabels { Cifar10, Cifar100Fine, Cifar100Coarse };

inline constexpr int kCifarSide = 32;
inline constexpr int kCifarPixelBytes = 3 * kCifarSide * kCifarSide;

int cifarRecordBytes(CifarLabels kind);
int cifarNumClasses(CifarLabels kind);

/// Appends every record of one CIFAR binary file (given as bytes; `source` names it in messages) to
/// `out`, which must be empty or already hold 3×32×32 images. Error(Corrupt) for a size that is not a
/// whole number of records (truncated file), an empty file, or a label out of range; `out` is left
/// unchanged when it throws.
void appendCifarRecords(std::span<const std::uint8_t> bytes, CifarLabels kind, const std::string& source,
                        ImageSet& out);

}  // namespace nat::data
