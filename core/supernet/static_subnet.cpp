#include "supernet/static_subnet.h"

#include <torch/torch.h>

#include <map>

#include "space/cost_model.h"

namespace nat::supernet {

namespace nn = torch::nn;
using space::Architecture;
using space::SearchSpace;

namespace {

nn::Conv2d makeConv(int in, int out, int k, int stride, int groups, bool bias) {
    return nn::Conv2d(nn::Conv2dOptions(in, out, k).stride(stride).padding(k / 2).groups(groups).bias(bias));
}

nn::BatchNorm2d makeBn(int c, double momentum, double eps) {
    return nn::BatchNorm2d(nn::BatchNorm2dOptions(c).momentum(momentum).eps(eps));
}

void copyBn(nn::BatchNorm2d& bn, const ElasticBatchNormImpl::Slice& s) {
    bn->weight.copy_(s.weight);
    bn->bias.copy_(s.bias);
    bn->running_mean.copy_(s.mean);
    bn->running_var.copy_(s.var);
}

// BN in the module's own state (train: batch stats and running update; eval: running stats).
torch::Tensor normalBn(nn::BatchNorm2d& bn, const torch::Tensor& x) { return bn->forward(x); }

}  // namespace

// ---------------------------------------------------------------- StaticMBConv

StaticMBConvImpl::StaticMBConvImpl(MBConvSpec spec, int kernel, int expand, double mom, double eps)
    : m_spec(std::move(spec)), m_kernel(kernel), m_mid(space::expandedChannels(m_spec.inChannels, expand)) {
    if (expand != 1) {
        ib = register_module("ib", makeConv(m_spec.inChannels, m_mid, 1, 1, 1, false));
        ibBn = register_module("ib_bn", makeBn(m_mid, mom, eps));
    }
    dw = register_module("dw", makeConv(m_mid, m_mid, kernel, m_spec.stride, m_mid, false));
    dwBn = register_module("dw_bn", makeBn(m_mid, mom, eps));
    if (m_spec.se) {
        const int seMid = space::seChannels(m_mid, m_spec.seReduction);
        seReduce = register_module("se_reduce", makeConv(m_mid, seMid, 1, 1, 1, true));
        seExpand = register_module("se_expand", makeConv(seMid, m_mid, 1, 1, 1, true));
    }
    proj = register_module("proj", makeConv(m_mid, m_spec.outChannels, 1, 1, 1, false));
    projBn = register_module("proj_bn", makeBn(m_spec.outChannels, mom, eps));
}

torch::Tensor StaticMBConvImpl::forward(const torch::Tensor& x,
                                        const std::function<torch::Tensor(nn::BatchNorm2d&, const torch::Tensor&)>& bn) {
    MBConvWeights w;
    if (ib) w.ibWeight = ib->weight;
    w.dwWeight = dw->weight;
    if (seReduce) {
        w.seReduceW = seReduce->weight;
        w.seReduceB = seReduce->bias;
        w.seExpandW = seExpand->weight;
        w.seExpandB = seExpand->bias;
    }
    w.projWeight = proj->weight;
    nn::BatchNorm2d* bns[3] = {&ibBn, &dwBn, &projBn};
    return mbconvForward(x, w, m_spec, m_kernel, [&](const torch::Tensor& t, int i) { return bn(*bns[i], t); });
}

void StaticMBConvImpl::load(const MBConvWeights& w) {
    torch::NoGradGuard ng;
    if (ib) {
        ib->weight.copy_(w.ibWeight);
        copyBn(ibBn, w.ibBn);
    }
    dw->weight.copy_(w.dwWeight);
    copyBn(dwBn, w.dwBn);
    if (seReduce) {
        seReduce->weight.copy_(w.seReduceW);
        seReduce->bias.copy_(w.seReduceB);
        seExpand->weight.copy_(w.seExpandW);
        seExpand->bias.copy_(w.seExpandB);
    }
    proj->weight.copy_(w.projWeight);
    copyBn(projBn, w.projBn);
}

std::vector<nn::BatchNorm2d> StaticMBConvImpl::batchNorms() const {
    std::vector<nn::BatchNorm2d> v;
    if (ibBn) v.push_back(ibBn);
    v.push_back(dwBn);
    v.push_back(projBn);
    return v;
}

// ---------------------------------------------------------------- StaticSubnet

StaticSubnetImpl::StaticSubnetImpl(const SupernetConfig& config, const Architecture& arch)
    : m_config(config), m_arch(arch) {
    const SearchSpace& s = m_config.space;
    space::validateArchitecture(s, arch);
    const int w = arch.widthIndex;
    const double mom = m_config.bnMomentum, eps = m_config.bnEps;
    m_config.widthIndex = w;

    stem = register_module("stem", makeConv(m_config.inputChannels, s.stemChannels[w], 3, s.stemStride, 1, false));
    stemBn = register_module("stem_bn", makeBn(s.stemChannels[w], mom, eps));
    MBConvSpec first{s.stemChannels[w], s.firstBlockChannels[w], 1, s.firstBlockAct, false, s.seReduction, {3}, {1}};
    layers.push_back(register_module("block0", StaticMBConv(first, 3, 1, mom, eps)));
    m_layerNames.push_back("block0");
    for (int st = 0; st < s.numStages(); ++st) {
        const space::StageSpec& stage = s.stages[st];
        for (std::size_t j = 0; j < arch.stages[st].size(); ++j) {
            MBConvSpec spec{j == 0 ? s.stageInputChannels(st, w) : stage.channels[w], stage.channels[w],
                            j == 0 ? stage.stride : 1, stage.act, stage.se, s.seReduction,
                            s.kernelChoices, s.expandChoices};
            const std::string name = "stage" + std::to_string(st + 1) + ".layer" + std::to_string(j + 1);
            const std::string moduleName = "s" + std::to_string(st + 1) + "_l" + std::to_string(j + 1);
            layers.push_back(register_module(
                moduleName, StaticMBConv(spec, arch.stages[st][j].kernel, arch.stages[st][j].expand, mom, eps)));
            m_layerNames.push_back(name);
        }
    }
    const int last = s.stages.back().channels[w];
    finalExpand = register_module("final_expand", makeConv(last, s.finalExpandChannels[w], 1, 1, 1, false));
    finalExpandBn = register_module("final_expand_bn", makeBn(s.finalExpandChannels[w], mom, eps));
    featureMix = register_module("feature_mix", makeConv(s.finalExpandChannels[w], s.featureMixChannels[w], 1, 1, 1, false));
    classifier = register_module("classifier", nn::Linear(s.featureMixChannels[w], m_config.numClasses));
}

std::shared_ptr<StaticSubnetImpl> StaticSubnetImpl::extract(const SupernetImpl& net) {
    auto sub = std::make_shared<StaticSubnetImpl>(net.config(), net.active());
    torch::NoGradGuard ng;
    sub->stem->weight.copy_(net.stemWeight);
    copyBn(sub->stemBn, net.stemBn->slice(static_cast<int>(net.stemWeight.size(0))));
    const Architecture& a = net.active();
    std::size_t li = 0;
    sub->layers[li++]->load(net.blocks()[0]->activeWeights());
    for (int st = 0; st < net.space().numStages(); ++st)
        for (std::size_t j = 0; j < a.stages[st].size(); ++j)
            sub->layers[li++]->load(net.blocks()[net.blockIndex(st, static_cast<int>(j))]->activeWeights());
    sub->finalExpand->weight.copy_(net.finalExpandWeight);
    copyBn(sub->finalExpandBn, net.finalExpandBn->slice(static_cast<int>(net.finalExpandWeight.size(0))));
    sub->featureMix->weight.copy_(net.featureMixWeight);
    sub->classifier->weight.copy_(net.classifierWeight);
    sub->classifier->bias.copy_(net.classifierBias);
    sub->train(net.is_training());
    return sub;
}

torch::Tensor StaticSubnetImpl::run(const torch::Tensor& x, const BnFn& bn,
                                    const std::function<void(const std::string&, const torch::Tensor&)>& onLayer) {
    torch::Tensor y = hswish(bn(stemBn, convSame(x, stem->weight, {}, m_config.space.stemStride)));
    if (onLayer) onLayer("stem", y);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        y = layers[i]->forward(y, bn);
        if (onLayer) onLayer(m_layerNames[i], y);
    }
    y = hswish(bn(finalExpandBn, convSame(y, finalExpand->weight)));
    if (onLayer) onLayer("final_expand", y);
    y = y.mean({2, 3}, /*keepdim=*/true);
    y = hswish(convSame(y, featureMix->weight));
    if (onLayer) onLayer("feature_mix", y);
    y = y.flatten(1);
    if (m_config.dropout > 0.0) y = torch::dropout(y, m_config.dropout, is_training());
    y = fullyConnected(y, classifier->weight, classifier->bias);
    if (onLayer) onLayer("classifier", y);
    return y;
}

torch::Tensor StaticSubnetImpl::forward(const torch::Tensor& x) { return run(x, normalBn, nullptr); }

std::vector<nn::BatchNorm2d> StaticSubnetImpl::allBatchNorms() const {
    std::vector<nn::BatchNorm2d> v = {stemBn};
    for (const auto& l : layers)
        for (const auto& b : l->batchNorms()) v.push_back(b);
    v.push_back(finalExpandBn);
    return v;
}

std::int64_t StaticSubnetImpl::recalibrateBn(const std::function<bool(torch::Tensor&)>& nextBatch) {
    torch::NoGradGuard ng;
    std::map<const nn::BatchNorm2dImpl*, BnStatsAccumulator> stats;
    const BnFn calibrate = [&](nn::BatchNorm2d& bn, const torch::Tensor& t) {
        stats[bn.get()].add(t);
        // Normalise with this batch's statistics, as in training, so later layers see train-mode inputs.
        return torch::batch_norm(t, bn->weight, bn->bias, {}, {}, true, 0.0, bn->options.eps(), false);
    };
    const bool wasTraining = is_training();
    eval();  // dropout off
    std::int64_t images = 0;
    torch::Tensor batch;
    while (nextBatch(batch)) {
        run(batch, calibrate, nullptr);
        images += batch.size(0);
    }
    if (images > 0)
        for (auto& bn : allBatchNorms()) {
            const BnStatsAccumulator& acc = stats.at(bn.get());
            bn->running_mean.copy_(acc.mean().to(bn->running_mean.dtype()));
            bn->running_var.copy_(acc.var().to(bn->running_var.dtype()));
        }
    train(wasTraining);
    return images;
}

std::vector<StaticSubnetImpl::LayerMeasure> StaticSubnetImpl::measureLayers() {
    torch::NoGradGuard ng;
    const bool wasTraining = is_training();
    eval();
    std::vector<LayerMeasure> out;
    OpCounter counter;
    CountOps guard(&counter);
    auto params = [](const nn::Module& m) {
        std::int64_t n = 0;
        for (const auto& p : m.parameters()) n += p.numel();
        return n;
    };
    std::map<std::string, std::int64_t> paramsByLayer = {
        {"stem", params(*stem) + params(*stemBn)},
        {"final_expand", params(*finalExpand) + params(*finalExpandBn)},
        {"feature_mix", params(*featureMix)},
        {"classifier", params(*classifier)}};
    for (std::size_t i = 0; i < layers.size(); ++i) paramsByLayer[m_layerNames[i]] = params(*layers[i]);
    const auto dev = stem->weight.device();
    const torch::Tensor x = torch::zeros({1, m_config.inputChannels, m_arch.resolution, m_arch.resolution}, dev);
    run(x, normalBn, [&](const std::string& name, const torch::Tensor& y) {
        LayerMeasure m{name, paramsByLayer.at(name), counter.macs, counter.extraOps, {}};
        for (int d = 1; d < y.dim(); ++d) m.outShape.push_back(y.size(d));
        out.push_back(std::move(m));
        counter = OpCounter{};
    });
    train(wasTraining);
    return out;
}

}  // namespace nat::supernet
