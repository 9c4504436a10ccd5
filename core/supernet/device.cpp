#include "supernet/device.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <torch/cuda.h>

#include <algorithm>
#include <thread>

#include "base/error.h"

namespace nat::supernet {

bool cudaAvailable() { return torch::cuda::is_available(); }

c10::Device parseDevice(const std::string& text) {
    if (text == "cpu") return c10::Device(c10::kCPU);
    int index = -1;
    if (text.starts_with("cuda:")) {
        const std::string digits = text.substr(5);
        if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
            throw Error(ErrorCode::InvalidArgument, "device must be cpu, cuda or cuda:N, got '" + text + "'");
        index = std::stoi(digits);
    } else if (text != "cuda") {
        throw Error(ErrorCode::InvalidArgument, "device must be cpu, cuda or cuda:N, got '" + text + "'");
    }
    if (!cudaAvailable())
        throw Error(ErrorCode::Unsupported, "device '" + text +
                                                "' is not available: this build of LibTorch has no CUDA or no GPU is "
                                                "visible (use --device cpu)");
    const int count = static_cast<int>(torch::cuda::device_count());
    if (index >= count)
        throw Error(ErrorCode::Unsupported, "device '" + text + "' is not available: " + std::to_string(count) +
                                                " CUDA device(s), numbered from 0");
    return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
}

int setThreads(int threads) {
    if (threads < 0) throw Error(ErrorCode::InvalidArgument, "threads must be 0 (all cores) or more, got " + std::to_string(threads));
    const int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(n);
    return at::get_num_threads();
}

// LibTorch 1.13 (Debian, CPU) and 2.x both have set_enabled / set_autocast_gpu_dtype (deprecated in
// 2.4 in favour of set_autocast_dtype(kCUDA, ...), still present).
Bf16Autocast::Bf16Autocast(bool enable, const c10::Device& device) {
    if (!enable || !device.is_cuda()) return;
    m_wasEnabled = at::autocast::is_enabled();
    m_previousDtype = static_cast<int>(at::autocast::get_autocast_gpu_dtype());
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
    at::autocast::increment_nesting();
    m_active = true;
}

Bf16Autocast::~Bf16Autocast() {
    if (!m_active) return;
    // Leaving the outermost autocast region drops the cast weight cache, as Python's autocast does.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    at::autocast::set_enabled(m_wasEnabled);
    at::autocast::set_autocast_gpu_dtype(static_cast<at::ScalarType>(m_previousDtype));
}

}  // namespace nat::supernet
