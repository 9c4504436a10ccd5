#include "supernet/supernet.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "base/rng.h"
#include "space/cost_model.h"
#include "supernet/static_subnet.h"
#include "test_util.h"

namespace nat::supernet {

using space::Architecture;

namespace {

SupernetConfig tinyConfig(int classes = 10, int channels = 1, const char* preset = "tiny-mbv3") {
    SupernetConfig c;
    c.space = space::preset(preset);
    c.numClasses = classes;
    c.inputChannels = channels;
    return c;
}

SupernetConfig ofaConfig(int width) {
    SupernetConfig c;
    c.space = space::preset("ofa-mbv3");
    c.widthIndex = width;
    c.numClasses = 1000;
    c.inputChannels = 3;
    return c;
}

// Random BN affine parameters and running statistics, so eval-mode outputs exercise every tensor.
void randomiseBatchNorms(torch::nn::Module& m, std::uint64_t seed) {
    torch::manual_seed(seed);
    torch::NoGradGuard ng;
    for (auto& p : m.named_parameters())
        if (p.key().find("bn") != std::string::npos) p.value().copy_(torch::rand_like(p.value()) * 0.5 + 0.75);
    for (auto& b : m.named_buffers()) {
        if (b.key().find("running_mean") != std::string::npos) b.value().copy_(torch::randn_like(b.value()) * 0.1);
        if (b.key().find("running_var") != std::string::npos) b.value().copy_(torch::rand_like(b.value()) + 0.5);
    }
}

Architecture randomArch(const space::SearchSpace& s, Rng& rng, int width = 0) {
    Architecture a = space::decode(s, space::sampleUniform(s, rng));
    a.widthIndex = width;
    return a;
}

}  // namespace

TEST(Supernet, ParameterCountMatchesCostModel) {
    for (int w : {0, 1}) {
        Supernet net(ofaConfig(w));
        std::int64_t n = 0;
        for (const auto& p : net->parameters()) n += p.numel();
        EXPECT_EQ(n, space::supernetParams(net->space(), w)) << "width " << w;
    }
    Supernet tiny(tinyConfig());
    std::int64_t n = 0;
    for (const auto& p : tiny->parameters()) n += p.numel();
    EXPECT_EQ(n, space::supernetParams(tiny->space(), 0, {10, 1}));
}

TEST(Supernet, RejectsForeignArchitectures) {
    Supernet net(ofaConfig(0));
    Architecture a = space::largest(net->space());  // width 1.2
    EXPECT_NAT_ERROR(net->setActive(a), ErrorCode::InvalidArgument, "architecture has width 1.2 but this supernet has width 1.0");
    a.widthIndex = 0;
    a.stages[0][0].kernel = 9;
    EXPECT_NAT_ERROR(net->setActive(a), ErrorCode::InvalidArgument, "kernel size of stage 1 layer 1 must be one of [3, 5, 7]");
    SupernetConfig bad = tinyConfig();
    bad.numClasses = 0;
    EXPECT_NAT_ERROR(Supernet{bad}, ErrorCode::InvalidArgument, "number of classes must be in 1..100000, got 0");
}

TEST(Supernet, KernelTransformIsCentreTimesMatrixTranspose) {
    torch::manual_seed(1);
    Supernet net(tinyConfig());
    auto& layer = *net->blocks()[1];
    {
        torch::NoGradGuard ng;
        layer.transforms.at(5).copy_(torch::randn({25, 25}));
        layer.transforms.at(3).copy_(torch::randn({9, 9}));
    }
    const int mid = layer.activeMid();
    const torch::Tensor w7 = layer.dwWeight.narrow(0, 0, mid);
    const torch::Tensor c5 = w7.narrow(2, 1, 5).narrow(3, 1, 5).reshape({mid, 25});
    const torch::Tensor f5 = torch::mm(c5, layer.transforms.at(5).t()).view({mid, 1, 5, 5});
    EXPECT_TRUE(torch::allclose(layer.depthwiseFilter(mid, 5), f5));
    const torch::Tensor c3 = f5.narrow(2, 1, 3).narrow(3, 1, 3).reshape({mid, 9});
    const torch::Tensor f3 = torch::mm(c3, layer.transforms.at(3).t()).view({mid, 1, 3, 3});
    EXPECT_TRUE(torch::allclose(layer.depthwiseFilter(mid, 3), f3));
    EXPECT_TRUE(torch::equal(layer.depthwiseFilter(mid, 7), w7));
}

class SupernetPresets : public ::testing::TestWithParam<const char*> {};
INSTANTIATE_TEST_SUITE_P(Small, SupernetPresets, ::testing::Values("tiny-mbv3", "micro-mbv3"));

TEST_P(SupernetPresets, ExtractedSubnetMatchesSupernetOutput) {
    Rng rng(7);
    Supernet net(tinyConfig(10, 1, GetParam()));
    randomiseBatchNorms(*net, 3);
    {
        torch::NoGradGuard ng;
        for (auto& [k, m] : net->blocks()[5]->transforms) m.add_(torch::randn_like(m) * 0.1);
    }
    net->eval();
    torch::NoGradGuard ng;
    for (int i = 0; i < 60; ++i) {
        const Architecture a = randomArch(net->space(), rng);
        net->setActive(a);
        const torch::Tensor x = torch::randn({4, 1, a.resolution, a.resolution});
        const torch::Tensor ref = net->forward(x);
        StaticSubnet sub = StaticSubnet(StaticSubnetImpl::extract(*net));
        const double diff = (sub->forward(x) - ref).abs().max().item<double>();
        EXPECT_LE(diff, 1e-5) << space::shortLabel(net->space(), a);
        EXPECT_EQ(ref.sizes(), (std::vector<std::int64_t>{4, 10}));
    }
}

TEST(Supernet, ExtractionMatchesForOfaBothWidths) {
    Rng rng(11);
    torch::NoGradGuard ng;
    for (int w : {0, 1}) {
        Supernet net(ofaConfig(w));
        randomiseBatchNorms(*net, 5 + w);
        net->eval();
        for (int i = 0; i < 3; ++i) {
            const Architecture a = randomArch(net->space(), rng, w);
            net->setActive(a);
            const torch::Tensor x = torch::randn({1, 3, a.resolution, a.resolution});
            const torch::Tensor ref = net->forward(x);
            StaticSubnet sub = StaticSubnet(StaticSubnetImpl::extract(*net));
            EXPECT_LE((sub->forward(x) - ref).abs().max().item<double>(), 1e-5) << space::shortLabel(net->space(), a);
        }
    }
}

TEST(Supernet, ElasticResolutionRunsAnySize) {
    Supernet net(tinyConfig());
    net->eval();
    torch::NoGradGuard ng;
    for (int r : {17, 24, 31, 40}) EXPECT_EQ(net->forward(torch::randn({2, 1, r, r})).size(1), 10) << r;
}

TEST(Supernet, ChannelSortingKeepsTheLargestSubnetsFunction) {
    torch::manual_seed(2);
    Supernet net(tinyConfig());
    randomiseBatchNorms(*net, 9);
    net->eval();
    torch::NoGradGuard ng;
    const torch::Tensor x = torch::randn({3, 1, 32, 32});
    const torch::Tensor before = net->forward(x);  // largest subnet is active
    net->sortChannels();
    EXPECT_LE((net->forward(x) - before).abs().max().item<double>(), 1e-4);
    // Importance (L1 of projection weights per middle channel) is now non-increasing.
    for (std::size_t b = 1; b < net->blocks().size(); ++b) {
        const torch::Tensor imp = net->blocks()[b]->projWeight.abs().sum({0, 2, 3});
        EXPECT_TRUE((imp.slice(0, 0, -1) >= imp.slice(0, 1)).all().item<bool>()) << "block " << b;
    }
}

namespace {
void checkMeasuredCosts(const SupernetConfig& cfg, const Architecture& a) {
        StaticSubnet sub(cfg, a);
        const auto measured = sub->measureLayers();
        const space::CostReport model = space::computeCost(cfg.space, a, {cfg.numClasses, cfg.inputChannels});
        ASSERT_EQ(measured.size(), model.layers.size());
        for (std::size_t i = 0; i < measured.size(); ++i) {
            const auto& m = measured[i];
            const auto& l = model.layers[i];
            ASSERT_EQ(m.name, l.name);
            EXPECT_EQ(m.params, l.params) << l.name << " " << space::shortLabel(cfg.space, a);
            EXPECT_EQ(m.macs, l.macs) << l.name << " " << space::shortLabel(cfg.space, a);
            EXPECT_EQ(m.extraOps, l.extraOps) << l.name << " " << space::shortLabel(cfg.space, a);
            if (l.name != "classifier" && l.name != "feature_mix") {
                EXPECT_EQ(m.outShape, (std::vector<std::int64_t>{l.outChannels, l.outHeight, l.outWidth})) << l.name;
            }
        }
}

// `tinyCount` random tiny-mbv3 and `ofaCount` random ofa-mbv3 architectures per width.
void checkMeasuredCostsOfRandomArchitectures(int tinyCount, int ofaCount, std::uint64_t seed) {
    Rng rng(seed);
    const SupernetConfig tiny = tinyConfig(10, 1);
    for (int i = 0; i < tinyCount; ++i) checkMeasuredCosts(tiny, randomArch(tiny.space, rng));
    checkMeasuredCosts(tiny, space::largest(tiny.space));
    checkMeasuredCosts(tiny, space::smallest(tiny.space));
    const SupernetConfig micro = tinyConfig(10, 1, "micro-mbv3");  // kernels 3/5 and depth 1
    for (int i = 0; i < tinyCount / 2; ++i) checkMeasuredCosts(micro, randomArch(micro.space, rng));
    checkMeasuredCosts(micro, space::largest(micro.space));
    checkMeasuredCosts(micro, space::smallest(micro.space));
    for (int w : {0, 1}) {
        const SupernetConfig ofa = ofaConfig(w);
        for (int i = 0; i < ofaCount; ++i) checkMeasuredCosts(ofa, randomArch(ofa.space, rng, w));
    }
}
}  // namespace

TEST(StaticSubnet, MeasuredCostsEqualTheAnalyticModel) { checkMeasuredCostsOfRandomArchitectures(60, 4, 21); }

// "A few hundred" architectures: 300 of tiny-mbv3 and 60 of ofa-mbv3 (registered as a slow test).
TEST(StaticSubnetSlow, MeasuredCostsEqualTheAnalyticModelManyArchitectures) {
    checkMeasuredCostsOfRandomArchitectures(300, 30, 99);
}

TEST(StaticSubnet, BnRecalibrationAveragesBatchStatisticsWeightedBySize) {
    torch::manual_seed(4);
    StaticSubnet sub(tinyConfig(10, 1), space::smallest(space::preset("tiny-mbv3")));
    sub->eval();
    std::vector<torch::Tensor> batches = {torch::randn({5, 1, 24, 24}) * 2 + 1, torch::randn({3, 1, 24, 24}) - 0.5};
    std::size_t next = 0;
    const std::int64_t used = sub->recalibrateBn([&](torch::Tensor& b) {
        if (next == batches.size()) return false;
        b = batches[next++];
        return true;
    });
    EXPECT_EQ(used, 8);
    // The stem BN sees the stem convolution's output directly: compute its statistics by hand.
    torch::NoGradGuard ng;
    torch::Tensor mean = torch::zeros({16}, torch::kDouble), var = torch::zeros({16}, torch::kDouble);
    for (const auto& b : batches) {
        const torch::Tensor y = torch::conv2d(b, sub->stem->weight, {}, 1, 1).to(torch::kDouble);
        mean += y.mean({0, 2, 3}) * b.size(0);
        var += y.var({0, 2, 3}, /*unbiased=*/false) * b.size(0);
    }
    EXPECT_TRUE(torch::allclose(sub->stemBn->running_mean.to(torch::kDouble), mean / 8, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(sub->stemBn->running_var.to(torch::kDouble), var / 8, 1e-5, 1e-6));
    EXPECT_FALSE(sub->is_training());  // the caller's mode is restored
}

}  // namespace nat::supernet
