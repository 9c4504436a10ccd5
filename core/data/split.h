#pragma once

#include <cstdint>
#include <vector>

#include "base/json_util.h"
#include "data/dataset.h"

namespace nat::data {

/// How the validation split is held out from the training set (NAT-REFERENCE.md §4: the search
/// measures error on images held out from *training*; the test split is only for final reporting).
struct SplitOptions {
    /// Images held out for validation. -1: automatic, min(5,000, 10 % of the training set) — NAT holds
    /// out 5,000 for CIFAR; 0: none. Ignored when valFraction > 0.
    long long valSize = -1;
    double valFraction = 0.0;      ///< in (0, 1): hold out this share instead of valSize
    long long trainSubset = 0;     ///< > 0: keep only this many training images (stratified), for quick runs
    std::uint64_t seed = 0;
    /// Use the dataset's own val/ tree when it has one instead of holding images out.
    bool useDatasetVal = true;
};

/// Indices into the training set (and, when valFromDatasetVal, `val` indexes Dataset::val instead).
/// Both lists are sorted. Reproducible: the same options and dataset give the same split.
struct Split {
    std::vector<std::int64_t> train;
    std::vector<std::int64_t> val;
    bool valFromDatasetVal = false;
    SplitOptions options;
};

/// Stratified: every class gives the same share (largest remainders decide the rounding), chosen
/// with an RNG derived from options.seed and the class. Error(InvalidArgument) for sizes out of range.
Split makeSplit(const Dataset& ds, const SplitOptions& options = {});
Split makeSplit(const ImageSet& train, int numClasses, const SplitOptions& options);

/// The split as written to a run folder: the options that made it plus the explicit index lists.
Json splitToJson(const Split& split);
/// Reads splitToJson's output back; Error(Corrupt) naming `source` for indices outside the dataset.
Split splitFromJson(const Json& j, const Dataset& ds, const std::string& source);

/// The image set the split's validation indices refer to.
const ImageSet& validationImages(const Dataset& ds, const Split& split);

}  // namespace nat::data
