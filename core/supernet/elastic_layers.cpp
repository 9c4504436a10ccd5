#include "supernet/elastic_layers.h"

#include <torch/torch.h>

#include <cassert>

#include "space/cost_model.h"
#include "supernet/collective.h"

namespace nat::supernet {

namespace {

torch::Tensor kaimingConv(std::int64_t out, std::int64_t inPerGroup, std::int64_t k) {
    // He initialisation, fan-out mode, as MobileNet implementations use for convolutions.
    const double stdv = std::sqrt(2.0 / static_cast<double>(out * k * k));
    return torch::randn({out, inPerGroup, k, k}) * stdv;
}

}  // namespace

// ---------------------------------------------------------------- ElasticBatchNorm

ElasticBatchNormImpl::ElasticBatchNormImpl(int maxChannels, double momentum_, double eps_)
    : momentum(momentum_), eps(eps_) {
    weight = register_parameter("weight", torch::ones({maxChannels}));
    bias = register_parameter("bias", torch::zeros({maxChannels}));
    runningMean = register_buffer("running_mean", torch::zeros({maxChannels}));
    runningVar = register_buffer("running_var", torch::ones({maxChannels}));
    numBatchesTracked = register_buffer("num_batches_tracked", torch::zeros({}, torch::kLong));
}

ElasticBatchNormImpl::Slice ElasticBatchNormImpl::slice(int c) const {
    return {weight.narrow(0, 0, c), bias.narrow(0, 0, c), runningMean.narrow(0, 0, c), runningVar.narrow(0, 0, c)};
}

torch::Tensor ElasticBatchNormImpl::forward(const torch::Tensor& x, BnMode mode) {
    const Slice s = slice(static_cast<int>(x.size(1)));
    if (mode == BnMode::Calibrate) {
        if (calibration) calibration->add(x);
        return torch::batch_norm(x, s.weight, s.bias, {}, {}, /*training=*/true, 0.0, eps, false);
    }
    if (is_training()) {
        torch::NoGradGuard ng;
        numBatchesTracked += 1;
    }
    if (is_training())
        if (Collective* c = SyncBatchNormScope::current())
            return syncBatchNorm(x, s.weight, s.bias, s.mean, s.var, momentum, eps, *c);
    return torch::batch_norm(x, s.weight, s.bias, s.mean, s.var, is_training(), momentum, eps, false);
}

void ElasticBatchNormImpl::permute(const torch::Tensor& order) {
    torch::NoGradGuard ng;
    for (torch::Tensor* t : {&weight, &bias, &runningMean, &runningVar}) t->copy_(t->index_select(0, order));
}

// ---------------------------------------------------------------- ElasticMBConv

ElasticMBConvImpl::ElasticMBConvImpl(MBConvSpec spec, double bnMomentum, double bnEps) : m_spec(std::move(spec)) {
    assert(!m_spec.kernels.empty() && !m_spec.expands.empty());
    const int in = m_spec.inChannels, out = m_spec.outChannels;
    const int kMax = m_spec.kernels.back();
    m_midMax = space::expandedChannels(in, m_spec.expands.back());
    const bool expands = m_spec.expands.back() != 1;
    if (expands) {
        ibWeight = register_parameter("ib_weight", kaimingConv(m_midMax, in, 1));
        m_ibBn = register_module("ib_bn", ElasticBatchNorm(m_midMax, bnMomentum, bnEps));
    }
    dwWeight = register_parameter("dw_weight", kaimingConv(m_midMax, 1, kMax));
    // One matrix per step down the kernel list (7→5 is 25×25, 5→3 is 9×9), identity at start.
    for (std::size_t i = 0; i + 1 < m_spec.kernels.size(); ++i) {
        const int k = m_spec.kernels[i];
        transforms[k] = register_parameter("transform_" + std::to_string(k), torch::eye(k * k));
    }
    m_dwBn = register_module("dw_bn", ElasticBatchNorm(m_midMax, bnMomentum, bnEps));
    if (m_spec.se) {
        const int seMid = space::seChannels(m_midMax, m_spec.seReduction);
        seReduceW = register_parameter("se_reduce_weight", kaimingConv(seMid, m_midMax, 1));
        seReduceB = register_parameter("se_reduce_bias", torch::zeros({seMid}));
        seExpandW = register_parameter("se_expand_weight", kaimingConv(m_midMax, seMid, 1));
        seExpandB = register_parameter("se_expand_bias", torch::zeros({m_midMax}));
    }
    projWeight = register_parameter("proj_weight", kaimingConv(out, m_midMax, 1));
    m_projBn = register_module("proj_bn", ElasticBatchNorm(out, bnMomentum, bnEps));
    setActive(m_spec.kernels.back(), m_spec.expands.back());
}

void ElasticMBConvImpl::setActive(int kernel, int expand) {
    assert(std::find(m_spec.kernels.begin(), m_spec.kernels.end(), kernel) != m_spec.kernels.end());
    assert(std::find(m_spec.expands.begin(), m_spec.expands.end(), expand) != m_spec.expands.end());
    m_kernel = kernel;
    m_expand = expand;
}

int ElasticMBConvImpl::activeMid() const { return space::expandedChannels(m_spec.inChannels, m_expand); }

torch::Tensor ElasticMBConvImpl::depthwiseFilter(int mid, int k) const {
    // Start from the centre of the largest kernel and walk down the kernel list; each step takes the
    // centre k'×k' of the previous filter, flattens it and multiplies by the step's matrixᵀ.
    torch::Tensor f = dwWeight.narrow(0, 0, mid);
    for (std::size_t i = m_spec.kernels.size() - 1; i-- > 0;) {
        const int target = m_spec.kernels[i];
        if (target < k) break;
        const int src = static_cast<int>(f.size(2));
        const int start = (src - target) / 2;
        f = f.narrow(2, start, target).narrow(3, start, target).reshape({mid, target * target});
        f = torch::mm(f, transforms.at(target).t()).view({mid, 1, target, target});
    }
    return f;
}

torch::Tensor mbconvForward(const torch::Tensor& x, const MBConvWeights& w, const MBConvSpec& spec, int kernel,
                            const std::function<torch::Tensor(const torch::Tensor&, int)>& bn) {
    torch::Tensor y = x;
    if (w.ibWeight.defined()) y = activate(bn(convSame(y, w.ibWeight), 0), spec.act);
    const auto mid = w.dwWeight.size(0);
    y = convSame(y, w.dwWeight, {}, spec.stride, static_cast<int>(mid));
    y = activate(bn(y, 1), spec.act);
    if (w.seReduceW.defined()) y = squeezeExcite(y, w.seReduceW, w.seReduceB, w.seExpandW, w.seExpandB);
    y = bn(convSame(y, w.projWeight), 2);
    return spec.residual() ? y + x : y;
}

namespace {

// The active slices as views (no copies), used by forward.
MBConvWeights sliceWeights(const ElasticMBConvImpl& l, int mid) {
    MBConvWeights w;
    const MBConvSpec& spec = l.spec();
    if (l.ibWeight.defined()) w.ibWeight = l.ibWeight.narrow(0, 0, mid);
    w.dwWeight = l.depthwiseFilter(mid, l.activeKernel());
    if (spec.se) {
        const int seMid = space::seChannels(mid, spec.seReduction);
        w.seReduceW = l.seReduceW.narrow(0, 0, seMid).narrow(1, 0, mid);
        w.seReduceB = l.seReduceB.narrow(0, 0, seMid);
        w.seExpandW = l.seExpandW.narrow(0, 0, mid).narrow(1, 0, seMid);
        w.seExpandB = l.seExpandB.narrow(0, 0, mid);
    }
    w.projWeight = l.projWeight.narrow(1, 0, mid);
    return w;
}

}  // namespace

torch::Tensor ElasticMBConvImpl::forward(const torch::Tensor& x, BnMode mode) {
    const int mid = activeMid();
    const MBConvWeights w = sliceWeights(*this, mid);
    ElasticBatchNorm* bns[3] = {&m_ibBn, &m_dwBn, &m_projBn};
    return mbconvForward(x, w, m_spec, m_kernel, [&](const torch::Tensor& t, int i) { return (*bns[i])->forward(t, mode); });
}

MBConvWeights ElasticMBConvImpl::activeWeights() const {
    torch::NoGradGuard ng;
    const int mid = activeMid();
    MBConvWeights w = sliceWeights(*this, mid);
    auto own = [](torch::Tensor& t) {
        if (t.defined()) t = t.detach().clone().contiguous();
    };
    for (torch::Tensor* t : {&w.ibWeight, &w.dwWeight, &w.seReduceW, &w.seReduceB, &w.seExpandW, &w.seExpandB,
                             &w.projWeight})
        own(*t);
    auto ownBn = [&](const ElasticBatchNorm& bn, int c) {
        ElasticBatchNormImpl::Slice s = bn ? bn->slice(c) : ElasticBatchNormImpl::Slice{};
        for (torch::Tensor* t : {&s.weight, &s.bias, &s.mean, &s.var}) own(*t);
        return s;
    };
    w.ibBn = ownBn(m_ibBn, mid);
    w.dwBn = ownBn(m_dwBn, mid);
    w.projBn = ownBn(m_projBn, m_spec.outChannels);
    return w;
}

void ElasticMBConvImpl::sortChannels() {
    torch::NoGradGuard ng;
    // Importance of a middle channel: L1 norm of the projection weights that read it.
    torch::Tensor importance = projWeight.abs().sum({0, 2, 3});
    torch::Tensor order = std::get<1>(importance.sort(0, /*descending=*/true));
    projWeight.copy_(projWeight.index_select(1, order));
    dwWeight.copy_(dwWeight.index_select(0, order));
    m_dwBn->permute(order);
    if (m_spec.se) {
        seExpandW.copy_(seExpandW.index_select(0, order));
        seExpandB.copy_(seExpandB.index_select(0, order));
        seReduceW.copy_(seReduceW.index_select(1, order));
        // Then the SE bottleneck channels, by the L1 norm of the expand weights reading them.
        torch::Tensor seOrder = std::get<1>(seExpandW.abs().sum({0, 2, 3}).sort(0, true));
        seExpandW.copy_(seExpandW.index_select(1, seOrder));
        seReduceW.copy_(seReduceW.index_select(0, seOrder));
        seReduceB.copy_(seReduceB.index_select(0, seOrder));
    }
    if (ibWeight.defined()) {
        ibWeight.copy_(ibWeight.index_select(0, order));
        m_ibBn->permute(order);
    }
}

}  // namespace nat::supernet
