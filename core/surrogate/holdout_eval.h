#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/json_util.h"
#include "surrogate/adaptive_switching.h"
#include "surrogate/features.h"

namespace nat::surrogate {

/// One evaluated architecture of an archive: its integer encoding and its measured error.
struct ArchiveRecord {
    std::vector<int> encoding;
    double err = 0.0;
};

/// Reads JSON lines {"encoding":[...], "err": x} (other fields ignored, blank lines skipped).
/// A run's journal.jsonl is read too: "arch" lines are records (keyed by their "id"), "update"
/// lines replace the error of an earlier record (the archive re-evaluated after adaptation), other
/// typed lines (test accuracy) are skipped — so the records carry each architecture's latest error.
/// A last line without a trailing newline that does not parse is taken as a truncated append and
/// skipped; any other bad line is Error(Parse / InvalidArgument) naming the file and line number.
std::vector<ArchiveRecord> readArchiveJsonl(const std::filesystem::path& path);

struct HoldoutOptions {
    std::vector<int> sizes = {50, 100, 200};  ///< training-set sizes (nested prefixes of one shuffle)
    int maxTest = 0;                          ///< held-out cap; 0 = every record beyond max(sizes)
    std::uint64_t seed = 0;
    int folds = 10;            ///< for adaptive switching
    int ensembleMembers = 0;   ///< > 0 overrides the RBF ensemble size
    unsigned threads = 0;      ///< for adaptive switching's cross-validation
};

struct HoldoutScore {
    std::string model;
    double kendall = 0.0, spearman = 0.0, rmse = 0.0;
    double seconds = 0.0;  ///< fit + predict, wall
    std::string error;     ///< set when the model failed on this size
};

struct HoldoutRow {
    int size = 0;
    std::vector<HoldoutScore> models;  ///< each model on its own, in predictorNames() order
    HoldoutScore adaptive;             ///< adaptive switching; `model` is "adaptive_switching"
    SwitchingReport report;            ///< why adaptive switching chose what it chose
};

struct HoldoutResult {
    int records = 0;
    int test = 0;
    std::vector<HoldoutRow> rows;
};

/// The README's predictor comparison: shuffles the archive with the seed, holds out the records
/// beyond the largest size (the same test set for every size), and for each size fits every model
/// and adaptive switching on the first `size` records and scores them on the held-out set.
/// Throws Error(InvalidArgument) if the archive is too small (max(sizes) + 10 records needed).
HoldoutResult evaluateHoldout(const std::vector<ArchiveRecord>& archive, const FeatureMap& features,
                              const HoldoutOptions& options);
Json toJson(const HoldoutResult& result);

}  // namespace nat::surrogate
