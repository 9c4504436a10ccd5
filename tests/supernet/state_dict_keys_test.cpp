#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "supernet/state_dict_reader.h"

// canonicalOfaKey on the real OFA-MobileNetV3 key names (NAT-REFERENCE.md §3). The complete
// 475-key lists in both spellings are checked in state_dict_reader_test (OfaCheckpoint...).

namespace nat::supernet {
namespace {

struct Case {
    const char* oldSpelling;
    const char* newSpelling;
    const char* canonical;
};

const Case kCases[] = {
    // mobile_inverted_conv → conv, and the dynamic convs' wrapped Conv2d (real double conv)
    {"blocks.5.mobile_inverted_conv.depth_conv.conv.conv.weight", "blocks.5.conv.depth_conv.conv.conv.weight",
     "blocks.5.conv.depth_conv.conv.weight"},
    {"blocks.1.mobile_inverted_conv.inverted_bottleneck.conv.conv.weight", "blocks.1.conv.inverted_bottleneck.conv.conv.weight",
     "blocks.1.conv.inverted_bottleneck.conv.weight"},
    {"blocks.20.mobile_inverted_conv.point_linear.conv.conv.weight", "blocks.20.conv.point_linear.conv.conv.weight",
     "blocks.20.conv.point_linear.conv.weight"},
    // kernel transform matrices keep their path
    {"blocks.3.mobile_inverted_conv.depth_conv.conv.7to5_matrix", "blocks.3.conv.depth_conv.conv.7to5_matrix",
     "blocks.3.conv.depth_conv.conv.7to5_matrix"},
    {"blocks.3.mobile_inverted_conv.depth_conv.conv.5to3_matrix", "blocks.3.conv.depth_conv.conv.5to3_matrix",
     "blocks.3.conv.depth_conv.conv.5to3_matrix"},
    // bn.bn → bn
    {"blocks.7.mobile_inverted_conv.depth_conv.bn.bn.running_var", "blocks.7.conv.depth_conv.bn.bn.running_var",
     "blocks.7.conv.depth_conv.bn.running_var"},
    {"blocks.2.mobile_inverted_conv.inverted_bottleneck.bn.bn.num_batches_tracked",
     "blocks.2.conv.inverted_bottleneck.bn.bn.num_batches_tracked", "blocks.2.conv.inverted_bottleneck.bn.num_batches_tracked"},
    // SE is spelt the same in both
    {"blocks.9.mobile_inverted_conv.depth_conv.se.fc.reduce.bias", "blocks.9.conv.depth_conv.se.fc.reduce.bias",
     "blocks.9.conv.depth_conv.se.fc.reduce.bias"},
    // first block: dynamic (double conv, bn.bn) in the old code, static in the new one
    {"blocks.0.mobile_inverted_conv.depth_conv.conv.conv.weight", "blocks.0.conv.depth_conv.conv.weight",
     "blocks.0.conv.depth_conv.conv.weight"},
    {"blocks.0.mobile_inverted_conv.point_linear.bn.bn.weight", "blocks.0.conv.point_linear.bn.weight",
     "blocks.0.conv.point_linear.bn.weight"},
    // first and last layers: conv.conv → conv, bn.bn → bn, linear.linear → linear
    {"first_conv.conv.conv.weight", "first_conv.conv.weight", "first_conv.conv.weight"},
    {"first_conv.bn.bn.running_mean", "first_conv.bn.running_mean", "first_conv.bn.running_mean"},
    {"final_expand_layer.conv.conv.weight", "final_expand_layer.conv.weight", "final_expand_layer.conv.weight"},
    {"final_expand_layer.bn.bn.bias", "final_expand_layer.bn.bias", "final_expand_layer.bn.bias"},
    {"feature_mix_layer.conv.conv.weight", "feature_mix_layer.conv.weight", "feature_mix_layer.conv.weight"},
    {"classifier.linear.linear.weight", "classifier.linear.weight", "classifier.linear.weight"},
    {"classifier.linear.linear.bias", "classifier.linear.bias", "classifier.linear.bias"},
};

TEST(CanonicalOfaKey, OldAndNewSpellingsMapToTheShortForm) {
    for (const Case& c : kCases) {
        EXPECT_EQ(canonicalOfaKey(c.oldSpelling), c.canonical) << c.oldSpelling;
        EXPECT_EQ(canonicalOfaKey(c.newSpelling), c.canonical) << c.newSpelling;
        EXPECT_EQ(canonicalOfaKey(c.canonical), c.canonical) << "not idempotent: " << c.canonical;
    }
}

TEST(CanonicalOfaKey, DifferentTensorsStayDifferent) {
    std::set<std::string> canonical;
    for (const Case& c : kCases) EXPECT_TRUE(canonical.insert(canonicalOfaKey(c.newSpelling)).second) << c.newSpelling;
    // a conv module that is not the last wrapper keeps both names; other keys pass through
    EXPECT_EQ(canonicalOfaKey("blocks.1.conv.conv.bn.weight"), "blocks.1.conv.conv.bn.weight");
    EXPECT_EQ(canonicalOfaKey("conv.conv.weight"), "conv.weight");
    EXPECT_EQ(canonicalOfaKey("weight"), "weight");
    EXPECT_EQ(canonicalOfaKey(""), "");
    EXPECT_EQ(canonicalOfaKey("a..b"), "a..b");
}

}  // namespace
}  // namespace nat::supernet
