#include "surrogate/nelder_mead.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace nat::surrogate {

NelderMeadResult minimiseNelderMead(const std::function<double(const Eigen::VectorXd&)>& f, Eigen::VectorXd start,
                                    const Eigen::VectorXd& step, const Eigen::VectorXd& lower,
                                    const Eigen::VectorXd& upper, int maxEvaluations, double tolerance) {
    const Eigen::Index n = start.size();
    int evals = 0;
    auto eval = [&](Eigen::VectorXd& p) {
        p = p.cwiseMax(lower).cwiseMin(upper);
        ++evals;
        const double v = f(p);
        return std::isfinite(v) ? v : std::numeric_limits<double>::infinity();
    };
    std::vector<Eigen::VectorXd> pts(static_cast<std::size_t>(n + 1), start);
    std::vector<double> vals(pts.size());
    for (Eigen::Index i = 0; i < n; ++i) {
        Eigen::VectorXd& p = pts[static_cast<std::size_t>(i + 1)];
        // Step away from a bound the start sits on, so the simplex does not collapse.
        p[i] += (p[i] + step[i] > upper[i]) ? -step[i] : step[i];
    }
    for (std::size_t i = 0; i < pts.size(); ++i) vals[i] = eval(pts[i]);
    std::vector<std::size_t> order(pts.size());
    while (evals < maxEvaluations) {
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return vals[a] < vals[b]; });
        const std::size_t best = order.front(), worst = order.back(), second = order[order.size() - 2];
        if (std::abs(vals[worst] - vals[best]) <= tolerance * (1.0 + std::abs(vals[best]))) break;
        Eigen::VectorXd centroid = Eigen::VectorXd::Zero(n);
        for (std::size_t i = 0; i < pts.size(); ++i)
            if (i != worst) centroid += pts[i];
        centroid /= static_cast<double>(n);
        Eigen::VectorXd reflected = centroid + (centroid - pts[worst]);
        const double fr = eval(reflected);
        if (fr < vals[best]) {
            Eigen::VectorXd expanded = centroid + 2.0 * (centroid - pts[worst]);
            const double fe = eval(expanded);
            pts[worst] = fe < fr ? expanded : reflected;
            vals[worst] = std::min(fe, fr);
        } else if (fr < vals[second]) {
            pts[worst] = reflected;
            vals[worst] = fr;
        } else {
            Eigen::VectorXd contracted = centroid + 0.5 * (pts[worst] - centroid);
            const double fc = eval(contracted);
            if (fc < vals[worst]) {
                pts[worst] = contracted;
                vals[worst] = fc;
            } else {  // shrink towards the best point
                for (std::size_t i = 0; i < pts.size(); ++i) {
                    if (i == best) continue;
                    pts[i] = pts[best] + 0.5 * (pts[i] - pts[best]);
                    vals[i] = eval(pts[i]);
                }
            }
        }
    }
    const auto bestIt = std::min_element(vals.begin(), vals.end());
    return {pts[static_cast<std::size_t>(bestIt - vals.begin())], *bestIt, evals};
}

}  // namespace nat::surrogate
