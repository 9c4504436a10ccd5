#include "space/cost_model.h"

#include <gtest/gtest.h>

#include "base/rng.h"
#include "test_util.h"

namespace nat::space {

TEST(CostModel, OfaSupernetParameterCountsMatchReleasedCheckpoints) {
    const SearchSpace& s = preset("ofa-mbv3");
    EXPECT_EQ(supernetParams(s, 0), 7678880);   // ofa_mbv3_d234_e346_k357_w1.0
    EXPECT_EQ(supernetParams(s, 1), 10715752);  // ofa_mbv3_d234_e346_k357_w1.2
}

TEST(CostModel, LargestW10SubnetAt224) {
    const SearchSpace& s = preset("ofa-mbv3");
    Architecture a = largest(s);
    a.widthIndex = 0;
    a.resolution = 224;
    const CostReport r = computeCost(s, a);
    EXPECT_EQ(r.macs, 566170656);  // 566.2 M conv + linear MACs (NAT-REFERENCE.md)
    EXPECT_GT(r.madds, r.macs);
    EXPECT_LT(r.madds, r.macs * 1.03);
}

TEST(CostModel, ReproducesPublishedNatNetFigures) {
    // ImageNet NATNet "flops@225" (r224, w1.0, 1000 classes), given by its net.encoding digits.
    const SearchSpace& s = preset("ofa-mbv3");
    const CostReport r = computeCost(s, decode(s, fromEncodingString(s, "08011001440551052208877")));
    EXPECT_NEAR(r.madds / 1e6, 225.0, 225.0 * 0.005);
}

TEST(CostModel, HandComputedTinyLayer) {
    // tiny-mbv3 smallest at 24 px, 1 input channel, 10 classes: check stem and classifier by hand.
    const SearchSpace& s = preset("tiny-mbv3");
    const CostReport r = computeCost(s, smallest(s), {10, 1});
    const LayerCost& stem = r.layers.front();
    EXPECT_EQ(stem.params, 9 * 16 + 2 * 16);          // 3×3×1×16 weights + BN affine
    EXPECT_EQ(stem.macs, 24 * 24 * 9 * 16);           // stride 1
    EXPECT_EQ(stem.extraOps, 24 * 24 * 16);           // h_swish multiplies
    const LayerCost& cls = r.layers.back();
    EXPECT_EQ(cls.params, 512 * 10 + 10);
    EXPECT_EQ(cls.macs, 512 * 10);
    EXPECT_EQ(r.layers[r.layers.size() - 2].params, 384 * 512);  // feature mix: no BN, no bias
    // SE layer of stage 2 layer 1 (in 16, e3 → mid 48, SE mid makeDivisible(12) = 16) at 6×6 output.
    const LayerCost& l = r.layers[4];
    EXPECT_EQ(l.name, "stage2.layer1");
    const std::int64_t mid = 48, se = 16, out = 32;
    EXPECT_EQ(l.params, 16 * mid + 2 * mid + mid * 9 + 2 * mid + (mid * se + se + se * mid + mid) + mid * out + 2 * out);
    EXPECT_EQ(l.outHeight, 6);
    EXPECT_EQ(l.macs, 12 * 12 * 16 * mid + 6 * 6 * mid * 9 + 2 * mid * se + 6 * 6 * mid * out);
    EXPECT_EQ(l.extraOps, 6 * 6 * mid);  // relu stage: only the SE scale multiply counts
}

TEST(CostModel, TotalsAreSumsAndGrowWithEveryDimension) {
    const SearchSpace& s = preset("ofa-mbv3");
    Rng rng(9);
    for (int i = 0; i < 200; ++i) {
        const Architecture a = decode(s, sampleUniform(s, rng));
        const CostReport r = computeCost(s, a);
        std::int64_t p = 0, m = 0, x = 0;
        for (const auto& l : r.layers) {
            p += l.params;
            m += l.macs;
            x += l.extraOps;
        }
        EXPECT_EQ(r.params, p);
        EXPECT_EQ(r.macs, m);
        EXPECT_EQ(r.madds, m + x);
        EXPECT_EQ(static_cast<int>(r.layers.size()), a.totalLayers() + 5);
        // A larger kernel somewhere never lowers the cost.
        Architecture b = a;
        b.stages[i % 5][0].kernel = 7;
        EXPECT_GE(computeCost(s, b).macs, r.macs);
    }
    EXPECT_LT(computeCost(s, smallest(s)).macs, computeCost(s, largest(s)).macs);
}

TEST(CostModel, MoreClassesMoreParams) {
    const SearchSpace& s = preset("tiny-mbv3");
    const Architecture a = largest(s);
    EXPECT_EQ(computeCost(s, a, {100, 1}).params - computeCost(s, a, {10, 1}).params, 90 * 512 + 90);
    EXPECT_NAT_ERROR(computeCost(s, a, {0, 1}), ErrorCode::InvalidArgument, "number of classes must be at least 1, got 0");
}

TEST(CostModel, ConvOutputSizes) {
    EXPECT_EQ(convOutSize(224, 3, 2), 112);
    EXPECT_EQ(convOutSize(28, 3, 2), 14);
    EXPECT_EQ(convOutSize(7, 7, 2), 4);
    EXPECT_EQ(convOutSize(7, 5, 1), 7);
    EXPECT_EQ(expandedChannels(24, 6), 144);
    EXPECT_EQ(expandedChannels(40, 3), 120);
    EXPECT_EQ(seChannels(120, 4), 32);
}

}  // namespace nat::space
