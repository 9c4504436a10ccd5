#include "engine/devices.h"

#include <gtest/gtest.h>
#include <torch/cuda.h>

#include "supernet/device.h"

namespace nat::engine {
namespace {

TEST(Devices, ListsExactlyTheVisibleCudaDevicesAndEachOneParses) {
    const std::vector<std::string> devices = cudaDevices();
    const std::size_t expected = nat::supernet::cudaAvailable() ? torch::cuda::device_count() : 0;
    ASSERT_EQ(devices.size(), expected);
    for (std::size_t i = 0; i < devices.size(); ++i) {
        EXPECT_EQ(devices[i], "cuda:" + std::to_string(i));
        EXPECT_TRUE(nat::supernet::parseDevice(devices[i]).is_cuda());
    }
}

}  // namespace
}  // namespace nat::engine
