#pragma once

#include <torch/types.h>

#include "space/search_space.h"

namespace nat::supernet {

/// Operation counts of a forward pass, measured on the real tensors (see CountOps).
struct OpCounter {
    std::int64_t macs = 0;      ///< conv + linear multiply-accumulates
    std::int64_t extraOps = 0;  ///< h_swish multiplies and SE scale multiplies (NAT's MAdds convention)
};

/// While alive, every conv2d/linear/h_swish/SE of this thread made through the functions below adds
/// its operation count to `counter` (per batch item). Nesting replaces, then restores.
class CountOps {
public:
    explicit CountOps(OpCounter* counter);
    ~CountOps();
    CountOps(const CountOps&) = delete;
    CountOps& operator=(const CountOps&) = delete;

private:
    OpCounter* m_previous;
};

/// torch::conv2d with "same" padding k/2 and operation counting.
torch::Tensor convSame(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& bias = {}, int stride = 1,
                     int groups = 1);
/// torch::linear with operation counting.
torch::Tensor fullyConnected(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& bias);

/// The activations of the MobileNetV3 family.
torch::Tensor activate(const torch::Tensor& x, space::Activation act);
torch::Tensor hswish(const torch::Tensor& x);

/// Squeeze-excite gate applied to `x` (NAT-REFERENCE.md §3): mean-pool → 1×1 (bias) → ReLU → 1×1
/// (bias) → h_sigmoid → scale. Weights are [mid, C, 1, 1] and [C, mid, 1, 1].
torch::Tensor squeezeExcite(const torch::Tensor& x, const torch::Tensor& reduceW, const torch::Tensor& reduceB,
                            const torch::Tensor& expandW, const torch::Tensor& expandB);

/// Per-channel statistics of one BatchNorm input, accumulated over calibration batches:
/// mean and biased variance of each batch, averaged with the batch sizes as weights
/// (NAT-REFERENCE.md §3, "BN recalibration").
struct BnStatsAccumulator {
    torch::Tensor meanSum;  ///< Σ n_b · mean_b
    torch::Tensor varSum;   ///< Σ n_b · var_b
    std::int64_t count = 0; ///< Σ n_b (images)

    void add(const torch::Tensor& x);  ///< x: [N, C, H, W]
    torch::Tensor mean() const;
    torch::Tensor var() const;
};

/// How BatchNorm layers behave in a forward pass.
enum class BnMode {
    Normal,      ///< module train/eval state decides (batch statistics in training, running in eval)
    Calibrate,   ///< normalise with batch statistics and record them (running stats untouched)
};

}  // namespace nat::supernet
