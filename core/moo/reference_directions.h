#pragma once

#include <cstdint>
#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

/// Number of Das–Dennis directions, C(H + M - 1, M - 1) (Deb & Jain 2014, eq. 3).
long long numDasDennis(int objectives, int partitions);

/// Das–Dennis (1998) structured directions on the unit simplex: all points whose coordinates are
/// multiples of 1/H and sum to 1. Rows in lexicographically descending order of the first coordinate.
/// Throws Error(InvalidArgument) for M < 1, H < 1 (or H < 0 with M == 1) or more than 10^6 points.
Matrix dasDennis(int objectives, int partitions);

/// Two-layer directions for many objectives (Deb & Jain 2014, §V-A, Fig. 4): a boundary layer with
/// H1 partitions plus an inner layer with H2 partitions shrunk by 1/2 towards the simplex centre,
/// so that H < M still yields interior directions. M = 8, H1 = 3, H2 = 2 gives 120 + 36 = 156.
Matrix twoLayerDirections(int objectives, int outerPartitions, int innerPartitions);

/// n well-spread directions by minimising the Riesz s-energy on the simplex (Blank et al., IEEE TEVC
/// 25(1), 2021): the M corners stay fixed, the rest start at random (seeded) and move by projected
/// gradient steps with backtracking, so the energy never increases. s defaults to M when <= 0.
Matrix rieszEnergyDirections(int objectives, int n, std::uint64_t seed, int iterations = 500, double s = 0.0);

/// Riesz s-energy sum_{i<j} ||x_i - x_j||^-s, in log space (the raw sum overflows for close points).
double logRieszEnergy(const Matrix& points, double s);

}  // namespace nat::moo
