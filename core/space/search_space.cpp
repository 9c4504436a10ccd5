#include "space/search_space.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "base/error.h"

namespace nat::space {

namespace {

std::string joinInts(const std::vector<int>& v) {
    std::ostringstream os;
    for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
    return os.str();
}

void fail(const std::string& space, const std::string& what) {
    throw Error(ErrorCode::InvalidArgument, "search space '" + space + "': " + what);
}

void requireAscendingPositive(const std::string& space, const std::string& field, const std::vector<int>& v) {
    if (v.empty()) fail(space, field + " is empty");
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] <= 0) fail(space, field + " must be positive, got " + std::to_string(v[i]));
        if (i > 0 && v[i] <= v[i - 1]) fail(space, field + " must be strictly ascending, got [" + joinInts(v) + "]");
    }
}

void requirePerWidth(const SearchSpace& s, const std::string& field, const std::vector<int>& v) {
    if (static_cast<int>(v.size()) != s.numWidths())
        fail(s.name, field + " needs one value per width multiplier (" + std::to_string(s.numWidths()) +
                         "), got " + std::to_string(v.size()));
    for (int c : v)
        if (c <= 0) fail(s.name, field + " must be positive, got " + std::to_string(c));
}

std::vector<int> perWidth(const std::vector<double>& widths, int base) {
    std::vector<int> out;
    for (double w : widths) out.push_back(makeDivisible(base * w));
    return out;
}

Activation activationFromName(const std::string& s) {
    if (s == "relu") return Activation::Relu;
    if (s == "h_swish") return Activation::HSwish;
    throw Error(ErrorCode::Parse, "search space: activation must be 'relu' or 'h_swish', got '" + s + "'");
}

SearchSpace makeOfaMbv3() {
    SearchSpace s;
    s.name = "ofa-mbv3";
    s.description = "OFA MobileNetV3 (Cai et al. 2020) as searched by NAT: resolutions 192-256, widths 1.0/1.2, "
                    "5 stages x up to 4 layers, kernels 3/5/7, expand ratios 3/4/6";
    for (int r = 192; r <= 256; r += 4) s.resolutions.push_back(r);
    s.widthMults = {1.0, 1.2};
    s.stemChannels = perWidth(s.widthMults, 16);
    s.stemStride = 2;
    s.firstBlockChannels = perWidth(s.widthMults, 16);
    s.firstBlockAct = Activation::Relu;
    const int base[] = {24, 40, 80, 112, 160};
    const int stride[] = {2, 2, 2, 1, 2};
    const Activation act[] = {Activation::Relu, Activation::Relu, Activation::HSwish, Activation::HSwish,
                              Activation::HSwish};
    const bool se[] = {false, true, false, true, true};
    for (int i = 0; i < 5; ++i) s.stages.push_back({perWidth(s.widthMults, base[i]), stride[i], act[i], se[i]});
    s.depthChoices = {2, 3, 4};
    s.kernelChoices = {3, 5, 7};
    s.expandChoices = {3, 4, 6};
    s.finalExpandChannels = perWidth(s.widthMults, 960);
    s.featureMixChannels = perWidth(s.widthMults, 1280);
    return s;
}

// Our CPU preset for 28–32 px images (NAT-REFERENCE.md §5, documented in the README): the same
// elastic structure and encoding rules, but a stride-1 stem (a 28 px image cannot afford the
// stride-2 stem plus four more halvings), four narrow stages with three stride-2 steps (28 → 14 → 7
// → 4), narrow stages (16/32/64/96) and a small head (384 → 512). Costs at 28 px, 10 classes, one
// input channel: smallest subnet 5.2 M MACs / 0.45 M params, largest 24.6 M MACs / 1.73 M params — a
// 5× MACs range for the front, and a largest subnet a 2-core CPU trains at hundreds of images/s.
SearchSpace makeTinyMbv3() {
    SearchSpace s;
    s.name = "tiny-mbv3";
    s.description = "MobileNetV3-style space for 28-32 px images on a CPU: resolutions 24/28/32, width 1.0, "
                    "stride-1 stem, 4 stages x up to 4 layers (16/32/64/96 channels), kernels 3/5/7, "
                    "expand ratios 3/4/6";
    s.resolutions = {24, 28, 32};
    s.widthMults = {1.0};
    s.stemChannels = {16};
    s.stemStride = 1;
    s.firstBlockChannels = {16};
    s.firstBlockAct = Activation::Relu;
    s.stages = {
        {{16}, 2, Activation::Relu, false},
        {{32}, 2, Activation::Relu, true},
        {{64}, 2, Activation::HSwish, false},
        {{96}, 1, Activation::HSwish, true},
    };
    s.depthChoices = {2, 3, 4};
    s.kernelChoices = {3, 5, 7};
    s.expandChoices = {3, 4, 6};
    s.finalExpandChannels = {384};
    s.featureMixChannels = {512};
    return s;
}

// Our smallest preset, sized so that the `quick` search trains its largest subnet for a few epochs
// of Fashion-MNIST within minutes on a 2-core CPU: native 28 px at most (no upsampling), three
// stages with three stride-2 steps (28 → 14 → 7 → 4), depths 1–3, kernels 3/5, expand ratios 2/3/4
// and a small head (256 → 384). Same elastic structure and encoding rules as the others.
SearchSpace makeMicroMbv3() {
    SearchSpace s;
    s.name = "micro-mbv3";
    s.description = "small MobileNetV3-style space for 20-28 px images on a 2-core CPU: resolutions 20/24/28, "
                    "stride-1 stem, 3 stages x up to 3 layers (24/40/64 channels), kernels 3/5, expand ratios 2/3/4";
    s.resolutions = {20, 24, 28};
    s.widthMults = {1.0};
    s.stemChannels = {16};
    s.stemStride = 1;
    s.firstBlockChannels = {16};
    s.firstBlockAct = Activation::Relu;
    s.stages = {
        {{24}, 2, Activation::Relu, false},
        {{40}, 2, Activation::Relu, true},
        {{64}, 2, Activation::HSwish, true},
    };
    s.depthChoices = {1, 2, 3};
    s.kernelChoices = {3, 5};
    s.expandChoices = {2, 3, 4};
    s.finalExpandChannels = {256};
    s.featureMixChannels = {384};
    return s;
}

}  // namespace

std::string_view activationName(Activation a) noexcept { return a == Activation::Relu ? "relu" : "h_swish"; }

std::string widthLabel(double width) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(width * 10 == std::floor(width * 10) ? 1 : 2) << width;
    return os.str();
}

int makeDivisible(double v, int divisor) {
    int n = std::max(divisor, static_cast<int>(v + divisor / 2.0) / divisor * divisor);
    if (n < 0.9 * v) n += divisor;
    return n;
}

int SearchSpace::stageInputChannels(int s, int w) const {
    return s == 0 ? firstBlockChannels[w] : stages[s - 1].channels[w];
}

int SearchSpace::widthIndexOf(double width) const {
    for (int i = 0; i < numWidths(); ++i)
        if (std::abs(widthMults[i] - width) < 1e-6) return i;
    return -1;
}

int SearchSpace::resolutionIndexOf(int r) const {
    const auto it = std::find(resolutions.begin(), resolutions.end(), r);
    return it == resolutions.end() ? -1 : static_cast<int>(it - resolutions.begin());
}

void SearchSpace::validate() const {
    if (name.empty()) fail("?", "name is empty");
    requireAscendingPositive(name, "resolutions", resolutions);
    if (widthMults.empty()) fail(name, "widthMults is empty");
    for (double w : widthMults)
        if (!(w > 0.0)) fail(name, "width multipliers must be positive");
    requirePerWidth(*this, "stemChannels", stemChannels);
    requirePerWidth(*this, "firstBlockChannels", firstBlockChannels);
    requirePerWidth(*this, "finalExpandChannels", finalExpandChannels);
    requirePerWidth(*this, "featureMixChannels", featureMixChannels);
    if (stemStride < 1 || stemStride > 2) fail(name, "stemStride must be 1 or 2, got " + std::to_string(stemStride));
    if (stages.empty()) fail(name, "needs at least one stage");
    for (std::size_t i = 0; i < stages.size(); ++i) {
        requirePerWidth(*this, "stages[" + std::to_string(i) + "].channels", stages[i].channels);
        if (stages[i].stride < 1 || stages[i].stride > 2)
            fail(name, "stages[" + std::to_string(i) + "].stride must be 1 or 2, got " + std::to_string(stages[i].stride));
    }
    requireAscendingPositive(name, "depthChoices", depthChoices);
    requireAscendingPositive(name, "kernelChoices", kernelChoices);
    requireAscendingPositive(name, "expandChoices", expandChoices);
    for (int k : kernelChoices)
        if (k % 2 == 0) fail(name, "kernel sizes must be odd, got " + std::to_string(k));
    // Layer slot values must fit one decimal digit so net.encoding strings stay one digit per slot.
    if (layerChoiceCount() > 9) fail(name, "kernels x expand ratios must be at most 9 choices");
    if (seReduction < 1) fail(name, "seReduction must be positive");
}

Json SearchSpace::toJson() const {
    Json st = Json::array();
    for (const auto& s : stages)
        st.push_back({{"channels", s.channels}, {"stride", s.stride}, {"act", activationName(s.act)}, {"se", s.se}});
    return {{"name", name},
            {"description", description},
            {"resolutions", resolutions},
            {"width_mults", widthMults},
            {"stem_channels", stemChannels},
            {"stem_stride", stemStride},
            {"first_block_channels", firstBlockChannels},
            {"first_block_act", activationName(firstBlockAct)},
            {"stages", st},
            {"depth_choices", depthChoices},
            {"kernel_choices", kernelChoices},
            {"expand_choices", expandChoices},
            {"final_expand_channels", finalExpandChannels},
            {"feature_mix_channels", featureMixChannels},
            {"se_reduction", seReduction}};
}

SearchSpace SearchSpace::fromJson(const Json& j) {
    const std::string ctx = "search space";
    SearchSpace s;
    s.name = requireString(j, "name", ctx);
    if (j.contains("description") && j["description"].is_string()) s.description = j["description"].get<std::string>();
    s.resolutions = requireIntArray(j, "resolutions", ctx);
    const Json& w = requireField(j, "width_mults", ctx);
    if (!w.is_array()) throw Error(ErrorCode::Parse, ctx + ": field 'width_mults' must be a list of numbers");
    for (const auto& x : w) {
        if (!x.is_number()) throw Error(ErrorCode::Parse, ctx + ": field 'width_mults' must be a list of numbers");
        s.widthMults.push_back(x.get<double>());
    }
    s.stemChannels = requireIntArray(j, "stem_channels", ctx);
    s.stemStride = requireInt(j, "stem_stride", ctx);
    s.firstBlockChannels = requireIntArray(j, "first_block_channels", ctx);
    s.firstBlockAct = activationFromName(requireString(j, "first_block_act", ctx));
    const Json& st = requireField(j, "stages", ctx);
    if (!st.is_array()) throw Error(ErrorCode::Parse, ctx + ": field 'stages' must be a list");
    for (std::size_t i = 0; i < st.size(); ++i) {
        const std::string sctx = ctx + " stages[" + std::to_string(i) + "]";
        StageSpec spec;
        spec.channels = requireIntArray(st[i], "channels", sctx);
        spec.stride = requireInt(st[i], "stride", sctx);
        spec.act = activationFromName(requireString(st[i], "act", sctx));
        const Json& se = requireField(st[i], "se", sctx);
        if (!se.is_boolean()) throw Error(ErrorCode::Parse, sctx + ": field 'se' must be true or false");
        spec.se = se.get<bool>();
        s.stages.push_back(spec);
    }
    s.depthChoices = requireIntArray(j, "depth_choices", ctx);
    s.kernelChoices = requireIntArray(j, "kernel_choices", ctx);
    s.expandChoices = requireIntArray(j, "expand_choices", ctx);
    s.finalExpandChannels = requireIntArray(j, "final_expand_channels", ctx);
    s.featureMixChannels = requireIntArray(j, "feature_mix_channels", ctx);
    if (j.contains("se_reduction")) s.seReduction = requireInt(j, "se_reduction", ctx);
    s.validate();
    return s;
}

double SearchSpace::cardinality() const {
    // Per stage: sum over depths d of (layer choices)^d.
    double perStage = 0.0;
    for (int d : depthChoices) perStage += std::pow(static_cast<double>(layerChoiceCount()), d);
    return static_cast<double>(resolutions.size()) * static_cast<double>(widthMults.size()) *
           std::pow(perStage, numStages());
}

std::vector<std::string> presetNames() { return {"ofa-mbv3", "tiny-mbv3", "micro-mbv3"}; }

const SearchSpace& preset(std::string_view name) {
    static const SearchSpace ofa = makeOfaMbv3();
    static const SearchSpace tiny = makeTinyMbv3();
    static const SearchSpace micro = makeMicroMbv3();
    if (name == ofa.name) return ofa;
    if (name == tiny.name) return tiny;
    if (name == micro.name) return micro;
    std::string names;
    for (const auto& n : presetNames()) names += (names.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::InvalidArgument,
                "unknown search-space preset '" + std::string(name) + "' (choose one of: " + names + ")");
}

}  // namespace nat::space
