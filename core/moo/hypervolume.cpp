#include "moo/hypervolume.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"
#include "moo/nondominated_sort.h"

namespace nat::moo {

namespace {

void checkRef(const Matrix& F, const std::vector<double>& ref) {
    if (!F.empty() && ref.size() != F.cols())
        throw Error(ErrorCode::InvalidArgument, "hypervolume reference point has " + std::to_string(ref.size()) +
                                                    " values, the points have " + std::to_string(F.cols()) + " objectives");
}

// Rows strictly inside the reference box; the others dominate no volume.
Matrix insideRef(const Matrix& F, const std::vector<double>& ref) {
    Matrix out(0, F.cols());
    for (std::size_t r = 0; r < F.rows(); ++r) {
        bool in = true;
        for (std::size_t j = 0; j < F.cols() && in; ++j) in = F(r, j) < ref[j];
        if (in) out.appendRow(F.row(r));
    }
    return out;
}

double sweep2d(const Matrix& P, const std::vector<double>& ref) {
    std::vector<std::size_t> order(P.rows());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return P(a, 0) != P(b, 0) ? P(a, 0) < P(b, 0) : P(a, 1) < P(b, 1);
    });
    double area = 0.0, lastY = ref[1];
    for (std::size_t i : order) {
        if (P(i, 1) >= lastY) continue;
        area += (ref[0] - P(i, 0)) * (lastY - P(i, 1));
        lastY = P(i, 1);
    }
    return area;
}

// 2-D staircase of (x -> y), x ascending and y descending, with its dominated area kept up to date.
class Staircase {
public:
    explicit Staircase(double refX, double refY) : m_refX(refX), m_refY(refY) {}
    double area() const { return m_area; }

    void insert(double x, double y) {
        auto it = m_points.lower_bound(x);
        const bool hasPred = it != m_points.begin();
        const double predY = hasPred ? std::prev(it)->second : m_refY;
        if (predY <= y) return;                                  // dominated by the predecessor
        if (it != m_points.end() && it->first == x && it->second <= y) return;
        // Remove the points p dominates, adding the area between their steps and y.
        double curX = x, curY = predY;
        while (it != m_points.end() && it->second >= y) {
            m_area += (it->first - curX) * (curY - y);
            curX = it->first;
            curY = it->second;
            it = m_points.erase(it);
        }
        const double nextX = it == m_points.end() ? m_refX : it->first;
        m_area += (nextX - curX) * (curY - y);
        m_points.emplace_hint(it, x, y);
    }

private:
    std::map<double, double> m_points;
    double m_refX, m_refY;
    double m_area = 0.0;
};

double sweep3d(const Matrix& P, const std::vector<double>& ref) {
    std::vector<std::size_t> order(P.rows());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return P(a, 2) < P(b, 2); });
    Staircase st(ref[0], ref[1]);
    double volume = 0.0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::size_t i = order[k];
        st.insert(P(i, 0), P(i, 1));
        const double nextZ = k + 1 < order.size() ? P(order[k + 1], 2) : ref[2];
        volume += st.area() * (nextZ - P(i, 2));
    }
    return volume;
}

double boxVolume(std::span<const double> p, const std::vector<double>& ref) {
    double v = 1.0;
    for (std::size_t j = 0; j < p.size(); ++j) v *= ref[j] - p[j];
    return v;
}

double wfg(const Matrix& P, const std::vector<double>& ref);

// The non-dominated rows of P with duplicates removed (a weakly dominated row adds no volume):
// lexicographic order, then each row is kept unless a kept row is no worse everywhere.
Matrix nondominatedUnique(const Matrix& P) {
    std::vector<int> order(P.rows());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t m = P.cols();
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto ra = P.row(static_cast<std::size_t>(a)), rb = P.row(static_cast<std::size_t>(b));
        return std::lexicographical_compare(ra.begin(), ra.end(), rb.begin(), rb.end());
    });
    Matrix out(0, m);
    for (int i : order) {
        const auto p = P.row(static_cast<std::size_t>(i));
        bool covered = false;
        for (std::size_t k = out.rows(); k-- > 0 && !covered;) {
            const auto q = out.row(k);
            covered = true;
            for (std::size_t j = 0; j < m && covered; ++j) covered = q[j] <= p[j];
        }
        if (!covered) out.appendRow(p);
    }
    return out;
}

// Exclusive hypervolume of point k relative to the points after it (WFG, §III: exclhv = inclhv -
// wfg(nds(limitset))).
double exclusive(const Matrix& P, std::size_t k, const std::vector<double>& ref) {
    Matrix limited(0, P.cols());
    std::vector<double> w(P.cols());
    for (std::size_t r = k + 1; r < P.rows(); ++r) {
        for (std::size_t j = 0; j < P.cols(); ++j) w[j] = std::max(P(k, j), P(r, j));
        limited.appendRow(w);
    }
    double inner = 0.0;
    if (!limited.empty()) {
        inner = wfg(nondominatedUnique(limited), ref);
    }
    return boxVolume(P.row(k), ref) - inner;
}

double wfg(const Matrix& P, const std::vector<double>& ref) {
    if (P.empty()) return 0.0;
    if (P.cols() == 2) return sweep2d(P, ref);
    if (P.cols() == 3) return sweep3d(P, ref);
    if (P.rows() == 1) return boxVolume(P.row(0), ref);
    // Sorting by the last objective, worst first, keeps the limit sets of later points small.
    std::vector<int> order(P.rows());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t last = P.cols() - 1;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return P(static_cast<std::size_t>(a), last) > P(static_cast<std::size_t>(b), last);
    });
    const Matrix S = P.select(order);
    double total = 0.0;
    for (std::size_t k = 0; k < S.rows(); ++k) total += exclusive(S, k, ref);
    return total;
}

}  // namespace

double hypervolume2d(const Matrix& F, const std::vector<double>& ref) {
    checkRef(F, ref);
    return F.empty() ? 0.0 : sweep2d(insideRef(F, ref), ref);
}

double hypervolume3d(const Matrix& F, const std::vector<double>& ref) {
    checkRef(F, ref);
    return F.empty() ? 0.0 : sweep3d(insideRef(F, ref), ref);
}

double hypervolumeWfg(const Matrix& F, const std::vector<double>& ref) {
    checkRef(F, ref);
    if (F.empty()) return 0.0;
    const Matrix P = insideRef(F, ref);
    if (P.empty()) return 0.0;
    return wfg(nondominatedUnique(P), ref);
}

double hypervolume(const Matrix& F, const std::vector<double>& ref) {
    checkRef(F, ref);
    if (F.empty()) return 0.0;
    switch (F.cols()) {
        case 1: {
            const Matrix P = insideRef(F, ref);
            double best = ref[0];
            for (std::size_t r = 0; r < P.rows(); ++r) best = std::min(best, P(r, 0));
            return ref[0] - best;
        }
        case 2: return hypervolume2d(F, ref);
        case 3: return hypervolume3d(F, ref);
        default: return hypervolumeWfg(F, ref);
    }
}

HypervolumeEstimate hypervolumeMonteCarlo(const Matrix& F, const std::vector<double>& ref, long long samples,
                                          std::uint64_t seed, double confidence) {
    checkRef(F, ref);
    if (samples < 1) throw Error(ErrorCode::InvalidArgument, "Monte-Carlo samples must be 1 or more, got " + std::to_string(samples));
    if (!(confidence > 0.0 && confidence < 1.0))
        throw Error(ErrorCode::InvalidArgument, "confidence must be in (0, 1), got " + std::to_string(confidence));
    HypervolumeEstimate est;
    est.samples = samples;
    const Matrix P = F.empty() ? F : insideRef(F, ref);
    if (P.empty()) return est;
    const Matrix nd = P.select(nondominatedIndices(P));
    std::vector<double> lo(ref.size(), 0.0), x(ref.size());
    for (std::size_t j = 0; j < ref.size(); ++j) {
        lo[j] = ref[j];
        for (std::size_t r = 0; r < nd.rows(); ++r) lo[j] = std::min(lo[j], nd(r, j));
    }
    const double box = boxVolume(lo, ref);
    Rng rng(seed);
    long long hits = 0;
    for (long long s = 0; s < samples; ++s) {
        for (std::size_t j = 0; j < x.size(); ++j) x[j] = rng.uniform(lo[j], ref[j]);
        for (std::size_t r = 0; r < nd.rows(); ++r) {
            bool dom = true;
            for (std::size_t j = 0; j < x.size() && dom; ++j) dom = nd(r, j) <= x[j];
            if (dom) {
                ++hits;
                break;
            }
        }
    }
    const double p = static_cast<double>(hits) / static_cast<double>(samples);
    // Two-sided normal quantile by bisection on erfc, so any confidence level works.
    double a = 0.0, b = 10.0;
    for (int it = 0; it < 100; ++it) {
        const double mid = 0.5 * (a + b);
        (std::erfc(mid / std::sqrt(2.0)) > 1.0 - confidence ? a : b) = mid;
    }
    est.value = p * box;
    est.standardError = box * std::sqrt(p * (1.0 - p) / static_cast<double>(samples));
    est.lower = est.value - a * est.standardError;
    est.upper = est.value + a * est.standardError;
    return est;
}

}  // namespace nat::moo
