#include "data/summary.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "base/rng.h"

namespace nat::data {

ChannelStats computeChannelStats(const ImageSet& set) {
    ChannelStats s;
    const std::size_t plane = static_cast<std::size_t>(set.height) * static_cast<std::size_t>(set.width);
    for (int c = 0; c < set.channels; ++c) {
        // Integer sums are exact: 2^64 / 255^2 pixels is far beyond any dataset held in memory.
        std::uint64_t sum = 0, sumSq = 0;
        for (std::size_t i = 0; i < set.size(); ++i) {
            const std::uint8_t* p = set.image(i) + static_cast<std::size_t>(c) * plane;
            for (std::size_t k = 0; k < plane; ++k) {
                sum += p[k];
                sumSq += std::uint64_t{p[k]} * p[k];
            }
        }
        const double n = static_cast<double>(plane * set.size());
        const double mean = n > 0 ? static_cast<double>(sum) / n : 0.0;
        const double var = n > 0 ? static_cast<double>(sumSq) / n - mean * mean : 0.0;
        s.mean.push_back(mean / 255.0);
        s.std.push_back(std::sqrt(std::max(0.0, var)) / 255.0);
    }
    return s;
}

Thumbnail makeThumbnail(const ImageSet& set, std::size_t index, int maxSide) {
    const int factor = std::max(1, (std::max(set.width, set.height) + maxSide - 1) / maxSide);
    Thumbnail t;
    t.classIndex = set.labels[index];
    t.channels = set.channels;
    t.width = set.width / factor;
    t.height = set.height / factor;
    t.pixels.resize(static_cast<std::size_t>(t.width) * t.height * t.channels);
    const std::uint8_t* img = set.image(index);
    const std::size_t plane = static_cast<std::size_t>(set.width) * set.height;
    for (int c = 0; c < t.channels; ++c)
        for (int y = 0; y < t.height; ++y)
            for (int x = 0; x < t.width; ++x) {
                int sum = 0;
                for (int dy = 0; dy < factor; ++dy)
                    for (int dx = 0; dx < factor; ++dx)
                        sum += img[c * plane + static_cast<std::size_t>(y * factor + dy) * set.width + x * factor + dx];
                t.pixels[(static_cast<std::size_t>(y) * t.width + x) * t.channels + c] =
                    static_cast<std::uint8_t>((sum + factor * factor / 2) / (factor * factor));
            }
    return t;
}

namespace {

// Up to `perClass` random images of each class, chosen reproducibly from `seed`.
std::vector<Thumbnail> sampleThumbnails(const Dataset& ds, const SummaryOptions& o) {
    std::vector<std::vector<std::size_t>> byClass(static_cast<std::size_t>(ds.numClasses()));
    for (std::size_t i = 0; i < ds.train->size(); ++i) byClass[static_cast<std::size_t>(ds.train->labels[i])].push_back(i);
    std::vector<Thumbnail> out;
    for (std::size_t c = 0; c < byClass.size(); ++c) {
        Rng rng(deriveSeed(o.seed, c));
        auto& idx = byClass[c];
        // Partial Fisher–Yates: only the first `perClass` positions are needed.
        const std::size_t take = std::min(idx.size(), static_cast<std::size_t>(std::max(0, o.thumbnailsPerClass)));
        for (std::size_t k = 0; k < take; ++k) {
            const auto j = static_cast<std::size_t>(rng.uniformInt(static_cast<std::int64_t>(k), static_cast<std::int64_t>(idx.size()) - 1));
            std::swap(idx[k], idx[j]);
            out.push_back(makeThumbnail(*ds.train, idx[k], o.thumbnailSide));
        }
    }
    return out;
}

}  // namespace

DatasetSummary summarize(const Dataset& ds, const SummaryOptions& options) {
    if (options.thumbnailSide < 1)
        throw Error(ErrorCode::InvalidArgument, "thumbnail side must be at least 1, got " + std::to_string(options.thumbnailSide));
    DatasetSummary s;
    s.name = ds.name;
    s.format = std::string(formatName(ds.format));
    s.root = ds.root.generic_string();
    const int n = ds.numClasses();
    const auto train = classCounts(*ds.train, n);
    const auto val = ds.val ? classCounts(*ds.val, n) : std::vector<long long>(n, 0);
    const auto test = ds.test ? classCounts(*ds.test, n) : std::vector<long long>(n, 0);
    for (int c = 0; c < n; ++c) s.classes.push_back({ds.classNames[c], train[c], val[c], test[c]});
    s.imageWidth = ds.train->width;
    s.imageHeight = ds.train->height;
    s.channels = ds.train->channels;
    s.originalSizes = ds.originalSizes;
    s.stats = computeChannelStats(*ds.train);
    s.thumbnails = sampleThumbnails(ds, options);
    s.skippedFiles = ds.skippedFiles;
    s.warnings = ds.warnings;
    s.flipByDefault = ds.flipByDefault;
    return s;
}

Json summaryToJson(const DatasetSummary& s) {
    Json classes = Json::array();
    long long train = 0, val = 0, test = 0;
    for (const auto& c : s.classes) {
        classes.push_back({{"name", c.name}, {"train", c.train}, {"val", c.val}, {"test", c.test}});
        train += c.train;
        val += c.val;
        test += c.test;
    }
    Json sizes = Json::array();
    for (const auto& z : s.originalSizes) sizes.push_back({{"width", z.width}, {"height", z.height}, {"count", z.count}});
    Json thumbs = Json::array();
    for (const auto& t : s.thumbnails)
        thumbs.push_back({{"class", t.classIndex}, {"width", t.width}, {"height", t.height}, {"channels", t.channels}});
    return {{"name", s.name},
            {"format", s.format},
            {"root", s.root},
            {"num_classes", s.classes.size()},
            {"classes", classes},
            {"counts", {{"train", train}, {"val", val}, {"test", test}}},
            {"image", {{"width", s.imageWidth}, {"height", s.imageHeight}, {"channels", s.channels}}},
            {"original_sizes", sizes},
            {"mean", s.stats.mean},
            {"std", s.stats.std},
            {"thumbnails", thumbs},
            {"skipped_files", s.skippedFiles},
            {"warnings", s.warnings},
            {"flip_by_default", s.flipByDefault}};
}

}  // namespace nat::data
