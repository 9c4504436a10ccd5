#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <map>
#include <vector>

#include "space/search_space.h"
#include "supernet/tensor_ops.h"

namespace nat::supernet {

/// BatchNorm over the leading `channels` of a maximal set of channels. The sliced running statistics
/// are views, so training updates the prefix of the shared buffers in place (as OFA does).
class ElasticBatchNormImpl : public torch::nn::Module {
public:
    ElasticBatchNormImpl(int maxChannels, double momentum, double eps);

    torch::Tensor forward(const torch::Tensor& x, BnMode mode = BnMode::Normal);
    /// The four tensors of the active prefix (weight, bias, running mean, running variance).
    struct Slice {
        torch::Tensor weight, bias, mean, var;
    };
    Slice slice(int channels) const;
    /// Reorders the channels (all four tensors) by `order` (a permutation of 0..max-1).
    void permute(const torch::Tensor& order);

    torch::Tensor weight, bias, runningMean, runningVar, numBatchesTracked;
    double momentum, eps;
    BnStatsAccumulator* calibration = nullptr;  ///< set while BnMode::Calibrate runs
};
TORCH_MODULE(ElasticBatchNorm);

/// Weights of one MBConv layer at fixed shapes: what an elastic layer bakes out for an active
/// (kernel, expand) choice, and what a static subnet layer holds. `ibWeight` is undefined when the
/// layer has no expansion (expand ratio 1).
struct MBConvWeights {
    torch::Tensor ibWeight;
    ElasticBatchNormImpl::Slice ibBn;
    torch::Tensor dwWeight;
    ElasticBatchNormImpl::Slice dwBn;
    torch::Tensor seReduceW, seReduceB, seExpandW, seExpandB;  ///< undefined without SE
    torch::Tensor projWeight;
    ElasticBatchNormImpl::Slice projBn;
};

/// The fixed description of one MBConv slot of the supernet.
struct MBConvSpec {
    int inChannels = 0;
    int outChannels = 0;
    int stride = 1;
    space::Activation act = space::Activation::Relu;
    bool se = false;
    int seReduction = 4;
    std::vector<int> kernels;  ///< ascending
    std::vector<int> expands;  ///< ascending
    bool residual() const { return stride == 1 && inChannels == outChannels; }
};

/// An elastic MBConv layer (NAT-REFERENCE.md §3): inverted-bottleneck 1×1 → BN → act → depthwise
/// k×k → BN → act → optional SE → 1×1 projection → BN, with an identity shortcut when the shapes
/// allow. Holds the weights of the largest choice; the active (kernel, expand) selects the leading
/// `mid` channels of every tensor and derives smaller kernels from the 7×7 one through learned
/// transform matrices. Not thread-safe: one forward at a time per active setting.
class ElasticMBConvImpl : public torch::nn::Module {
public:
    ElasticMBConvImpl(MBConvSpec spec, double bnMomentum, double bnEps);

    void setActive(int kernel, int expand);
    int activeKernel() const { return m_kernel; }
    int activeExpand() const { return m_expand; }
    int activeMid() const;

    torch::Tensor forward(const torch::Tensor& x, BnMode mode = BnMode::Normal);
    /// The depthwise filter for kernel `k` [mid, 1, k, k], transformed from the 7×7 weights.
    torch::Tensor depthwiseFilter(int mid, int k) const;
    /// Copies of the active weights (contiguous, detached) for a static layer.
    MBConvWeights activeWeights() const;
    /// Sorts middle channels by importance (L1 norm of the projection weights reading them),
    /// permuting every dependent tensor, so the leading-prefix slices keep the most important
    /// channels (OFA's re-organisation). SE middle channels are sorted the same way.
    void sortChannels();

    const MBConvSpec& spec() const { return m_spec; }
    std::vector<ElasticBatchNorm> batchNorms() const { return {m_ibBn, m_dwBn, m_projBn}; }

    torch::Tensor ibWeight, dwWeight, seReduceW, seReduceB, seExpandW, seExpandB, projWeight;
    /// Transform matrices keyed by the target kernel (5 → 25×25 used for 7→5, 3 → 9×9 for 5→3).
    std::map<int, torch::Tensor> transforms;

private:
    MBConvSpec m_spec;
    int m_midMax = 0;
    int m_kernel = 0;
    int m_expand = 0;
    ElasticBatchNorm m_ibBn{nullptr}, m_dwBn{nullptr}, m_projBn{nullptr};
};
TORCH_MODULE(ElasticMBConv);

/// Runs the MBConv computation with fixed weights (shared by the elastic layer after slicing and by
/// static subnet layers, so both compute exactly the same thing).
torch::Tensor mbconvForward(const torch::Tensor& x, const MBConvWeights& w, const MBConvSpec& spec, int kernel,
                            const std::function<torch::Tensor(const torch::Tensor&, int)>& bn);

}  // namespace nat::supernet
