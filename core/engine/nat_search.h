#pragma once

#include <filesystem>
#include <memory>
#include <stop_token>

#include "engine/events.h"

namespace nat::engine {

/// The NAT method (NAT-REFERENCE.md §4) as one resumable job: supernet warm-up, initial archive, then
/// iterations of predictor fit → NSGA-III → subset selection → evaluation → distribution estimate →
/// supernet adaptation → archive re-evaluation → hypervolume. Everything is written to the run folder
/// as it happens; `resume` continues from the last completed step. Runs on the calling thread;
/// throws Error(Cancelled) when `stop` is requested (state saved), nat::Error on bad input.
class NatSearch {
public:
    NatSearch(std::filesystem::path runDir, EventSink sink, std::stop_token stop);
    ~NatSearch();

    void start(const SearchSettings& settings);
    void resume();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace nat::engine
