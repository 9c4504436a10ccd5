#include "supernet/device.h"

#include <ATen/Parallel.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <thread>

#include "supernet/static_subnet.h"
#include "test_util.h"

namespace nat::supernet {
namespace {

TEST(Device, ParsesCpuAndRefusesOtherText) {
    EXPECT_EQ(parseDevice("cpu"), c10::Device(c10::kCPU));
    EXPECT_NAT_ERROR(parseDevice("gpu"), ErrorCode::InvalidArgument, "device must be cpu, cuda or cuda:N, got 'gpu'");
    EXPECT_NAT_ERROR(parseDevice("cuda:"), ErrorCode::InvalidArgument, "got 'cuda:'");
    EXPECT_NAT_ERROR(parseDevice("cuda:x1"), ErrorCode::InvalidArgument, "got 'cuda:x1'");
}

TEST(Device, CudaIsRefusedClearlyWhenAbsent) {
    if (cudaAvailable()) GTEST_SKIP() << "this machine has CUDA";
    EXPECT_NAT_ERROR(parseDevice("cuda"), ErrorCode::Unsupported, "device 'cuda' is not available");
    EXPECT_NAT_ERROR(parseDevice("cuda:1"), ErrorCode::Unsupported, "use --device cpu");
}

TEST(Device, SetsThreadsZeroMeaningAllCores) {
    const int before = at::get_num_threads();
    EXPECT_EQ(setThreads(1), 1);
    EXPECT_EQ(setThreads(0), static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    EXPECT_NAT_ERROR(setThreads(-2), ErrorCode::InvalidArgument, "got -2");
    setThreads(before);
}

TEST(Device, Bf16AutocastIsANoOpOnCpu) {
    Bf16Autocast guard(true, c10::Device(c10::kCPU));
    EXPECT_FALSE(guard.active());
    EXPECT_EQ(torch::mm(torch::ones({2, 2}), torch::ones({2, 2})).dtype(), torch::kFloat);
}

// ---- GPU: label "gpu", skipped without CUDA (ARCHITECTURE.md §5).

SupernetConfig tinyConfig() {
    SupernetConfig c;
    c.space = space::preset("tiny-mbv3");
    c.inputChannels = 1;
    c.numClasses = 10;
    return c;
}

TEST(Gpu, SupernetRunsOnCudaLikeOnCpuAlsoChannelsLastAndBf16) {
    if (!cudaAvailable()) GTEST_SKIP() << "no CUDA in this build or machine";
    torch::manual_seed(0);
    Supernet net(tinyConfig());
    net->eval();
    const torch::Tensor x = torch::randn({4, 1, 28, 28});
    torch::NoGradGuard ng;
    const torch::Tensor cpu = net->forward(x);
    const c10::Device dev = parseDevice("cuda");
    net->to(dev);
    const torch::Tensor gpu = net->forward(x.to(dev)).cpu();
    EXPECT_LE((gpu - cpu).abs().max().item<double>(), 1e-3);
    const torch::Tensor cl = net->forward(x.to(dev).to(at::MemoryFormat::ChannelsLast)).cpu();
    EXPECT_LE((cl - cpu).abs().max().item<double>(), 1e-3);
    Bf16Autocast bf16(true, dev);
    EXPECT_TRUE(bf16.active());
    const torch::Tensor half = net->forward(x.to(dev)).cpu().to(torch::kFloat);
    EXPECT_LE((half - cpu).abs().max().item<double>(), 0.1 * std::max(1.0, cpu.abs().max().item<double>()));
}

TEST(Gpu, TrainingStepUnderBf16AutocastGivesFiniteGradients) {
    if (!cudaAvailable()) GTEST_SKIP() << "no CUDA in this build or machine";
    const c10::Device dev = parseDevice("cuda");
    StaticSubnet net(tinyConfig(), space::largest(space::preset("tiny-mbv3")));
    net->to(dev);
    net->train();
    const torch::Tensor x = torch::randn({8, 1, 28, 28}, dev).to(at::MemoryFormat::ChannelsLast);
    const torch::Tensor y = torch::randint(0, 10, {8}, torch::TensorOptions(dev).dtype(torch::kLong));
    torch::Tensor loss;
    {
        Bf16Autocast bf16(true, dev);
        loss = torch::nn::functional::cross_entropy(net->forward(x), y);
    }
    loss.backward();
    for (const auto& p : net->parameters())
        if (p.grad().defined()) {
            EXPECT_TRUE(torch::isfinite(p.grad()).all().item<bool>());
        }
}

}  // namespace
}  // namespace nat::supernet
