#pragma once

// Load an exported file back with an independent runtime and compare its logits with LibTorch's
// (the StaticSubnet's eval-mode forward) on the same images.

#include <torch/types.h>

#include <filesystem>

#include "export/export_info.h"
#include "supernet/static_subnet.h"

namespace nat::exporting {

/// Whether this build can check ONNX files (OpenCV's DNN module built in).
bool onnxVerificationAvailable();

/// The StaticSubnet's logits in eval mode (its train/eval state is restored afterwards).
torch::Tensor referenceLogits(supernet::StaticSubnetImpl& net, const torch::Tensor& images);

/// Compares `logits` with `reference`: max |diff|, top-1 agreement, passed (≤ tolerance and every
/// top-1 equal). Fills the figures of `report`.
void compareLogits(const torch::Tensor& logits, const torch::Tensor& reference, VerificationReport& report);

/// Runs the ONNX file with OpenCV's DNN module (4.6 accepts static batch sizes only: a dynamic-batch
/// file is pinned to the file's batch in an in-memory copy, and the images go through in chunks of the
/// static batch, padding the last). Without OpenCV the report is `skipped`. A file OpenCV cannot load
/// gives a failed report whose note holds OpenCV's message. The report is also written next to the
/// file (`<file>.verify.json`). `images`: [N, C, R, R] float32, normalised as the net expects.
VerificationReport verifyOnnx(const std::filesystem::path& file, supernet::StaticSubnetImpl& net,
                              const torch::Tensor& images, double tolerance = 1e-4);

/// Loads the TorchScript file with torch::jit::load and compares its logits. Report written as above.
VerificationReport verifyTorchScript(const std::filesystem::path& file, supernet::StaticSubnetImpl& net,
                                     const torch::Tensor& images, double tolerance = 1e-4);

/// The same checks against logits the caller already computed with referenceLogits (exporting several
/// files verifies them all against one LibTorch pass).
VerificationReport verifyOnnxAgainst(const std::filesystem::path& file, const torch::Tensor& images,
                                     const torch::Tensor& reference, double tolerance = 1e-4);
VerificationReport verifyTorchScriptAgainst(const std::filesystem::path& file, const torch::Tensor& images,
                                            const torch::Tensor& reference, double tolerance = 1e-4);

}  // namespace nat::exporting
