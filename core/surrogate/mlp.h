#pragma once

#include <Eigen/Dense>
#include <vector>

#include "surrogate/model.h"

namespace nat::surrogate {

struct MlpOptions {
    // Defaults from a sweep on 270 samples of a 22-variable synthetic function (docs/surrogate.md):
    // a second hidden layer or weaker decay overfits within ~60 steps at these archive sizes.
    std::vector<int> hidden = {32};     ///< ReLU hidden layer widths
    int maxEpochs = 1000;               ///< full-batch Adam steps
    double learningRate = 1e-2;
    double weightDecay = 3e-2;          ///< L2 penalty added to the gradient
    double validationFraction = 0.15;   ///< held out for early stopping (none below 8 samples)
    int patience = 100;                 ///< epochs without validation improvement before stopping
};

/// Small fully connected regression network written with Eigen so core/surrogate stays
/// torch-free: seeded He initialisation, full-batch Adam (Kingma & Ba, ICLR 2015), early stopping
/// on a random held-out part keeping the best weights. Full batches because archives are a few
/// hundred samples: one matrix product per layer per step is faster than mini-batches here and
/// makes training independent of batch order. Thread-safety: see Predictor.
class Mlp : public Predictor {
public:
    explicit Mlp(MlpOptions options = {});
    std::string name() const override { return "mlp"; }
    std::unique_ptr<Predictor> fresh() const override { return std::make_unique<Mlp>(m_options); }
    int minSamples() const override { return 4; }
    /// Epoch whose weights were kept (for tests and reports).
    int bestEpoch() const { return m_bestEpoch; }

    struct Layer {
        Eigen::MatrixXd w;  ///< in × out
        Eigen::RowVectorXd b;
    };

protected:
    void doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) override;
    Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const override;

private:
    MlpOptions m_options;
    std::vector<Layer> m_layers;
    int m_bestEpoch = 0;
};

}  // namespace nat::surrogate
