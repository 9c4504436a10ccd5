#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json_util.h"

namespace nat::engine {

/// Objectives a search can trade off. Error is always first and always present; every objective is
/// minimised internally (accuracy is shown to people as accuracy).
enum class Objective { Error, MAdds, Params, CpuLatency, GpuLatency };

std::string objectiveKey(Objective o);     ///< "err", "madds", "params", "cpu_ms", "gpu_ms"
std::string objectiveLabel(Objective o);   ///< "Top-1 error", "MAdds", ...
Objective objectiveFromKey(const std::string& key);  ///< Error(InvalidArgument) lists the keys
/// Parses "err,madds[,params,cpu_ms]": 2 to 5 distinct objectives, err first (added when missing).
std::vector<Objective> parseObjectives(const std::string& list);

/// Everything a NAT search needs (NAT-REFERENCE.md §4). Presets fill it in; every field can be
/// overridden; the effective settings are written to the run folder as settings.json.
struct SearchSettings {
    std::string dataset = "fashion-mnist";  ///< path or the built-in alias
    std::string preset = "quick";           ///< quick | balanced | paper | custom
    std::string space = "tiny-mbv3";        ///< search-space preset
    std::vector<Objective> objectives = {Objective::Error, Objective::MAdds};
    std::string device = "cpu";             ///< cpu | cuda | cuda:N
    int threads = 0;                        ///< 0 = all cores
    std::uint64_t seed = 1;
    std::string initSupernet;               ///< optional supernet file to start from (e.g. nat import-ofa)

    // Data
    int trainSubset = 0;        ///< 0 = the whole training split
    int validationSize = 5000;  ///< held out from the training set (objective 1 is measured on it)
    int batchSize = 128;
    int bnCalibrationImages = 2000;

    // Supernet warm-up (before the search): epochs on the largest subnet, then on sampled subnets.
    double warmupLargestEpochs = 1.0;
    double warmupSampledEpochs = 2.0;
    double warmupLearningRate = 0.05;
    double warmupSampledLearningRate = 0;  ///< peak rate of the sampled-subnet warm-up; 0 = warmupLearningRate
    double warmupRateFor(bool largestOnly) const {
        return largestOnly || warmupSampledLearningRate <= 0 ? warmupLearningRate : warmupSampledLearningRate;
    }
    int cropPadding = -1;          ///< random-crop padding in pixels for training; -1 = 1/8 of the image side
    double labelSmoothing = 0.1;   ///< of the cross-entropy in every training phase

    // NAT loop
    int iterations = 8;
    int initialArchive = 100;   ///< 98 uniform samples + smallest + largest, for 100
    int candidatesPerIteration = 8;
    int nsgaPopulation = 100;
    int nsgaGenerations = 20;
    int distributionTop = 150;  ///< archive members the sampling distribution is estimated from
    double adaptEpochs = 1.0;   ///< supernet adaptation per iteration
    int subnetsPerStep = 4;
    double adaptLearningRate = 2.5e-3;
    bool distill = true;
    bool reevaluateArchive = true;
    bool reevaluateFrontOnly = false;  ///< re-evaluate only the archive's front after adaptation (cheaper)

    Json toJson() const;
    /// Unknown keys and wrong types are errors naming the key.
    static SearchSettings fromJson(const Json& j);
    /// Throws Error(InvalidArgument) naming the field, the allowed range and the value.
    void validate() const;
};

/// The named presets: quick (a 2-core laptop, minutes), balanced, paper (the reference settings).
SearchSettings presetSettings(const std::string& name);
std::vector<std::string> presetSettingNames();

/// The training steps and measurements a search with `s` plans, counted per width of its space
/// (`batchesPerEpoch` whole batches per epoch). The engine's progress and the GUI's duration estimate
/// both start from it.
struct SearchWork {
    double largestSteps = 0;  ///< warm-up steps of the largest subnet alone
    double sampledSteps = 0;  ///< sampled warm-up and adaptation steps
    double evaluations = 0;   ///< initial archive, candidates and (expected) re-evaluations
};
SearchWork plannedWork(const SearchSettings& s, double batchesPerEpoch, int widths);

/// Cost of one sampled step relative to a step of the largest subnet alone: the largest as teacher
/// (when distilling) plus each sampled subnet at about 0.6 of its cost (tiny-mbv3 on a 2-core CPU:
/// 0.67 s alone, 1.5 s with two sampled subnets).
double sampledStepCost(const SearchSettings& s);

/// A rough duration in seconds, before a run starts, of a search with `s` on a training set of
/// `trainImages` images (the validation split comes off it). The step time comes from the MACs of
/// the largest subnet of `s.space` at its largest resolution (10 classes, one input channel: other
/// datasets change them by a few per cent at most): per training image, a step of the largest alone
/// takes 1.13 ms + 0.145 ms per M MACs (fitted to micro-mbv3, ~400 images/s, and tiny-mbv3, ~190
/// images/s, on a 2-core CPU); an evaluation's validation and BN-calibration images a tenth of that
/// at 0.6 of the MACs; CUDA 20× faster. Wall time on another CPU scales with its speed and cores.
/// Throws nat::Error (InvalidArgument) for an unknown space.
double estimateSearchSeconds(const SearchSettings& s, long long trainImages);

}  // namespace nat::engine
