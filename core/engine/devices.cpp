#include "engine/devices.h"

#include <torch/cuda.h>

#include "supernet/device.h"

namespace nat::engine {

std::vector<std::string> cudaDevices() {
    std::vector<std::string> devices;
    if (!nat::supernet::cudaAvailable()) return devices;
    const auto count = torch::cuda::device_count();
    for (std::size_t i = 0; i < count; ++i) devices.push_back("cuda:" + std::to_string(i));
    return devices;
}

}  // namespace nat::engine
