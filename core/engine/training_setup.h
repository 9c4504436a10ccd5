#pragma once
// Engine-private: how a search's settings become a trainer configuration and a training loader.
// Shared by the NAT search's phases and the from-scratch baselines, so that a baseline trains with
// exactly the recipe of the search it is compared with.

#include <algorithm>
#include <cstdint>

#include "base/rng.h"
#include "data/loader.h"
#include "engine/settings.h"
#include "supernet/trainer.h"

namespace nat::engine {

/// One training phase: `largestOnly` trains a single fixed subnet (warm-up of the largest, or a
/// baseline) with a linear warm-up of a tenth of the steps (at most 200); otherwise k sampled subnets
/// per step with the search's distillation setting.
inline supernet::TrainConfig phaseTrainConfig(const SearchSettings& s, bool largestOnly, std::int64_t totalSteps,
                                              double learningRate, bool channelsLast) {
    supernet::TrainConfig t;
    t.subnetsPerStep = largestOnly ? 1 : s.subnetsPerStep;
    t.distillFromLargest = !largestOnly && s.distill;
    t.learningRate = learningRate;
    t.totalSteps = std::max<std::int64_t>(1, totalSteps);
    t.warmupSteps = largestOnly ? std::min<std::int64_t>(totalSteps / 10, 200) : 0;
    t.channelsLast = channelsLast;
    t.labelSmoothing = s.labelSmoothing;
    return t;
}

/// The training loader of epoch `epoch`: the dataset's augmentation, the search's batch size and
/// crop padding, whole batches only, shuffled from `seed`.
inline data::LoaderOptions phaseLoaderOptions(const SearchSettings& s, const data::Dataset& dataset,
                                              const data::ChannelStats& stats, std::uint64_t seed, int epoch,
                                              bool channelsLast) {
    data::LoaderOptions lo = data::trainingLoaderOptions(dataset, stats);
    lo.batchSize = s.batchSize;
    lo.dropLast = true;
    lo.seed = seed;
    lo.epoch = epoch;
    lo.channelsLast = channelsLast;
    if (s.cropPadding >= 0) lo.cropPadding = s.cropPadding;
    return lo;
}

}  // namespace nat::engine
