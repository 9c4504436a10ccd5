#include "space/search_space.h"

#include <gtest/gtest.h>

#include "space/architecture.h"
#include "space/cost_model.h"
#include "test_util.h"

namespace nat::space {

TEST(MakeDivisible, MatchesMobileNetRounding) {
    EXPECT_EQ(makeDivisible(16 * 1.2), 24);  // 19.2 → 16 < 0.9·19.2 → 24
    EXPECT_EQ(makeDivisible(24 * 1.2), 32);
    EXPECT_EQ(makeDivisible(112 * 1.2), 136);
    EXPECT_EQ(makeDivisible(960 * 1.2), 1152);
    EXPECT_EQ(makeDivisible(3.0), 8);
    EXPECT_EQ(makeDivisible(144 / 4), 40);
}

TEST(SearchSpace, OfaPresetIsExact) {
    const SearchSpace& s = preset("ofa-mbv3");
    EXPECT_EQ(s.resolutions.size(), 17u);
    EXPECT_EQ(s.resolutions.front(), 192);
    EXPECT_EQ(s.resolutions.back(), 256);
    EXPECT_EQ(s.stemChannels, (std::vector<int>{16, 24}));
    EXPECT_EQ(s.firstBlockChannels, (std::vector<int>{16, 24}));
    const std::vector<std::vector<int>> ch = {{24, 32}, {40, 48}, {80, 96}, {112, 136}, {160, 192}};
    const int strides[] = {2, 2, 2, 1, 2};
    const bool se[] = {false, true, false, true, true};
    ASSERT_EQ(s.numStages(), 5);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(s.stages[i].channels, ch[i]) << i;
        EXPECT_EQ(s.stages[i].stride, strides[i]) << i;
        EXPECT_EQ(s.stages[i].se, se[i]) << i;
        EXPECT_EQ(s.stages[i].act, i < 2 ? Activation::Relu : Activation::HSwish) << i;
    }
    EXPECT_EQ(s.finalExpandChannels, (std::vector<int>{960, 1152}));
    EXPECT_EQ(s.featureMixChannels, (std::vector<int>{1280, 1536}));
    EXPECT_EQ(s.encodingLength(), 22);
    EXPECT_NEAR(s.cardinality() / 1e20, 7.4, 0.05);
}

TEST(SearchSpace, TinyPresetIsValidAndSmall) {
    const SearchSpace& s = preset("tiny-mbv3");
    EXPECT_NO_THROW(s.validate());
    EXPECT_EQ(s.stemStride, 1);
    EXPECT_EQ(s.encodingLength(), 18);
    EXPECT_EQ(s.resolutions, (std::vector<int>{24, 28, 32}));
}

TEST(SearchSpace, MicroPresetFitsTheQuickSearch) {
    const SearchSpace& s = preset("micro-mbv3");
    EXPECT_NO_THROW(s.validate());
    EXPECT_EQ(s.encodingLength(), 11);
    EXPECT_EQ(s.resolutions, (std::vector<int>{20, 24, 28}));
    // The quick preset's promises: a largest subnet a 2-core CPU trains for epochs in minutes, and a
    // front that can span more than a 3x range of MACs (Fashion-MNIST: 10 classes, 1 channel).
    const double lo = static_cast<double>(computeCost(s, smallest(s), {10, 1}).macs);
    const double hi = static_cast<double>(computeCost(s, largest(s), {10, 1}).macs);
    EXPECT_LT(hi, 10e6);
    EXPECT_GT(hi / lo, 3.0);
}

TEST(SearchSpace, UnknownPresetListsNames) {
    EXPECT_NAT_ERROR(preset("resnet"), ErrorCode::InvalidArgument, "choose one of: ofa-mbv3, tiny-mbv3");
}

TEST(SearchSpace, JsonRoundTrip) {
    for (const auto& name : presetNames()) {
        const SearchSpace& s = preset(name);
        const SearchSpace back = SearchSpace::fromJson(s.toJson());
        EXPECT_EQ(back.toJson(), s.toJson()) << name;
    }
}

TEST(SearchSpace, ValidationNamesTheField) {
    SearchSpace s = preset("tiny-mbv3");
    s.kernelChoices = {3, 4};
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "kernel sizes must be odd, got 4");
    s = preset("tiny-mbv3");
    s.resolutions = {32, 28};
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "resolutions must be strictly ascending");
    s = preset("ofa-mbv3");
    s.stemChannels = {16};
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "stemChannels needs one value per width multiplier (2)");
    s = preset("ofa-mbv3");
    s.expandChoices = {1, 2, 3, 4};
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "at most 9 choices");
    Json j = preset("tiny-mbv3").toJson();
    j["stages"][0]["act"] = "gelu";
    EXPECT_NAT_ERROR(SearchSpace::fromJson(j), ErrorCode::Parse, "'relu' or 'h_swish', got 'gelu'");
}

}  // namespace nat::space
