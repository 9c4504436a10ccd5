#include "moo/indicators.h"

#include <cmath>
#include <limits>

#include "base/error.h"

namespace nat::moo {

namespace {

template <class Dist>
double meanNearest(const Matrix& F, const Matrix& Z, const char* what, Dist dist) {
    if (F.empty() || Z.empty())
        throw Error(ErrorCode::InvalidArgument, std::string(what) + " needs non-empty points and targets, got " +
                                                    std::to_string(F.rows()) + " points and " + std::to_string(Z.rows()) + " targets");
    if (F.cols() != Z.cols())
        throw Error(ErrorCode::InvalidArgument, std::string(what) + ": points have " + std::to_string(F.cols()) +
                                                    " objectives, targets have " + std::to_string(Z.cols()));
    double total = 0.0;
    for (std::size_t z = 0; z < Z.rows(); ++z) {
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t r = 0; r < F.rows(); ++r) best = std::min(best, dist(F.row(r), Z.row(z)));
        total += std::sqrt(best);
    }
    return total / static_cast<double>(Z.rows());
}

}  // namespace

double igd(const Matrix& F, const Matrix& Z) {
    return meanNearest(F, Z, "IGD", [](std::span<const double> f, std::span<const double> z) {
        double s = 0.0;
        for (std::size_t j = 0; j < f.size(); ++j) s += (f[j] - z[j]) * (f[j] - z[j]);
        return s;
    });
}

double igdPlus(const Matrix& F, const Matrix& Z) {
    return meanNearest(F, Z, "IGD+", [](std::span<const double> f, std::span<const double> z) {
        double s = 0.0;
        for (std::size_t j = 0; j < f.size(); ++j) {
            const double d = std::max(f[j] - z[j], 0.0);
            s += d * d;
        }
        return s;
    });
}

}  // namespace nat::moo
