#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "space/architecture.h"

namespace nat::space {

struct CostOptions {
    int numClasses = 1000;
    int inputChannels = 3;
};

/// Cost of one layer of the static network (conv/linear with its BN, activation and SE).
struct LayerCost {
    std::string name;     ///< e.g. "stem", "block0", "stage2.layer1", "final_expand", "classifier"
    std::string kind;     ///< "conv3x3", "mbconv k5 e4", "conv1x1", "linear"
    int outChannels = 0;
    int outHeight = 0;
    int outWidth = 0;
    std::int64_t params = 0;    ///< learnable parameters (weights, BN affine, biases)
    std::int64_t macs = 0;      ///< conv + linear multiply-accumulates
    std::int64_t extraOps = 0;  ///< one per h_swish multiply and per SE scale multiply (NAT convention)
};

/// Exact analytic costs of an architecture at its own resolution, input 1×C×r×r.
///  - `macs`: plain conv + linear MACs ("MACs" in the UI and CLI).
///  - `madds`: macs + extraOps, the convention that reproduces NAT's published figures
///    (NAT-REFERENCE.md §3; shown as "MAdds").
struct CostReport {
    std::vector<LayerCost> layers;
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t madds = 0;
};

CostReport computeCost(const SearchSpace& space, const Architecture& arch, const CostOptions& opts = {});

/// Parameters of the whole elastic supernet of width index `widthIndex` (largest shapes, plus the
/// kernel-transform matrices of every elastic depthwise layer).
std::int64_t supernetParams(const SearchSpace& space, int widthIndex, const CostOptions& opts = {});

/// Output size of a "same"-padded (k/2) convolution: floor((in + 2·(k/2) − k) / stride) + 1.
int convOutSize(int in, int kernel, int stride);

/// Middle (expanded) channels of an MBConv layer: makeDivisible(round(in · expand), 8).
int expandedChannels(int in, int expand);
/// Squeeze-excite bottleneck channels: makeDivisible(channels / reduction, 8).
int seChannels(int channels, int reduction);

}  // namespace nat::space
