#include "supernet/tensor_ops.h"

#include <torch/torch.h>

namespace nat::supernet {

namespace {
thread_local OpCounter* t_counter = nullptr;

std::int64_t perItem(const torch::Tensor& t) { return t.numel() / std::max<std::int64_t>(1, t.size(0)); }
}  // namespace

CountOps::CountOps(OpCounter* counter) : m_previous(t_counter) { t_counter = counter; }
CountOps::~CountOps() { t_counter = m_previous; }

torch::Tensor convSame(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& bias, int stride, int groups) {
    const auto k = w.size(2);
    torch::Tensor y = torch::conv2d(x, w, bias, stride, k / 2, 1, groups);
    // Each output element costs (input channels per group) × k × k multiply-accumulates.
    if (t_counter) t_counter->macs += perItem(y) * w.size(1) * w.size(2) * w.size(3);
    return y;
}

torch::Tensor fullyConnected(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& bias) {
    torch::Tensor y = torch::linear(x, w, bias);
    if (t_counter) t_counter->macs += perItem(y) * w.size(1);
    return y;
}

torch::Tensor hswish(const torch::Tensor& x) {
    torch::Tensor y = torch::hardswish(x);
    if (t_counter) t_counter->extraOps += perItem(y);
    return y;
}

torch::Tensor activate(const torch::Tensor& x, space::Activation act) {
    return act == space::Activation::Relu ? torch::relu(x) : hswish(x);
}

torch::Tensor squeezeExcite(const torch::Tensor& x, const torch::Tensor& reduceW, const torch::Tensor& reduceB,
                            const torch::Tensor& expandW, const torch::Tensor& expandB) {
    auto y = x.mean({2, 3}, /*keepdim=*/true);
    y = torch::relu(convSame(y, reduceW, reduceB));
    y = torch::hardsigmoid(convSame(y, expandW, expandB));
    torch::Tensor out = x * y;
    if (t_counter) t_counter->extraOps += perItem(out);
    return out;
}

void BnStatsAccumulator::add(const torch::Tensor& x) {
    torch::NoGradGuard ng;
    const auto n = x.size(0);
    // Biased variance, as the reference recalibration uses; sums kept in double.
    const auto [vf, mf] = torch::var_mean(x, {0, 2, 3}, /*unbiased=*/false, /*keepdim=*/false);
    const auto m = mf.to(torch::kDouble);
    const auto v = vf.to(torch::kDouble);
    if (count == 0) {
        meanSum = m * static_cast<double>(n);
        varSum = v * static_cast<double>(n);
    } else {
        meanSum += m * static_cast<double>(n);
        varSum += v * static_cast<double>(n);
    }
    count += n;
}

torch::Tensor BnStatsAccumulator::mean() const { return meanSum / static_cast<double>(count); }
torch::Tensor BnStatsAccumulator::var() const { return varSum / static_cast<double>(count); }

}  // namespace nat::supernet
