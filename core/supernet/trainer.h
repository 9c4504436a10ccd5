#pragma once

#include <cstdint>
#include <memory>

#include "base/rng.h"
#include "supernet/collective.h"
#include "supernet/sampler.h"
#include "supernet/supernet.h"

namespace torch::optim {
class SGD;
}
namespace torch::serialize {
class OutputArchive;
class InputArchive;
}  // namespace torch::serialize

namespace nat::supernet {

/// Settings of supernet training (warm-up and NAT's adaptation, NAT-REFERENCE.md §4 step 6).
struct TrainConfig {
    int subnetsPerStep = 4;        ///< sampled subnets per optimizer step, gradients accumulated
    bool distillFromLargest = true; ///< train the largest subnet on labels and distil it into the samples
    double kdRatio = 1.0;
    double labelSmoothing = 0.1;
    double gradClipNorm = 5.0;      ///< ≤ 0 disables clipping
    double learningRate = 2.5e-3;
    double momentum = 0.9;
    bool nesterov = true;
    double weightDecay = 3e-4;      ///< not applied to BN parameters and biases
    std::int64_t warmupSteps = 0;   ///< linear warm-up from 0
    std::int64_t totalSteps = 1000; ///< cosine decay to 0 over the whole run
    bool channelsLast = true;       ///< NHWC activations: 1.6–2× faster depthwise backward on CPU

    Json toJson() const;
    static TrainConfig fromJson(const Json& j);
};

/// What one optimizer step did (for curves).
struct StepStats {
    std::int64_t step = 0;
    double loss = 0.0;          ///< mean cross-entropy of the sampled subnets (without the KD term, so
                                ///< curves of warm-up and distilled phases are comparable)
    double kdLoss = 0.0;        ///< mean distillation term of the sampled subnets (0 without KD)
    double accuracy = 0.0;      ///< mean top-1 of the sampled subnets on the batch
    double teacherLoss = 0.0;   ///< loss of the largest subnet (0 without distillation)
    double learningRate = 0.0;
    double gradNorm = 0.0;      ///< before clipping
    std::int64_t images = 0;      ///< of the global batch (all ranks)
};

/// Trains a supernet one step at a time: sample k subnets, forward each at its resolution, accumulate
/// gradients, clip, SGD step; optionally the largest subnet first, as teacher. Deterministic for a
/// seed on one machine. Not thread-safe: use from one (job) thread.
///
/// Data-parallel: with a collective, each rank passes its shard of the global batch; BatchNorm uses
/// global-batch statistics, each rank's loss is weighted by its share of the batch, and gradients
/// are summed across ranks in flat buckets and averaged before clipping and the SGD step. All ranks
/// must construct the trainer with the same seed (they then sample the same subnets) and hold the
/// same weights; N ranks then train exactly as one process on the combined batch (up to rounding).
class SupernetTrainer {
public:
    SupernetTrainer(Supernet net, TrainConfig config, std::uint64_t seed,
                    std::shared_ptr<Collective> collective = nullptr);
    ~SupernetTrainer();
    SupernetTrainer(const SupernetTrainer&) = delete;
    SupernetTrainer& operator=(const SupernetTrainer&) = delete;

    /// Where subnets come from (uniform by default).
    void setSampler(std::shared_ptr<const ArchSampler> sampler);
    /// images [N,C,H,W] float (any resolution: each subnet resizes to its own), labels [N] int64.
    StepStats step(const torch::Tensor& images, const torch::Tensor& labels);

    double learningRateAt(std::int64_t step) const;
    /// Moves the schedule to `step` without training (a schedule that spans several trainers).
    void skipTo(std::int64_t step) { m_step = step; }
    std::int64_t stepCount() const { return m_step; }
    const TrainConfig& config() const { return m_config; }
    Supernet& net() { return m_net; }

    void save(torch::serialize::OutputArchive& archive) const;
    void load(torch::serialize::InputArchive& archive);

private:
    torch::Tensor forwardAt(const space::Architecture& arch, const torch::Tensor& images);
    void averageGradients();

    Supernet m_net;
    TrainConfig m_config;
    std::unique_ptr<torch::optim::SGD> m_optimizer;
    std::shared_ptr<const ArchSampler> m_sampler;
    std::shared_ptr<Collective> m_collective;
    Rng m_rng;
    std::int64_t m_step = 0;
};

/// Flat-bucket size of the gradient all-reduce (elements).
inline constexpr std::int64_t kGradientBucketElements = std::int64_t{1} << 22;

/// Bilinear resize of a batch to r×r (align_corners = false); returns `images` when already r×r.
torch::Tensor resizeBatch(const torch::Tensor& images, int r);

}  // namespace nat::supernet
