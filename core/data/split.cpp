#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"

namespace nat::data {

namespace {

std::vector<std::vector<std::int64_t>> indicesByClass(const ImageSet& set, int numClasses) {
    std::vector<std::vector<std::int64_t>> by(static_cast<std::size_t>(numClasses));
    for (std::size_t i = 0; i < set.size(); ++i) by[static_cast<std::size_t>(set.labels[i])].push_back(static_cast<std::int64_t>(i));
    return by;
}

// Splits `total` over the classes in proportion to their sizes; largest remainders get the rest.
std::vector<long long> proportionalQuota(const std::vector<std::vector<std::int64_t>>& by, long long total, long long n) {
    std::vector<long long> quota(by.size());
    std::vector<std::pair<double, std::size_t>> rest;
    long long given = 0;
    for (std::size_t c = 0; c < by.size(); ++c) {
        const double exact = static_cast<double>(total) * static_cast<double>(by[c].size()) / static_cast<double>(n);
        quota[c] = static_cast<long long>(std::floor(exact));
        given += quota[c];
        rest.push_back({exact - static_cast<double>(quota[c]), c});
    }
    // Ties go to the lower class index so the result does not depend on sort stability.
    std::sort(rest.begin(), rest.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (std::size_t k = 0; given < total && k < rest.size(); ++k)
        if (quota[rest[k].second] < static_cast<long long>(by[rest[k].second].size())) {
            ++quota[rest[k].second];
            ++given;
        }
    return quota;
}

long long resolveValSize(const SplitOptions& o, long long n) {
    if (o.valFraction < 0.0 || o.valFraction >= 1.0 || std::isnan(o.valFraction))
        throw Error(ErrorCode::InvalidArgument, "validation fraction must be in [0, 1), got " + std::to_string(o.valFraction));
    long long v = o.valSize;
    if (o.valFraction > 0.0) v = std::llround(o.valFraction * static_cast<double>(n));
    else if (o.valSize == -1) v = std::min<long long>(5000, std::llround(0.1 * static_cast<double>(n)));
    if (v < 0 || v >= n)
        throw Error(ErrorCode::InvalidArgument, "validation size must be -1 (automatic) or 0.." + std::to_string(n - 1) +
                                                    " (the training set has " + std::to_string(n) + " images), got " +
                                                    std::to_string(v));
    return v;
}

}  // namespace

Split makeSplit(const ImageSet& train, int numClasses, const SplitOptions& options) {
    const auto n = static_cast<long long>(train.size());
    const long long valSize = resolveValSize(options, n);
    if (options.trainSubset < 0 || options.trainSubset > n - valSize)
        throw Error(ErrorCode::InvalidArgument, "training subset must be 0 (all) or 1.." + std::to_string(n - valSize) +
                                                    " images, got " + std::to_string(options.trainSubset));
    auto by = indicesByClass(train, numClasses);
    for (std::size_t c = 0; c < by.size(); ++c) Rng(deriveSeed(options.seed, c)).shuffle(by[c]);
    const auto valQuota = proportionalQuota(by, valSize, n);
    Split s;
    s.options = options;
    std::vector<std::vector<std::int64_t>> rest(by.size());
    for (std::size_t c = 0; c < by.size(); ++c) {
        const auto cut = by[c].begin() + valQuota[c];
        s.val.insert(s.val.end(), by[c].begin(), cut);
        rest[c].assign(cut, by[c].end());
    }
    const long long remaining = n - valSize;
    const auto trainQuota = options.trainSubset > 0 ? proportionalQuota(rest, options.trainSubset, remaining)
                                                    : std::vector<long long>();
    for (std::size_t c = 0; c < rest.size(); ++c) {
        const auto take = options.trainSubset > 0 ? trainQuota[c] : static_cast<long long>(rest[c].size());
        s.train.insert(s.train.end(), rest[c].begin(), rest[c].begin() + take);
    }
    std::sort(s.train.begin(), s.train.end());
    std::sort(s.val.begin(), s.val.end());
    return s;
}

Split makeSplit(const Dataset& ds, const SplitOptions& options) {
    if (options.useDatasetVal && ds.val && !ds.val->empty()) {
        SplitOptions noHoldOut = options;
        noHoldOut.valSize = 0;
        noHoldOut.valFraction = 0.0;
        Split s = makeSplit(*ds.train, ds.numClasses(), noHoldOut);
        s.options = options;
        s.valFromDatasetVal = true;
        s.val.resize(ds.val->size());
        std::iota(s.val.begin(), s.val.end(), 0);
        return s;
    }
    return makeSplit(*ds.train, ds.numClasses(), options);
}

Json splitToJson(const Split& s) {
    return {{"seed", s.options.seed},
            {"val_size", s.options.valSize},
            {"val_fraction", s.options.valFraction},
            {"train_subset", s.options.trainSubset},
            {"use_dataset_val", s.options.useDatasetVal},
            {"val_from_dataset_val", s.valFromDatasetVal},
            {"train", s.train},
            {"val", s.val}};
}

Split splitFromJson(const Json& j, const Dataset& ds, const std::string& source) {
    Split s;
    try {
        s.options.seed = j.at("seed").get<std::uint64_t>();
        s.options.valSize = j.at("val_size").get<long long>();
        s.options.valFraction = j.at("val_fraction").get<double>();
        s.options.trainSubset = j.at("train_subset").get<long long>();
        s.options.useDatasetVal = j.at("use_dataset_val").get<bool>();
        s.valFromDatasetVal = j.at("val_from_dataset_val").get<bool>();
        s.train = j.at("train").get<std::vector<std::int64_t>>();
        s.val = j.at("val").get<std::vector<std::int64_t>>();
    } catch (const Json::exception& e) {
        throw Error(ErrorCode::Corrupt, "split " + source + " is malformed: " + e.what());
    }
    const auto check = [&](const std::vector<std::int64_t>& idx, std::size_t limit, const char* what) {
        for (std::int64_t i : idx)
            if (i < 0 || static_cast<std::size_t>(i) >= limit)
                throw Error(ErrorCode::Corrupt, "split " + source + ": " + what + " index " + std::to_string(i) +
                                                    " is outside the dataset's " + std::to_string(limit) + " images");
    };
    check(s.train, ds.train->size(), "training");
    check(s.val, s.valFromDatasetVal ? (ds.val ? ds.val->size() : 0) : ds.train->size(), "validation");
    return s;
}

const ImageSet& validationImages(const Dataset& ds, const Split& split) {
    return split.valFromDatasetVal ? *ds.val : *ds.train;
}

}  // namespace nat::data
