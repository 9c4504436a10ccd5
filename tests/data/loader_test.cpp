// Batches: shapes, normalisation, augmentation, multi-resolution, determinism across thread counts,
// cancellation and prompt shutdown.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <chrono>
#include <numeric>

#include "data/loader.h"
#include "test_util.h"

namespace nat::test {
namespace {

using namespace nat::data;

// n images of side×side with `channels` channels; pixel (c, y, x) of image i = (i + 3y + x + 50c) mod 256.
std::shared_ptr<ImageSet> rampSet(int n, int side, int channels) {
    auto s = std::make_shared<ImageSet>();
    s->channels = channels;
    s->height = s->width = side;
    for (int i = 0; i < n; ++i) {
        s->labels.push_back(i % 5);
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < side; ++y)
                for (int x = 0; x < side; ++x) s->pixels.push_back(static_cast<std::uint8_t>((i + 3 * y + x + 50 * c) % 256));
    }
    return s;
}

std::vector<std::int64_t> iota(std::size_t n) {
    std::vector<std::int64_t> v(n);
    std::iota(v.begin(), v.end(), 0);
    return v;
}

std::vector<Batch> drain(Loader& l) {
    std::vector<Batch> out;
    while (auto b = l.next()) out.push_back(std::move(*b));
    return out;
}

TEST(Loader, EvaluationBatchesAreExactAndNormalised) {
    auto set = rampSet(10, 6, 3);
    LoaderOptions o = evaluationLoaderOptions({{0.5, 0.5, 0.5}, {0.25, 0.5, 1.0}}, 0);
    o.batchSize = 4;
    o.workers = 0;
    Loader l(set, iota(10), o);
    EXPECT_EQ(l.numBatches(), 3);
    const auto batches = drain(l);
    ASSERT_EQ(batches.size(), 3u);
    const at::Tensor& x = batches[1].images;
    EXPECT_EQ(x.sizes(), (at::IntArrayRef{4, 3, 6, 6}));
    EXPECT_EQ(x.scalar_type(), at::kFloat);
    EXPECT_EQ(batches[1].labels.scalar_type(), at::kLong);
    EXPECT_EQ(batches[1].labels[0].item<std::int64_t>(), 4);
    EXPECT_EQ(batches[2].images.size(0), 2);
    // image 5, channel 1, y 2, x 3: value 5 + 6 + 3 + 50 = 64
    EXPECT_FLOAT_EQ(x[1][1][2][3].item<float>(), static_cast<float>((64 / 255.0 - 0.5) / 0.5));
    EXPECT_EQ(batches[0].resolution, 6);
}

TEST(Loader, SameSeedSameBatchesWhateverTheThreadCount) {
    auto set = rampSet(50, 8, 1);
    LoaderOptions o;
    o.batchSize = 7;
    o.cropPadding = 2;
    o.resolutions = {8, 12, 16};
    o.seed = 42;
    o.epoch = 3;
    std::vector<std::vector<Batch>> runs;
    for (int workers : {0, 1, 3}) {
        o.workers = workers;
        o.prefetch = workers + 1;
        Loader l(set, iota(50), o);
        runs.push_back(drain(l));
    }
    ASSERT_EQ(runs[0].size(), 8u);
    for (std::size_t r = 1; r < runs.size(); ++r)
        for (std::size_t b = 0; b < runs[0].size(); ++b) {
            EXPECT_EQ(runs[r][b].resolution, runs[0][b].resolution);
            EXPECT_TRUE(at::equal(runs[r][b].images, runs[0][b].images)) << "workers run " << r << " batch " << b;
            EXPECT_TRUE(at::equal(runs[r][b].labels, runs[0][b].labels));
        }
    o.epoch = 4;
    o.workers = 2;
    Loader other(set, iota(50), o);
    EXPECT_FALSE(at::equal(other.next()->labels, runs[0][0].labels));  // a new epoch, a new order
}

TEST(Loader, MultiResolutionBatchesUseEveryListedSize) {
    auto set = rampSet(64, 8, 3);
    LoaderOptions o;
    o.batchSize = 2;
    o.resolutions = {8, 10, 16};
    Loader l(set, iota(64), o);
    std::set<int> seen;
    for (const auto& b : drain(l)) {
        seen.insert(b.resolution);
        EXPECT_EQ(b.images.size(2), b.resolution);
        EXPECT_EQ(b.images.size(3), b.resolution);
    }
    EXPECT_EQ(seen, (std::set<int>{8, 10, 16}));
}

TEST(Loader, ResizeMatchesBilinearInterpolation) {
    auto set = rampSet(3, 6, 1);
    LoaderOptions o = evaluationLoaderOptions({}, 12);
    o.workers = 0;
    Loader l(set, iota(3), o);
    const Batch b = *l.next();
    LoaderOptions raw = evaluationLoaderOptions({}, 0);
    const Batch small = makeBatch(*set, iota(3), raw, 0);
    const at::Tensor expected = at::upsample_bilinear2d(small.images, {12, 12}, false);
    EXPECT_TRUE(at::allclose(b.images, expected));
}

TEST(Loader, CropAndFlipMoveImageContent) {
    auto set = rampSet(200, 6, 1);
    LoaderOptions o;
    o.shuffle = false;
    o.cropPadding = 0;
    o.flip = true;
    o.batchSize = 200;
    const Batch b = makeBatch(*set, iota(200), o, 0);
    int flipped = 0;
    for (int i = 0; i < 200; ++i) {
        const at::Tensor img = b.images[i][0];
        const at::Tensor orig = makeBatch(*set, std::vector<std::int64_t>{i}, evaluationLoaderOptions({}, 0), 0).images[0][0];
        const bool isFlip = at::equal(img, orig.flip({1}));
        EXPECT_TRUE(isFlip || at::equal(img, orig));
        flipped += isFlip;
    }
    EXPECT_GT(flipped, 70);
    EXPECT_LT(flipped, 130);
    o.flip = false;
    o.cropPadding = 2;
    const Batch c = makeBatch(*set, iota(200), o, 0);
    int zeroBorders = 0;
    for (int i = 0; i < 200; ++i) zeroBorders += c.images[i][0][0].abs().sum().item<float>() == 0.0f;
    EXPECT_GT(zeroBorders, 10);  // rows shifted in from the padding are black
}

TEST(Loader, DropLastChannelsLastAndBadOptions) {
    auto set = rampSet(10, 4, 1);
    LoaderOptions o;
    o.batchSize = 4;
    o.dropLast = true;
    o.channelsLast = true;
    Loader l(set, iota(10), o);
    EXPECT_EQ(l.numBatches(), 2);
    EXPECT_EQ(l.numImages(), 8);
    const Batch b = *l.next();
    EXPECT_EQ(b.images.stride(1), 1);  // channels-last strides even for one channel
    o.std = {0.0};
    o.mean = {0.5};
    EXPECT_NAT_ERROR(Loader(set, iota(10), o), ErrorCode::InvalidArgument, "std values must be > 0");
    o.std = {0.5, 0.5};
    EXPECT_NAT_ERROR(Loader(set, iota(10), o), ErrorCode::InvalidArgument, "mean/std need one value per channel (1)");
    o = {};
    o.batchSize = 0;
    EXPECT_NAT_ERROR(Loader(set, iota(10), o), ErrorCode::InvalidArgument, "batch size must be 1..65536, got 0");
    o = {};
    EXPECT_NAT_ERROR(Loader(set, {0, 10}, o), ErrorCode::InvalidArgument, "loader index 10 is outside the image set (10 images)");
}

TEST(Loader, ShardsOfAllRanksMakeExactlyTheWholeBatch) {
    auto set = rampSet(40, 8, 1);
    LoaderOptions o;
    o.batchSize = 11;  // shards of 3 ranks: 3, 4, 4 images
    o.cropPadding = 2;
    o.flip = true;
    o.resolutions = {6, 8, 10};
    o.seed = 5;
    o.epoch = 2;
    Loader whole(set, iota(40), o);
    const std::vector<Batch> full = drain(whole);
    std::vector<std::vector<Batch>> shards;
    for (int r = 0; r < 3; ++r) {
        LoaderOptions so = o;
        so.shardIndex = r;
        so.shardCount = 3;
        Loader l(set, iota(40), so);
        shards.push_back(drain(l));
        ASSERT_EQ(shards.back().size(), full.size());
    }
    for (std::size_t b = 0; b < full.size(); ++b) {
        std::vector<at::Tensor> images, labels;
        for (int r = 0; r < 3; ++r) {
            EXPECT_EQ(shards[r][b].resolution, full[b].resolution);
            images.push_back(shards[r][b].images);
            labels.push_back(shards[r][b].labels);
        }
        if (full[b].images.size(0) == 11) {
            EXPECT_EQ(shards[0][b].images.size(0), 3);  // the last batch is partial
        }
        EXPECT_TRUE(at::equal(at::cat(images), full[b].images)) << "batch " << b;
        EXPECT_TRUE(at::equal(at::cat(labels), full[b].labels)) << "batch " << b;
    }
    EXPECT_EQ(shardRange(11, 2, 3), (std::pair<std::int64_t, std::int64_t>{7, 11}));
    o.shardCount = 12;
    EXPECT_NAT_ERROR(Loader(set, iota(40), o), ErrorCode::InvalidArgument, "shard count must be 1..batch size (11), got 12");
    o.shardCount = 2;
    o.shardIndex = 2;
    EXPECT_NAT_ERROR(Loader(set, iota(40), o), ErrorCode::InvalidArgument, "shard index must be 0..1, got 2");
}

TEST(Loader, StopTokenCancelsAndDestructionIsPrompt) {
    auto set = rampSet(2000, 16, 3);
    LoaderOptions o;
    o.batchSize = 8;
    o.resolutions = {64};
    o.workers = 3;
    std::stop_source stop;
    Loader l(set, iota(2000), o, stop.get_token());
    ASSERT_TRUE(l.next().has_value());
    stop.request_stop();
    EXPECT_NAT_ERROR(l.next(), ErrorCode::Cancelled, "cancelled");
    const auto t0 = std::chrono::steady_clock::now();
    {
        Loader busy(set, iota(2000), o);
        busy.next();
    }  // destroyed with batches in flight
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

}  // namespace
}  // namespace nat::test
