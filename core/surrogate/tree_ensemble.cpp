#include "surrogate/tree_ensemble.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"

namespace nat::surrogate {

namespace {

struct Split {
    int feature = -1;
    double threshold = 0.0;
    double gain = 0.0;
    std::size_t leftCount = 0;
};

// Grows one CART tree over the sample indices in `idx` (Breiman et al. 1984, least squares).
class TreeBuilder {
public:
    TreeBuilder(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const TreeEnsembleOptions& o, Rng& rng)
        : m_x(x), m_y(y), m_o(o), m_rng(rng), m_features(static_cast<std::size_t>(x.cols())) {
        std::iota(m_features.begin(), m_features.end(), 0);
        m_tryCount = std::clamp(static_cast<int>(std::ceil(o.featureFraction * static_cast<double>(x.cols()))), 1,
                                static_cast<int>(x.cols()));
    }

    std::vector<TreeNode> build(std::vector<int> idx) {
        m_nodes.clear();
        grow(idx, 0, idx.size(), 0);
        return std::move(m_nodes);
    }

private:
    int grow(std::vector<int>& idx, std::size_t begin, std::size_t end, int depth) {
        const int id = static_cast<int>(m_nodes.size());
        m_nodes.emplace_back();
        double sum = 0.0;
        for (std::size_t k = begin; k < end; ++k) sum += m_y[idx[k]];
        m_nodes[id].value = sum / static_cast<double>(end - begin);
        const auto minLeaf = static_cast<std::size_t>(m_o.minSamplesLeaf);
        if (depth >= m_o.maxDepth || end - begin < 2 * minLeaf) return id;
        const Split s = bestSplit(idx, begin, end, sum);
        if (s.feature < 0) return id;
        // Partition so the left child's samples come first (order within a side is irrelevant).
        const auto mid = std::partition(idx.begin() + static_cast<std::ptrdiff_t>(begin),
                                        idx.begin() + static_cast<std::ptrdiff_t>(end),
                                        [&](int i) { return m_x(i, s.feature) <= s.threshold; });
        const auto split = static_cast<std::size_t>(mid - idx.begin());
        const int left = grow(idx, begin, split, depth + 1);
        const int right = grow(idx, split, end, depth + 1);
        m_nodes[id].feature = s.feature;
        m_nodes[id].threshold = s.threshold;
        m_nodes[id].left = left;
        m_nodes[id].right = right;
        return id;
    }

    Split bestSplit(const std::vector<int>& idx, std::size_t begin, std::size_t end, double total) {
        // Partial Fisher–Yates: the first m_tryCount entries become a random feature subset.
        for (int k = 0; k < m_tryCount; ++k) {
            const auto j = static_cast<std::size_t>(m_rng.uniformInt(k, static_cast<std::int64_t>(m_features.size()) - 1));
            std::swap(m_features[static_cast<std::size_t>(k)], m_features[j]);
        }
        const auto n = static_cast<double>(end - begin);
        const double parent = total * total / n;
        Split best;
        std::vector<int> order(idx.begin() + static_cast<std::ptrdiff_t>(begin), idx.begin() + static_cast<std::ptrdiff_t>(end));
        for (int k = 0; k < m_tryCount; ++k) {
            const int f = m_features[static_cast<std::size_t>(k)];
            std::sort(order.begin(), order.end(), [&](int a, int b) { return m_x(a, f) < m_x(b, f); });
            double leftSum = 0.0;
            for (std::size_t i = 0; i + 1 < order.size(); ++i) {
                leftSum += m_y[order[i]];
                const double here = m_x(order[i], f), next = m_x(order[i + 1], f);
                const std::size_t nl = i + 1, nr = order.size() - nl;
                if (here == next || nl < static_cast<std::size_t>(m_o.minSamplesLeaf) ||
                    nr < static_cast<std::size_t>(m_o.minSamplesLeaf))
                    continue;
                const double rightSum = total - leftSum;
                // SSE reduction = Σ_L²/n_L + Σ_R²/n_R − Σ²/n.
                const double gain = leftSum * leftSum / static_cast<double>(nl) +
                                    rightSum * rightSum / static_cast<double>(nr) - parent;
                if (gain > best.gain + 1e-12) best = {f, 0.5 * (here + next), gain, nl};
            }
        }
        return best;
    }

    const Eigen::MatrixXd& m_x;
    const Eigen::VectorXd& m_y;
    const TreeEnsembleOptions& m_o;
    Rng& m_rng;
    std::vector<int> m_features;
    int m_tryCount = 1;
    std::vector<TreeNode> m_nodes;
};

double evalTree(const std::vector<TreeNode>& t, const Eigen::MatrixXd& x, Eigen::Index row) {
    int k = 0;
    while (t[static_cast<std::size_t>(k)].feature >= 0) {
        const TreeNode& n = t[static_cast<std::size_t>(k)];
        k = x(row, n.feature) <= n.threshold ? n.left : n.right;
    }
    return t[static_cast<std::size_t>(k)].value;
}

}  // namespace

TreeEnsemble::TreeEnsemble(TreeEnsembleOptions options) : m_options(options) {
    auto bad = [](const std::string& what, double v) {
        throw Error(ErrorCode::InvalidArgument, "tree_ensemble: " + what + ", got " + std::to_string(v));
    };
    if (m_options.trees < 1) bad("trees must be >= 1", m_options.trees);
    if (!(m_options.featureFraction > 0.0 && m_options.featureFraction <= 1.0))
        bad("featureFraction must be in (0, 1]", m_options.featureFraction);
    if (m_options.minSamplesLeaf < 1) bad("minSamplesLeaf must be >= 1", m_options.minSamplesLeaf);
    if (m_options.maxDepth < 1) bad("maxDepth must be >= 1", m_options.maxDepth);
}

void TreeEnsemble::doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) {
    const auto n = static_cast<int>(x.rows());
    m_trees.clear();
    TreeBuilder builder(x, y, m_options, rng);
    for (int t = 0; t < m_options.trees; ++t) {
        std::vector<int> idx(static_cast<std::size_t>(n));
        if (m_options.bootstrap) {
            for (int& i : idx) i = static_cast<int>(rng.uniformInt(0, n - 1));
        } else {
            std::iota(idx.begin(), idx.end(), 0);
        }
        m_trees.push_back(builder.build(std::move(idx)));
    }
}

Eigen::MatrixXd TreeEnsemble::treePredictions(const Eigen::MatrixXd& x) const {
    Eigen::MatrixXd out(x.rows(), static_cast<Eigen::Index>(m_trees.size()));
    for (std::size_t t = 0; t < m_trees.size(); ++t)
        for (Eigen::Index r = 0; r < x.rows(); ++r) out(r, static_cast<Eigen::Index>(t)) = evalTree(m_trees[t], x, r);
    return out;
}

Eigen::VectorXd TreeEnsemble::doPredict(const Eigen::MatrixXd& x) const { return treePredictions(x).rowwise().mean(); }

Prediction TreeEnsemble::doPredictWithUncertainty(const Eigen::MatrixXd& x) const {
    const Eigen::MatrixXd t = treePredictions(x);
    Prediction p;
    p.mean = t.rowwise().mean();
    p.std = ((t.colwise() - p.mean).array().square().rowwise().sum() / static_cast<double>(t.cols())).sqrt().matrix();
    return p;
}

}  // namespace nat::surrogate
