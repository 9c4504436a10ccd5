#include "space/architecture.h"

#include <gtest/gtest.h>

#include <map>
#include <unordered_set>

#include "base/rng.h"
#include "test_util.h"

namespace nat::space {

namespace {
const SearchSpace& ofa() { return preset("ofa-mbv3"); }

Architecture exampleArch() {
    // Resolution 224, width 1.0, depths 2,3,3,3,4 (a NAT-M1-like subnet).
    Architecture a;
    a.resolution = 224;
    a.widthIndex = 0;
    a.stages = {{{3, 3}, {3, 3}},
                {{3, 3}, {3, 4}, {3, 4}},
                {{5, 4}, {5, 4}, {3, 3}},
                {{5, 4}, {5, 3}, {5, 3}},
                {{5, 6}, {5, 6}, {3, 6}, {3, 6}}};
    return a;
}
}  // namespace

TEST(Encoding, KnownAnswerForNatDigits) {
    // Slot value = 1 + idx(k) + 3·idx(e): k5 e4 → 1 + 1 + 3 = 5, k3 e6 → 1 + 0 + 6 = 7.
    const Encoding x = encode(ofa(), exampleArch());
    const Encoding expected = {8, 0, 1, 1, 0, 0, 1, 4, 4, 0, 5, 5, 1, 0, 5, 2, 2, 0, 8, 8, 7, 7};
    EXPECT_EQ(x, expected);
    EXPECT_EQ(toEncodingString(ofa(), x), "08011001440551052208877");
    EXPECT_EQ(fromEncodingString(ofa(), "08011001440551052208877\n"), x);
    EXPECT_EQ(decode(ofa(), x), exampleArch());
}

TEST(Encoding, RoundTripsForRandomArchitectures) {
    Rng rng(1);
    for (const auto& name : presetNames()) {
        const SearchSpace& s = preset(name);
        for (int i = 0; i < 500; ++i) {
            const Encoding x = sampleUniform(s, rng);
            const Architecture a = decode(s, x);
            EXPECT_EQ(encode(s, a), x);
            EXPECT_EQ(fromSubnetJson(s, toSubnetJson(s, a)), a);
            EXPECT_EQ(fromEncodingString(s, toEncodingString(s, x)), x);
        }
    }
}

TEST(Encoding, SubnetJsonKnownAnswer) {
    const Json j = toSubnetJson(ofa(), exampleArch());
    EXPECT_EQ(j["d"], (std::vector<int>{2, 3, 3, 3, 4}));
    EXPECT_EQ(j["ks"], (std::vector<int>{3, 3, 3, 3, 3, 5, 5, 3, 5, 5, 5, 5, 5, 3, 3}));
    EXPECT_EQ(j["e"], (std::vector<int>{3, 3, 3, 4, 4, 4, 4, 3, 4, 3, 3, 6, 6, 6, 6}));
    EXPECT_EQ(j["r"], 224);
    EXPECT_DOUBLE_EQ(j["w"].get<double>(), 1.0);
}

TEST(Encoding, SubnetJsonAcceptsFullLengthListsAndMissingWidth) {
    Architecture a = exampleArch();
    Json j = toSubnetJson(ofa(), a);
    // OFA's own format: 20 entries, of which the first d per stage count.
    std::vector<int> ks, e;
    for (const auto& st : a.stages)
        for (int jj = 0; jj < 4; ++jj) {
            ks.push_back(jj < static_cast<int>(st.size()) ? st[jj].kernel : 7);
            e.push_back(jj < static_cast<int>(st.size()) ? st[jj].expand : 6);
        }
    j["ks"] = ks;
    j["e"] = e;
    j.erase("w");
    EXPECT_EQ(fromSubnetJson(ofa(), j), a);
    a.widthIndex = 1;
    EXPECT_EQ(fromSubnetJson(ofa(), j, 1.2), a);
}

TEST(Encoding, WidthFromNetConfig) {
    EXPECT_DOUBLE_EQ(widthFromNetConfig(ofa(), Json::parse(R"({"first_conv": {"out_channels": 24}})")), 1.2);
    EXPECT_DOUBLE_EQ(widthFromNetConfig(ofa(), Json::parse(R"({"first_conv": {"out_channels": 16}})")), 1.0);
    EXPECT_NAT_ERROR(widthFromNetConfig(ofa(), Json::parse(R"({"first_conv": {"out_channels": 20}})")),
                     ErrorCode::InvalidArgument, "first_conv has 20 output channels");
}

TEST(Encoding, BadSubnetJsonNamesFieldAndAllowedValues) {
    Json j = toSubnetJson(ofa(), exampleArch());
    Json bad = j;
    bad["r"] = 230;
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument, "resolution must be one of [192, 196");
    bad = j;
    bad["d"] = {2, 3, 3, 3};
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument, "'d' must list 5 stage depths, got 4");
    bad = j;
    bad["d"] = {2, 3, 3, 3, 5};
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument, "'d' entry 4 must be one of [2, 3, 4], got 5");
    bad = j;
    bad["ks"][0] = 9;
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument,
                     "kernel size of stage 1 layer 1 must be one of [3, 5, 7], got 9");
    bad = j;
    bad["e"][3] = 5;
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument,
                     "expand ratio of stage 2 layer 2 must be one of [3, 4, 6], got 5");
    bad = j;
    bad["ks"].erase(0);
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument, "'ks' and 'e' must have the same length");
    bad["e"].erase(0);
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument, "must list 15 active layers");
    bad = j;
    bad["w"] = 1.5;
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::InvalidArgument, "'w' must be one of 1.0 1.2 for 'ofa-mbv3', got 1.5");
    bad = j;
    bad.erase("d");
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), bad), ErrorCode::Parse, "field 'd' is missing");
    EXPECT_NAT_ERROR(fromSubnetJson(ofa(), Json::array()), ErrorCode::Parse, "expected a JSON object");
}

TEST(Encoding, BadEncodingsAreRejected) {
    EXPECT_NAT_ERROR(decode(ofa(), Encoding(21, 1)), ErrorCode::InvalidArgument, "must have 22 integers, got 21");
    Encoding x = encode(ofa(), exampleArch());
    x[0] = 17;
    EXPECT_NAT_ERROR(decode(ofa(), x), ErrorCode::InvalidArgument, "position 0 must be in 0..16, got 17");
    x = encode(ofa(), exampleArch());
    x[2] = 0;  // a required slot
    EXPECT_NAT_ERROR(decode(ofa(), x), ErrorCode::InvalidArgument, "position 2 must be in 1..9, got 0");
    x = encode(ofa(), exampleArch());
    x[4] = 0;
    x[5] = 3;  // slot 3 skipped, slot 4 active
    EXPECT_NAT_ERROR(decode(ofa(), x), ErrorCode::InvalidArgument, "stage 1: slot 4 is active after a skipped slot");
    EXPECT_NAT_ERROR(fromEncodingString(ofa(), "0801100144055105220887"), ErrorCode::InvalidArgument, "must have 23 digits");
    EXPECT_NAT_ERROR(fromEncodingString(ofa(), "08011001440551052208x77"), ErrorCode::InvalidArgument,
                     "character 21 must be a digit");
}

TEST(Repair, MovesActiveSlotsUpAndClamps) {
    Encoding x = {20, -1, 1, 1, 0, 5, 0, 2, 0, 0, 3, 3, 3, 3, 1, 1, 0, 0, 12, 2, 0, 4};
    repair(ofa(), x);
    const Encoding expected = {16, 0, 1, 1, 5, 0, 1, 2, 0, 0, 3, 3, 3, 3, 1, 1, 0, 0, 9, 2, 4, 0};
    EXPECT_EQ(x, expected);
    EXPECT_NO_THROW(decode(ofa(), x));
    EXPECT_EQ(decode(ofa(), x).depths(), (std::vector<int>{3, 2, 4, 2, 3}));
}

TEST(Sampling, UniformSamplesAreValidAndCoverEveryValue) {
    Rng rng(2024);
    const SearchSpace& s = ofa();
    const Bounds b = encodingBounds(s);
    std::vector<std::map<int, int>> seen(b.lower.size());
    std::map<int, int> depthCount;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const Encoding x = sampleUniform(s, rng);
        EXPECT_NO_THROW(validateEncoding(s, x));
        for (std::size_t j = 0; j < x.size(); ++j) ++seen[j][x[j]];
        ++depthCount[decode(s, x).depths()[0]];
    }
    // Resolution: 17 values, uniform (chi-square, 16 dof, 0.999 quantile 39.25).
    double chi2 = 0;
    for (auto [v, c] : seen[0]) chi2 += (c - n / 17.0) * (c - n / 17.0) / (n / 17.0);
    EXPECT_EQ(seen[0].size(), 17u);
    EXPECT_LT(chi2, 39.25);
    // Optional slots are each 0 with probability 1/10 before repair, so depth 4 has p = 0.81,
    // depth 2 has p = 0.01 and depth 3 has p = 0.18.
    EXPECT_NEAR(depthCount[4] / static_cast<double>(n), 0.81, 0.015);
    EXPECT_NEAR(depthCount[3] / static_cast<double>(n), 0.18, 0.015);
    EXPECT_NEAR(depthCount[2] / static_cast<double>(n), 0.01, 0.004);
}

TEST(Sampling, SameSeedSameSamples) {
    Rng a(5), b(5);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(sampleUniform(ofa(), a), sampleUniform(ofa(), b));
}

TEST(Encoding, HashAndEqualityDetectDuplicates) {
    std::unordered_set<Encoding, EncodingHash> set;
    Rng rng(3);
    const Encoding x = sampleUniform(ofa(), rng);
    set.insert(x);
    set.insert(x);
    Encoding y = x;
    y[0] = (y[0] + 1) % 17;
    set.insert(y);
    EXPECT_EQ(set.size(), 2u);
}

TEST(Encoding, SmallestAndLargest) {
    const Architecture lo = smallest(ofa()), hi = largest(ofa());
    EXPECT_EQ(lo.resolution, 192);
    EXPECT_EQ(hi.resolution, 256);
    EXPECT_EQ(hi.widthIndex, 1);
    EXPECT_EQ(lo.totalLayers(), 10);
    EXPECT_EQ(hi.totalLayers(), 20);
    EXPECT_EQ(encode(ofa(), hi)[2], 9);
    EXPECT_EQ(encode(ofa(), lo)[2], 1);
}

}  // namespace nat::space
