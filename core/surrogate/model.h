#pragma once

#include <Eigen/Dense>
#include <memory>
#include <string>

namespace nat {
class Rng;
}

namespace nat::surrogate {

/// Predicted error for a batch of architectures; `std` is empty when the model has no uncertainty.
struct Prediction {
    Eigen::VectorXd mean;
    Eigen::VectorXd std;
    bool hasStd() const { return std.size() > 0; }
};

/// An accuracy predictor: maps feature rows (see features.h) to a predicted error.
///
/// fit() validates its input once for every model (enough samples, finite values, non-constant
/// targets, matching sizes) and standardises the targets, so models work on y with mean 0 and
/// standard deviation 1 and predictions come back in the caller's units.
///
/// Thread-safety: fit() is not thread-safe. After fit() the object is immutable; predict() and
/// predictWithUncertainty() are const, keep no caches and may be called from many threads at once.
class Predictor {
public:
    virtual ~Predictor() = default;

    /// Short stable identifier ("rbf", "kriging", ...), used in reports and the CLI.
    virtual std::string name() const = 0;
    /// An unfitted predictor with the same settings (for cross-validation folds).
    virtual std::unique_ptr<Predictor> fresh() const = 0;
    /// Whether predictWithUncertainty() fills Prediction::std.
    virtual bool hasUncertainty() const { return false; }
    /// Smallest number of samples fit() accepts.
    virtual int minSamples() const { return 3; }

    /// Throws Error(InvalidArgument) on too few samples, NaN/infinite values, constant targets or
    /// mismatched sizes. Deterministic: the same data and the same Rng state give the same model.
    void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng);
    bool fitted() const { return m_inputs > 0; }
    int inputDimension() const { return m_inputs; }

    /// Throws Error(InvalidArgument) when unfitted, on a wrong column count or NaN inputs.
    Eigen::VectorXd predict(const Eigen::MatrixXd& x) const;
    Prediction predictWithUncertainty(const Eigen::MatrixXd& x) const;

protected:
    Predictor() = default;
    Predictor(const Predictor&) = default;
    Predictor& operator=(const Predictor&) = default;

    /// `y` is standardised (mean 0, std 1); inputs are already validated.
    virtual void doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) = 0;
    /// Mean prediction in standardised units.
    virtual Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const = 0;
    /// Mean and (when the model has it) std in standardised units.
    virtual Prediction doPredictWithUncertainty(const Eigen::MatrixXd& x) const { return {doPredict(x), {}}; }
    /// Standard deviation of the targets given to fit(), valid inside doFit() (to report errors in
    /// the caller's units).
    double targetScale() const { return m_yScale; }

private:
    void checkPredictInput(const Eigen::MatrixXd& x) const;

    int m_inputs = 0;
    double m_yMean = 0.0;
    double m_yScale = 1.0;
};

/// Throws Error(InvalidArgument) naming the first NaN or infinite entry of `x` ("<what> row r, column c").
void requireFinite(const Eigen::MatrixXd& x, const std::string& what);

}  // namespace nat::surrogate
