#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <functional>
#include <string>
#include <vector>

#include "space/architecture.h"
#include "supernet/elastic_layers.h"
#include "supernet/supernet.h"

namespace nat::supernet {

/// One MBConv layer with fixed shapes, made of plain torch::nn modules.
class StaticMBConvImpl : public torch::nn::Module {
public:
    StaticMBConvImpl(MBConvSpec spec, int kernel, int expand, double bnMomentum, double bnEps);

    torch::Tensor forward(const torch::Tensor& x, const std::function<torch::Tensor(torch::nn::BatchNorm2d&, const torch::Tensor&)>& bn);
    /// Copies `w` (shapes must match) into this layer's modules.
    void load(const MBConvWeights& w);
    std::vector<torch::nn::BatchNorm2d> batchNorms() const;

    const MBConvSpec& spec() const { return m_spec; }
    int kernel() const { return m_kernel; }
    int mid() const { return m_mid; }

    torch::nn::Conv2d ib{nullptr}, dw{nullptr}, seReduce{nullptr}, seExpand{nullptr}, proj{nullptr};
    torch::nn::BatchNorm2d ibBn{nullptr}, dwBn{nullptr}, projBn{nullptr};

private:
    MBConvSpec m_spec;
    int m_kernel;
    int m_mid;
};
TORCH_MODULE(StaticMBConv);

/// A plain network for one architecture: either extracted from a supernet with the active weights
/// baked in (output identical to the supernet's), or built fresh with random weights. Layers are
/// ordinary Conv2d / BatchNorm2d / Linear modules, so the net runs and exports without the supernet.
/// Thread-safety: none (one forward at a time).
class StaticSubnetImpl : public torch::nn::Module {
public:
    StaticSubnetImpl(const SupernetConfig& config, const space::Architecture& arch);

    /// The active subnet of `net`, with its weights copied.
    static std::shared_ptr<StaticSubnetImpl> extract(const SupernetImpl& net);

    torch::Tensor forward(const torch::Tensor& x);

    /// Recalibrates BN running statistics (NAT-REFERENCE.md §3): every batch that `nextBatch` fills
    /// (returning false at the end) runs through the net with batch statistics; each BN layer's mean and
    /// biased variance are averaged over batches, weighted by batch size, then written as running
    /// statistics. Returns the number of images used. Images must already be at the net's resolution.
    std::int64_t recalibrateBn(const std::function<bool(torch::Tensor&)>& nextBatch);

    /// Per-layer parameters and operation counts measured on this network (a forward pass at
    /// 1×C×r×r), named like space::computeCost's layers.
    struct LayerMeasure {
        std::string name;
        std::int64_t params = 0;
        std::int64_t macs = 0;
        std::int64_t extraOps = 0;
        std::vector<std::int64_t> outShape;  ///< C, H, W
    };
    std::vector<LayerMeasure> measureLayers();

    const SupernetConfig& config() const { return m_config; }
    const space::Architecture& architecture() const { return m_arch; }
    int numClasses() const { return m_config.numClasses; }

    torch::nn::Conv2d stem{nullptr}, finalExpand{nullptr}, featureMix{nullptr};
    torch::nn::BatchNorm2d stemBn{nullptr}, finalExpandBn{nullptr};
    torch::nn::Linear classifier{nullptr};
    std::vector<StaticMBConv> layers;  ///< block 0, then the active layers stage by stage

private:
    using BnFn = std::function<torch::Tensor(torch::nn::BatchNorm2d&, const torch::Tensor&)>;
    /// Runs the net, calling `onLayer(name, output)` after each named layer.
    torch::Tensor run(const torch::Tensor& x, const BnFn& bn,
                      const std::function<void(const std::string&, const torch::Tensor&)>& onLayer);
    std::vector<torch::nn::BatchNorm2d> allBatchNorms() const;

    SupernetConfig m_config;
    space::Architecture m_arch;
    std::vector<std::string> m_layerNames;
};
TORCH_MODULE(StaticSubnet);

}  // namespace nat::supernet
