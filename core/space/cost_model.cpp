#include "space/cost_model.h"

#include <cmath>

#include "base/error.h"

namespace nat::space {

namespace {

using i64 = std::int64_t;

// Accumulates layers while tracking the running feature-map shape.
class CostBuilder {
public:
    CostBuilder(int c, int hw) : m_c(c), m_h(hw), m_w(hw) {}

    int channels() const { return m_c; }

    // k×k convolution (groups = 1, or depthwise when `depthwise`) + optional BN + activation.
    void conv(LayerCost& l, int out, int k, int stride, bool depthwise, bool bn, bool bias, bool hswish) {
        const int ho = convOutSize(m_h, k, stride), wo = convOutSize(m_w, k, stride);
        const i64 inPerGroup = depthwise ? 1 : m_c;
        l.params += inPerGroup * out * k * k + (bn ? 2 * out : 0) + (bias ? out : 0);
        l.macs += static_cast<i64>(ho) * wo * inPerGroup * out * k * k;
        if (hswish) l.extraOps += static_cast<i64>(ho) * wo * out;
        m_c = out;
        m_h = ho;
        m_w = wo;
    }

    // Squeeze-excite on the current map: pool → 1×1 (bias) → ReLU → 1×1 (bias) → h_sigmoid → scale.
    void se(LayerCost& l, int reduction) {
        const i64 mid = seChannels(m_c, reduction);
        l.params += m_c * mid + mid + mid * m_c + m_c;
        l.macs += 2 * m_c * mid;
        l.extraOps += static_cast<i64>(m_h) * m_w * m_c;
    }

    void pool() { m_h = m_w = 1; }

    void finish(LayerCost& l, CostReport& r) {
        l.outChannels = m_c;
        l.outHeight = m_h;
        l.outWidth = m_w;
        r.params += l.params;
        r.macs += l.macs;
        r.madds += l.macs + l.extraOps;
        r.layers.push_back(std::move(l));
    }

private:
    int m_c, m_h, m_w;
};

void mbconv(CostBuilder& b, LayerCost& l, int out, int k, int expand, int stride, Activation act, bool se,
            int seReduction) {
    const bool hs = act == Activation::HSwish;
    const int mid = expandedChannels(b.channels(), expand);
    if (expand != 1) b.conv(l, mid, 1, 1, false, true, false, hs);
    b.conv(l, mid, k, stride, true, true, false, hs);
    if (se) b.se(l, seReduction);
    b.conv(l, out, 1, 1, false, true, false, false);
}

}  // namespace

int convOutSize(int in, int kernel, int stride) { return (in + 2 * (kernel / 2) - kernel) / stride + 1; }

int expandedChannels(int in, int expand) { return makeDivisible(std::round(static_cast<double>(in) * expand)); }

int seChannels(int channels, int reduction) { return makeDivisible(channels / reduction); }

CostReport computeCost(const SearchSpace& space, const Architecture& arch, const CostOptions& opts) {
    validateArchitecture(space, arch);
    if (opts.numClasses < 1)
        throw Error(ErrorCode::InvalidArgument, "number of classes must be at least 1, got " + std::to_string(opts.numClasses));
    if (opts.inputChannels < 1)
        throw Error(ErrorCode::InvalidArgument, "input channels must be at least 1, got " + std::to_string(opts.inputChannels));
    const int w = arch.widthIndex;
    CostReport r;
    CostBuilder b(opts.inputChannels, arch.resolution);

    LayerCost stem{"stem", "conv3x3"};
    b.conv(stem, space.stemChannels[w], 3, space.stemStride, false, true, false, true);
    b.finish(stem, r);

    LayerCost first{"block0", "mbconv k3 e1"};
    mbconv(b, first, space.firstBlockChannels[w], 3, 1, 1, space.firstBlockAct, false, space.seReduction);
    b.finish(first, r);

    for (int s = 0; s < space.numStages(); ++s) {
        const StageSpec& st = space.stages[s];
        for (std::size_t j = 0; j < arch.stages[s].size(); ++j) {
            const LayerChoice& c = arch.stages[s][j];
            LayerCost l{"stage" + std::to_string(s + 1) + ".layer" + std::to_string(j + 1),
                        "mbconv k" + std::to_string(c.kernel) + " e" + std::to_string(c.expand)};
            mbconv(b, l, st.channels[w], c.kernel, c.expand, j == 0 ? st.stride : 1, st.act, st.se, space.seReduction);
            b.finish(l, r);
        }
    }

    LayerCost fe{"final_expand", "conv1x1"};
    b.conv(fe, space.finalExpandChannels[w], 1, 1, false, true, false, true);
    b.finish(fe, r);
    b.pool();
    LayerCost fm{"feature_mix", "conv1x1"};
    b.conv(fm, space.featureMixChannels[w], 1, 1, false, false, false, true);
    b.finish(fm, r);
    LayerCost cls{"classifier", "linear"};
    b.conv(cls, opts.numClasses, 1, 1, false, false, true, false);
    b.finish(cls, r);
    return r;
}

std::int64_t supernetParams(const SearchSpace& space, int widthIndex, const CostOptions& opts) {
    // The supernet's weights are those of the largest subnet of this width ...
    Architecture big = largest(space);
    big.widthIndex = widthIndex;
    i64 params = computeCost(space, big, opts).params;
    // ... plus, per elastic depthwise layer, one (k'²×k'²) transform matrix for each smaller kernel k'.
    i64 perLayer = 0;
    for (std::size_t i = 0; i + 1 < space.kernelChoices.size(); ++i) {
        const i64 k = space.kernelChoices[i];
        perLayer += k * k * k * k;
    }
    return params + perLayer * space.numStages() * space.maxDepth();
}

}  // namespace nat::space
