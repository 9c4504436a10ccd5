#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json_util.h"

namespace nat::space {

enum class Activation { Relu, HSwish };

std::string_view activationName(Activation a) noexcept;

/// One searchable stage: up to maxDepth MBConv layers; only the first gets the stride.
struct StageSpec {
    std::vector<int> channels;  ///< output channels, one entry per width multiplier
    int stride = 1;
    Activation act = Activation::Relu;
    bool se = false;
};

/// A search space described entirely by data (NAT-REFERENCE.md §2–3). The OFA MobileNetV3 space is one
/// preset; the elastic supernet, the encodings and the cost model read only this description.
///
/// Fixed parts: stem conv (3×3, stemStride, BN, h_swish) → first block (depthwise 3×3 + BN + act,
/// then 1×1 projection + BN, expand ratio 1, identity shortcut when shapes allow) → stages →
/// final expand 1×1 (BN, h_swish) → global average pool → feature mix 1×1 (no BN, no bias,
/// h_swish) → dropout → linear classifier (with bias).
struct SearchSpace {
    std::string name;
    std::string description;
    std::vector<int> resolutions;        ///< ascending
    std::vector<double> widthMults;      ///< one supernet per width multiplier
    std::vector<int> stemChannels;       ///< per width
    int stemStride = 2;
    std::vector<int> firstBlockChannels; ///< per width
    Activation firstBlockAct = Activation::Relu;
    std::vector<StageSpec> stages;
    std::vector<int> depthChoices;       ///< ascending, e.g. {2,3,4}
    std::vector<int> kernelChoices;      ///< ascending odd sizes, e.g. {3,5,7}
    std::vector<int> expandChoices;      ///< ascending, e.g. {3,4,6}
    std::vector<int> finalExpandChannels; ///< per width
    std::vector<int> featureMixChannels;  ///< per width
    int seReduction = 4;

    int numStages() const { return static_cast<int>(stages.size()); }
    int numWidths() const { return static_cast<int>(widthMults.size()); }
    int minDepth() const { return depthChoices.front(); }
    int maxDepth() const { return depthChoices.back(); }
    int maxKernel() const { return kernelChoices.back(); }
    int maxExpand() const { return expandChoices.back(); }
    /// Number of integers in NAT's encoding: resolution, width, then maxDepth slots per stage.
    int encodingLength() const { return 2 + numStages() * maxDepth(); }
    /// Values a layer slot can take besides 0 (skipped): kernels × expand ratios.
    int layerChoiceCount() const {
        return static_cast<int>(kernelChoices.size() * expandChoices.size());
    }
    /// Input channels of stage `s`'s first layer for width index `w`.
    int stageInputChannels(int s, int w) const;
    int widthIndexOf(double width) const;  ///< -1 when not a choice
    int resolutionIndexOf(int r) const;    ///< -1 when not a choice

    /// Throws Error(InvalidArgument) naming the inconsistent field.
    void validate() const;
    Json toJson() const;
    static SearchSpace fromJson(const Json& j);
    /// Number of distinct architectures (as a double: ofa-mbv3 has ~10^20).
    double cardinality() const;
};

/// Width multiplier as people read it: "1.0", "1.2".
std::string widthLabel(double width);

/// `max(divisor, int(v + divisor/2) / divisor * divisor)`, plus `divisor` if that is below 0.9·v — the
/// MobileNet rounding every channel count of the OFA family goes through.
int makeDivisible(double v, int divisor = 8);

/// Names of the built-in presets, in display order.
std::vector<std::string> presetNames();
/// A built-in preset by name; Error(InvalidArgument) lists the names when unknown.
const SearchSpace& preset(std::string_view name);

}  // namespace nat::space
