#pragma once

#include <c10/core/Device.h>

#include <string>

namespace nat::supernet {

/// "cpu", "cuda" or "cuda:N" → a device this build and machine can run on. Error(InvalidArgument)
/// for any other text, Error(Unsupported) for CUDA when this LibTorch has no CUDA or the machine no
/// GPU (or fewer than N+1). Thread-safe.
c10::Device parseDevice(const std::string& text);

/// True when this LibTorch build has CUDA and a GPU is visible.
bool cudaAvailable();

/// Sets LibTorch's intra-op thread count; 0 = all cores. Error(InvalidArgument) below 0. Returns the
/// count now in use. Call from the main thread before work starts.
int setThreads(int threads);

/// While alive, CUDA ops run under autocast with bfloat16 (matmuls and convolutions in bf16, the
/// rest in float32), as `torch.autocast("cuda", torch.bfloat16)` does; restores the previous
/// state on destruction. A no-op when `enable` is false or the device is not CUDA, so the same code
/// runs on CPU-only builds. Not thread-safe across threads (autocast state is thread-local).
class Bf16Autocast {
public:
    Bf16Autocast(bool enable, const c10::Device& device);
    ~Bf16Autocast();
    Bf16Autocast(const Bf16Autocast&) = delete;
    Bf16Autocast& operator=(const Bf16Autocast&) = delete;

    bool active() const { return m_active; }

private:
    bool m_active = false;
    bool m_wasEnabled = false;
    int m_previousDtype = 0;
};

}  // namespace nat::supernet
