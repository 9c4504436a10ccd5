#pragma once

#include <filesystem>
#include <memory>
#include <stop_token>

#include "engine/events.h"

namespace nat::supernet {
class Collective;
}

namespace nat::engine {

/// The NAT method (NAT-REFERENCE.md §4) as one resumable job: supernet warm-up, initial archive, then
/// iterations of predictor fit → NSGA-III → subset selection → evaluation → distribution estimate →
/// supernet adaptation → archive re-evaluation → hypervolume. Everything is written to the run folder
/// as it happens; `resume` continues from the last completed step. Runs on the calling thread;
/// throws Error(Cancelled) when `stop` is requested (state saved), nat::Error on bad input.
///
/// Distributed (README "Several processes, GPUs and machines"): every rank of the job constructs a
/// NatSearch with the same collective and calls start()/resume() with the same settings. Supernet
/// training is data-parallel (each rank a shard of every batch), candidate evaluations are spread
/// over the ranks and gathered, and rank 0 alone writes the run folder (resume reads it on every
/// rank, so the folder must be visible to all of them, e.g. on a shared file system).
class NatSearch {
public:
    NatSearch(std::filesystem::path runDir, EventSink sink, std::stop_token stop,
              std::shared_ptr<supernet::Collective> collective = nullptr);
    ~NatSearch();

    void start(const SearchSettings& settings);
    void resume();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace nat::engine
