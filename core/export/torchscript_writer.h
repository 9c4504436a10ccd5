#pragma once

#include <filesystem>
#include <string>

#include "export/export_info.h"
#include "supernet/static_subnet.h"

namespace nat::exporting {

/// Name of the extra file inside the TorchScript archive that holds ExportInfo::toJson.
inline constexpr const char* kTorchScriptMetadataFile = "nat/metadata.json";

/// Writes `net` (eval-mode computation) as a TorchScript archive that torch.jit.load in Python and
/// torch::jit::load in LibTorch run with no project code. The module holds every weight as a named
/// parameter (BN statistics as buffers, names like "s2_l1__dw__weight"), a generated `forward(x)`
/// using only aten builtins (conv2d, batch_norm, relu, hardswish, hardsigmoid, mean, flatten,
/// linear), and attributes class_names: List[str], mean/std: List[float], input_shape: List[int].
/// ExportInfo::toJson is also stored as the extra file kTorchScriptMetadataFile. Atomic write.
void writeTorchScript(const std::filesystem::path& file, const supernet::StaticSubnetImpl& net,
                      const ExportInfo& info);

/// The generated TorchScript source of `forward` (for tests and docs).
std::string torchScriptSource(const supernet::StaticSubnetImpl& net);

}  // namespace nat::exporting
