#pragma once

#include <span>
#include <vector>

#include "base/rng.h"
#include "moo/matrix.h"

namespace nat::moo {

/// Box bounds of the decision variables.
struct Bounds {
    std::vector<double> lower, upper;
    std::size_t size() const { return lower.size(); }
};

// All operators are pure functions of their inputs and the Rng; thread-safe given one Rng per thread.

/// Simulated binary crossover (Deb & Agrawal 1995) in the bounded form of Deb's NSGA-II code: each
/// variable is recombined with probability `probVar` (0.5 is the classic choice), the spread factor
/// is drawn so that children stay inside the bounds, and the children swap sides with probability 1/2.
void simulatedBinaryCrossover(std::span<const double> p1, std::span<const double> p2, std::span<double> c1,
                              std::span<double> c2, const Bounds& bounds, double eta, double probVar, Rng& rng);

/// Polynomial mutation (Deb & Goyal 1996), bounded variant (Deb & Deb 2014): each variable mutates
/// with probability `probVar`; the perturbation distribution shrinks towards the nearer bound.
void polynomialMutation(std::span<double> x, const Bounds& bounds, double eta, double probVar, Rng& rng);

/// Two-point crossover for integer (or any) vectors: the segment between two random cut points
/// [a, b) is exchanged. Vectors of length < 2 are copied unchanged.
void twoPointCrossover(std::span<const double> p1, std::span<const double> p2, std::span<double> c1,
                       std::span<double> c2, Rng& rng);

/// Integer polynomial mutation: polynomial mutation on the bounds widened by just under 1/2 on each
/// side, then rounding, so every integer (the bounds included) owns a cell of equal width.
void integerPolynomialMutation(std::span<double> x, const Bounds& bounds, double eta, double probVar, Rng& rng);

/// n rows, each variable uniform in its bounds (reals) or uniform over the integers in them.
Matrix uniformSampling(int n, const Bounds& bounds, bool integer, Rng& rng);

/// Latin hypercube sampling (McKay et al. 1979): every variable's range is cut into n equal strata
/// and each stratum holds exactly one sample. For integers stratum i becomes value
/// lo + floor(i * k / n) for k values, so every value occurs floor(n/k) or ceil(n/k) times.
Matrix latinHypercubeSampling(int n, const Bounds& bounds, bool integer, Rng& rng);

/// Indices (ascending) of the rows of X that are neither a repeat of an earlier row nor equal to
/// any row of `exclude` (may be empty, e.g. the archive). Rows compare exactly; -0.0 equals 0.0.
std::vector<int> uniqueRowIndices(const Matrix& X, const Matrix& exclude = {});

}  // namespace nat::moo
