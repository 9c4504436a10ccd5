#include "surrogate/features.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace nat::surrogate {

TEST(Features, NormalisedUsesBounds) {
    const FeatureMap map({0, 1, 5}, {4, 9, 5}, FeatureKind::Normalised);
    EXPECT_EQ(map.dimension(), 3);
    const Eigen::MatrixXd x = map.transform({{0, 1, 5}, {4, 9, 5}, {2, 5, 5}});
    EXPECT_EQ(x.row(0), Eigen::RowVector3d(0, 0, 0));
    EXPECT_EQ(x.row(1), Eigen::RowVector3d(1, 1, 0));  // a fixed variable maps to 0
    EXPECT_EQ(x.row(2), Eigen::RowVector3d(0.5, 0.5, 0));
}

TEST(Features, OneHotHasOneColumnPerValue) {
    const FeatureMap map({0, 1}, {2, 2}, FeatureKind::OneHot);
    EXPECT_EQ(map.dimension(), 5);
    const Eigen::MatrixXd x = map.transform({{2, 1}});
    Eigen::RowVectorXd expected(5);
    expected << 0, 0, 1, 1, 0;
    EXPECT_EQ(x.row(0), expected);
    EXPECT_EQ(map.toJson()["kind"], "one-hot");
}

TEST(Features, FromDataTakesMinAndMax) {
    const FeatureMap map = FeatureMap::fromData({{3, 0}, {1, 7}}, FeatureKind::Normalised);
    EXPECT_EQ(map.lower(), (std::vector<int>{1, 0}));
    EXPECT_EQ(map.upper(), (std::vector<int>{3, 7}));
}

TEST(Features, ErrorsNamePositionAndRange) {
    const FeatureMap map({0, 0}, {3, 3}, FeatureKind::OneHot);
    EXPECT_NAT_ERROR(map.transform({{0, 0}, {1, 4}}), ErrorCode::InvalidArgument, "encoding 1, variable 1: value 4 outside 0..3");
    EXPECT_NAT_ERROR(map.transform({{0}}), ErrorCode::InvalidArgument, "has 1 variables, expected 2");
    EXPECT_NAT_ERROR(FeatureMap({0}, {0, 1}, FeatureKind::Normalised), ErrorCode::InvalidArgument, "differ in length");
    EXPECT_NAT_ERROR(FeatureMap({2}, {1}, FeatureKind::Normalised), ErrorCode::InvalidArgument, "lower 2 > upper 1");
    EXPECT_NAT_ERROR(FeatureMap::fromData({}, FeatureKind::Normalised), ErrorCode::InvalidArgument, "0 encodings");
    EXPECT_NAT_ERROR(parseFeatureKind("binary"), ErrorCode::InvalidArgument, "'normalised' or 'one-hot', got 'binary'");
    EXPECT_EQ(parseFeatureKind("one-hot"), FeatureKind::OneHot);
}

}  // namespace nat::surrogate
