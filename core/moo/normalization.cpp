#include "moo/normalization.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nat::moo {

std::optional<std::vector<double>> solveLinear(Matrix A, std::vector<double> b) {
    const std::size_t n = b.size();
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(A(r, c)) > std::fabs(A(piv, c))) piv = r;
        if (std::fabs(A(piv, c)) < 1e-12) return std::nullopt;
        if (piv != c) {
            for (std::size_t k = 0; k < n; ++k) std::swap(A(c, k), A(piv, k));
            std::swap(b[c], b[piv]);
        }
        for (std::size_t r = c + 1; r < n; ++r) {
            const double f = A(r, c) / A(c, c);
            for (std::size_t k = c; k < n; ++k) A(r, k) -= f * A(c, k);
            b[r] -= f * b[c];
        }
    }
    std::vector<double> x(n);
    for (std::size_t i = n; i-- > 0;) {
        double s = b[i];
        for (std::size_t k = i + 1; k < n; ++k) s -= A(i, k) * x[k];
        x[i] = s / A(i, i);
    }
    return x;
}

Matrix extremePoints(const Matrix& F, const std::vector<double>& ideal, const Matrix& previous) {
    const Matrix all = previous.empty() ? F : previous.stacked(F);
    const std::size_t m = ideal.size();
    Matrix out(m, m);
    for (std::size_t axis = 0; axis < m; ++axis) {
        double best = std::numeric_limits<double>::infinity();
        std::size_t arg = 0;
        for (std::size_t r = 0; r < all.rows(); ++r) {
            // ASF with weight 1 on the axis and 1e-6 elsewhere, written as a division by the weight.
            double asf = 0.0;
            for (std::size_t j = 0; j < m; ++j) {
                double v = all(r, j) - ideal[j];
                if (v < 1e-3) v = 0.0;
                asf = std::max(asf, j == axis ? v : v * 1e6);
            }
            if (asf < best) {
                best = asf;
                arg = r;
            }
        }
        const auto src = all.row(arg);
        std::copy(src.begin(), src.end(), out.row(axis).begin());
    }
    return out;
}

std::optional<std::vector<double>> hyperplaneIntercepts(const Matrix& extremes, const std::vector<double>& ideal) {
    const std::size_t m = ideal.size();
    Matrix A(m, m);
    for (std::size_t r = 0; r < m; ++r)
        for (std::size_t c = 0; c < m; ++c) A(r, c) = extremes(r, c) - ideal[c];
    const auto plane = solveLinear(A, std::vector<double>(m, 1.0));
    if (!plane) return std::nullopt;
    // Reject an ill-conditioned solve: the plane must pass through every extreme point.
    for (std::size_t r = 0; r < m; ++r) {
        double s = 0.0;
        for (std::size_t c = 0; c < m; ++c) s += A(r, c) * (*plane)[c];
        if (std::fabs(s - 1.0) > 1e-8) return std::nullopt;
    }
    std::vector<double> intercepts(m);
    for (std::size_t j = 0; j < m; ++j) {
        intercepts[j] = 1.0 / (*plane)[j];
        if (!std::isfinite(intercepts[j]) || intercepts[j] <= 1e-6) return std::nullopt;
    }
    return intercepts;
}

void Normalization::update(const Matrix& F, const std::vector<int>& firstFront) {
    const std::size_t m = F.cols();
    if (ideal.size() != m) ideal.assign(m, std::numeric_limits<double>::infinity());
    std::vector<double> worstAll(m, -std::numeric_limits<double>::infinity()), worstFront = worstAll;
    for (std::size_t r = 0; r < F.rows(); ++r)
        for (std::size_t j = 0; j < m; ++j) {
            ideal[j] = std::min(ideal[j], F(r, j));
            worstAll[j] = std::max(worstAll[j], F(r, j));
        }
    for (int r : firstFront)
        for (std::size_t j = 0; j < m; ++j) worstFront[j] = std::max(worstFront[j], F(static_cast<std::size_t>(r), j));
    extremes = extremePoints(F, ideal, extremes.cols() == m ? extremes : Matrix{});
    const auto intercepts = hyperplaneIntercepts(extremes, ideal);
    nadir.assign(m, 0.0);
    for (std::size_t j = 0; j < m; ++j) {
        nadir[j] = intercepts ? std::min(ideal[j] + (*intercepts)[j], worstAll[j]) : worstFront[j];
        if (nadir[j] - ideal[j] <= 1e-6) nadir[j] = worstAll[j];
    }
}

Matrix Normalization::normalise(const Matrix& F) const {
    Matrix out(F.rows(), F.cols());
    for (std::size_t r = 0; r < F.rows(); ++r)
        for (std::size_t j = 0; j < F.cols(); ++j) {
            const double range = nadir[j] - ideal[j];
            out(r, j) = (F(r, j) - ideal[j]) / (range > 1e-12 ? range : 1e-12);
        }
    return out;
}

}  // namespace nat::moo
