#pragma once

#include <torch/types.h>

#include <map>
#include <memory>
#include <stop_token>
#include <vector>

#include "data/dataset.h"
#include "data/split.h"
#include "data/summary.h"
#include "engine/events.h"
#include "space/cost_model.h"
#include "supernet/static_subnet.h"
#include "supernet/supernet.h"

namespace nat::engine {

/// Measures architectures the way NAT does (NAT-REFERENCE.md §4): extract the subnet from the supernet,
/// recalibrate its BN statistics on training images, then top-1 on the held-out validation split.
/// Images are decoded, normalised and resized once per resolution and kept as tensors.
/// Not thread-safe: one job thread uses it.
class Evaluator {
public:
    Evaluator(const data::Dataset& dataset, const data::Split& split, const data::ChannelStats& stats,
              int calibrationImages, int batchSize, torch::Device device);

    /// Validation top-1 error of the supernet's subnet `arch` (inherited weights, BN recalibrated).
    double validationError(supernet::SupernetImpl& net, const space::Architecture& arch, std::stop_token stop);

    /// What one evaluation of an architecture yields; latencies are -1 when not asked for.
    struct Measurement {
        double error = 1.0;
        double cpuMs = -1.0;
        double gpuMs = -1.0;
    };
    /// Validation error plus the asked-for latencies from ONE extraction and BN recalibration.
    /// GPU latency needs the evaluator's device to be CUDA (Error(Unsupported) otherwise).
    Measurement measure(supernet::SupernetImpl& net, const space::Architecture& arch, bool cpuLatency,
                        bool gpuLatency, std::stop_token stop);

    /// A standalone subnet with recalibrated BN (for evaluation on test, or export).
    supernet::StaticSubnet calibratedSubnet(supernet::SupernetImpl& net, const space::Architecture& arch);

    /// Recalibrates the BN statistics of `net` on the calibration images (after extraction or fine-tuning);
    /// leaves it in eval mode.
    void recalibrate(supernet::StaticSubnet& net);

    /// Top-1 accuracy of `net` (eval mode) on "calib" (the BN-calibration training images, no
    /// augmentation), "val" or "test".
    double top1(supernet::StaticSubnet& net, const std::string& which, std::stop_token stop);

    bool hasTest() const { return m_dataset.test && !m_dataset.test->empty(); }

    /// Full evaluation (top-1, per class, confusion, misclassified examples) on "val" or "test".
    EvaluationResult evaluate(supernet::StaticSubnet& net, const std::string& split, std::stop_token stop);

    /// The first `n` images of the test split (else the validation split) at resolution `r`, for
    /// checking exported models on real data.
    torch::Tensor sampleImages(int resolution, int n);

    /// Median batch-1 CPU latency of `net` in milliseconds over `runs` runs (after warm-up).
    static double cpuLatencyMs(supernet::StaticSubnet& net, int runs = 20);

    /// Median batch-1 latency on a CUDA device in milliseconds (each run synchronised), the net is
    /// left on that device. Error(Unsupported) when `device` is not CUDA or CUDA is unavailable.
    static double gpuLatencyMs(supernet::StaticSubnet& net, torch::Device device, int runs = 50);

    const data::ChannelStats& stats() const { return m_stats; }

private:
    struct Cached {
        torch::Tensor images;  ///< [N, C, r, r] normalised
        torch::Tensor labels;  ///< [N]
    };
    const Cached& cached(const std::string& which, int resolution);
    Cached build(const data::ImageSet& set, const std::vector<std::int64_t>& indices, int resolution) const;

    const data::Dataset& m_dataset;
    const data::Split& m_split;
    data::ChannelStats m_stats;
    int m_calibrationImages;
    int m_batchSize;
    torch::Device m_device;
    std::vector<std::int64_t> m_calibrationIndices;
    std::vector<std::int64_t> m_testIndices;
    std::map<std::pair<std::string, int>, Cached> m_cache;
};

}  // namespace nat::engine
