#pragma once

#include <Eigen/Dense>
#include <vector>

#include "surrogate/model.h"

namespace nat::surrogate {

struct TreeEnsembleOptions {
    int trees = 100;
    /// Fraction of the features tried at each split: 1/3 is Breiman's random-forest default for
    /// regression, 1.0 makes it plain bagged CART.
    double featureFraction = 1.0 / 3.0;
    int minSamplesLeaf = 2;
    int maxDepth = 16;
    bool bootstrap = true;
};

/// One regression tree in a flat array; `feature < 0` marks a leaf holding `value`.
struct TreeNode {
    int feature = -1;
    double threshold = 0.0;
    int left = -1, right = -1;
    double value = 0.0;
};

/// Random forest of CART regression trees (Breiman, "Random Forests", Mach. Learn. 45, 2001): each
/// tree on a bootstrap sample, splits minimise the squared error over a random subset of the
/// features; prediction is the tree mean and uncertainty the spread between trees. NAT's
/// adaptive switching includes such a "CART ensemble" (NAT-REFERENCE.md §4).
/// Thread-safety: see Predictor.
class TreeEnsemble : public Predictor {
public:
    explicit TreeEnsemble(TreeEnsembleOptions options = {});
    std::string name() const override { return "tree_ensemble"; }
    std::unique_ptr<Predictor> fresh() const override { return std::make_unique<TreeEnsemble>(m_options); }
    bool hasUncertainty() const override { return true; }

protected:
    void doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) override;
    Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const override;
    Prediction doPredictWithUncertainty(const Eigen::MatrixXd& x) const override;

private:
    Eigen::MatrixXd treePredictions(const Eigen::MatrixXd& x) const;  // rows × trees

    TreeEnsembleOptions m_options;
    std::vector<std::vector<TreeNode>> m_trees;
};

}  // namespace nat::surrogate
