#pragma once

#include <filesystem>
#include <string>

#include "export/export_info.h"
#include "supernet/static_subnet.h"

namespace nat::exporting {

/// Whether this build writes ONNX (libonnx and protobuf found at configure time).
bool onnxAvailable();

/// Writes `net` (eval-mode computation) as an ONNX model built with libonnx's protobuf classes and
/// checked by onnx::checker before an atomic write. Operators: Conv (explicit kernel_shape, pads,
/// group), BatchNormalization (or folded), Relu, HardSwish (opset ≥ 14; below, HardSigmoid(alpha=1/6)
/// + Mul), HardSigmoid + Mul for squeeze-excite, GlobalAveragePool, Flatten, Gemm, Add. Input
/// "input" [N|batch, C, R, R] float32, output "logits" [N|batch, classes]. metadata_props record the
/// input name and shape, class names, mean/std, architecture, objectives and provenance (JSON).
/// Errors: opset outside 11–17 → Unsupported (with the range); no ONNX in this build → Unsupported;
/// unwritable path → Io (nothing left behind); checker rejection → Internal.
void writeOnnx(const std::filesystem::path& file, const supernet::StaticSubnetImpl& net, const ExportInfo& info,
               const OnnxOptions& options = {});

/// The serialized model (what writeOnnx writes), for tests and in-memory use.
std::string onnxModelBytes(const supernet::StaticSubnetImpl& net, const ExportInfo& info,
                           const OnnxOptions& options = {});

/// Throws Error(Unsupported) with the reason when `options` cannot be written.
void checkOnnxOptions(const OnnxOptions& options);

}  // namespace nat::exporting
