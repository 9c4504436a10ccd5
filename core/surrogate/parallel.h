#pragma once

#include <cstddef>
#include <functional>

namespace nat::surrogate {

/// Number of worker threads to use for `requested` (0 = one per hardware thread, at least 1).
unsigned resolveThreads(unsigned requested);

/// Runs fn(0) … fn(n-1) on up to `threads` threads (0 = hardware threads). Tasks must not depend
/// on their order or thread: callers give each task its own seed, so results are the same for any
/// thread count. If tasks throw, the exception of the lowest failing index is rethrown after all
/// tasks finished (deterministic, and nothing is left running).
void parallelFor(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn);

}  // namespace nat::surrogate
