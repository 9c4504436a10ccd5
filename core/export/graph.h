#pragma once

// A flat, framework-neutral operator list of one StaticSubnet: the single description that the ONNX
// and TorchScript writers translate, so both compute exactly what StaticSubnetImpl::forward does
// (elastic_layers.cpp mbconvForward, static_subnet.cpp run) in eval mode.

#include <torch/types.h>

#include <string>
#include <utility>
#include <vector>

#include "supernet/static_subnet.h"

namespace nat::exporting {

enum class OpKind {
    Conv,           ///< params: weight [, bias]; attrs kernel, stride, groups; padding kernel/2
    BatchNorm,      ///< params: scale, bias, mean, var; attr eps (inference form)
    Relu,
    HardSwish,      ///< x · relu6(x + 3) / 6
    HardSigmoid,    ///< relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1)
    Mul,            ///< inputs a, b (b broadcast over H, W)
    Add,
    GlobalAvgPool,  ///< mean over H, W, keeping them as 1×1
    Flatten,        ///< [N, C, 1, 1] → [N, C]
    Gemm,           ///< params: weight [out, in], bias [out]; y = x·Wᵀ + b
};

struct Op {
    OpKind kind = OpKind::Relu;
    std::vector<std::string> inputs;  ///< value names
    std::string output;               ///< value name
    std::vector<std::string> params;  ///< tensor names in Graph::tensors
    int kernel = 1;
    int stride = 1;
    int groups = 1;
    double eps = 1e-5;
};

struct Graph {
    std::string input = "input";
    std::string output = "logits";
    int inputChannels = 3;
    int resolution = 0;
    int numClasses = 0;
    std::vector<Op> ops;
    /// Parameters and BN statistics in creation order (float32, contiguous, detached copies).
    std::vector<std::pair<std::string, torch::Tensor>> tensors;

    const torch::Tensor& tensor(const std::string& name) const;
};

/// The operator list of `net` (its eval-mode forward; dropout is the identity there).
Graph buildGraph(const supernet::StaticSubnetImpl& net);

/// Folds every BatchNorm that directly follows a Conv (whose output nothing else reads) into that
/// Conv: W' = W·γ/√(σ²+ε) per output channel, b' = β + (b − μ)·γ/√(σ²+ε), computed in float64.
/// Returns the number of BatchNorms folded.
int foldBatchNorms(Graph& g);

/// Short name of an op kind ("Conv", "HardSwish", ...).
const char* opName(OpKind kind);

}  // namespace nat::exporting
