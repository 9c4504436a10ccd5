#pragma once

// The subnet weights file (`.natsub`): what `nat` and NAT Studio load back into a StaticSubnet.
// docs/export.md documents the layout.

#include <filesystem>

#include "base/json_util.h"
#include "export/export_info.h"
#include "supernet/static_subnet.h"

namespace nat::exporting {

/// A LibTorch archive (torch::serialize, zip) holding
///  - "nat_meta": a JSON string {"format": "nat-studio-subnet-1", "nat_version", "config" (the
///    SupernetConfig: search space, width, classes, input channels, dropout, BN momentum/eps),
///    "subnet" (net.subnet JSON of the architecture), "info" (ExportInfo::toJson)};
///  - "subnet": the StaticSubnet module archive (parameters and buffers under their module names:
///    stem.weight, stem_bn.running_mean, s1_l1.dw.weight, ..., classifier.bias).
/// Written atomically.
void saveStaticSubnet(const std::filesystem::path& file, const supernet::StaticSubnetImpl& net,
                      const ExportInfo& info = {});

struct LoadedSubnet {
    supernet::StaticSubnet net{nullptr};  ///< in eval mode
    ExportInfo info;
    Json meta;
};

/// Reads a file written by saveStaticSubnet. Missing file: Error(Io); another kind of file, a damaged
/// one or weights of the wrong shape: Error(Corrupt) naming the file.
LoadedSubnet loadStaticSubnet(const std::filesystem::path& file);

}  // namespace nat::exporting
