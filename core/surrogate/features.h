#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "base/json_util.h"

namespace nat::surrogate {

/// How an integer encoding becomes model inputs.
enum class FeatureKind {
    Normalised,  ///< one column per variable, (x - lower) / (upper - lower) in [0, 1]
    OneHot,      ///< one 0/1 column per possible value of each variable
};
std::string featureKindName(FeatureKind kind);
/// "normalised" or "one-hot"; anything else is Error(InvalidArgument) listing both.
FeatureKind parseFeatureKind(const std::string& s);

/// Maps integer encodings (NAT-REFERENCE.md §2) to a feature matrix, using per-variable inclusive
/// bounds so that the mapping does not depend on which architectures happen to be in the archive.
/// Thread-safety: immutable after construction; transform() is const and may run concurrently.
class FeatureMap {
public:
    /// Throws Error(InvalidArgument) if the bounds differ in length, are empty, or lower > upper.
    FeatureMap(std::vector<int> lower, std::vector<int> upper, FeatureKind kind);

    /// Bounds from the data: per-variable minimum and maximum over `encodings` (for archives
    /// without a search-space preset). Throws on an empty set or ragged rows.
    static FeatureMap fromData(const std::vector<std::vector<int>>& encodings, FeatureKind kind);

    FeatureKind kind() const { return m_kind; }
    int variables() const { return static_cast<int>(m_lower.size()); }
    int dimension() const { return m_dimension; }
    const std::vector<int>& lower() const { return m_lower; }
    const std::vector<int>& upper() const { return m_upper; }

    /// One row per encoding. Throws Error(InvalidArgument) naming the row and variable on a wrong
    /// length or a value outside the bounds.
    Eigen::MatrixXd transform(const std::vector<std::vector<int>>& encodings) const;

    Json toJson() const;

private:
    std::vector<int> m_lower;
    std::vector<int> m_upper;
    FeatureKind m_kind;
    int m_dimension = 0;
};

}  // namespace nat::surrogate
