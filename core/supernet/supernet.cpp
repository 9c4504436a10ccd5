#include "supernet/supernet.h"

#include <torch/torch.h>

#include "base/error.h"
#include "supernet/checkpoint_meta.h"

namespace nat::supernet {

using space::Architecture;
using space::SearchSpace;

Json SupernetConfig::toJson() const {
    return {{"space", space.toJson()},
            {"width_index", widthIndex},
            {"num_classes", numClasses},
            {"input_channels", inputChannels},
            {"dropout", dropout},
            {"bn_momentum", bnMomentum},
            {"bn_eps", bnEps}};
}

SupernetConfig SupernetConfig::fromJson(const Json& j) {
    const std::string ctx = "supernet config";
    SupernetConfig c;
    c.space = SearchSpace::fromJson(requireField(j, "space", ctx));
    c.widthIndex = requireInt(j, "width_index", ctx);
    c.numClasses = requireInt(j, "num_classes", ctx);
    c.inputChannels = requireInt(j, "input_channels", ctx);
    c.dropout = requireNumber(j, "dropout", ctx);
    c.bnMomentum = requireNumber(j, "bn_momentum", ctx);
    c.bnEps = requireNumber(j, "bn_eps", ctx);
    return c;
}

namespace {

// One set of rules for configurations built in code and read from files (checkpoint_meta.h).
void checkConfig(const SupernetConfig& c) { validateSupernetConfigJson(c.toJson()); }

torch::Tensor heInit(std::int64_t out, std::int64_t in, std::int64_t k) {
    return torch::randn({out, in, k, k}) * std::sqrt(2.0 / static_cast<double>(out * k * k));
}

}  // namespace

SupernetImpl::SupernetImpl(SupernetConfig config) : m_config(std::move(config)) {
    checkConfig(m_config);
    const SearchSpace& s = m_config.space;
    const int w = m_config.widthIndex;
    const double mom = m_config.bnMomentum, eps = m_config.bnEps;

    stemWeight = register_parameter("stem_weight", heInit(s.stemChannels[w], m_config.inputChannels, 3));
    stemBn = register_module("stem_bn", ElasticBatchNorm(s.stemChannels[w], mom, eps));

    torch::nn::ModuleList list;
    MBConvSpec first{s.stemChannels[w], s.firstBlockChannels[w], 1, s.firstBlockAct, false, s.seReduction, {3}, {1}};
    m_blocks.push_back(ElasticMBConv(first, mom, eps));
    for (int st = 0; st < s.numStages(); ++st) {
        const space::StageSpec& stage = s.stages[st];
        for (int j = 0; j < s.maxDepth(); ++j) {
            MBConvSpec spec{j == 0 ? s.stageInputChannels(st, w) : stage.channels[w],
                            stage.channels[w],
                            j == 0 ? stage.stride : 1,
                            stage.act,
                            stage.se,
                            s.seReduction,
                            s.kernelChoices,
                            s.expandChoices};
            m_blocks.push_back(ElasticMBConv(spec, mom, eps));
        }
    }
    for (auto& b : m_blocks) list->push_back(b);
    register_module("blocks", list);

    const int last = s.stages.back().channels[w];
    finalExpandWeight = register_parameter("final_expand_weight", heInit(s.finalExpandChannels[w], last, 1));
    finalExpandBn = register_module("final_expand_bn", ElasticBatchNorm(s.finalExpandChannels[w], mom, eps));
    featureMixWeight =
        register_parameter("feature_mix_weight", heInit(s.featureMixChannels[w], s.finalExpandChannels[w], 1));
    // Linear layers: normal(0, 0.01) weights and zero bias, as MobileNetV3 implementations do.
    classifierWeight = register_parameter(
        "classifier_weight", torch::randn({m_config.numClasses, s.featureMixChannels[w]}) * 0.01);
    classifierBias = register_parameter("classifier_bias", torch::zeros({m_config.numClasses}));

    Architecture big = space::largest(s);
    big.widthIndex = w;
    setActive(big);
}

void SupernetImpl::setActive(const Architecture& arch) {
    space::validateArchitecture(m_config.space, arch);
    if (arch.widthIndex != m_config.widthIndex)
        throw Error(ErrorCode::InvalidArgument,
                    "architecture has width " + space::widthLabel(m_config.space.widthMults[arch.widthIndex]) +
                        " but this supernet has width " + space::widthLabel(m_config.space.widthMults[m_config.widthIndex]));
    for (int st = 0; st < m_config.space.numStages(); ++st)
        for (std::size_t j = 0; j < arch.stages[st].size(); ++j)
            m_blocks[blockIndex(st, static_cast<int>(j))]->setActive(arch.stages[st][j].kernel, arch.stages[st][j].expand);
    m_active = arch;
}

torch::Tensor headForward(const torch::Tensor& x, const torch::Tensor& finalExpandW,
                          const std::function<torch::Tensor(const torch::Tensor&)>& finalBn,
                          const torch::Tensor& featureMixW, const torch::Tensor& classifierW,
                          const torch::Tensor& classifierB, double dropout, bool training) {
    torch::Tensor y = hswish(finalBn(convSame(x, finalExpandW)));
    y = y.mean({2, 3}, /*keepdim=*/true);
    y = hswish(convSame(y, featureMixW)).flatten(1);
    if (dropout > 0.0) y = torch::dropout(y, dropout, training);
    return fullyConnected(y, classifierW, classifierB);
}

torch::Tensor SupernetImpl::forward(const torch::Tensor& x, BnMode mode) {
    const SearchSpace& s = m_config.space;
    torch::Tensor y = convSame(x, stemWeight, {}, s.stemStride);
    y = hswish(stemBn->forward(y, mode));
    y = m_blocks[0]->forward(y, mode);
    for (int st = 0; st < s.numStages(); ++st)
        for (std::size_t j = 0; j < m_active.stages[st].size(); ++j)
            y = m_blocks[blockIndex(st, static_cast<int>(j))]->forward(y, mode);
    return headForward(
        y, finalExpandWeight, [&](const torch::Tensor& t) { return finalExpandBn->forward(t, mode); }, featureMixWeight,
        classifierWeight, classifierBias, m_config.dropout, is_training());
}

void SupernetImpl::sortChannels() {
    for (std::size_t i = 1; i < m_blocks.size(); ++i) m_blocks[i]->sortChannels();
}

}  // namespace nat::supernet
