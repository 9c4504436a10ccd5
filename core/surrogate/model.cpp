#include "surrogate/model.h"

#include <cmath>
#include <sstream>

#include "base/error.h"

namespace nat::surrogate {

void requireFinite(const Eigen::MatrixXd& x, const std::string& what) {
    for (Eigen::Index c = 0; c < x.cols(); ++c)
        for (Eigen::Index r = 0; r < x.rows(); ++r)
            if (!std::isfinite(x(r, c)))
                throw Error(ErrorCode::InvalidArgument, what + " must be finite numbers, got " + std::to_string(x(r, c)) +
                                                            " at row " + std::to_string(r) + ", column " +
                                                            std::to_string(c));
}

void Predictor::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) {
    const std::string who = name() + ": ";
    if (x.rows() != y.size())
        throw Error(ErrorCode::InvalidArgument, who + "inputs have " + std::to_string(x.rows()) + " rows but there are " +
                                                    std::to_string(y.size()) + " targets");
    if (x.cols() < 1) throw Error(ErrorCode::InvalidArgument, who + "inputs need at least 1 column, got 0");
    if (x.rows() < minSamples())
        throw Error(ErrorCode::InvalidArgument, who + "too few samples: needs at least " + std::to_string(minSamples()) +
                                                    ", got " + std::to_string(x.rows()));
    requireFinite(x, who + "inputs");
    requireFinite(y, who + "targets");
    const double mean = y.mean();
    const double sd = std::sqrt((y.array() - mean).square().mean());
    // Relative test so that errors around 0.3 with differences of 1e-9 still count as constant.
    if (!(sd > 1e-12 * std::max(1.0, std::abs(mean)))) {
        std::ostringstream os;
        os << who << "targets are constant (all " << mean << "): there is nothing to rank";
        throw Error(ErrorCode::InvalidArgument, os.str());
    }
    m_inputs = 0;  // stays unfitted if doFit throws
    m_yMean = mean;
    m_yScale = sd;
    doFit(x, (y.array() - mean) / sd, rng);
    m_inputs = static_cast<int>(x.cols());
}

void Predictor::checkPredictInput(const Eigen::MatrixXd& x) const {
    if (!fitted()) throw Error(ErrorCode::InvalidArgument, name() + ": predict called before fit");
    if (x.cols() != m_inputs)
        throw Error(ErrorCode::InvalidArgument, name() + ": expected " + std::to_string(m_inputs) +
                                                    " input columns (as in fit), got " + std::to_string(x.cols()));
    requireFinite(x, name() + ": inputs");
}

Eigen::VectorXd Predictor::predict(const Eigen::MatrixXd& x) const {
    checkPredictInput(x);
    if (x.rows() == 0) return {};
    return (doPredict(x).array() * m_yScale + m_yMean).matrix();
}

Prediction Predictor::predictWithUncertainty(const Eigen::MatrixXd& x) const {
    checkPredictInput(x);
    if (x.rows() == 0) return {};
    Prediction p = doPredictWithUncertainty(x);
    p.mean = (p.mean.array() * m_yScale + m_yMean).matrix();
    if (p.hasStd()) p.std *= m_yScale;
    return p;
}

}  // namespace nat::surrogate
