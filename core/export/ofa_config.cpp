#include "export/ofa_config.h"

#include "space/cost_model.h"

namespace nat::exporting {

namespace {

using space::Activation;
using space::Architecture;
using space::SearchSpace;

std::string actName(Activation a) { return a == Activation::Relu ? "relu" : "h_swish"; }

// OFA's ConvLayer config (every field its set_layer_from_config reads).
Json convLayer(int in, int out, int kernel, int stride, bool useBn, const Json& act) {
    return {{"name", "ConvLayer"}, {"kernel_size", kernel}, {"stride", stride}, {"dilation", 1},
            {"groups", 1},         {"bias", false},         {"has_shuffle", false}, {"in_channels", in},
            {"out_channels", out}, {"use_bn", useBn},       {"act_func", act},  {"dropout_rate", 0},
            {"ops_order", "weight_bn_act"}};
}

Json block(int in, int out, int kernel, int stride, int expand, Activation act, bool se) {
    Json conv = {{"name", "MBInvertedConvLayer"},
                 {"in_channels", in},
                 {"out_channels", out},
                 {"kernel_size", kernel},
                 {"stride", stride},
                 {"expand_ratio", expand},
                 // The released files give the real middle width except for expand 1 (null).
                 {"mid_channels", expand == 1 ? Json(nullptr) : Json(space::expandedChannels(in, expand))},
                 {"act_func", actName(act)},
                 {"use_se", se}};
    Json shortcut = nullptr;
    if (stride == 1 && in == out)
        shortcut = {{"name", "IdentityLayer"}, {"in_channels", {in}}, {"out_channels", {out}}, {"use_bn", false},
                    {"act_func", nullptr},     {"dropout_rate", 0},   {"ops_order", "weight_bn_act"}};
    return {{"name", "MobileInvertedResidualBlock"}, {"mobile_inverted_conv", conv}, {"shortcut", shortcut}};
}

}  // namespace

Json toNetConfig(const SearchSpace& s, const Architecture& a, const NetShape& shape) {
    space::validateArchitecture(s, a);
    const int w = a.widthIndex;
    Json blocks = Json::array();
    blocks.push_back(block(s.stemChannels[w], s.firstBlockChannels[w], 3, 1, 1, s.firstBlockAct, false));
    for (int st = 0; st < s.numStages(); ++st) {
        const space::StageSpec& stage = s.stages[st];
        for (std::size_t j = 0; j < a.stages[st].size(); ++j) {
            const int in = j == 0 ? s.stageInputChannels(st, w) : stage.channels[w];
            blocks.push_back(block(in, stage.channels[w], a.stages[st][j].kernel, j == 0 ? stage.stride : 1,
                                   a.stages[st][j].expand, stage.act, stage.se));
        }
    }
    const int last = s.stages.back().channels[w];
    return {{"name", "NATNet"},
            {"bn", {{"momentum", shape.bnMomentum}, {"eps", shape.bnEps}}},
            {"first_conv", convLayer(shape.inputChannels, s.stemChannels[w], 3, s.stemStride, true, "h_swish")},
            {"blocks", blocks},
            {"final_expand_layer", convLayer(last, s.finalExpandChannels[w], 1, 1, true, "h_swish")},
            {"feature_mix_layer",
             convLayer(s.finalExpandChannels[w], s.featureMixChannels[w], 1, 1, false, "h_swish")},
            {"classifier",
             {{"name", "LinearLayer"},
              {"in_features", s.featureMixChannels[w]},
              {"out_features", shape.numClasses},
              {"bias", true},
              {"use_bn", false},
              {"act_func", nullptr},
              {"dropout_rate", shape.dropout},
              {"ops_order", "weight_bn_act"}}}};
}

Json architectureJson(const SearchSpace& s, const Architecture& a, const ExportInfo& info, int numClasses) {
    const space::CostReport cost = computeCost(s, a, {numClasses, info.inputChannels});
    const space::Encoding x = space::encode(s, a);
    Json names = info.classNames;
    if (info.classNames.empty()) {
        names = Json::array();
        for (int c = 0; c < numClasses; ++c) names.push_back("class_" + std::to_string(c));
    }
    Json j = {{"format", "nat-architecture"},
              {"version", 1},
              {"preset", s.name},
              {"subnet", toSubnetJson(s, a)},
              {"encoding", x},
              {"encoding_string", toEncodingString(s, x)},
              {"label", shortLabel(s, a)},
              {"cost", {{"params", cost.params}, {"macs", cost.macs}, {"madds", cost.madds}}},
              {"input", {info.inputChannels, a.resolution, a.resolution}},
              {"classes", numClasses},
              {"class_names", names},
              {"mean", info.mean},
              {"std", info.std},
              {"objectives", info.objectives},
              {"provenance", info.provenance}};
    // Fields the caller added to its own architecture JSON (e.g. an archive id) are kept.
    if (info.architecture.is_object())
        for (const auto& [k, v] : info.architecture.items())
            if (!j.contains(k)) j[k] = v;
    return j;
}

void writeSubnetJson(const std::filesystem::path& file, const SearchSpace& s, const Architecture& a) {
    writeJsonAtomic(file, toSubnetJson(s, a));
}

void writeNetConfig(const std::filesystem::path& file, const SearchSpace& s, const Architecture& a,
                    const NetShape& shape) {
    writeJsonAtomic(file, toNetConfig(s, a, shape));
}

void writeArchitectureJson(const std::filesystem::path& file, const SearchSpace& s, const Architecture& a,
                           const ExportInfo& info, int numClasses) {
    writeJsonAtomic(file, architectureJson(s, a, info, numClasses));
}

}  // namespace nat::exporting
