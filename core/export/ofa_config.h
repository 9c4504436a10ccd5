#pragma once

// JSON descriptions of an architecture: the released NATNet/OFA files (net.subnet, net.config) so
// that their tools read ours, and our own architecture JSON with objectives and provenance.
// Torch-free: the engine can write these for any archive entry without building a network.

#include <filesystem>

#include "base/json_util.h"
#include "export/export_info.h"
#include "space/architecture.h"

namespace nat::exporting {

/// What a net.config needs beyond the architecture.
struct NetShape {
    int numClasses = 10;
    int inputChannels = 3;
    double dropout = 0.1;
    double bnMomentum = 0.1;
    double bnEps = 1e-5;
};

/// The released NATNet `net.config` layout (human-analysis/neural-architecture-transfer subnets/*;
/// the same layer configs as OFA's MobileNetV3.config with the older "mobile_inverted_conv" key):
/// name, bn, first_conv, blocks (MobileInvertedResidualBlock with MBInvertedConvLayer and an
/// IdentityLayer shortcut or null), final_expand_layer, feature_mix_layer, classifier.
Json toNetConfig(const space::SearchSpace& space, const space::Architecture& arch, const NetShape& shape);

/// Our architecture JSON: {"format": "nat-architecture", "version": 1, "preset", "subnet" (the
/// net.subnet object), "encoding", "encoding_string", "label", "cost" {params, macs, madds},
/// "input" [C, R, R], "classes", "class_names", "mean", "std", "objectives", "provenance"}.
/// `nat flops` and readers of {"subnet": {...}} files read it.
Json architectureJson(const space::SearchSpace& space, const space::Architecture& arch, const ExportInfo& info,
                      int numClasses);

/// Atomic writers (Error(Io) naming the path; nothing half-written).
void writeSubnetJson(const std::filesystem::path& file, const space::SearchSpace& space,
                     const space::Architecture& arch);
void writeNetConfig(const std::filesystem::path& file, const space::SearchSpace& space,
                    const space::Architecture& arch, const NetShape& shape);
void writeArchitectureJson(const std::filesystem::path& file, const space::SearchSpace& space,
                           const space::Architecture& arch, const ExportInfo& info, int numClasses);

}  // namespace nat::exporting
