#pragma once

#include <filesystem>
#include <vector>

#include "data/dataset.h"
#include "data/split.h"
#include "data/summary.h"
#include "engine/run_store.h"
#include "space/search_space.h"
#include "supernet/supernet.h"

namespace nat::engine {

/// A run's dataset, split and supernets, ready to extract subnets from (evaluation and export jobs).
struct LoadedRun {
    RunInfo info;
    space::SearchSpace space;
    data::Dataset dataset;
    data::Split split;
    data::ChannelStats stats;
    std::vector<supernet::Supernet> nets;
};

/// Error(InvalidArgument) when the run never started or has no supernet weights yet.
LoadedRun loadRun(const std::filesystem::path& dir);

}  // namespace nat::engine
