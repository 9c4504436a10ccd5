#pragma once

#include <string>
#include <vector>

namespace nat::engine {

/// The CUDA devices a search can run on, as settings' `device` values ("cuda:0", "cuda:1", ...);
/// empty when this LibTorch has no CUDA or no GPU is visible. "cpu" always works and is not listed.
/// Torch-free header (the GUI's search page offers these); thread-safe.
std::vector<std::string> cudaDevices();

}  // namespace nat::engine
