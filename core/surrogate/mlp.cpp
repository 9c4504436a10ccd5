#include "surrogate/mlp.h"

#include <cmath>
#include <limits>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"

namespace nat::surrogate {

namespace {

using Layers = std::vector<Mlp::Layer>;

Eigen::VectorXd forward(const Layers& layers, const Eigen::MatrixXd& x, std::vector<Eigen::MatrixXd>* acts) {
    Eigen::MatrixXd a = x;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (acts) acts->push_back(a);
        Eigen::MatrixXd z = a * layers[l].w;
        z.rowwise() += layers[l].b;
        a = l + 1 < layers.size() ? Eigen::MatrixXd(z.cwiseMax(0.0)) : z;
    }
    return a.col(0);
}

// Gradient of the mean squared error (plus L2) with respect to every layer.
Layers gradient(const Layers& layers, const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double decay) {
    std::vector<Eigen::MatrixXd> acts;
    const Eigen::VectorXd out = forward(layers, x, &acts);
    Eigen::MatrixXd delta = 2.0 * (out - y) / static_cast<double>(y.size());  // n × 1
    Layers g(layers.size());
    for (std::size_t l = layers.size(); l-- > 0;) {
        g[l].w = acts[l].transpose() * delta + decay * layers[l].w;
        g[l].b = delta.colwise().sum();
        if (l > 0) delta = (delta * layers[l].w.transpose()).cwiseProduct((acts[l].array() > 0.0).cast<double>().matrix());
    }
    return g;
}

double mse(const Layers& layers, const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    return (forward(layers, x, nullptr) - y).squaredNorm() / static_cast<double>(y.size());
}

// Adam moments for every parameter, same shapes as the layers.
struct Adam {
    Layers m, v;
    int t = 0;
    explicit Adam(const Layers& p) : m(p), v(p) {
        for (auto* s : {&m, &v})
            for (auto& l : *s) l.w.setZero(), l.b.setZero();
    }
    void step(Layers& p, const Layers& g, double lr) {
        constexpr double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        ++t;
        const double c1 = 1.0 - std::pow(b1, t), c2 = 1.0 - std::pow(b2, t);
        auto update = [&](auto& param, const auto& grad, auto& mm, auto& vv) {
            mm = b1 * mm + (1 - b1) * grad;
            vv = (b2 * vv.array() + (1 - b2) * grad.array().square()).matrix();
            param.array() -= lr * (mm.array() / c1) / ((vv.array() / c2).sqrt() + eps);
        };
        for (std::size_t l = 0; l < p.size(); ++l) {
            update(p[l].w, g[l].w, m[l].w, v[l].w);
            update(p[l].b, g[l].b, m[l].b, v[l].b);
        }
    }
};

Layers initLayers(const std::vector<int>& hidden, int inputs, Rng& rng) {
    Layers layers;
    int in = inputs;
    std::vector<int> widths = hidden;
    widths.push_back(1);
    for (int out : widths) {
        // He-uniform limit √(6/in) (He et al., ICCV 2015) suits ReLU layers.
        const double limit = std::sqrt(6.0 / in);
        Mlp::Layer l{Eigen::MatrixXd(in, out), Eigen::RowVectorXd::Zero(out)};
        for (Eigen::Index c = 0; c < l.w.cols(); ++c)
            for (Eigen::Index r = 0; r < l.w.rows(); ++r) l.w(r, c) = rng.uniform(-limit, limit);
        layers.push_back(std::move(l));
        in = out;
    }
    return layers;
}

}  // namespace

Mlp::Mlp(MlpOptions options) : m_options(std::move(options)) {
    auto bad = [](const std::string& what, double v) {
        throw Error(ErrorCode::InvalidArgument, "mlp: " + what + ", got " + std::to_string(v));
    };
    for (int h : m_options.hidden)
        if (h < 1) bad("hidden layer widths must be >= 1", h);
    if (m_options.maxEpochs < 1) bad("maxEpochs must be >= 1", m_options.maxEpochs);
    if (!(m_options.learningRate > 0.0)) bad("learningRate must be > 0", m_options.learningRate);
    if (!(m_options.validationFraction >= 0.0 && m_options.validationFraction < 1.0))
        bad("validationFraction must be in [0, 1)", m_options.validationFraction);
}

void Mlp::doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) {
    const auto n = static_cast<int>(x.rows());
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    rng.shuffle(order);
    const int nVal = n >= 8 ? std::max(1, static_cast<int>(std::lround(m_options.validationFraction * n))) : 0;
    const std::vector<int> valIdx(order.begin(), order.begin() + nVal), trainIdx(order.begin() + nVal, order.end());
    const Eigen::MatrixXd xt = x(trainIdx, Eigen::all), xv = x(valIdx, Eigen::all);
    const Eigen::VectorXd yt = y(trainIdx), yv = y(valIdx);

    Layers layers = initLayers(m_options.hidden, static_cast<int>(x.cols()), rng);
    Adam adam(layers);
    Layers best = layers;
    double bestLoss = std::numeric_limits<double>::infinity();
    m_bestEpoch = 0;
    for (int epoch = 1; epoch <= m_options.maxEpochs; ++epoch) {
        adam.step(layers, gradient(layers, xt, yt, m_options.weightDecay), m_options.learningRate);
        // Without a validation part the last weights are kept (fixed epoch budget).
        const double loss = nVal > 0 ? mse(layers, xv, yv) : -epoch;
        if (loss < bestLoss) {
            bestLoss = loss;
            best = layers;
            m_bestEpoch = epoch;
        } else if (epoch - m_bestEpoch >= m_options.patience) {
            break;
        }
    }
    if (!std::isfinite(mse(best, xt, yt)))
        throw Error(ErrorCode::Internal, "mlp: training diverged (non-finite loss); lower the learning rate");
    m_layers = std::move(best);
}

Eigen::VectorXd Mlp::doPredict(const Eigen::MatrixXd& x) const { return forward(m_layers, x, nullptr); }

}  // namespace nat::surrogate
