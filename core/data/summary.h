#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json_util.h"
#include "data/dataset.h"

namespace nat::data {

/// Per-channel mean and standard deviation of pixel values scaled to [0, 1] (population statistics
/// over every pixel of a set): the normalisation the loaders apply.
struct ChannelStats {
    std::vector<double> mean;
    std::vector<double> std;
};
ChannelStats computeChannelStats(const ImageSet& set);

/// A small image for the UI: interleaved rows (RGB or grey, `channels` bytes per pixel).
struct Thumbnail {
    int classIndex = 0;
    int width = 0;
    int height = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;  ///< height * width * channels, row-major, interleaved
};

struct ClassInfo {
    std::string name;
    long long train = 0;
    long long val = 0;   ///< from a separate val/ tree only; held-out splits are made later
    long long test = 0;
};

/// What the UI's dataset page and `nat dataset info` show. Plain data.
struct DatasetSummary {
    std::string name;
    std::string format;
    std::string root;
    std::vector<ClassInfo> classes;
    int imageWidth = 0;   ///< size of the images in memory (what the loaders crop and resize)
    int imageHeight = 0;
    int channels = 0;
    std::vector<SizeCount> originalSizes;
    ChannelStats stats;   ///< of the training set
    std::vector<Thumbnail> thumbnails;  ///< class-balanced: up to N per class, grouped by class
    long long skippedFiles = 0;
    std::vector<std::string> warnings;
    bool flipByDefault = true;
};

struct SummaryOptions {
    int thumbnailsPerClass = 8;
    int thumbnailSide = 64;  ///< larger images are shrunk (box filter) to at most this side
    std::uint64_t seed = 0;  ///< which images become thumbnails
};

DatasetSummary summarize(const Dataset& ds, const SummaryOptions& options = {});

/// JSON for `nat dataset info --json` and the run folder; thumbnails are listed without pixels.
Json summaryToJson(const DatasetSummary& s);

/// Shrinks one planar image to an interleaved thumbnail no larger than `maxSide` (box filter).
Thumbnail makeThumbnail(const ImageSet& set, std::size_t index, int maxSide);

}  // namespace nat::data
