#pragma once

// One call that writes a subnet in the chosen formats and verifies each model file: the entry point
// for `nat export` (supernet file + net.subnet) and for the engine's `nat export RUN --arch ID`.

#include <torch/types.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "export/export_info.h"
#include "supernet/static_subnet.h"

namespace nat::exporting {

enum class Format { Onnx, TorchScript, Subnet, Config, Architecture, Weights };

/// "onnx", "torchscript", "subnet", "config", "architecture", "weights"; "all" gives every format
/// this build can write (no ONNX without libonnx; asking for "onnx" by name is then refused later,
/// with a message saying so).
/// Error(InvalidArgument) listing the names for anything else.
std::vector<Format> parseFormats(const std::string& name);
std::string formatName(Format f);
/// File name inside the output folder: model.onnx, model.pt, net.subnet, net.config,
/// architecture.json, model.natsub.
std::string defaultFileName(Format f);

struct ExportRequest {
    std::filesystem::path outDir;            ///< created if missing
    std::vector<Format> formats;
    OnnxOptions onnx;
    /// Images for verification ([N, C, R, R], normalised like training). Undefined: `randomImages`
    /// standard-normal images from `seed` (real images are preferred; the report says which).
    torch::Tensor images;
    int randomImages = 8;
    std::uint64_t seed = 0;
    double tolerance = 1e-4;
};

struct ExportedFile {
    Format format = Format::Onnx;
    std::filesystem::path path;
    double seconds = 0.0;                           ///< writing (and verifying) this file
    std::optional<VerificationReport> verification; ///< ONNX and TorchScript only
};

struct ExportResult {
    std::vector<ExportedFile> files;
    double seconds = 0.0;
    /// False when any verification ran and failed (skipped ones do not count as failures).
    bool verified() const;
};

/// Writes `net` (BN already recalibrated by the caller) in every requested format, each file
/// atomically, and verifies ONNX (OpenCV DNN) and TorchScript (torch::jit::load) files against the
/// net's own logits; reports go next to the files. Options are checked before anything is written
/// (bad opset → Unsupported, output folder not creatable → Io). `log` receives one line per file.
/// The net is left in the train/eval state it had.
ExportResult exportSubnet(supernet::StaticSubnetImpl& net, const ExportInfo& info, const ExportRequest& request,
                          const std::function<void(const std::string&)>& log = {});

}  // namespace nat::exporting
