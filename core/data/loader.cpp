#include "data/loader.h"

#include <ATen/ATen.h>

#include <array>
#include <cmath>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"

namespace nat::data {

namespace {

// Stream ids for deriveSeed, so order and augmentation draw from unrelated sequences.
constexpr std::uint64_t kShuffleStream = 0x5348554646ULL;
constexpr std::uint64_t kAugmentStream = 0x4155474dULL;

[[noreturn]] void badOption(const std::string& what) { throw Error(ErrorCode::InvalidArgument, "loader option " + what); }

// Pixel value -> normalised float, one table per channel; padding uses entry 0 (a black pixel).
std::vector<std::array<float, 256>> normalisationTables(const LoaderOptions& o, int channels) {
    std::vector<std::array<float, 256>> lut(static_cast<std::size_t>(channels));
    for (int c = 0; c < channels; ++c) {
        const double mean = o.mean.empty() ? 0.0 : o.mean[static_cast<std::size_t>(c)];
        const double sd = o.std.empty() ? 1.0 : o.std[static_cast<std::size_t>(c)];
        for (int v = 0; v < 256; ++v) lut[c][v] = static_cast<float>((v / 255.0 - mean) / sd);
    }
    return lut;
}

// Writes one image: crop window at (dx, dy) in the zero-padded image, optionally mirrored.
void writeSample(const std::uint8_t* src, const ImageSet& set, int pad, int dx, int dy, bool flip,
                 const std::vector<std::array<float, 256>>& lut, float* dst) {
    const int h = set.height, w = set.width;
    for (int c = 0; c < set.channels; ++c) {
        const auto& table = lut[static_cast<std::size_t>(c)];
        const std::uint8_t* plane = src + static_cast<std::size_t>(c) * h * w;
        for (int y = 0; y < h; ++y, dst += w) {
            const int sy = y + dy - pad;
            if (sy < 0 || sy >= h) {
                std::fill(dst, dst + w, table[0]);
                continue;
            }
            const std::uint8_t* row = plane + static_cast<std::size_t>(sy) * w;
            for (int x = 0; x < w; ++x) {
                const int sx = (flip ? w - 1 - x : x) + dx - pad;
                dst[x] = (sx >= 0 && sx < w) ? table[row[sx]] : table[0];
            }
        }
    }
}

}  // namespace

LoaderOptions trainingLoaderOptions(const Dataset& ds, const ChannelStats& stats) {
    LoaderOptions o;
    o.flip = ds.flipByDefault;
    o.cropPadding = ds.train ? static_cast<int>(std::lround(ds.train->height / 8.0)) : 4;
    o.mean = stats.mean;
    o.std = stats.std;
    return o;
}

LoaderOptions evaluationLoaderOptions(const ChannelStats& stats, int resolution) {
    LoaderOptions o;
    o.shuffle = false;
    o.augment = false;
    o.flip = false;
    o.cropPadding = 0;
    if (resolution > 0) o.resolutions = {resolution};
    o.mean = stats.mean;
    o.std = stats.std;
    return o;
}

void validateLoaderOptions(const LoaderOptions& o, const ImageSet& set) {
    if (o.batchSize < 1 || o.batchSize > 65536) badOption("batch size must be 1..65536, got " + std::to_string(o.batchSize));
    if (o.cropPadding < 0 || o.cropPadding > std::max(set.height, set.width))
        badOption("crop padding must be 0.." + std::to_string(std::max(set.height, set.width)) + " px, got " +
                  std::to_string(o.cropPadding));
    for (int r : o.resolutions)
        if (r < 1 || r > 2048) badOption("resolution must be 1..2048 px, got " + std::to_string(r));
    const auto channels = static_cast<std::size_t>(set.channels);
    if (o.mean.size() != o.std.size() || (!o.mean.empty() && o.mean.size() != channels))
        badOption("mean/std need one value per channel (" + std::to_string(channels) + "), got " +
                  std::to_string(o.mean.size()) + " means and " + std::to_string(o.std.size()) + " stds");
    for (double s : o.std)
        if (!(s > 0.0)) badOption("std values must be > 0, got " + std::to_string(s));
    if (o.workers < 0 || o.workers > 64) badOption("workers must be 0..64, got " + std::to_string(o.workers));
    if (o.prefetch < 1 || o.prefetch > 1024) badOption("prefetch must be 1..1024 batches, got " + std::to_string(o.prefetch));
    if (o.epoch < 0) badOption("epoch must be 0 or more, got " + std::to_string(o.epoch));
    if (o.shardCount < 1 || o.shardCount > o.batchSize)
        badOption("shard count must be 1..batch size (" + std::to_string(o.batchSize) + "), got " + std::to_string(o.shardCount));
    if (o.shardIndex < 0 || o.shardIndex >= o.shardCount)
        badOption("shard index must be 0.." + std::to_string(o.shardCount - 1) + ", got " + std::to_string(o.shardIndex));
}

std::pair<std::int64_t, std::int64_t> shardRange(std::int64_t n, int index, int count) {
    return {n * index / count, n * (index + 1) / count};
}

std::vector<std::int64_t> epochOrder(const std::vector<std::int64_t>& indices, const LoaderOptions& o) {
    std::vector<std::int64_t> order = indices;
    if (o.shuffle) Rng(deriveSeed(deriveSeed(o.seed, kShuffleStream), static_cast<std::uint64_t>(o.epoch))).shuffle(order);
    return order;
}

Batch makeBatch(const ImageSet& set, std::span<const std::int64_t> indices, const LoaderOptions& o,
                std::int64_t batchIndex) {
    Rng rng(deriveSeed(deriveSeed(deriveSeed(o.seed, kAugmentStream), static_cast<std::uint64_t>(o.epoch)),
                       static_cast<std::uint64_t>(batchIndex)));
    Batch b;
    b.index = batchIndex;
    b.resolution = o.resolutions.empty() ? set.height
                                         : o.resolutions[static_cast<std::size_t>(rng.uniformInt(0, static_cast<std::int64_t>(o.resolutions.size()) - 1))];
    const auto n = static_cast<std::int64_t>(indices.size());
    // Every image's random draws are made (they are cheap) so the kept shard gets the same crops and
    // flips as in the whole batch; only the shard's images are written.
    const auto [first, last] = shardRange(n, o.shardIndex, o.shardCount);
    at::Tensor images = at::empty({last - first, set.channels, set.height, set.width}, at::kFloat);
    at::Tensor labels = at::empty({last - first}, at::kLong);
    const auto lut = normalisationTables(o, set.channels);
    float* dst = images.data_ptr<float>();
    std::int64_t* lab = labels.data_ptr<std::int64_t>();
    const int pad = o.augment ? o.cropPadding : 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const auto idx = static_cast<std::size_t>(indices[static_cast<std::size_t>(i)]);
        const int dx = pad > 0 ? static_cast<int>(rng.uniformInt(0, 2 * pad)) : 0;
        const int dy = pad > 0 ? static_cast<int>(rng.uniformInt(0, 2 * pad)) : 0;
        const bool flip = o.augment && o.flip && rng.bernoulli(0.5);
        if (i < first || i >= last) continue;
        writeSample(set.image(idx), set, pad, dx, dy, flip, lut, dst + (i - first) * static_cast<std::int64_t>(set.imageBytes()));
        lab[i - first] = set.labels[idx];
    }
    if (b.resolution != set.height || b.resolution != set.width)
        images = at::upsample_bilinear2d(images, {b.resolution, b.resolution}, /*align_corners=*/false);
    if (o.channelsLast) {
        // contiguous(ChannelsLast) keeps 1-channel tensors' NCHW strides; an explicit copy does not.
        at::Tensor cl = at::empty(images.sizes(), images.options().memory_format(at::MemoryFormat::ChannelsLast));
        images = cl.copy_(images);
    }
    b.images = images;
    b.labels = labels;
    return b;
}

Loader::Loader(std::shared_ptr<const ImageSet> images, std::vector<std::int64_t> indices, LoaderOptions options,
               std::stop_token stop)
    : m_images(std::move(images)), m_options(std::move(options)) {
    if (!m_images) throw Error(ErrorCode::InvalidArgument, "loader needs an image set");
    validateLoaderOptions(m_options, *m_images);
    for (std::int64_t i : indices)
        if (i < 0 || static_cast<std::size_t>(i) >= m_images->size())
            throw Error(ErrorCode::InvalidArgument, "loader index " + std::to_string(i) + " is outside the image set (" +
                                                        std::to_string(m_images->size()) + " images)");
    m_order = epochOrder(indices, m_options);
    const auto n = static_cast<std::int64_t>(m_order.size());
    m_numBatches = m_options.dropLast ? n / m_options.batchSize : (n + m_options.batchSize - 1) / m_options.batchSize;
    if (stop.stop_possible())
        m_stopCallback.emplace(std::move(stop), std::function<void()>([this] { requestStop(true); }));
    for (int w = 0; w < m_options.workers; ++w) m_workers.emplace_back([this] { workerLoop(); });
}

Loader::~Loader() {
    m_stopCallback.reset();  // no callback may run while the state is being torn down
    requestStop(false);
    for (auto& t : m_workers) t.join();
}

std::int64_t Loader::numImages() const {
    return m_options.dropLast ? m_numBatches * m_options.batchSize : static_cast<std::int64_t>(m_order.size());
}

void Loader::requestStop(bool cancelled) {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_cancelled = m_cancelled || cancelled;
    }
    m_produced.notify_all();
    m_space.notify_all();
}

Batch Loader::produce(std::int64_t batchIndex) const {
    const auto begin = static_cast<std::size_t>(batchIndex * m_options.batchSize);
    const std::size_t end = std::min(m_order.size(), begin + static_cast<std::size_t>(m_options.batchSize));
    return makeBatch(*m_images, std::span<const std::int64_t>(m_order).subspan(begin, end - begin), m_options, batchIndex);
}

void Loader::workerLoop() {
    for (;;) {
        std::int64_t b = 0;
        {
            std::unique_lock lock(m_mutex);
            m_space.wait(lock, [&] {
                return m_stopping || m_nextToClaim >= m_numBatches || m_nextToClaim < m_nextToConsume + m_options.prefetch;
            });
            if (m_stopping || m_nextToClaim >= m_numBatches) return;
            b = m_nextToClaim++;
        }
        Slot slot;
        try {
            slot.batch = produce(b);
        } catch (...) {
            slot.error = std::current_exception();  // handed to the consumer in order, never lost
        }
        {
            std::lock_guard lock(m_mutex);
            m_ready.emplace(b, std::move(slot));
        }
        m_produced.notify_all();
    }
}

std::optional<Batch> Loader::next() {
    std::unique_lock lock(m_mutex);
    if (m_options.workers == 0) {
        if (m_cancelled) throw Error(ErrorCode::Cancelled, "data loading was cancelled");
        if (m_nextToConsume >= m_numBatches) return std::nullopt;
        const std::int64_t b = m_nextToConsume++;
        lock.unlock();
        return produce(b);
    }
    m_produced.wait(lock, [&] { return m_stopping || m_nextToConsume >= m_numBatches || m_ready.contains(m_nextToConsume); });
    if (m_cancelled) throw Error(ErrorCode::Cancelled, "data loading was cancelled");
    if (m_nextToConsume >= m_numBatches || m_stopping) return std::nullopt;
    auto node = m_ready.extract(m_nextToConsume++);
    lock.unlock();
    m_space.notify_all();
    if (node.mapped().error) std::rethrow_exception(node.mapped().error);
    return std::move(node.mapped().batch);
}

}  // namespace nat::data
