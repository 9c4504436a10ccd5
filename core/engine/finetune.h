#pragma once

// Fine-tuning of one extracted subnet (NAT-REFERENCE.md §3: subnets inherit their weights from the
// supernet; a short fine-tune of the chosen architecture recovers what weight sharing cost). LibTorch
// types: for core/engine and the CLI; the GUI sees only FineTuneRequest / FineTuneSummary.

#include <cstdint>
#include <functional>
#include <stop_token>

#include "data/dataset.h"
#include "data/split.h"
#include "engine/events.h"
#include "engine/job_runner.h"
#include "supernet/static_subnet.h"

namespace nat::engine {

class Evaluator;

struct FineTuneOptions {
    int epochs = 1;                ///< 1..kMaxFineTuneEpochs
    std::uint64_t seed = 1;
    int batchSize = 128;
    double learningRate = 0.01;    ///< initial; cosine decay to 0 over all steps
    double momentum = 0.9;         ///< SGD, Nesterov (as the supernet trainer)
    double weightDecay = 3e-4;     ///< not on BN parameters and biases
    double labelSmoothing = 0.1;   ///< a run's fine-tune uses the run's setting
    int cropPadding = -1;          ///< random-crop padding; -1 = the dataset's default (a run's: the run's setting)
    double gradClipNorm = 5.0;     ///< ≤ 0: no clipping
    double kdRatio = 1.0;          ///< weight of the soft-target loss when a teacher is given
    bool channelsLast = true;      ///< NHWC activations on the CPU (faster depthwise backward)

    /// From a job's request and the run's batch size.
    static FineTuneOptions from(const FineTuneRequest& r, int batchSize);
};

/// Where a fine-tune is.
struct FineTuneProgress {
    int epoch = 0;                 ///< 0-based
    int epochs = 0;
    std::int64_t batch = 0;        ///< 1-based within the epoch
    std::int64_t batches = 0;      ///< per epoch
    double loss = 0.0;
    double accuracy = 0.0;         ///< on the (augmented) batch
    double learningRate = 0.0;
    double seconds = 0.0;          ///< since training started
};

/// Fine-tunes `net` in place on the training split `split.train` of `dataset` with the engine's data
/// pipeline (training augmentation, the evaluator's mean/std, images resized to the net's resolution),
/// SGD with Nesterov momentum and a cosine schedule, label smoothing; with a `teacher` (e.g. the
/// supernet's largest subnet, eval mode) the loss adds distillation towards its soft predictions.
/// Before and after, the net's BN statistics are recalibrated (`ev`) and its top-1 measured on the
/// calibration training images, the validation split and (when there is one) the test split.
/// The net ends in eval mode with recalibrated BN. Deterministic for a seed (same machine and number
/// of threads). Cancellation: `stop` is checked before every batch; Error(Cancelled) leaves `net`
/// partly trained (callers discard it). Error(InvalidArgument) for a bad epoch count, an empty
/// training split or a teacher of another input format.
FineTuneSummary fineTune(supernet::StaticSubnet& net, Evaluator& ev, const data::Dataset& dataset, const data::Split& split,
                         const FineTuneOptions& options, std::stop_token stop,
                         const std::function<void(const FineTuneProgress&)>& progress = {},
                         supernet::StaticSubnet* teacher = nullptr);

struct LoadedRun;

/// The jobs' fine-tune step: fine-tunes `net` (an architecture of `run`) as `request` says, with the
/// run's training split and batch size, optionally distilling from the largest subnet of the same
/// width; sends ProgressEvents (`phase`, fractions from `from` to `to`, ETA) and one LogEvent per epoch.
FineTuneSummary fineTuneInRun(LoadedRun& run, Evaluator& ev, supernet::StaticSubnet& net, const FineTuneRequest& request,
                              std::stop_token stop, const EventSink& sink, const std::string& phase, double from, double to);

}  // namespace nat::engine
