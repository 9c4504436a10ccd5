#pragma once

// The only core/data header with LibTorch types: batches for the supernet trainer.

#include <torch/types.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/summary.h"

namespace nat::data {

struct Batch {
    torch::Tensor images;     ///< [N, C, R, R] float32, normalised with the loader's mean/std
    torch::Tensor labels;     ///< [N] int64
    int resolution = 0;       ///< R, one of LoaderOptions::resolutions
    std::int64_t index = 0;   ///< position of the batch in its epoch
};

struct LoaderOptions {
    int batchSize = 128;
    bool shuffle = true;
    /// Training augmentation (NAT-REFERENCE.md §4, scaled to small images): random crop after zero
    /// padding by cropPadding pixels, then a horizontal flip with probability 1/2 when `flip` is on.
    /// Off: images pass unchanged (evaluation; nothing random but the resolution choice).
    bool augment = true;
    bool flip = true;
    int cropPadding = 4;
    /// Output sizes. Empty: the stored size. Several: each batch picks one at random (elastic-
    /// resolution training); images are resized with bilinear interpolation (align_corners=false).
    std::vector<int> resolutions;
    /// Per-channel mean and std of pixels in [0, 1]; empty: no normalisation (pixels in [0, 1]).
    std::vector<double> mean;
    std::vector<double> std;
    bool dropLast = false;
    int workers = 2;          ///< background threads; 0 makes batches on the caller's thread in next()
    int prefetch = 4;         ///< batches made ahead of the consumer (in production or waiting)
    std::uint64_t seed = 0;
    int epoch = 0;            ///< order and augmentation depend on (seed, epoch, batch index) only
    bool channelsLast = false;  ///< return images in channels-last memory format (faster CPU training)
    /// Data-parallel training: this process takes part `shardIndex` of `shardCount` near-equal
    /// contiguous parts of every batch (sizes differ by at most one image). Order, augmentation and
    /// resolution are those of the whole batch, so the shards of all ranks together are exactly the
    /// one-process batch.
    int shardIndex = 0;
    int shardCount = 1;
};

/// The [begin, end) positions of shard `index` of `count` in a batch of `n` items.
std::pair<std::int64_t, std::int64_t> shardRange(std::int64_t n, int index, int count);

/// Sensible defaults for a dataset: training (augmentation, flip as the dataset suggests, padding
/// of 1/8 of the image side) and evaluation (no randomness, no shuffling, one resolution).
LoaderOptions trainingLoaderOptions(const Dataset& ds, const ChannelStats& stats);
LoaderOptions evaluationLoaderOptions(const ChannelStats& stats, int resolution);

/// Checks options against an image set: Error(InvalidArgument) naming the option and its range.
void validateLoaderOptions(const LoaderOptions& o, const ImageSet& set);

/// The order in which one epoch visits `indices`: a seeded permutation, or the given order.
std::vector<std::int64_t> epochOrder(const std::vector<std::int64_t>& indices, const LoaderOptions& o);

/// One batch from the images at `indices` (already in epoch order). Pure function of its arguments:
/// the randomness comes from an RNG derived from (seed, epoch, batchIndex). Thread-safe.
Batch makeBatch(const ImageSet& set, std::span<const std::int64_t> indices, const LoaderOptions& o,
                std::int64_t batchIndex);

/// One epoch over `indices` of an image set, made by background threads and handed out in order:
/// the batches are identical for a given seed and epoch whatever the number of workers.
/// Cancellation: when `stop` is requested, workers stop after their current batch and next() throws
/// Error(Cancelled); destroying the loader stops and joins its workers promptly (at most one batch).
/// Thread-safety: next() is for one consumer thread; the workers only read the shared image set.
class Loader {
public:
    Loader(std::shared_ptr<const ImageSet> images, std::vector<std::int64_t> indices, LoaderOptions options,
           std::stop_token stop = {});
    ~Loader();
    Loader(const Loader&) = delete;
    Loader& operator=(const Loader&) = delete;

    /// The next batch in order, or nullopt at the end of the epoch. Rethrows a worker's error.
    std::optional<Batch> next();
    std::int64_t numBatches() const { return m_numBatches; }
    std::int64_t numImages() const;

private:
    struct Slot {
        std::optional<Batch> batch;
        std::exception_ptr error;
    };
    Batch produce(std::int64_t batchIndex) const;
    void workerLoop();
    void requestStop(bool cancelled);

    std::shared_ptr<const ImageSet> m_images;
    LoaderOptions m_options;
    std::vector<std::int64_t> m_order;
    std::int64_t m_numBatches = 0;

    std::mutex m_mutex;
    std::condition_variable m_produced;  // a batch is ready, or stopping
    std::condition_variable m_space;     // the consumer took a batch, or stopping
    std::map<std::int64_t, Slot> m_ready;
    std::int64_t m_nextToClaim = 0;
    std::int64_t m_nextToConsume = 0;
    bool m_stopping = false;
    bool m_cancelled = false;
    std::vector<std::thread> m_workers;
    std::optional<std::stop_callback<std::function<void()>>> m_stopCallback;  // after the state it touches
};

}  // namespace nat::data
