#pragma once

#include <vector>

#include "base/rng.h"
#include "moo/matrix.h"
#include "moo/normalization.h"

namespace nat::moo {

/// Association of points with reference directions (Deb & Jain 2014, §IV-D, Algorithm 3).
struct Association {
    std::vector<int> niche;         ///< index of the closest reference line of every point
    std::vector<double> distance;   ///< perpendicular distance to that line (normalised space)
};

/// Associates normalised points (rows of Fn) with the reference lines through the origin along each
/// row of `refDirs` (which need not be unit length).
Association associate(const Matrix& Fn, const Matrix& refDirs);

/// NSGA-III environmental selection (Deb & Jain 2014, §IV, Algorithm 1): keep whole fronts while
/// they fit, normalise (§IV-C), associate (§IV-D) and fill the rest of the last front by niching
/// (§IV-E, Algorithm 4). Returns the indices of the `n` survivors (all of F when n >= rows).
/// `state` carries the ideal and extreme points between generations; pass nullptr for a one-off
/// selection (e.g. "the best 150 of an archive"). Deterministic for a given Rng state; reentrant.
std::vector<int> nsga3Survival(const Matrix& F, int n, const Matrix& refDirs, Rng& rng, Normalization* state = nullptr);

}  // namespace nat::moo
