// Stratified, seeded train/validation splits and dataset summaries.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "data/split.h"
#include "data/summary.h"
#include "test_util.h"

namespace nat::test {
namespace {

using namespace nat::data;

// n images of side×side, 1 channel; class of image i is classOf(i); pixel value = label * 10 + k % 3.
std::shared_ptr<ImageSet> makeSet(int n, int side, int channels, const std::function<int(int)>& classOf) {
    auto s = std::make_shared<ImageSet>();
    s->channels = channels;
    s->height = s->width = side;
    for (int i = 0; i < n; ++i) {
        s->labels.push_back(classOf(i));
        for (std::size_t k = 0; k < s->imageBytes(); ++k) s->pixels.push_back(static_cast<std::uint8_t>(classOf(i) * 10 + k % 3));
    }
    return s;
}

Dataset makeDataset(int n, int classes) {
    Dataset ds;
    ds.name = "toy";
    for (int c = 0; c < classes; ++c) ds.classNames.push_back("c" + std::to_string(c));
    // Unbalanced: class c has weight c + 1.
    std::vector<int> cls;
    for (int c = 0; c < classes; ++c)
        for (int k = 0; k < (c + 1) * n / (classes * (classes + 1) / 2); ++k) cls.push_back(c);
    ds.train = makeSet(static_cast<int>(cls.size()), 4, 1, [&](int i) { return cls[static_cast<std::size_t>(i)]; });
    ds.val = std::make_shared<ImageSet>();
    ds.test = makeSet(10, 4, 1, [&](int i) { return i % classes; });
    return ds;
}

TEST(Split, StratifiedAndDisjoint) {
    const Dataset ds = makeDataset(1000, 4);  // classes of 100, 200, 300, 400
    SplitOptions o;
    o.valSize = 100;
    const Split s = makeSplit(ds, o);
    EXPECT_EQ(s.val.size(), 100u);
    EXPECT_EQ(s.train.size(), 900u);
    std::vector<int> perClass(4, 0);
    for (auto i : s.val) ++perClass[static_cast<std::size_t>(ds.train->labels[static_cast<std::size_t>(i)])];
    EXPECT_EQ(perClass, (std::vector<int>{10, 20, 30, 40}));
    std::set<std::int64_t> all(s.train.begin(), s.train.end());
    all.insert(s.val.begin(), s.val.end());
    EXPECT_EQ(all.size(), 1000u);
    EXPECT_TRUE(std::is_sorted(s.val.begin(), s.val.end()));
}

TEST(Split, ReproducibleSeededAndSerialisable) {
    const Dataset ds = makeDataset(1000, 4);
    SplitOptions o;
    o.valFraction = 0.2;
    o.seed = 7;
    const Split a = makeSplit(ds, o), b = makeSplit(ds, o);
    EXPECT_EQ(a.val, b.val);
    EXPECT_EQ(a.val.size(), 200u);
    o.seed = 8;
    EXPECT_NE(makeSplit(ds, o).val, a.val);
    const Split back = splitFromJson(Json::parse(splitToJson(a).dump()), ds, "'split.json'");
    EXPECT_EQ(back.train, a.train);
    EXPECT_EQ(back.val, a.val);
    EXPECT_EQ(back.options.seed, 7u);
    Json bad = splitToJson(a);
    bad["val"].push_back(5000);
    EXPECT_NAT_ERROR(splitFromJson(bad, ds, "'split.json'"), ErrorCode::Corrupt,
                     "split 'split.json': validation index 5000 is outside the dataset's 1000 images");
    bad.erase("train");
    EXPECT_NAT_ERROR(splitFromJson(bad, ds, "'split.json'"), ErrorCode::Corrupt, "split 'split.json' is malformed");
}

TEST(Split, AutomaticSizeSubsetAndBadSizes) {
    const Dataset ds = makeDataset(1000, 4);
    EXPECT_EQ(makeSplit(ds).val.size(), 100u);  // min(5000, 10 %)
    SplitOptions o;
    o.trainSubset = 90;
    const Split s = makeSplit(ds, o);
    EXPECT_EQ(s.train.size(), 90u);
    EXPECT_EQ(ds.train->labels[static_cast<std::size_t>(s.train.front())], 0);
    o.trainSubset = 901;
    EXPECT_NAT_ERROR(makeSplit(ds, o), ErrorCode::InvalidArgument, "training subset must be 0 (all) or 1..900 images, got 901");
    o = {};
    o.valSize = 1000;
    EXPECT_NAT_ERROR(makeSplit(ds, o), ErrorCode::InvalidArgument, "validation size must be -1 (automatic) or 0..999");
    o = {};
    o.valFraction = 1.5;
    EXPECT_NAT_ERROR(makeSplit(ds, o), ErrorCode::InvalidArgument, "validation fraction must be in [0, 1), got 1.5");
}

TEST(Split, UsesTheDatasetsOwnValidationTree) {
    Dataset ds = makeDataset(100, 2);
    ds.val = makeSet(6, 4, 1, [](int i) { return i % 2; });
    const Split s = makeSplit(ds);
    EXPECT_TRUE(s.valFromDatasetVal);
    EXPECT_EQ(s.val.size(), 6u);
    EXPECT_EQ(s.train.size(), ds.train->size());
    EXPECT_EQ(&validationImages(ds, s), ds.val.get());
}

TEST(Summary, CountsStatsAndBalancedThumbnails) {
    Dataset ds = makeDataset(1000, 4);
    const DatasetSummary s = summarize(ds, {3, 2, 1});
    ASSERT_EQ(s.classes.size(), 4u);
    EXPECT_EQ(s.classes[3].train, 400);
    EXPECT_EQ(s.classes[1].test, 3);
    ASSERT_EQ(s.thumbnails.size(), 12u);
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(s.thumbnails[i].classIndex, static_cast<int>(i / 3));
    EXPECT_EQ(s.thumbnails[0].width, 2);  // 4 px shrunk to at most 2
    // Pixels of class c are c*10 + (0,1,2,0,...): known mean.
    double sum = 0;
    for (int c = 0; c < 4; ++c) sum += (c + 1) * 100.0 * (c * 10 * 16 + (0 + 1 + 2) * 5 + 0) / 16.0;
    EXPECT_NEAR(s.stats.mean[0], sum / 1000.0 / 255.0, 1e-12);
    const Json j = summaryToJson(s);
    EXPECT_EQ(j["counts"]["train"], 1000);
    EXPECT_EQ(j["classes"][2]["name"], "c2");
}

TEST(Summary, ChannelStatsKnownAnswer) {
    ImageSet s;
    s.channels = 2;
    s.height = 1;
    s.width = 2;
    s.pixels = {0, 255, 51, 51, 255, 0, 51, 51};  // channel 0: 0,255,255,0; channel 1: all 51
    s.labels = {0, 0};
    const ChannelStats st = computeChannelStats(s);
    EXPECT_DOUBLE_EQ(st.mean[0], 0.5);
    EXPECT_DOUBLE_EQ(st.std[0], 0.5);
    EXPECT_DOUBLE_EQ(st.mean[1], 0.2);
    EXPECT_NEAR(st.std[1], 0.0, 1e-12);
}

TEST(Summary, ThumbnailIsInterleavedAndBoxFiltered) {
    ImageSet s;
    s.channels = 3;
    s.height = s.width = 4;
    for (int c = 0; c < 3; ++c)
        for (int k = 0; k < 16; ++k) s.pixels.push_back(static_cast<std::uint8_t>(c * 100 + (k % 2) * 10));
    s.labels = {1};
    const Thumbnail t = makeThumbnail(s, 0, 2);
    EXPECT_EQ(t.width, 2);
    EXPECT_EQ(t.classIndex, 1);
    EXPECT_EQ(t.pixels, (std::vector<std::uint8_t>{5, 105, 205, 5, 105, 205, 5, 105, 205, 5, 105, 205}));
}

}  // namespace
}  // namespace nat::test
