#pragma once

// Random subnets with non-trivial BN statistics, for the export tests.

#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "base/rng.h"
#include "space/architecture.h"
#include "supernet/static_subnet.h"

namespace nat::test {

inline supernet::SupernetConfig exportConfig(const std::string& preset, int classes, int channels, int widthIndex = 0) {
    supernet::SupernetConfig c;
    c.space = space::preset(preset);
    c.numClasses = classes;
    c.inputChannels = channels;
    c.widthIndex = widthIndex;
    return c;
}

/// A StaticSubnet with random weights and random BN affine parameters and statistics (so BN folding
/// and BN export are exercised with values far from the identity), in eval mode.
inline supernet::StaticSubnet randomSubnet(const supernet::SupernetConfig& c, const space::Architecture& a,
                                           std::uint64_t seed) {
    torch::manual_seed(seed);
    supernet::StaticSubnet net(c, a);
    torch::NoGradGuard ng;
    for (auto& m : net->modules(/*include_self=*/false))
        if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
            const auto n = bn->weight.size(0);
            bn->weight.copy_(torch::rand({n}) * 0.5 + 0.75);
            bn->bias.copy_(torch::randn({n}) * 0.1);
            bn->running_mean.copy_(torch::randn({n}) * 0.1);
            bn->running_var.copy_(torch::rand({n}) * 0.5 + 0.75);
        }
    net->eval();
    return net;
}

inline space::Architecture sampleArchitecture(const space::SearchSpace& s, std::uint64_t seed, int widthIndex = -1) {
    Rng rng(seed);
    space::Architecture a = space::decode(s, space::sampleUniform(s, rng));
    if (widthIndex >= 0) a.widthIndex = widthIndex;
    return a;
}

}  // namespace nat::test
